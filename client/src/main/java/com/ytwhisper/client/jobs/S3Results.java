package com.ytwhisper.client.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The client's S3 access with the worker's settings ({@code AWS_*}, {@code S3_ENDPOINT_URL}): does a
 * result exist, download it, upload local audio and presign a GET for the worker. A custom endpoint
 * uses path-style addressing, as S3-compatible stores expect.
 */
public class S3Results implements AutoCloseable {

    /** An object address. */
    public record Location(String bucket, String key) {

        /** Parses {@code s3://bucket/key}. */
        public static Optional<Location> parse(String uri) {
            if (uri == null || !uri.startsWith("s3://")) {
                return Optional.empty();
            }
            String rest = uri.substring("s3://".length());
            int slash = rest.indexOf('/');
            return slash <= 0 || slash == rest.length() - 1 ? Optional.empty()
                    : Optional.of(new Location(rest.substring(0, slash), rest.substring(slash + 1)));
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }

    private final S3Client client;
    private final S3Presigner presigner;

    S3Results(S3Client client, S3Presigner presigner) {
        this.client = client;
        this.presigner = presigner;
    }

    /** S3 access when credentials are configured; empty otherwise. */
    public static Optional<S3Results> fromConfig(S3Config s3, AwsConfig aws) {
        if (aws.accessKeyId().isEmpty() || aws.secretAccessKey().isEmpty()) {
            return Optional.empty();
        }
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(aws.accessKeyId().get(), aws.secretAccessKey().get()));
        Region region = Region.of(aws.region().orElse("us-east-1"));
        Optional<URI> endpoint = s3.endpointUrl().filter(u -> !u.isBlank()).map(URI::create);
        S3Configuration addressing = S3Configuration.builder().pathStyleAccessEnabled(endpoint.isPresent()).build();
        S3ClientBuilder builder = S3Client.builder().region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .serviceConfiguration(addressing);
        S3Presigner.Builder presigner = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(addressing);
        endpoint.ifPresent(uri -> {
            builder.endpointOverride(uri).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            presigner.endpointOverride(uri);
        });
        return Optional.of(new S3Results(builder.build(), presigner.build()));
    }

    public boolean exists(Location location) {
        try {
            client.headObject(b -> b.bucket(location.bucket()).key(location.key()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Downloads to {@code dir}/(last part of the key), replacing a file of that name only when complete. */
    public Path download(Location location, Path dir) {
        String name = location.key().substring(location.key().lastIndexOf('/') + 1);
        Path target = dir.resolve(name);
        Path partial = dir.resolve("." + name + "." + java.util.UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(dir);
            client.getObject(b -> b.bucket(location.bucket()).key(location.key()), ResponseTransformer.toFile(partial));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a stray .part file is harmless
            }
        }
    }

    public void upload(Path file, Location location) {
        client.putObject(b -> b.bucket(location.bucket()).key(location.key()), RequestBody.fromFile(file));
    }

    /** An HTTPS (or endpoint) URL that lets anyone holding it GET the object until {@code validity} ends. */
    public String presignGet(Location location, Duration validity) {
        return presigner.presignGetObject(p -> p.signatureDuration(validity)
                .getObjectRequest(g -> g.bucket(location.bucket()).key(location.key()))).url().toString();
    }

    @Override
    public void close() {
        client.close();
        presigner.close();
    }
}
