package com.ytwhisper.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.client.jobs.AwsConfig;
import com.ytwhisper.client.jobs.S3Config;
import com.ytwhisper.client.jobs.S3Results;
import com.ytwhisper.client.jobs.S3Results.Location;
import com.ytwhisper.client.testing.Cli;
import com.ytwhisper.client.testing.Cli.Result;
import com.ytwhisper.client.testing.EmulatedEndpoint;
import com.ytwhisper.testkit.endpoint.EndpointEmulator;
import com.ytwhisper.testkit.endpoint.Step;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.s3.S3MockServer;

/** fetch, the S3 check after a 404 and --local-download: packaged jar, real S3Mock, real yt-dlp. */
class S3CommandsIT {

    static final String BUCKET = "results";
    static final String AWS_ID = "AKIA_IT_0123456789";
    static final String AWS_SECRET = "it-secret-0123456789abcdef";
    static S3MockServer s3mock;
    static S3Results s3;

    @TempDir
    Path home;

    EndpointEmulator emulator;
    Cli cli;

    @BeforeAll
    static void startS3() {
        s3mock = S3MockServer.start(BUCKET);
        s3 = S3Results.fromConfig(new S3Config() {
            @Override
            public Optional<String> bucket() {
                return Optional.of(BUCKET);
            }

            @Override
            public Optional<String> keyPrefix() {
                return Optional.empty();
            }

            @Override
            public Optional<String> endpointUrl() {
                return Optional.of(s3mock.endpoint().toString());
            }
        }, new AwsConfig() {
            @Override
            public Optional<String> accessKeyId() {
                return Optional.of(AWS_ID);
            }

            @Override
            public Optional<String> secretAccessKey() {
                return Optional.of(AWS_SECRET);
            }

            @Override
            public Optional<String> region() {
                return Optional.of("us-east-1");
            }
        }).orElseThrow();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        s3mock.close();
    }

    @BeforeEach
    void start() throws IOException {
        emulator = EndpointEmulator.start().requireApiKey(EmulatedEndpoint.API_KEY);
        cli = new Cli(home, emulator.baseUrl()).env("S3_BUCKET", BUCKET).env("S3_ENDPOINT_URL", s3mock.endpoint().toString())
                .env("AWS_ACCESS_KEY_ID", AWS_ID).env("AWS_SECRET_ACCESS_KEY", AWS_SECRET).env("AWS_REGION", "us-east-1");
    }

    @AfterEach
    void stop() {
        cli.close();
        emulator.close();
    }

    @Test
    void fetchDownloadsEveryOutputFile() throws Exception {
        s3.upload(Files.writeString(home.resolve("a.srt"), "srt body"), new Location(BUCKET, "subs/fetch-1.srt"));
        s3.upload(Files.writeString(home.resolve("a.vtt"), "WEBVTT\n"), new Location(BUCKET, "subs/fetch-1.vtt"));
        emulator.nextJob(Step.queued(), Step.completed(new ObjectMapper().readTree("{\"status\":\"done\",\"request_id\":"
                + "\"fetch-1\",\"srt_path\":\"s3://results/subs/fetch-1.srt\",\"vtt_path\":\"s3://results/subs/fetch-1.vtt\"}")));
        Result run = cli.bash("ytw submit --request-id fetch-1 --wait --timeout 60s https://v.example/f");
        assertEquals(0, run.exitCode(), run.toString());
        String id = run.stdout().lines().findFirst().orElseThrow();

        Path out = home.resolve("downloads");
        Result fetch = cli.bash("ytw fetch " + id + " -o " + out);
        assertEquals(0, fetch.exitCode(), fetch.toString());
        assertEquals(out.resolve("fetch-1.srt") + "\n" + out.resolve("fetch-1.vtt") + "\n", fetch.stdout());
        assertEquals("srt body", Files.readString(out.resolve("fetch-1.srt")));
        assertEquals("WEBVTT\n", Files.readString(out.resolve("fetch-1.vtt")));
    }

    @Test
    void afterA404TheSrtInS3StillMeansDone() throws Exception {
        emulator.expireAfterTerminalReads(0); // Runpod forgets each job as soon as it ends
        cli.env("S3_KEY_PREFIX", "transcriptions/");
        s3.upload(Files.writeString(home.resolve("b.srt"), "kept"), new Location(BUCKET, "transcriptions/kept-1.srt"));
        Result kept = cli.bash("ytw submit --request-id kept-1 --wait --json --timeout 60s https://v.example/k");
        assertEquals(0, kept.exitCode(), kept.toString());
        assertTrue(kept.stdout().contains("\"status\":\"done\",\"srt_path\":\"s3://results/transcriptions/kept-1.srt\""),
                kept.toString());

        Result lost = cli.bash("ytw submit --request-id lost-1 --wait --timeout 60s https://v.example/l");
        assertEquals(1, lost.exitCode(), lost.toString());
        assertTrue(lost.stdout().contains("error result expired"), lost.toString());
        assertTrue(lost.stdout().contains("no SRT at s3://results/transcriptions/lost-1.srt"), lost.toString());
    }

    @Test
    void localDownloadHandsTheWorkerAPresignedAudioUrl() throws Exception {
        try (MediaServer media = MediaServer.start()) {
            Result run = cli.bash("ytw submit --local-download --ttl 2h --execution-timeout 1h --wait --timeout 120s "
                    + media.url("/speech.mp4"), Duration.ofSeconds(180));
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(1, emulator.jobs().size());
            var input = emulator.jobs().get(0).input();
            assertFalse(input.has("youtube_url"), "the worker takes audio_url or youtube_url, never both");
            String audioUrl = input.get("audio_url").asText();
            assertTrue(audioUrl.startsWith(s3mock.endpoint() + "/" + BUCKET + "/uploads/"), audioUrl);
            assertTrue(audioUrl.contains("X-Amz-Expires=7200"), "valid for the ttl: " + audioUrl);
            HttpResponse<byte[]> audio = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(audioUrl)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, audio.statusCode());
            assertTrue(audio.body().length > 1000, "audio bytes: " + audio.body().length);
            for (Path file : Files.walk(home).filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file).contains("X-Amz-Signature"), file + " holds the presigned URL");
            }
        }
    }
}
