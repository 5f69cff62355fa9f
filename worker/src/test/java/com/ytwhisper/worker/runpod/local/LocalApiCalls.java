package com.ytwhisper.worker.runpod.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Calls the local API tests share: submit, wait for a state, and raw HTTP for what clients cannot send. */
final class LocalApiCalls {

    static final String BASE = "/v2/any-endpoint-id";
    static final Duration PATIENCE = Duration.ofSeconds(15);

    private LocalApiCalls() {
    }

    /** A raw answer: status line's code, headers as text, body. */
    record Raw(int status, String head, String body) {
    }

    /** Sends {@code request} as written (CRLF line ends) to the API's port and reads the whole answer. */
    static Raw raw(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    String head = text.substring(0, end);
                    String length = head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                            .map(l -> l.substring(15).trim()).findFirst().orElse(null);
                    if (length != null && text.length() - end - 4 >= Integer.parseInt(length)) {
                        break;
                    }
                }
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            return new Raw(Integer.parseInt(head.split(" ", 3)[1]), head, end < 0 ? "" : text.substring(end + 4));
        }
    }

    static String submit(String input, String rest) {
        return given().contentType(ContentType.JSON).body("{\"input\":" + input + rest + "}")
                .post(BASE + "/run")
                .then().statusCode(200).body("status", is("IN_QUEUE"), "id", notNullValue())
                .extract().path("id");
    }

    static JsonPath health() {
        return given().get(BASE + "/health").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitState(String id, String state) {
        return awaitStatus(id, s -> state.equals(s.getString("status")));
    }

    static JsonPath awaitStatus(String id, Predicate<JsonPath> wanted) {
        return await("job " + id + "'s status").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> given().get(BASE + "/status/" + id).then().statusCode(200).extract().jsonPath(), wanted::test);
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
