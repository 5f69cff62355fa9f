package com.ytwhisper.worker.sidecar;

import com.ytwhisper.worker.shared.DaemonThreads;
import com.ytwhisper.worker.process.ChildProcesses;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running {@code python -m ytw_sidecar}: started without a shell, its stdout read as protocol
 * events, its stderr forwarded line by line to the worker's log.
 */
final class SidecarProcess {

    private static final Logger LOG = Logger.getLogger(SidecarProcess.class);
    private static final int STDERR_LINES_KEPT = 20;

    /** What the stdout reader hands over: an event, or the end of the process. */
    sealed interface Output permits Received, Exited {
    }

    record Received(SidecarProtocol.Event event) implements Output {
    }

    record Exited(int exitCode) implements Output {
    }

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<Output> output = new LinkedBlockingQueue<>();
    private final Deque<String> recentStderr = new ArrayDeque<>();
    private final Thread stderrForwarder;

    private SidecarProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        DaemonThreads.start("sidecar-stdout-" + pid(), this::readEvents);
        this.stderrForwarder = DaemonThreads.start("sidecar-stderr-" + pid(), this::forwardStderr);
    }

    static SidecarProcess start(SidecarSettings settings) {
        ProcessBuilder builder = new ProcessBuilder(settings.python(), "-m", "ytw_sidecar");
        Map<String, String> env = builder.environment();
        String inherited = env.get("PYTHONPATH");
        env.put("PYTHONPATH", settings.sidecarDir() + (inherited == null || inherited.isBlank()
                ? "" : File.pathSeparator + inherited));
        env.put("PYTHONSAFEPATH", "1"); // the working directory must not shadow our packages (Python 3.11+)
        env.put("PYTHONDONTWRITEBYTECODE", "1"); // the sidecar folder may be read-only
        env.put("PYTHONUNBUFFERED", "1");
        env.put("WORKER_ENGINE", settings.engine());
        env.put("WORKER_MODEL", settings.model());
        env.put("WORKER_DEVICE", settings.device());
        env.put("WORKER_COMPUTE_TYPE", settings.computeType());
        try {
            SidecarProcess started = new SidecarProcess(ChildProcesses.start(builder));
            LOG.infof("started the speech engine sidecar (pid %d, %s -m ytw_sidecar from %s, WORKER_ENGINE=%s)",
                    started.pid(), settings.python(), settings.sidecarDir(), settings.engine());
            return started;
        } catch (IOException e) {
            throw new SidecarException(SidecarException.SIDECAR_FAILED, "could not start the speech engine sidecar with WORKER_PYTHON="
                    + settings.python() + " (" + e.getMessage() + "); install Python 3 or point WORKER_PYTHON at it", e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Writes one request line; throws when the sidecar no longer reads. */
    synchronized void send(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new SidecarException(SidecarException.SIDECAR_FAILED,
                    "the speech engine sidecar (pid " + pid() + ") stopped reading requests: " + e.getMessage(), e);
        }
    }

    /** The next output, or null when none came within {@code timeout}. */
    Output poll(Duration timeout) throws InterruptedException {
        return output.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Asks the sidecar to exit, waits up to {@code grace}, then kills it. */
    void shutdown(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        try {
            send(SidecarProtocol.shutdown());
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            LOG.warnf("the sidecar (pid %d) did not exit within %d ms of shutdown; killing it", pid(), grace.toMillis());
        } catch (SidecarException e) {
            // it stopped reading: kill it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** Kills the sidecar and anything it started, and waits briefly for it to go. */
    void kill() {
        ChildProcesses.killTree(process.toHandle(), Duration.ofSeconds(10));
    }

    /** The last lines the sidecar wrote to stderr, for error messages. */
    String recentStderr() {
        if (!process.isAlive()) {
            try {
                stderrForwarder.join(1000); // a dead process's last words may still be in the pipe
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (recentStderr) {
            return String.join("\n", recentStderr);
        }
    }

    private void readEvents() {
        try (BufferedReader reader = reader(process.getInputStream())) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                try {
                    output.add(new Received(SidecarProtocol.parse(line)));
                } catch (SidecarProtocol.MalformedEventException e) {
                    LOG.warnf("sidecar (pid %d) wrote a line that is not a protocol event (%s): %s", pid(), e.getMessage(), line);
                }
            }
        } catch (IOException e) {
            LOG.debugf("sidecar (pid %d) stdout: %s", pid(), e.getMessage());
        }
        output.add(new Exited(waitForExitCode()));
    }

    private void forwardStderr() {
        Logger.Level level = Logger.Level.INFO;
        try (BufferedReader reader = reader(process.getErrorStream())) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                level = levelOf(line, level);
                LOG.logf(level, "sidecar %d: %s", pid(), line);
                synchronized (recentStderr) {
                    recentStderr.addLast(line);
                    if (recentStderr.size() > STDERR_LINES_KEPT) {
                        recentStderr.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debugf("sidecar (pid %d) stderr: %s", pid(), e.getMessage());
        }
    }

    /** Python's log lines start with their level; traceback lines keep the level of the line before. */
    private static Logger.Level levelOf(String line, Logger.Level previous) {
        if (line.startsWith("ERROR ") || line.startsWith("CRITICAL ")) {
            return Logger.Level.ERROR;
        }
        if (line.startsWith("WARNING ")) {
            return Logger.Level.WARN;
        }
        if (line.startsWith("INFO ")) {
            return Logger.Level.INFO;
        }
        return line.startsWith("DEBUG ") ? Logger.Level.DEBUG : previous;
    }

    private int waitForExitCode() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static BufferedReader reader(InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }
}
