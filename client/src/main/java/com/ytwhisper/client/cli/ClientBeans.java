package com.ytwhisper.client.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.ytwhisper.client.jobs.AwsConfig;
import com.ytwhisper.client.jobs.JobId;
import com.ytwhisper.client.jobs.JobRequests;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.JobsConfig;
import com.ytwhisper.client.jobs.JobsHomeConfig;
import com.ytwhisper.client.jobs.PollerLauncher;
import com.ytwhisper.client.jobs.RawLog;
import com.ytwhisper.client.jobs.S3Access;
import com.ytwhisper.client.jobs.S3Config;
import com.ytwhisper.client.jobs.Secrets;
import com.ytwhisper.client.jobs.Submission;
import com.ytwhisper.client.runpod.RunpodConfig;

/**
 * CDI producers for the plain classes of {@code jobs}, built once per process from configuration;
 * commands receive them through their constructors.
 */
@ApplicationScoped
class ClientBeans {

    @Produces
    @Singleton
    Secrets secrets(RunpodConfig runpod, AwsConfig aws) {
        List<String> values = new ArrayList<>();
        runpod.apiKey().ifPresent(values::add);
        aws.secretAccessKey().ifPresent(values::add);
        aws.accessKeyId().ifPresent(values::add);
        return new Secrets(values);
    }

    @Produces
    @Singleton
    JobStore store(JobsHomeConfig home, Secrets secrets) {
        return new JobStore(home.resolvedJobsHome(), secrets);
    }

    @Produces
    @Singleton
    RawLog rawLog(JobStore store, Secrets secrets) {
        return new RawLog(store, secrets);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Submission submission(JobStore store, RawLog rawLog, Clock clock) {
        return new Submission(store, rawLog, JobId.systemDefault(), clock);
    }

    @Produces
    @Singleton
    PollerLauncher launcher(JobStore store) {
        return new PollerLauncher(store, PollerLauncher.currentJvmCommand());
    }

    @Produces
    @Singleton
    JobRequests jobRequests(JobsConfig jobs, S3Config s3, AwsConfig aws) {
        return JobRequests.fromConfig(jobs, s3, aws);
    }

    @Produces
    @Singleton
    S3Access s3Access(S3Config s3, AwsConfig aws, JobsConfig jobs, Secrets secrets) {
        return new S3Access(s3, aws, jobs, secrets);
    }
}
