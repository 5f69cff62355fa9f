package com.ytwhisper.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.client.testing.Cli;
import com.ytwhisper.client.testing.Cli.Result;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.process.ChildProcess;
import com.ytwhisper.testkit.s3.S3MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the real worker's local API (built by the worker module earlier in the
 * reactor): submit, wait until done, fetch the subtitles from S3. No emulator in between.
 */
class LocalApiRoundTripIT {

    static final Path WORKER_JAR = Path.of("../worker/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
    static final Pattern LISTENING = Pattern.compile("local API listening on (http://[^/]+)/v2/");

    @TempDir
    Path home;

    @Test
    void submitWaitAndFetchAgainstTheWorkersLocalApi() throws Exception {
        try (MediaServer media = MediaServer.start(SpeechFixtures.speech());
             S3MockServer s3 = S3MockServer.start("subs");
             ChildProcess worker = ChildProcess.java(WORKER_JAR, List.of("--rp_serve_api", "--rp_api_port", "0"),
                     Map.of("WORKER_ENGINE", "pocketsphinx", "WORKER_PYTHON", "/usr/bin/python3",
                             "WORKER_ALLOW_PRIVATE_URLS", media.hostPort(), "S3_ENDPOINT_URL", s3.endpoint().toString(),
                             "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local-secret"), home)) {
            worker.awaitLog(l -> LISTENING.matcher(l).find(), Duration.ofSeconds(90), "the local API address");
            Matcher m = LISTENING.matcher(worker.stderr());
            assertTrue(m.find());
            try (Cli cli = new Cli(home.resolve("yt_jobs"), m.group(1) + "/v2")) {
                cli.env("RUNPOD_API_KEY", "").env("S3_BUCKET", "subs").env("S3_KEY_PREFIX", "talks/")
                        .env("S3_ENDPOINT_URL", s3.endpoint().toString()).env("AWS_ACCESS_KEY_ID", "local")
                        .env("AWS_SECRET_ACCESS_KEY", "local-secret").env("AWS_REGION", "us-east-1");
                Result submit = cli.bash("ytw submit --request-id roundtrip --wait --json --timeout 120s "
                        + media.url("/speech.mp4"), Duration.ofSeconds(180));
                assertEquals(0, submit.exitCode(), submit + "\nworker:\n" + worker.stderr());
                JsonNode status = new ObjectMapper().readTree(submit.stdout().lines().reduce((a, b) -> b).orElseThrow());
                assertEquals("done", status.path("status").asText(), submit.toString());
                assertEquals("s3://subs/talks/roundtrip.srt", status.path("srt_path").asText());

                Path out = home.resolve("downloads");
                Result fetch = cli.bash("ytw fetch " + status.path("job_id").asText() + " -o " + out);
                assertEquals(0, fetch.exitCode(), fetch.toString());
                String srt = Files.readString(out.resolve("roundtrip.srt")).toLowerCase(Locale.ROOT);
                assertTrue(SpeechFixtures.CONTENT_WORDS.stream().filter(srt::contains).count() >= 2, srt);
            }
        }
    }
}
