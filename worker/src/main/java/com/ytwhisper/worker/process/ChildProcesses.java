package com.ytwhisper.worker.process;

import com.ytwhisper.worker.shared.DaemonThreads;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts the worker's tools (yt-dlp, ffmpeg, ffprobe, the engine sidecar) so that they never
 * outlive it. Each starts through {@code setsid(1)} as the leader of its own process group, which
 * its children (yt-dlp's ffmpeg) join, so one signal ends a whole tree, orphans included. One
 * watchdog shell per worker holds the groups: it reads commands from a pipe whose other end only
 * the worker holds, and when the worker dies, however it dies (kill -9 included), the kernel
 * closes that pipe and the watchdog kills every group still registered. Unprivileged throughout
 * (no prctl, no namespaces, no subreaper), as the Runpod container allows.
 *
 * <p>One per JVM by nature (the worker's death is a per-process fact), hence static.
 */
public final class ChildProcesses {

    private static final Logger LOG = Logger.getLogger(ChildProcesses.class);

    /**
     * The watchdog: {@code +G} registers group G, {@code -G} forgets it, {@code kG} kills it now
     * and answers {@code kG}. At the end of its input (the worker is gone) it kills every
     * registered group. It ignores the signals a terminal or a stop would send, so only the
     * worker's death or exit ends it.
     */
    static final String WATCHDOG_SCRIPT = """
            trap '' INT TERM HUP PIPE
            groups=' '
            while IFS= read -r line; do
              case "$line" in
                +*) groups="$groups${line#+} " ;;
                -*) kept=' '
                    for g in $groups; do [ "$g" = "${line#-}" ] || kept="$kept$g "; done
                    groups=$kept ;;
                k*) kill -s KILL -- "-${line#k}" 2>/dev/null
                    echo "$line" ;;
              esac
            done
            for g in $groups; do kill -s KILL -- "-$g" 2>/dev/null; done
            """;

    private static final Duration ACK_WAIT = Duration.ofSeconds(2);
    private static final Object LOCK = new Object();
    private static final Set<Long> GROUPS = ConcurrentHashMap.newKeySet();
    private static volatile String setsid;
    private static volatile boolean searched;
    private static Process watchdog;
    private static Writer commands;
    private static BlockingQueue<String> acks;

    private ChildProcesses() {
    }

    /**
     * Starts {@code builder}'s command as a new process group that the watchdog kills if the worker
     * dies. Without {@code setsid} on the system it starts the command as is (its tree is then
     * only killed while the worker lives).
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        String setsid = setsid();
        if (setsid == null || !findable(builder)) {
            return builder.start(); // a missing program fails here, with Java's own error, as callers expect
        }
        List<String> original = builder.command();
        List<String> wrapped = new ArrayList<>(original.size() + 1);
        wrapped.add(setsid);
        wrapped.addAll(original);
        builder.command(wrapped);
        Process process;
        try {
            process = builder.start();
        } finally {
            builder.command(original);
        }
        long group = process.pid(); // setsid(1) only forks when the caller already leads a group; ours never does
        register(group);
        process.onExit().thenRun(() -> forget(group));
        return process;
    }

    /**
     * Kills {@code root}'s process group and every descendant, and waits up to {@code wait} for them
     * to be gone. The descendants are listed before anything dies, because orphans can no longer be
     * found through their parent; the group kill reaches those too.
     *
     * @return true when every process found has ended
     */
    public static boolean killTree(ProcessHandle root, Duration wait) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        if (GROUPS.contains(root.pid())) {
            killGroup(root.pid());
        }
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.add(root);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        }
    }

    /** Whether started processes get their own group and the watchdog (false only without setsid). */
    public static boolean guarded() {
        return setsid() != null;
    }

    /** Looked up on first use, at run time (a native image must not keep the build machine's answer). */
    private static String setsid() {
        if (!searched) {
            synchronized (LOCK) {
                if (!searched) {
                    setsid = findSetsid();
                    searched = true;
                }
            }
        }
        return setsid;
    }

    private static void register(long group) {
        GROUPS.add(group);
        send("+" + group, false);
    }

    private static void forget(long group) {
        if (GROUPS.remove(group)) {
            send("-" + group, false);
        }
    }

    /** Kills the group through the watchdog and waits for its answer, so the kill has happened on return. */
    private static void killGroup(long group) {
        send("k" + group, true);
    }

    private static void send(String command, boolean awaitAck) {
        synchronized (LOCK) {
            try {
                ensureWatchdog();
                if (awaitAck) {
                    acks.clear();
                }
                commands.write(command);
                commands.write('\n');
                commands.flush();
                if (awaitAck) {
                    String ack = acks.poll(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    if (!command.equals(ack)) {
                        LOG.warnf("the process watchdog did not confirm '%s' within %d ms", command, ACK_WAIT.toMillis());
                    }
                }
            } catch (IOException e) {
                LOG.warnf("the process watchdog is gone (%s); starting a new one", e.getMessage());
                watchdog = null;
                try {
                    ensureWatchdog(); // it learns every registered group, this one included
                    if (command.startsWith("k")) {
                        commands.write(command + "\n");
                        commands.flush();
                    }
                } catch (IOException again) {
                    LOG.warnf("cannot start the process watchdog: %s", again.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the watchdog when there is none (first use, or it was killed); it learns every live group. */
    private static void ensureWatchdog() throws IOException {
        if (watchdog != null && watchdog.isAlive()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(setsid(), "/bin/sh", "-c", WATCHDOG_SCRIPT)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        watchdog = builder.start();
        commands = new OutputStreamWriter(watchdog.getOutputStream(), StandardCharsets.US_ASCII);
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        acks = answers;
        Process started = watchdog;
        Thread reader = DaemonThreads.create("process-watchdog-acks", () -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    answers.add(line);
                }
            } catch (IOException e) {
                // the watchdog ended; the next command starts a new one
            }
        });
        reader.start();
        for (Long group : GROUPS) {
            commands.write("+" + group + "\n");
        }
        commands.flush();
        LOG.debugf("process watchdog started (pid %d)", watchdog.pid());
    }

    /** Whether the program exists (a path, or a name on the PATH it will run with). */
    private static boolean findable(ProcessBuilder builder) {
        String program = builder.command().get(0);
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = builder.environment().get("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, program)));
    }

    private static String findSetsid() {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().toString();
            }
        }
        LOG.warn("setsid is not installed (util-linux): tools the worker starts may outlive a killed worker");
        return null;
    }
}
