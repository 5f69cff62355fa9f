package com.ytwhisper.worker.egress;

import com.ytwhisper.worker.shared.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A small HTTP proxy on 127.0.0.1 that yt-dlp (and the ffmpeg it starts) must use: it takes
 * CONNECT and absolute-URI requests, checks each destination with {@link UrlPolicy}, connects to
 * the address it checked (so DNS cannot answer differently the second time) and answers 403
 * otherwise. yt-dlp follows redirects itself, so every hop comes through here. One guard serves
 * one job: its refusals and byte count belong to that job, and it stops the job's traffic once
 * the byte budget is spent.
 */
public final class EgressGuard implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EgressGuard.class);

    /**
     * @param connectTimeout  how long to wait for a destination to accept a connection
     * @param idleTimeout     a connection with no bytes either way for this long is closed
     * @param maxConnections  concurrent connections; more get 503
     * @param upstream        proxy to forward through ({@code YTDLP_PROXY}), if any
     */
    public record Settings(Duration connectTimeout, Duration idleTimeout, int maxConnections,
                           Optional<UpstreamProxy> upstream) {
    }

    private final UrlPolicy policy;
    private final Settings settings;
    private final long maxBytes;
    private final Runnable onLimit;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Semaphore permits;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<String> accessLog = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicBoolean limitReached = new AtomicBoolean();
    private volatile boolean closed;

    private EgressGuard(UrlPolicy policy, Settings settings, long maxBytes, Runnable onLimit) throws IOException {
        this.policy = policy;
        this.settings = settings;
        this.maxBytes = maxBytes;
        this.onLimit = onLimit;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.permits = new Semaphore(settings.maxConnections());
        this.threads = Executors.newCachedThreadPool(DaemonThreads.named("egress-guard-" + server.getLocalPort()));
    }

    /**
     * Starts a guard on an ephemeral loopback port.
     *
     * @param maxBytes bytes the job may receive over all its connections
     * @param onLimit  run once when {@code maxBytes} is exceeded (e.g. to stop the download)
     */
    public static EgressGuard start(UrlPolicy policy, Settings settings, long maxBytes, Runnable onLimit)
            throws IOException {
        EgressGuard guard = new EgressGuard(policy, settings, maxBytes, onLimit);
        guard.threads.execute(guard::acceptLoop);
        LOG.debugf("egress guard listening on %s", guard.proxyUrl());
        return guard;
    }

    /** The loopback port the guard listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** What to pass as {@code --proxy}: {@code http://127.0.0.1:port}. */
    public String proxyUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Every refused destination so far, e.g. {@code refused destination 127.0.0.2:80: loopback address}. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Allowed destinations that could not be reached, e.g. {@code could not connect to x:443: ...}. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Every allowed destination, e.g. {@code CONNECT www.youtube.com:443}. */
    public List<String> accessLog() {
        return List.copyOf(accessLog);
    }

    /** Bytes received from destinations so far. */
    public long bytesReceived() {
        return received.get();
    }

    public boolean limitReached() {
        return limitReached.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warnf("egress guard stopped accepting: %s", e.getMessage());
                }
                return;
            }
            if (!permits.tryAcquire()) {
                GuardedConnection.answerQuietly(client, 503, "too many connections through the egress guard");
                continue;
            }
            try {
                threads.execute(() -> {
                    try {
                        new GuardedConnection(client, this).run();
                    } finally {
                        permits.release();
                    }
                });
            } catch (RuntimeException e) {
                permits.release();
                closeQuietly(client);
            }
        }
    }

    // --- seams for GuardedConnection -------------------------------------------------------

    UrlPolicy policy() {
        return policy;
    }

    Settings settings() {
        return settings;
    }

    void execute(Runnable task) {
        threads.execute(task);
    }

    /** Tracks a socket so {@link #close()} can end it; false when the guard is already closed. */
    boolean track(Socket socket) {
        open.add(socket);
        if (closed) {
            open.remove(socket);
            return false;
        }
        return true;
    }

    void untrack(Socket socket) {
        open.remove(socket);
        closeQuietly(socket);
    }

    void refused(String line) {
        refusals.add(line);
        LOG.infof("egress guard: %s", line);
    }

    void failed(String line) {
        failures.add(line);
        LOG.infof("egress guard: %s", line);
    }

    void allowed(String line) {
        accessLog.add(line);
        LOG.debugf("egress guard: %s", line);
    }

    /** Counts received bytes; false once the budget is spent (the caller then drops the connection). */
    boolean count(int bytes) {
        if (received.addAndGet(bytes) <= maxBytes) {
            return true;
        }
        if (limitReached.compareAndSet(false, true)) {
            LOG.infof("egress guard: byte budget of %d spent, stopping the job's traffic", maxBytes);
            onLimit.run();
        }
        return false;
    }

    /** Stops accepting, ends every open connection and its threads. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing on a path that already failed or finished
        }
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
