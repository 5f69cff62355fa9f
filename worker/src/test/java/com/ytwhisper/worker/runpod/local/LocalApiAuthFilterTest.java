package com.ytwhisper.worker.runpod.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.ytwhisper.worker.ExternalProcesses;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The filter enforces the non-loopback rule. The listener still binds 127.0.0.1 (tests never
 * bind other addresses); the auth decision is the one for 0.0.0.0 with a key.
 */
@ExternalProcesses
@QuarkusTest
@TestProfile(LocalApiAuthFilterTest.NetworkBound.class)
class LocalApiAuthFilterTest {

    static final String KEY = "filter-test-key-0123";

    public static class NetworkBound implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(NetworkBoundAuth.class);
        }
    }

    @Alternative
    @Singleton
    public static class NetworkBoundAuth {
        @Produces
        @Alternative
        @Singleton
        LocalApiAuth auth() {
            return LocalApiAuth.of("0.0.0.0", Optional.of(KEY));
        }
    }

    @Test
    void withoutTheKeyEveryPathIs401WithAJsonErrorThatDoesNotEchoTheKey() {
        given().get("/v2/ep/health").then().statusCode(401).contentType(ContentType.JSON)
                .body("error", containsString("Authorization: Bearer"), "error", not(containsString(KEY)));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body("{\"input\":{}}")
                .post("/run").then().statusCode(401);
        given().header("Authorization", KEY).get("/health").then().statusCode(401);
        given().get("/status/whatever").then().statusCode(401);
    }

    @Test
    void withTheBearerKeyTheApiAnswers() {
        given().header("Authorization", "Bearer " + KEY).get("/v2/ep/health").then().statusCode(200);
        given().header("Authorization", "Bearer " + KEY).get("/status/whatever").then().statusCode(404);
    }
}
