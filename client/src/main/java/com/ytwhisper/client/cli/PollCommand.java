package com.ytwhisper.client.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jboss.logging.Logger;

import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.JobsConfig;
import com.ytwhisper.client.jobs.PollerLock;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The hidden {@code ytw poll}: the background poller itself. Started detached by submit, retry,
 * resume, status and wait; exits at once when another poller holds the lock, and when no job is
 * active any more.
 */
@Command(name = "poll", hidden = true, description = "Run the background poller in the foreground.")
public class PollCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(PollCommand.class);

    @Option(names = "--interval", paramLabel = "DURATION", converter = Durations.class,
            description = "Time between polling rounds (default: YTW_POLL_INTERVAL, 15s).")
    Duration interval;

    @Mixin
    CommandSkeleton cli;

    private final JobStore store;
    private final Polling polling;
    private final JobsConfig jobs;

    PollCommand(JobStore store, Polling polling, JobsConfig jobs) {
        this.store = store;
        this.polling = polling;
        this.jobs = jobs;
    }

    @Override
    public Integer call() throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        Optional<PollerLock> lock = PollerLock.acquire(PollerLock.file(store));
        if (lock.isEmpty()) {
            LOG.infof("poller %d: another poller is running; leaving", pid);
            return ExitCodes.OK;
        }
        Duration every = interval != null ? interval : jobs.pollInterval();
        LOG.infof("poller %d: polling every %s", pid, Durations.format(every));
        try {
            polling.poller(every).run(lock.get());
        } finally {
            lock.get().close();
        }
        LOG.infof("poller %d: no active job left; leaving", pid);
        return ExitCodes.OK;
    }
}
