package com.ytwhisper.testkit.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for an S3 endpoint that answers every request with one S3 XML error, on 127.0.0.1.
 * It exists because S3Mock ignores credentials and never denies access. Like AWS, it echoes the
 * access key id in authentication errors, so tests can prove that the worker does not repeat it.
 */
public final class S3ErrorStandIn implements AutoCloseable {

    /** The errors it can answer, with the status and message AWS S3 uses. */
    public enum S3Error {
        ACCESS_DENIED(403, "AccessDenied", "Access Denied"),
        INVALID_ACCESS_KEY_ID(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."),
        SIGNATURE_DOES_NOT_MATCH(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method."),
        NO_SUCH_BUCKET(404, "NoSuchBucket", "The specified bucket does not exist"),
        SLOW_DOWN(503, "SlowDown", "Please reduce your request rate."),
        INTERNAL_ERROR(500, "InternalError", "We encountered an internal error. Please try again.");

        final int status;
        final String code;
        final String message;

        S3Error(int status, String code, String message) {
            this.status = status;
            this.code = code;
            this.message = message;
        }
    }

    /** One request as received: method, raw path, Host and Content-Type headers. */
    public record Request(String method, String path, String host, String contentType) {
    }

    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/,\\s]+)/");

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile S3Error error;

    private S3ErrorStandIn(S3Error error) throws IOException {
        this.error = error;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public static S3ErrorStandIn start(S3Error error) {
        try {
            return new S3ErrorStandIn(error);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers later requests with {@code next}. */
    public void answerWith(S3Error next) {
        this.error = next;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received so far, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            String method = exchange.getRequestMethod();
            requests.add(new Request(method, exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Content-Type")));
            S3Error current = error;
            byte[] xml = errorXml(current, exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.getResponseHeaders().add("x-amz-request-id", "STANDIN" + requests.size());
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(current.status, -1);
            } else {
                exchange.sendResponseHeaders(current.status, xml.length);
                exchange.getResponseBody().write(xml);
            }
        }
    }

    private static byte[] errorXml(S3Error error, String authorization) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>")
                .append(error.code).append("</Code><Message>").append(error.message).append("</Message>");
        Matcher key = ACCESS_KEY.matcher(authorization == null ? "" : authorization);
        if ((error == S3Error.INVALID_ACCESS_KEY_ID || error == S3Error.SIGNATURE_DOES_NOT_MATCH) && key.find()) {
            xml.append("<AWSAccessKeyId>").append(key.group(1)).append("</AWSAccessKeyId>");
        }
        return xml.append("<RequestId>STANDIN</RequestId></Error>").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
