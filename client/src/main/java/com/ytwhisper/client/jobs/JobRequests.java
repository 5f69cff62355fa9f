package com.ytwhisper.client.jobs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Builds validated {@link JobRequest}s from what a user asked for and the configured defaults. It
 * holds the rules a job must meet before it is sent: http(s) URLs, one URL per request id, a known
 * task and formats, Runpod's policy limits (execution timeout 5 s to 7 d, ttl 10 s to 7 d) and a
 * ttl longer than the execution timeout (Runpod deletes a job when its ttl ends, even while it
 * runs), and S3 credentials only when both keys are set.
 */
public final class JobRequests {

    /** Runpod's limits for {@code policy.executionTimeout} and {@code policy.ttl}. */
    static final Duration MIN_EXECUTION = Duration.ofSeconds(5);
    static final Duration MIN_TTL = Duration.ofSeconds(10);
    static final Duration MAX_POLICY = Duration.ofDays(7);
    /** Runpod's ttl when a job sets none. */
    public static final Duration RUNPOD_DEFAULT_TTL = Duration.ofHours(24);
    static final Set<String> FORMATS = Set.of("srt", "vtt", "json", "txt");

    /** A request that breaks a rule; the message names the option and the fix. */
    public static final class InvalidRequest extends IllegalArgumentException {
        public InvalidRequest(String message) {
            super(message);
        }
    }

    /**
     * The configured defaults ({@code YTW_*}, {@code S3_*}, {@code AWS_*}); null where unset.
     *
     * @param credentials what {@code --pass-credentials} sends, or null when the keys are not both set
     */
    public record Defaults(Duration executionTimeout, Duration ttl, String language, List<String> formats,
            String s3Bucket, String s3KeyPrefix, JobRequest.Credentials credentials) {
    }

    /** What one submit asked for; null means "use the default". */
    public record Options(String requestId, String language, String task, List<String> formats, String s3Bucket,
            String s3KeyPrefix, String webhook, Duration executionTimeout, Duration ttl, boolean passCredentials) {

        public static Options none() {
            return new Options(null, null, null, null, null, null, null, null, null, false);
        }
    }

    private final Defaults defaults;

    public JobRequests(Defaults defaults) {
        this.defaults = defaults;
    }

    public static JobRequests fromConfig(JobsConfig jobs, S3Config s3, AwsConfig aws) {
        JobRequest.Credentials credentials = aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()
                ? new JobRequest.Credentials(aws.accessKeyId().get(), aws.secretAccessKey().get(),
                        s3.endpointUrl().orElse(null))
                : null;
        return new JobRequests(new Defaults(jobs.executionTimeout(), jobs.ttl().orElse(null),
                jobs.language().orElse(null), jobs.formats().orElse(null), s3.bucket().orElse(null),
                s3.keyPrefix().orElse(null), credentials));
    }

    /** One request per URL, every rule checked before any is sent. */
    public List<JobRequest> create(List<String> urls, Options options) {
        if (urls.isEmpty()) {
            throw new InvalidRequest("give at least one URL (or --from-file FILE)");
        }
        if (options.requestId() != null && urls.size() > 1) {
            throw new InvalidRequest("--request-id names one output object; give exactly one URL with it");
        }
        return urls.stream().map(url -> create(url, options)).toList();
    }

    public JobRequest create(String url, Options options) {
        checkUrl(url);
        if (options.requestId() != null && !JobId.isSafe(options.requestId())) {
            throw new InvalidRequest("--request-id may use letters, digits, - and _ (up to 128), starting with a letter or digit");
        }
        if (options.task() != null && !options.task().equals("transcribe") && !options.task().equals("translate")) {
            throw new InvalidRequest("--task must be transcribe or translate, not '" + options.task() + "'");
        }
        List<String> formats = options.formats() != null ? options.formats() : defaults.formats();
        if (formats != null) {
            for (String format : formats) {
                if (!FORMATS.contains(format)) {
                    throw new InvalidRequest("--format must be srt, vtt, json or txt, not '" + format + "'");
                }
            }
        }
        Duration execution = options.executionTimeout() != null ? options.executionTimeout() : defaults.executionTimeout();
        Duration ttl = options.ttl() != null ? options.ttl() : defaults.ttl();
        checkPolicy(execution, ttl);
        JobRequest.Credentials credentials = null;
        if (options.passCredentials()) {
            credentials = defaults.credentials();
            if (credentials == null) {
                throw new InvalidRequest("--pass-credentials needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to be set");
            }
        }
        return new JobRequest(url, options.requestId(),
                options.s3Bucket() != null ? options.s3Bucket() : defaults.s3Bucket(),
                options.s3KeyPrefix() != null ? options.s3KeyPrefix() : defaults.s3KeyPrefix(),
                options.language() != null ? options.language() : defaults.language(),
                options.task(), formats, credentials, options.webhook(), execution, ttl);
    }

    private static void checkPolicy(Duration execution, Duration ttl) {
        if (execution.compareTo(MIN_EXECUTION) < 0 || execution.compareTo(MAX_POLICY) > 0) {
            throw new InvalidRequest("--execution-timeout must be between 5s and 7d");
        }
        if (ttl != null && (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_POLICY) > 0)) {
            throw new InvalidRequest("--ttl must be between 10s and 7d");
        }
        Duration effectiveTtl = ttl != null ? ttl : RUNPOD_DEFAULT_TTL;
        if (effectiveTtl.compareTo(execution) <= 0) {
            throw new InvalidRequest("the ttl (" + format(effectiveTtl) + (ttl == null ? ", Runpod's default" : "")
                    + ") must be longer than the execution timeout (" + format(execution)
                    + "): Runpod deletes a job when its ttl ends, even while it runs. Raise --ttl or lower --execution-timeout");
        }
    }

    private static void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidRequest("'" + url + "' is not an http(s) URL");
    }

    /** 90s, 45m, 4h, 1d: the largest whole unit, as users write durations. */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 86400 == 0 && s > 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
    }
}
