package com.ytwhisper.client.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ytwhisper.client.jobs.S3Results.Location;
import com.ytwhisper.testkit.s3.S3MockServer;

/** S3 access, the expiry check and the local-audio upload against a real S3Mock process. */
class S3ResultsTest {

    static final String BUCKET = "results";
    static S3MockServer server;
    static S3Results s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = S3MockServer.start(BUCKET);
        s3 = S3Results.fromConfig(s3Config(server.endpoint().toString()), aws("mock-id-123", "mock-secret-123")).orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withoutCredentialsThereIsNoS3Access() {
        assertTrue(S3Results.fromConfig(s3Config(null), aws(null, null)).isEmpty());
    }

    @Test
    void uploadsChecksDownloadsAndPresigns() throws Exception {
        Path file = Files.writeString(dir.resolve("a.srt"), "1\n00:00:00,000 --> 00:00:01,000\nhello\n");
        Location location = new Location(BUCKET, "t/job-1.srt");
        assertFalse(s3.exists(location));
        s3.upload(file, location);
        assertTrue(s3.exists(location));

        Path fetched = s3.download(location, dir.resolve("out"));
        assertEquals(dir.resolve("out/job-1.srt"), fetched);
        assertEquals(Files.readString(file), Files.readString(fetched));
        try (var leftovers = Files.list(dir.resolve("out"))) {
            assertEquals(1, leftovers.count(), "no partial file left");
        }

        String url = s3.presignGet(location, Duration.ofMinutes(5));
        assertTrue(url.contains("X-Amz-Signature="), url);
        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        assertEquals(Files.readString(file), get.body());
    }

    @Test
    void aForgottenJobIsDoneWhenItsSrtIsInS3() throws Exception {
        JobStatus job = JobStatus.starting("20260101-000000-12121212", "https://v", "rid-found", BUCKET, "subs/",
                Instant.now()).running("rp", "IN_PROGRESS", null, null, null, Instant.now());
        s3.upload(Files.writeString(dir.resolve("x.srt"), "x"), new Location(BUCKET, "subs/rid-found.srt"));
        ResultCheck check = new ResultCheck(Optional.of(s3), null, null);
        JobStatus done = check.whenNotFound(job, Instant.now());
        assertEquals(JobState.DONE, done.status());
        assertEquals("s3://" + BUCKET + "/subs/rid-found.srt", done.srtPath());

        JobStatus missing = JobStatus.starting("20260101-000000-13131313", "https://v", "rid-missing", null, null,
                Instant.now()).running("rp", "IN_PROGRESS", null, null, null, Instant.now());
        JobStatus expired = new ResultCheck(Optional.of(s3), BUCKET, "subs/").whenNotFound(missing, Instant.now());
        assertEquals(JobState.ERROR, expired.status());
        assertTrue(expired.error().startsWith("result expired") && expired.error().endsWith(
                "no SRT at s3://" + BUCKET + "/subs/rid-missing.srt"), expired.error());

        JobStatus unchecked = new ResultCheck(Optional.empty(), BUCKET, "subs/").whenNotFound(job, Instant.now());
        assertEquals(JobState.ERROR, unchecked.status(), "no credentials, no check");
    }

    @Test
    void locationsParseOnlyS3Uris() {
        assertEquals(Optional.of(new Location("b", "k/x.srt")), Location.parse("s3://b/k/x.srt"));
        assertTrue(Location.parse("https://b/k").isEmpty());
        assertTrue(Location.parse("s3://b/").isEmpty());
        assertTrue(Location.parse("s3:///k").isEmpty());
        assertTrue(Location.parse(null).isEmpty());
    }

    static S3Config s3Config(String endpoint) {
        return new S3Config() {
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
                return Optional.ofNullable(endpoint);
            }
        };
    }

    static AwsConfig aws(String id, String secret) {
        return new AwsConfig() {
            @Override
            public Optional<String> accessKeyId() {
                return Optional.ofNullable(id);
            }

            @Override
            public Optional<String> secretAccessKey() {
                return Optional.ofNullable(secret);
            }

            @Override
            public Optional<String> region() {
                return Optional.of("us-east-1");
            }
        };
    }
}
