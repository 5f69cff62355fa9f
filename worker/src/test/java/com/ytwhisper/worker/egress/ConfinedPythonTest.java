package com.ytwhisper.worker.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.ExternalProcesses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real confine.py under Debian's Python, with a program that tries every side door it knows. */
@ExternalProcesses
class ConfinedPythonTest {

    private static final String SIDE_DOORS = """
            #!/usr/bin/python3
            import ftplib, os, socket, subprocess, sys
            trap, udp, guard = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
            def attempt(name, action):
                try:
                    action()
                    print(name, 'ALLOWED', flush=True)
                except (OSError, socket.gaierror) as e:
                    print(name, 'REFUSED', e, flush=True)
            attempt('create_connection', lambda: socket.create_connection(('127.0.0.1', trap), timeout=2))
            attempt('connect_ex', lambda: socket.socket().connect_ex(('127.0.0.1', trap)))
            attempt('udp', lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', udp)))
            attempt('ftp', lambda: ftplib.FTP().connect('127.0.0.1', trap, timeout=2))
            attempt('lookup', lambda: socket.getaddrinfo('trap.example', 80))
            attempt('rtmpdump', lambda: subprocess.run(['rtmpdump', '-r', 'rtmp://127.0.0.1:%d/x' % trap]))
            attempt('ffmpeg-network', lambda: subprocess.run(['ffmpeg', '-i', 'tcp://127.0.0.1:%d' % trap, '-f', 'null', '-']))
            attempt('shell', lambda: subprocess.run('true', shell=True))
            attempt('system', lambda: os.system('true'))
            attempt('ffmpeg-version', lambda: subprocess.run(['ffmpeg', '-version'], stdout=subprocess.DEVNULL, check=True))
            attempt('deno-with-net', lambda: subprocess.run(['deno', 'run', '--allow-net', '-']))
            attempt('deno-sandboxed', lambda: subprocess.run(['deno', 'run', '--no-prompt', '--no-remote', '-']))
            attempt('guard', lambda: socket.create_connection(('127.0.0.1', guard), timeout=2).close())
            """;

    @Test
    void aConfinedProgramReachesOnlyTheGuard(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("side-doors");
        Files.writeString(program, SIDE_DOORS);
        try (TrapListener trap = TrapListener.start();
             ServerSocket guard = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AtomicInteger guardConnections = new AtomicInteger();
            Thread accept = new Thread(() -> {
                try (Socket s = guard.accept()) {
                    guardConnections.incrementAndGet();
                } catch (IOException ignored) {
                    // closed
                }
            });
            accept.setDaemon(true);
            accept.start();
            ConfinedPython python = new ConfinedPython("WORKER_YTDLP", program.toString(), List.of("ffmpeg"),
                    List.of("ffprobe"));
            ProcessBuilder builder = new ProcessBuilder(python.command(List.of(String.valueOf(trap.port()),
                    String.valueOf(trap.udpPort()), String.valueOf(guard.getLocalPort())), dir));
            builder.environment().putAll(python.environment(guard.getLocalPort()));
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));

            for (String door : List.of("create_connection", "connect_ex", "udp", "ftp", "lookup", "rtmpdump",
                    "ffmpeg-network", "shell", "system")) {
                assertTrue(out.contains(door + " REFUSED"), door + " was not refused:\n" + out + err);
            }
            assertTrue(out.contains("ffmpeg-version ALLOWED"), out + err);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("deno-with-net REFUSED") && l.contains("does not let yt-dlp run deno")),
                    out);
            // deno is not installed here: the sandboxed run gets as far as the system's "not found"
            assertTrue(out.lines().anyMatch(l -> l.startsWith("deno-sandboxed ") && !l.contains("does not let yt-dlp")), out);
            assertTrue(out.contains("guard ALLOWED"), out + err);
            accept.join(5000);
            assertEquals(1, guardConnections.get());
            assertTrue(out.contains("led to ftp://127.0.0.1:" + trap.port() + ", which jobs may not reach"), out);
            List<String> refusals = new ArrayList<>();
            err.lines().forEach(line -> ConfinedPython.refusal(line).ifPresent(refusals::add));
            assertTrue(refusals.contains("tcp://127.0.0.1:" + trap.port()), refusals.toString());
            assertTrue(refusals.contains("udp://127.0.0.1:" + trap.udpPort()), refusals.toString());
            assertTrue(refusals.contains("ftp://127.0.0.1:" + trap.port()), refusals.toString());
            assertTrue(refusals.contains("a lookup of trap.example:80"), refusals.toString());
            assertTrue(refusals.contains("rtmp://127.0.0.1:" + trap.port() + "/x (through rtmpdump)"), refusals.toString());
            assertTrue(refusals.contains("tcp://127.0.0.1:" + trap.port() + " (read by ffmpeg)"), refusals.toString());
            Thread.sleep(300); // a datagram would have arrived by now
            assertEquals(List.of(), trap.seen(), "the trap was reached");
        }
    }

    @Test
    void pythonScriptsAndZipappsRunUnderTheirInterpreter(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("yt-dlp");
        Files.writeString(script, "#!/usr/bin/env python3\nprint('hi')\n");
        Path venv = dir.resolve("venv-yt-dlp");
        Files.writeString(venv, "#!/opt/venv/bin/python\nprint('hi')\n");
        Path zipapp = dir.resolve("yt-dlp.zip");
        Files.write(zipapp, new byte[]{'P', 'K', 3, 4, 0, 0});

        assertEquals("python3", confined(script).inspect().interpreter());
        assertEquals("/opt/venv/bin/python", confined(venv).inspect().interpreter());
        assertEquals("python3", confined(zipapp).inspect().interpreter());
        List<String> command = confined(venv).command(List.of("--version"), dir);
        assertEquals(List.of("/opt/venv/bin/python", "-I", dir.resolve("ytw-confine.py").toString(), venv.toString(),
                "--version"), command);
        assertTrue(Files.isRegularFile(dir.resolve("ytw-confine.py")));
        assertEquals(Map.of("YTW_EGRESS_GUARD_PORT", "7", "YTW_EGRESS_FFMPEG", "ffmpeg", "YTW_EGRESS_FFPROBE", "ffprobe"),
                confined(venv).environment(7));
    }

    @Test
    void compiledProgramsAndShellWrappersAreRefusedNamingTheSetting(@TempDir Path dir) throws IOException {
        Path wrapper = dir.resolve("yt-dlp-wrapper");
        Files.writeString(wrapper, "#!/bin/sh\nexec python3 -m yt_dlp \"$@\"\n");
        for (Path program : List.of(Path.of("/bin/ls"), wrapper)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> confined(program).requireConfinable());
            assertTrue(e.getMessage().startsWith("WORKER_YTDLP (" + program + ") is "), e.getMessage());
            assertTrue(e.getMessage().contains("cannot confine") && e.getMessage().contains("zipapp"), e.getMessage());
        }
        confined(dir.resolve("not-installed")).requireConfinable(); // reported when a job needs it
    }

    private static ConfinedPython confined(Path program) {
        return new ConfinedPython("WORKER_YTDLP", program.toString(), List.of("ffmpeg"), List.of("ffprobe"));
    }
}
