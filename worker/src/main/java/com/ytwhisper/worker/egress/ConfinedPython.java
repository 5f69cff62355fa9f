package com.ytwhisper.worker.egress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a Python program (yt-dlp) so that the only connection it can open is to one loopback port,
 * the job's {@link EgressGuard}, whatever protocol an input leads it to. Works without privileges
 * (no iptables, no namespaces, as on Runpod): the program runs under {@code python -I confine.py},
 * which wraps Python's socket connects, name lookups and program starts before the program's own
 * code runs (see {@code confine.py} for what exactly is refused).
 *
 * <p>The program may be a Python script ({@code /usr/bin/yt-dlp}, a venv's {@code bin/yt-dlp}) or a
 * zipapp (the {@code yt-dlp} release file); it runs with the interpreter its {@code #!} line names.
 * A compiled program (the PyInstaller {@code yt-dlp_linux} build) or a shell wrapper cannot be
 * confined this way and is refused.
 */
public final class ConfinedPython {

    /** The line prefix {@code confine.py} prints on stderr for each refusal. */
    public static final String REFUSAL_MARK = "ytw-egress-refused: ";
    private static final String SCRIPT_NAME = "ytw-confine.py";
    private static final String SCRIPT_RESOURCE = "confine.py";
    private static final int HEAD_BYTES = 512;

    /** The interpreter and the file it runs. */
    record Program(String interpreter, Path file) {
    }

    private final String setting;
    private final String program;
    private final List<String> ffmpeg;
    private final List<String> ffprobe;

    /**
     * @param setting  the setting that names the program, for messages ({@code WORKER_YTDLP})
     * @param program  a name on {@code PATH} or a path
     * @param ffmpeg   names or paths under which the program may start ffmpeg (on local files only)
     * @param ffprobe  the same for ffprobe
     */
    public ConfinedPython(String setting, String program, List<String> ffmpeg, List<String> ffprobe) {
        this.setting = setting;
        this.program = program;
        this.ffmpeg = List.copyOf(ffmpeg);
        this.ffprobe = List.copyOf(ffprobe);
    }

    /**
     * Fails start-up when the program exists but is not one that can be confined; a missing program
     * is reported when a job needs it (it may be installed later).
     *
     * @throws IllegalArgumentException naming the setting and the fix
     */
    public void requireConfinable() {
        try {
            inspect();
        } catch (IOException missing) {
            // reported at first use
        }
    }

    /**
     * The command that runs the program with {@code args}, confined to {@code guardPort}; writes
     * {@code confine.py} into {@code dir} (a private folder the caller deletes).
     *
     * @throws IOException when the program is not found or the folder is not writable
     * @throws IllegalArgumentException when the program cannot be confined
     */
    public List<String> command(List<String> args, Path dir) throws IOException {
        Program found = inspect();
        Path script = dir.resolve(SCRIPT_NAME);
        try (InputStream in = ConfinedPython.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IOException(SCRIPT_RESOURCE + " is missing from the worker's build");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(found.interpreter(), "-I", script.toString(),
                found.file().toString()));
        command.addAll(args);
        return command;
    }

    /** What {@code confine.py} reads: the guard's port and the ffmpeg/ffprobe names it lets run. */
    public Map<String, String> environment(int guardPort) {
        return Map.of("YTW_EGRESS_GUARD_PORT", String.valueOf(guardPort),
                "YTW_EGRESS_FFMPEG", String.join(java.io.File.pathSeparator, ffmpeg),
                "YTW_EGRESS_FFPROBE", String.join(java.io.File.pathSeparator, ffprobe));
    }

    /** What was refused, when {@code line} is one of {@code confine.py}'s refusal lines. */
    public static Optional<String> refusal(String line) {
        return line.startsWith(REFUSAL_MARK) ? Optional.of(line.substring(REFUSAL_MARK.length()).strip())
                : Optional.empty();
    }

    Program inspect() throws IOException {
        Path file = locate(program).orElseThrow(() -> new IOException(program + " was not found"));
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        if (head.length >= 4 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            throw notConfinable(file, "a compiled program (such as the PyInstaller build yt-dlp_linux)");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return new Program("python3", file); // a zipapp without #! line
        }
        if (head.length < 2 || head[0] != '#' || head[1] != '!') {
            throw notConfinable(file, "not a Python script");
        }
        String line = new String(head, StandardCharsets.UTF_8).lines().findFirst().orElse("").substring(2).strip();
        List<String> words = Arrays.asList(line.split("\\s+"));
        String interpreter = words.get(0);
        if (interpreter.endsWith("/env") && words.size() > 1) {
            interpreter = words.stream().skip(1).filter(w -> !w.startsWith("-")).findFirst().orElse("");
        }
        String name = interpreter.substring(interpreter.lastIndexOf('/') + 1);
        if (!name.startsWith("python") && !name.startsWith("pypy")) {
            throw notConfinable(file, "a script for " + (name.isEmpty() ? "an unknown interpreter" : name)
                    + ", not for Python");
        }
        return new Program(interpreter, file);
    }

    private IllegalArgumentException notConfinable(Path file, String what) {
        return new IllegalArgumentException(setting + " (" + file + ") is " + what + ", whose connections the worker "
                + "cannot confine to the egress guard; point " + setting + " at yt-dlp's Python form: the zipapp "
                + "'yt-dlp' from its releases, or the 'yt-dlp' script of a pip install");
    }

    private static Optional<Path> locate(String program) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
