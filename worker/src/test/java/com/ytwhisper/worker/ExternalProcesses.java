package com.ytwhisper.worker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that starts other programs (yt-dlp, ffmpeg, Python, S3Mock) or boots Quarkus: it runs
 * in {@code verify}'s integration-test phase, so {@code ./mvnw test} stays a quick loop.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(ExternalProcesses.TAG)
public @interface ExternalProcesses {

    /** The JUnit tag the worker's pom selects on. */
    String TAG = "external-processes";
}
