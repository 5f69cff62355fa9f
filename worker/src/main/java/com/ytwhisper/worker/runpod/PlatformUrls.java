package com.ytwhisper.worker.runpod;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform URLs of one worker, built from the env templates (docs/runpod-protocol.md §1.3-1.4):
 * {@code $RUNPOD_POD_ID} and {@code $ID} become the worker id in the take and ping templates,
 * {@code $ID} becomes the job id in job-done; extra query parameters join with {@code ?} or
 * {@code &} as the template needs.
 */
public record PlatformUrls(String take, String done, String ping, String stream) {

    public PlatformUrls(String take, String done, String ping) {
        this(take, done, ping, null);
    }

    /** Substitutes the worker id; {@code ping} may be null (no heartbeat). */
    public static PlatformUrls of(String takeTemplate, String doneTemplate, String pingTemplate, String podId) {
        if (takeTemplate == null || takeTemplate.isBlank()) {
            throw new IllegalArgumentException("RUNPOD_WEBHOOK_GET_JOB is empty");
        }
        if (doneTemplate == null || doneTemplate.isBlank()) {
            throw new IllegalArgumentException(
                    "RUNPOD_WEBHOOK_POST_OUTPUT is not set: the worker could not deliver any result");
        }
        String take = takeTemplate.replace("$RUNPOD_POD_ID", podId).replace("$ID", podId);
        String done = doneTemplate.replace("$RUNPOD_POD_ID", podId);
        String ping = pingTemplate == null || pingTemplate.isBlank() ? null : pingTemplate.replace("$RUNPOD_POD_ID", podId);
        return new PlatformUrls(take, done, ping);
    }

    /** job-take, or job-take-batch when more than one job is wanted. */
    public URI take(int count, boolean jobInProgress) {
        Map<String, String> q = new LinkedHashMap<>();
        String base = take;
        if (count > 1) {
            base = take.replace("/job-take/", "/job-take-batch/");
            q.put("batch_size", Integer.toString(count));
        }
        q.put("job_in_progress", jobInProgress ? "1" : "0");
        return withQuery(base, q);
    }

    /**
     * Whether the take template has a stop channel: the SDK derives it by replacing
     * {@code /job-take/} with {@code /job-stop/} (runpod-python {@code rp_job.py: _job_stop_url});
     * without that segment there is none (polling the take URL itself would take real jobs).
     */
    public boolean hasStopChannel() {
        return take.contains("/job-take/");
    }

    /** The per-job stop channel: job-take with {@code /job-stop/}, the original query kept. */
    public URI stop() {
        if (!hasStopChannel()) {
            throw new IllegalStateException("RUNPOD_WEBHOOK_GET_JOB has no /job-take/ segment: no stop channel");
        }
        return uri(take.replace("/job-take/", "/job-stop/"));
    }

    public URI done(String jobId, boolean isStream) {
        return withQuery(done.replace("$ID", jobId), Map.of("isStream", Boolean.toString(isStream)));
    }

    /**
     * The same URLs plus job-stream ({@code RUNPOD_WEBHOOK_POST_STREAM}, placeholders as in
     * job-done); null or blank leaves streaming off.
     */
    public PlatformUrls withStream(String streamTemplate, String podId) {
        String s = streamTemplate == null || streamTemplate.isBlank() ? null : streamTemplate.replace("$RUNPOD_POD_ID", podId);
        return new PlatformUrls(take, done, ping, s);
    }

    public boolean hasStream() {
        return stream != null;
    }

    /** job-stream for one job; runpod-python sends {@code isStream=false} here too. */
    public URI stream(String jobId) {
        return withQuery(stream.replace("$ID", jobId), Map.of("isStream", "false"));
    }

    public boolean hasPing() {
        return ping != null;
    }

    public URI ping(Collection<String> jobIds, String version) {
        Map<String, String> q = new LinkedHashMap<>();
        if (!jobIds.isEmpty()) {
            q.put("job_id", String.join(",", jobIds));
        }
        q.put("runpod_version", version);
        return withQuery(ping, q);
    }

    /** The one-off report of a failed start (docs/runpod-protocol.md §1.17); the reason is cut to 256 chars. */
    public URI unhealthy(String check, String reason, String version) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("status", "unhealthy");
        q.put("check", check);
        q.put("reason", reason.length() > 256 ? reason.substring(0, 256) : reason);
        q.put("runpod_version", version);
        return withQuery(ping, q);
    }

    static URI withQuery(String url, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(url);
        char sep = url.indexOf('?') >= 0 ? (url.endsWith("?") || url.endsWith("&") ? 0 : '&') : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sep != 0) {
                sb.append(sep);
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return uri(sb.toString());
    }

    /**
     * The URI of a URL built from a template, with every character a URI may not hold (a raw
     * space, quotes, braces, non-ASCII) percent-encoded as UTF-8; escapes already there are kept.
     * A template such as {@code ?gpu=NVIDIA RTX A5000} would otherwise stop the loop.
     */
    static URI uri(String url) {
        StringBuilder sb = new StringBuilder(url.length());
        byte[] bytes = url.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escape = b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escape || b < 0x80 && URI_CHARS.indexOf(b) >= 0) {
                sb.append((char) b);
            } else {
                sb.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            }
        }
        return URI.create(sb.toString());
    }

    /** Unreserved and reserved characters of RFC 3986: what a URI holds unescaped. */
    private static final String URI_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=";
    private static final String HEX = "0123456789ABCDEF";

    private static boolean isHex(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }
}
