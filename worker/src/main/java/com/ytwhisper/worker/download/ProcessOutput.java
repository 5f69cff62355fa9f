package com.ytwhisper.worker.download;

import com.ytwhisper.worker.shared.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** Reads a subprocess stream line by line on its own thread, keeping the last lines for error messages. */
final class ProcessOutput {

    private static final int KEEP_LINES = 200;
    private static final int MAX_LINE = 2000;

    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread thread;

    private ProcessOutput(InputStream stream, Consumer<String> onLine, String name) {
        this.thread = DaemonThreads.create(name, () -> read(stream, onLine));
    }

    /** Starts reading {@code stream}; {@code onLine} sees every line (cut to a sane length). */
    static ProcessOutput start(InputStream stream, Consumer<String> onLine, String name) {
        ProcessOutput output = new ProcessOutput(stream, onLine, name);
        output.thread.start();
        return output;
    }

    private void read(InputStream stream, Consumer<String> onLine) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String cut = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
                synchronized (tail) {
                    if (tail.size() == KEEP_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(cut);
                }
                onLine.accept(cut);
            }
        } catch (IOException e) {
            // the process was killed; what was read is kept
        }
    }

    /**
     * A one-line reason for an error message: the tool's last non-empty line, cut to 300
     * characters ("no output" when it printed nothing). Only the job's own process wrote it.
     */
    static String reason(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                return line.length() > 300 ? line.substring(0, 300) + "..." : line;
            }
        }
        return "no output";
    }

    /** Waits until the stream is fully read (the process has ended), then returns the kept lines. */
    List<String> lines() {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }
}
