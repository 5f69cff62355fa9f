package com.ytwhisper.client.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.JobsConfig;
import com.ytwhisper.client.jobs.Poller;
import com.ytwhisper.client.jobs.PollerLauncher;
import com.ytwhisper.client.jobs.PollerLock;
import com.ytwhisper.client.jobs.RawLog;
import com.ytwhisper.client.jobs.S3Access;
import com.ytwhisper.client.jobs.StatusBreaker;
import com.ytwhisper.client.runpod.RunpodClient;

/**
 * Keeps jobs followed: the detached background poller when this process can start one, otherwise
 * (a process not started from the packaged jar) rounds run here while a command waits.
 */
@Singleton
public class Polling {

    private final Endpoint endpoint;
    private final StatusBreaker breaker;
    private final S3Access s3;
    private final JobStore store;
    private final RawLog rawLog;
    private final Clock clock;
    private final JobsConfig jobs;
    private final PollerLauncher launcher;

    Polling(Endpoint endpoint, StatusBreaker breaker, S3Access s3, JobStore store, RawLog rawLog, Clock clock,
            JobsConfig jobs, PollerLauncher launcher) {
        this.endpoint = endpoint;
        this.breaker = breaker;
        this.s3 = s3;
        this.store = store;
        this.rawLog = rawLog;
        this.clock = clock;
        this.jobs = jobs;
        this.launcher = launcher;
    }

    public Poller poller(Duration interval) {
        RunpodClient client = endpoint.client();
        return new Poller(store, rawLog, id -> breaker.fetch(client, id), s3.resultCheck(), clock,
                new Poller.Settings(interval, jobs.submitStaleAfter()));
    }

    /** Starts the background poller when a job is active and none runs. */
    public void keepPolling() {
        launcher.keepPolling();
    }

    /** Starts it after a submit; fails loudly when it cannot be started, unless {@code quiet}. */
    public void start(boolean quiet) {
        if (quiet || !launcher.canLaunch()) {
            launcher.keepPolling();
        } else {
            launcher.ensureRunning(java.util.List.of());
        }
    }

    /**
     * For a command that waits: keeps the background poller going, or, where none can be started,
     * runs one round here when no other poller holds the lock.
     */
    public void follow() {
        if (launcher.canLaunch()) {
            launcher.keepPolling();
            return;
        }
        Optional<PollerLock> lock;
        try {
            lock = PollerLock.acquire(PollerLock.file(store));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (lock.isPresent()) {
            try {
                poller(jobs.pollInterval()).pollOnce();
            } finally {
                lock.get().close();
            }
        }
    }
}
