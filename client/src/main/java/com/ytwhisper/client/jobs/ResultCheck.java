package com.ytwhisper.client.jobs;

import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.ytwhisper.client.jobs.S3Results.Location;

/**
 * What a 404 from {@code /status} means: Runpod forgot the job (ttl, or 30 minutes after it ended).
 * When S3 credentials are set, the SRT the job should have written
 * ({@code s3_key_prefix + request_id + ".srt"}) is looked up: found means {@code done}, otherwise
 * the result expired.
 */
public class ResultCheck implements Poller.ExpiryCheck {

    private static final Logger LOG = Logger.getLogger(ResultCheck.class);

    private final Optional<S3Results> s3;
    private final String defaultBucket;
    private final String defaultPrefix;

    /** @param defaultBucket and defaultPrefix apply to jobs submitted without them ({@code S3_*}) */
    public ResultCheck(Optional<S3Results> s3, String defaultBucket, String defaultPrefix) {
        this.s3 = s3;
        this.defaultBucket = defaultBucket;
        this.defaultPrefix = defaultPrefix;
    }

    @Override
    public JobStatus whenNotFound(JobStatus job, Instant now) {
        Optional<Location> expected = expected(job);
        if (s3.isEmpty() || expected.isEmpty()) {
            return StatusMapping.expired(job, now);
        }
        Location location = expected.get();
        try {
            if (s3.get().exists(location)) {
                LOG.infof("Job %s: Runpod forgot it, but its SRT is at %s", job.jobId(), location);
                return job.done(location.toString(), StatusMapping.NOT_FOUND, job.delayMs(), job.executionMs(), null,
                        now);
            }
            return StatusMapping.expired(job, now).failed(StatusMapping.expired(job, now).error()
                    + "; no SRT at " + location, null, now);
        } catch (RuntimeException e) {
            return StatusMapping.expired(job, now).failed(StatusMapping.expired(job, now).error()
                    + "; the S3 check of " + location + " failed: " + e.getMessage(), null, now);
        }
    }

    Optional<Location> expected(JobStatus job) {
        String bucket = job.s3Bucket() != null ? job.s3Bucket() : defaultBucket;
        if (bucket == null || bucket.isBlank() || job.requestId() == null) {
            return Optional.empty();
        }
        String prefix = job.s3KeyPrefix() != null ? job.s3KeyPrefix() : defaultPrefix != null ? defaultPrefix : "";
        return Optional.of(new Location(bucket, prefix + job.requestId() + ".srt"));
    }
}
