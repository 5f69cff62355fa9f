package com.ytwhisper.client.jobs;

import java.time.Duration;
import java.util.Optional;

import com.ytwhisper.client.runpod.ConfigProblem;

/**
 * The client's S3 access, built on first use: present when {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY} are set; commands that cannot work without it get a
 * {@link ConfigProblem} naming what to set.
 */
public class S3Access {

    private final S3Config s3;
    private final AwsConfig aws;
    private final JobsConfig jobs;
    private final Secrets secrets;
    private Optional<S3Results> results;

    public S3Access(S3Config s3, AwsConfig aws, JobsConfig jobs, Secrets secrets) {
        this.s3 = s3;
        this.aws = aws;
        this.jobs = jobs;
        this.secrets = secrets;
    }

    public synchronized Optional<S3Results> optional() {
        if (results == null) {
            results = S3Results.fromConfig(s3, aws);
        }
        return results;
    }

    /** S3 access, or a configuration problem naming what to set for {@code what}. */
    public S3Results require(String what) {
        return optional().orElseThrow(() -> new ConfigProblem(what
                + " needs S3 access: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_REGION, S3_ENDPOINT_URL "
                + "for an S3-compatible store)"));
    }

    /** The check after a 404: is the result still in the bucket? */
    public ResultCheck resultCheck() {
        return new ResultCheck(optional(), s3.bucket().orElse(null), s3.keyPrefix().orElse(null));
    }

    /** {@code --local-download}: yt-dlp here, upload to S3_BUCKET, presigned URL valid for {@code validity}. */
    public LocalAudio localAudio(Duration validity) {
        S3Results access = require("--local-download");
        String bucket = s3.bucket().orElseThrow(() -> new ConfigProblem(
                "--local-download uploads the audio to S3_BUCKET: set it"));
        return new LocalAudio(new LocalDownload(jobs.ytDlp(), jobs.localDownloadTimeout()), access, bucket,
                s3.keyPrefix().orElse(""), validity, secrets);
    }
}
