package com.ytwhisper.worker.runpod;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform URLs of one worker, built from the env templates (reference §1.3-1.4):
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

    /** The per-job stop channel: job-take with {@code /job-stop/}, the original query kept. */
    public URI stop() {
        return URI.create(take.replace("/job-take/", "/job-stop/"));
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

    /** The one-off report of a failed start (reference §1.17); the reason is cut to 256 chars. */
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
        return URI.create(sb.toString());
    }
}
