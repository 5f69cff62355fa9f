package com.ytwhisper.testkit.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback web server with spoken test media, for yt-dlp and the pipeline (JDK HttpServer on
 * 127.0.0.1, ephemeral port). Paths:
 * <ul>
 *   <li>{@code /speech.mp4}, {@code /speech.webm}: {@link SpeechFixtures#speech()}, with ETag and
 *       Last-Modified; query {@code rate=N}
 *       sends N bytes per second, {@code chunked=1} leaves out Content-Length</li>
 *   <li>{@code /page.html}: an HTML page with a {@code <video>} tag and {@code og:video}</li>
 *   <li>{@code /long.html}: a page whose JSON-LD says the video lasts five hours</li>
 *   <li>{@code /redirect?to=URL}: 302 to URL</li>
 *   <li>{@code /playlist.m3u8?segment=URL}: an HLS playlist whose one segment is URL;
 *       {@code /playlist.mp4?segment=URL} the same posing as MP4</li>
 *   <li>anything else: 404</li>
 * </ul>
 * Every request is logged, so a test can assert that nothing was fetched.
 */
public final class MediaServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final SpeechFixtures.Speech speech;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> cookies = new CopyOnWriteArrayList<>();

    private MediaServer(SpeechFixtures.Speech speech) throws IOException {
        this.speech = speech;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "media-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /** Starts a server for {@link SpeechFixtures#speech()} (made first if needed). */
    public static MediaServer start() {
        return start(SpeechFixtures.speech());
    }

    public static MediaServer start(SpeechFixtures.Speech speech) {
        try {
            MediaServer media = new MediaServer(speech);
            media.server.start();
            return media;
        } catch (IOException e) {
            throw new IllegalStateException("media server could not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:port}, e.g. for {@code WORKER_ALLOW_PRIVATE_URLS}. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:port} + {@code pathAndQuery}. */
    public String url(String pathAndQuery) {
        return "http://" + hostPort() + pathAndQuery;
    }

    /** The speech these files hold. */
    public SpeechFixtures.Speech speech() {
        return speech;
    }

    /** Every request so far, as {@code METHOD /path?query}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Every {@code Cookie} header received so far. */
    public List<String> cookies() {
        return List.copyOf(cookies);
    }

    /** Forgets the request and cookie logs. */
    public void clearRequests() {
        requests.clear();
        cookies.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        requests.add(exchange.getRequestMethod() + " " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookie != null) {
            cookies.add(cookie);
        }
        Map<String, String> query = query(uri.getRawQuery());
        try (exchange) {
            switch (uri.getPath()) {
                case "/speech.mp4" -> sendFile(exchange, speech.mp4(), "video/mp4", query);
                case "/speech.webm" -> sendFile(exchange, speech.webm(), "video/webm", query);
                case "/page.html" -> sendText(exchange, 200, "text/html", page());
                case "/long.html" -> sendText(exchange, 200, "text/html", longPage());
                case "/playlist.m3u8" -> sendText(exchange, 200, "application/vnd.apple.mpegurl", playlist(query));
                case "/playlist.mp4" -> sendText(exchange, 200, "video/mp4", playlist(query));
                case "/redirect" -> {
                    exchange.getResponseHeaders().add("Location", query.getOrDefault("to", "/"));
                    exchange.sendResponseHeaders(302, -1);
                }
                default -> sendText(exchange, 404, "text/plain", "not found\n");
            }
        } catch (IOException e) {
            // the client went away (a killed download); nothing to do
        }
    }

    private String page() {
        String mp4 = url("/speech.mp4");
        return "<!doctype html><html><head><title>Speech</title>"
                + "<meta property=\"og:video\" content=\"" + mp4 + "\">"
                + "<meta property=\"og:video:type\" content=\"video/mp4\"></head>"
                + "<body><video src=\"" + mp4 + "\" controls></video></body></html>";
    }

    private static String playlist(Map<String, String> query) {
        return "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n" + query.getOrDefault("segment", "/speech.mp4")
                + "\n#EXT-X-ENDLIST\n";
    }

    private String longPage() {
        return "<!doctype html><html><head><title>Long talk</title>"
                + "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"VideoObject\","
                + "\"name\":\"Long talk\",\"duration\":\"PT5H\",\"uploadDate\":\"2024-01-01\","
                + "\"contentUrl\":\"" + url("/speech.mp4") + "\"}</script></head><body></body></html>";
    }

    private static void sendText(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void sendFile(HttpExchange exchange, Path file, String type, Map<String, String> query)
            throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        exchange.getResponseHeaders().add("Content-Type", type);
        // validators as real servers send them (the worker's transcript cache keys audio_url on them)
        exchange.getResponseHeaders().add("ETag", etag(bytes));
        exchange.getResponseHeaders().add("Last-Modified",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(Files.getLastModifiedTime(file).toInstant().atZone(ZoneOffset.UTC)));
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().add("Content-Length", String.valueOf(bytes.length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, query.containsKey("chunked") ? 0 : bytes.length);
        OutputStream out = exchange.getResponseBody();
        long rate = Long.parseLong(query.getOrDefault("rate", "0"));
        if (rate <= 0) {
            out.write(bytes);
            return;
        }
        int slice = (int) Math.max(1, rate / 10); // ten slices a second
        for (int offset = 0; offset < bytes.length; offset += slice) {
            out.write(bytes, offset, Math.min(slice, bytes.length - offset));
            out.flush();
            sleep(100);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                map.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
