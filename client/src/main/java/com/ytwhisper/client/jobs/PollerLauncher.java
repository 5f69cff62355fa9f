package com.ytwhisper.client.jobs;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * Starts the shared poller as a detached process: the same JVM and jar with the hidden {@code poll}
 * command, in a new session ({@code setsid}) so closing the terminal (SIGHUP) or killing the caller's
 * process group does not stop it. Its stdin is {@code /dev/null} and its output goes to
 * {@code $YT_JOBS_HOME/poller.log}, so a caller reading our stdout (n8n) is not held open by it.
 */
public class PollerLauncher {

    private static final Logger LOG = Logger.getLogger(PollerLauncher.class);
    private static final long MAX_LOG_BYTES = 1 << 20;

    private final JobStore store;
    private final Optional<List<String>> command;
    /** The poller this process started last: while its JVM is still starting it holds no lock yet. */
    private Process launched;

    /** @param command the argv that runs this program (without a subcommand), if known */
    public PollerLauncher(JobStore store, Optional<List<String>> command) {
        this.store = store;
        this.command = command;
    }

    /** The argv of this JVM when it runs from a jar ({@code java [jvm options] -jar the.jar}). */
    public static Optional<List<String>> currentJvmCommand() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
            return Optional.empty(); // not started as `java -jar` (a test JVM, an IDE): nothing to relaunch
        }
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the same JVM options, except a CDS dump that belongs to the run that started us
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-XX:ArchiveClassesAtExit")).forEach(argv::add);
        argv.add("-jar");
        argv.add(Path.of(classPath).toAbsolutePath().toString());
        return Optional.of(argv);
    }

    /** Starts the poller when a job is active and none runs; quiet when it cannot (a test JVM). */
    public void keepPolling() {
        if (store.active().isEmpty()) {
            return;
        }
        try {
            ensureRunning(List.of());
        } catch (IllegalStateException e) {
            LOG.debug(e.getMessage());
        }
    }

    /** True when a background poller can be started from this process (it runs from the packaged jar). */
    public boolean canLaunch() {
        return command.isPresent();
    }

    /** Starts a poller unless one holds the lock; true when one was started. */
    public synchronized boolean ensureRunning(List<String> pollArguments) {
        if (launched != null && launched.isAlive() || PollerLock.isHeld(PollerLock.file(store))) {
            return false; // one starting or running poller is enough: a waiting command asks every second
        }
        List<String> base = command.orElseThrow(() -> new IllegalStateException(
                "Cannot start the background poller from this process (it was not started from the packaged jar); "
                        + "run `ytw resume`"));
        List<String> argv = new ArrayList<>();
        setsid().ifPresent(argv::add);
        argv.addAll(base);
        argv.add("poll");
        argv.addAll(pollArguments);
        Path log = store.home().resolve("poller.log");
        try {
            Files.createDirectories(store.home());
            rotate(log);
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true);
            builder.environment().put("YT_JOBS_HOME", store.home().toString());
            Process process = builder.start();
            launched = process;
            LOG.debugf("Started poller pid %d", process.pid());
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the background poller (" + e.getMessage()
                    + "); run `ytw resume` to try again", e);
        }
    }

    private static Optional<String> setsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static void rotate(Path log) throws IOException {
        if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
            Files.move(log, log.resolveSibling("poller.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
