package com.ytwhisper.worker.runpod;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP to the platform with the headers the Python SDK sends (docs/runpod-protocol.md §1.5, §1.8):
 * the raw API key as {@code Authorization}, a User-Agent, and for job-done the SDK's form content
 * type with a JSON body plus {@code X-Request-ID}.
 */
public final class PlatformClient {

    private final HttpClient http;
    private final String apiKey;
    private final String userAgent;

    public PlatformClient(String apiKey, WorkerIdentity identity, Duration connectTimeout) {
        this.apiKey = apiKey;
        this.userAgent = identity.version() + " (" + System.getProperty("os.name") + "; "
                + System.getProperty("os.arch") + ") Language/Java " + Runtime.version().feature();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Starts a GET; the caller may cancel the future (used to abandon a long-poll at shutdown). */
    public CompletableFuture<HttpResponse<String>> getAsync(URI uri, Duration timeout) {
        return http.sendAsync(base(uri, timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(URI uri, Duration timeout) throws IOException, InterruptedException {
        return http.send(base(uri, timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a job-done or job-stream body for {@code jobId}. */
    public HttpResponse<String> post(URI uri, String jsonBody, String jobId, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest request = base(uri, timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("charset", "utf-8")
                .header("X-Request-ID", jobId)
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder base(URI uri, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent);
        if (apiKey != null && !apiKey.isEmpty()) {
            b.header("Authorization", apiKey);
        }
        return b;
    }
}
