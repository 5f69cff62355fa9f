package com.ytwhisper.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.ytwhisper.testkit.endpoint.EndpointEmulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the testkit's endpoint API emulator for a {@code @QuarkusTest} and points the client at it
 * with short timeouts and back-offs, so retry tests take milliseconds. Inject it with a field of
 * type {@link EndpointEmulator}.
 */
public class EmulatedEndpoint implements QuarkusTestResourceLifecycleManager {

    public static final String ENDPOINT_ID = "ep-test";
    public static final String API_KEY = "rpa_TESTKEY_0123456789abcdef";

    private EndpointEmulator emulator;
    private Path jobsHome;

    @Override
    public Map<String, String> start() {
        try {
            emulator = EndpointEmulator.start();
            jobsHome = Files.createTempDirectory("ytw-quarkus-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("runpod.endpoint-base-url", emulator.baseUrl()),
                Map.entry("runpod.endpoint-id", ENDPOINT_ID),
                Map.entry("runpod.api-key", API_KEY),
                // under the 5-s hangs the tests inject, above a loaded CI machine's slowest real answer;
                // /run's own timeout differs from the call timeout, so a test sees which one it got
                Map.entry("runpod.call-timeout-ms", "3000"),
                Map.entry("runpod.submit-timeout-ms", "4000"),
                Map.entry("runpod.max-retries", "6"),
                Map.entry("runpod.retry-delay-ms", "20"),
                Map.entry("runpod.retry-max-delay-ms", "2000"),
                Map.entry("runpod.retry-max-duration-ms", "10000"),
                Map.entry("ytw.breaker-delay-ms", "300000"),
                Map.entry("yt.jobs-home", jobsHome.toString()));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(emulator, new TestInjector.MatchesType(EndpointEmulator.class));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
