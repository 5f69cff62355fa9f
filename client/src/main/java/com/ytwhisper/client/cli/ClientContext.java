package com.ytwhisper.client.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import com.ytwhisper.client.jobs.AwsConfig;
import com.ytwhisper.client.jobs.JobId;
import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.JobsConfig;
import com.ytwhisper.client.jobs.JobsHomeConfig;
import com.ytwhisper.client.jobs.Poller;
import com.ytwhisper.client.jobs.PollerLauncher;
import com.ytwhisper.client.jobs.RawLog;
import com.ytwhisper.client.jobs.S3Config;
import com.ytwhisper.client.jobs.Secrets;
import com.ytwhisper.client.jobs.StatusBreaker;
import com.ytwhisper.client.jobs.StatusMapping;
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

    public Poller poller(java.time.Duration interval) {
        RunpodClient client = runpod();
        return new Poller(store, rawLog, id -> breaker.fetch(client, id), this::whenNotFound, clock,
                new Poller.Settings(interval, jobsConfig.submitStaleAfter()));
    }

    /** After a 404 the result is gone from Runpod; the S3 check can still find the SRT. */
    private JobStatus whenNotFound(JobStatus job, java.time.Instant now) {
        return StatusMapping.expired(job, now);
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
