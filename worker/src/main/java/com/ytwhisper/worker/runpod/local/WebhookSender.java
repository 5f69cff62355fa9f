package com.ytwhisper.worker.runpod.local;

import com.ytwhisper.worker.shared.DaemonThreads;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.worker.egress.DestinationRefusedException;
import com.ytwhisper.worker.egress.SafeUrl;
import com.ytwhisper.worker.egress.UrlPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jboss.logging.Logger;

/**
 * Posts a finished job's status body to its {@code webhook}, as Runpod does: JSON, the body
 * {@code /status} shows; a 2xx answer counts as delivered, anything else is tried again after
 * 1 s and 5 s (three attempts). Runs on its own threads, so the queue never waits for a receiver.
 * Each attempt checks the address with the network guard's {@link UrlPolicy} and connects to the
 * address it checked (a name that resolves elsewhere later is not followed); redirects are not
 * followed. URLs appear in logs without their query.
 */
@Singleton
public class WebhookSender implements LocalQueue.JobEnd, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    static final long[] RETRY_DELAYS_MS = {1_000, 5_000};
    private static final int TIMEOUT_MS = 10_000;

    private final UrlPolicy policy;
    private final ObjectMapper json;
    private final long[] retryDelaysMs;
    private final ScheduledExecutorService threads;

    @Inject
    public WebhookSender(UrlPolicy policy, ObjectMapper json) {
        this(policy, json, RETRY_DELAYS_MS);
    }

    WebhookSender(UrlPolicy policy, ObjectMapper json, long[] retryDelaysMs) {
        this.policy = policy;
        this.json = json;
        this.retryDelaysMs = retryDelaysMs.clone();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, DaemonThreads.named("local-webhook"));
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.threads = pool;
    }

    @Override
    public void ended(URI webhook, JobView status) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(status);
        } catch (JsonProcessingException e) {
            LOG.errorf("job %s: its status could not be written as JSON for the webhook: %s", status.id(), e.getMessage());
            return;
        }
        try {
            threads.execute(() -> attempt(webhook, status.id(), body, 1));
        } catch (RejectedExecutionException e) {
            LOG.warnf("job %s: webhook %s not sent, the worker is shutting down", status.id(), SafeUrl.display(webhook));
        }
    }

    private void attempt(URI webhook, String job, byte[] body, int attempt) {
        String outcome;
        try {
            int answer = post(webhook, body);
            if (answer / 100 == 2) {
                LOG.infof("job %s: webhook %s answered %d", job, SafeUrl.display(webhook), answer);
                return;
            }
            outcome = "answered " + answer;
        } catch (DestinationRefusedException e) {
            LOG.warnf("job %s: webhook %s refused by the network guard (%s); not sent", job, SafeUrl.display(webhook),
                    e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            outcome = "failed (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + SafeUrl.scrub(e.getMessage())) + ")";
        }
        if (attempt > retryDelaysMs.length) {
            LOG.warnf("job %s: webhook %s %s; gave up after %d attempts", job, SafeUrl.display(webhook), outcome, attempt);
            return;
        }
        LOG.infof("job %s: webhook %s %s; trying again in %d ms", job, SafeUrl.display(webhook), outcome,
                retryDelaysMs[attempt - 1]);
        try {
            threads.schedule(() -> attempt(webhook, job, body, attempt + 1), retryDelaysMs[attempt - 1],
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warnf("job %s: webhook %s not retried, the worker is shutting down", job, SafeUrl.display(webhook));
        }
    }

    /** One POST over HTTP/1.1 to the checked address; returns the status code. */
    private int post(URI webhook, byte[] body) throws IOException, DestinationRefusedException {
        boolean https = webhook.getScheme().equalsIgnoreCase("https");
        int port = webhook.getPort() < 0 ? (https ? 443 : 80) : webhook.getPort();
        String host = webhook.getHost();
        List<InetAddress> addresses = policy.checkDestination(host, port);
        try (Socket socket = connect(addresses, port, https ? bare(host) : null)) {
            String path = (webhook.getRawPath() == null || webhook.getRawPath().isEmpty() ? "/" : webhook.getRawPath())
                    + (webhook.getRawQuery() == null ? "" : "?" + webhook.getRawQuery());
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: " + host + (webhook.getPort() < 0 ? "" : ":" + port) + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "User-Agent: ytw-worker-local-api\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            String[] parts = status == null ? new String[0] : status.split(" ", 3);
            if (parts.length < 2 || !parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
                throw new IOException("not an HTTP answer");
            }
            return Integer.parseInt(parts[1]);
        }
    }

    /** Connects to the first checked address that answers; with {@code tlsHost}, TLS verified for that name. */
    private static Socket connect(List<InetAddress> addresses, int port, String tlsHost) throws IOException {
        IOException last = new IOException("no address");
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), TIMEOUT_MS);
                socket.setSoTimeout(TIMEOUT_MS);
                return tlsHost == null ? socket : tls(socket, tlsHost, port);
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last;
    }

    private static Socket tls(Socket plain, String host, int port) throws IOException {
        SSLSocket ssl;
        try {
            ssl = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain, host, port, true);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS available", e);
        }
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        return ssl;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @PreDestroy
    @Override
    public void close() {
        threads.shutdown(); // posts under way may finish; retries still waiting are dropped
        try {
            if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
