package com.ytwhisper.client.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.ytwhisper.client.jobs.AwsConfig;
import com.ytwhisper.client.jobs.JobId;
import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.JobsConfig;
import com.ytwhisper.client.jobs.JobsHomeConfig;
import com.ytwhisper.client.jobs.LocalAudio;
import com.ytwhisper.client.jobs.LocalDownload;
import com.ytwhisper.client.jobs.Poller;
import com.ytwhisper.client.jobs.PollerLauncher;
import com.ytwhisper.client.jobs.RawLog;
import com.ytwhisper.client.jobs.ResultCheck;
import com.ytwhisper.client.jobs.S3Config;
import com.ytwhisper.client.jobs.S3Results;
import com.ytwhisper.client.jobs.Secrets;
import com.ytwhisper.client.jobs.StatusBreaker;
import com.ytwhisper.client.jobs.Submission;
import com.ytwhisper.client.runpod.RunpodCalls;
import com.ytwhisper.client.runpod.RunpodClient;
import com.ytwhisper.client.runpod.RunpodConfig;
import com.ytwhisper.client.runpod.RunpodTarget;

/**
 * Wires the plain classes of {@code jobs} and {@code runpod} from configuration, once per process.
 * The Runpod target is resolved only when a command needs the API, so commands that read local
 * files ({@code check_yt_job}) work without any Runpod configuration.
 */
@Singleton
public class ClientContext {

    private final RunpodConfig runpodConfig;
    private final JobsConfig jobsConfig;
    private final S3Config s3Config;
    private final AwsConfig awsConfig;
    private final RunpodCalls calls;
    private final StatusBreaker breaker;
    private final Secrets secrets;
    private final JobStore store;
    private final RawLog rawLog;
    private final Clock clock = Clock.systemUTC();
    private RunpodClient runpod;
    private Optional<S3Results> s3Results;

    ClientContext(RunpodConfig runpodConfig, JobsConfig jobsConfig, JobsHomeConfig homeConfig, S3Config s3Config,
            AwsConfig awsConfig, RunpodCalls calls, StatusBreaker breaker) {
        this.runpodConfig = runpodConfig;
        this.jobsConfig = jobsConfig;
        this.s3Config = s3Config;
        this.awsConfig = awsConfig;
        this.calls = calls;
        this.breaker = breaker;
        List<String> secretValues = new ArrayList<>();
        runpodConfig.apiKey().ifPresent(secretValues::add);
        awsConfig.secretAccessKey().ifPresent(secretValues::add);
        awsConfig.accessKeyId().ifPresent(secretValues::add);
        this.secrets = new Secrets(secretValues);
        this.store = new JobStore(homeConfig.resolvedJobsHome(), secrets);
        this.rawLog = new RawLog(store, secrets);
    }

    public JobStore store() {
        return store;
    }

    public RawLog rawLog() {
        return rawLog;
    }

    public Secrets secrets() {
        return secrets;
    }

    public Clock clock() {
        return clock;
    }

    public JobsConfig jobs() {
        return jobsConfig;
    }

    public S3Config s3() {
        return s3Config;
    }

    public AwsConfig aws() {
        return awsConfig;
    }

    /** The endpoint API; throws a ConfigProblem naming what to set when it is not configured. */
    public synchronized RunpodClient runpod() {
        if (runpod == null) {
            RunpodTarget target = RunpodTarget.resolve(runpodConfig, store.configDir());
            runpod = new RunpodClient(calls, target);
            // a key read from the config file is a secret too
            secrets.add(target.apiKey());
        }
        return runpod;
    }

    public Submission submission() {
        return new Submission(store, rawLog, JobId.systemDefault(), clock);
    }

    public PollerLauncher launcher() {
        return new PollerLauncher(store, PollerLauncher.currentJvmCommand());
    }

    public Poller poller(Duration interval) {
        RunpodClient client = runpod();
        ResultCheck check = new ResultCheck(s3Results(), s3Config.bucket().orElse(null),
                s3Config.keyPrefix().orElse(null));
        return new Poller(store, rawLog, id -> breaker.fetch(client, id), check, clock,
                new Poller.Settings(interval, jobsConfig.submitStaleAfter()));
    }

    /** S3 access when {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} are set; built on first use. */
    public synchronized Optional<S3Results> s3Results() {
        if (s3Results == null) {
            s3Results = S3Results.fromConfig(s3Config, awsConfig);
        }
        return s3Results;
    }

    /** S3 access, or a usage error naming what to set for {@code what}. */
    public S3Results requireS3(String what) {
        return s3Results().orElseThrow(() -> new ExitException(ExitCodes.USAGE, what
                + " needs S3 access: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_REGION, S3_ENDPOINT_URL "
                + "for an S3-compatible store)"));
    }

    /** {@code --local-download}: yt-dlp here, upload to S3_BUCKET, presigned URL valid for {@code validity}. */
    public LocalAudio localAudio(Duration validity) {
        S3Results s3 = requireS3("--local-download");
        String bucket = s3Config.bucket().orElseThrow(() -> new ExitException(ExitCodes.USAGE,
                "--local-download uploads the audio to S3_BUCKET: set it"));
        return new LocalAudio(new LocalDownload(jobsConfig.ytDlp(), jobsConfig.localDownloadTimeout()), s3, bucket,
                s3Config.keyPrefix().orElse(""), validity, secrets);
    }

    /** The job, which must have reached Runpod; otherwise a usage error that says why not. */
    public JobStatus submittedJob(String jobId) {
        JobStatus job = store.read(jobId).orElseThrow(() -> new ExitException(ExitCodes.USAGE, "unknown job " + jobId));
        if (job.runpodJobId() == null) {
            throw new ExitException(ExitCodes.USAGE, "job " + jobId + " has no Runpod job id (status " + job.status().json()
                    + (job.error() != null ? ": " + job.error() : "") + ")");
        }
        return job;
    }

    /** Starts the background poller when a job is active and none runs; quiet when it cannot. */
    public void keepPolling() {
        if (store.active().isEmpty()) {
            return;
        }
        try {
            launcher().ensureRunning(List.of());
        } catch (IllegalStateException e) {
            org.jboss.logging.Logger.getLogger(ClientContext.class).debug(e.getMessage());
        }
    }
}
