package com.ytwhisper.worker.runpod.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.worker.egress.UrlPolicy;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The request envelope: s3Config as a second spelling of the S3 fields, webhook held to the network guard. */
class LocalJobRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JobPolicy DEFAULTS = new JobPolicy(600_000, 86_400_000);
    private static final UrlPolicy STRICT = UrlPolicy.strict();

    private static LocalJobRequest parse(String body) {
        return LocalJobRequest.parse(body, JSON, DEFAULTS, STRICT);
    }

    private static String refusal(String body) {
        LocalApiException e = assertThrows(LocalApiException.class, () -> parse(body));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void s3ConfigFillsTheJobsS3Fields() {
        JsonNode input = parse("{\"input\":{\"youtube_url\":\"https://example.com/v\"},\"s3Config\":{"
                + "\"accessId\":\"AKIDEXAMPLE\",\"accessSecret\":\"s3cr3t\",\"bucketName\":\"results\","
                + "\"endpointUrl\":\"https://s3.example.com\"}}").input();
        assertEquals("AKIDEXAMPLE", input.path("aws_access_key").asText());
        assertEquals("s3cr3t", input.path("aws_secret_key").asText());
        assertEquals("results", input.path("s3_bucket").asText());
        assertEquals("https://s3.example.com", input.path("s3_endpoint_url").asText());
        assertEquals("https://example.com/v", input.path("youtube_url").asText());
        assertFalse(input.has("s3Config"));
    }

    @Test
    void bothSpellingsAgreeingIsFineDifferingIsRefusedWithoutTheValues() {
        JsonNode same = parse("{\"input\":{\"s3_bucket\":\"results\"},\"s3Config\":{\"bucketName\":\"results\"}}").input();
        assertEquals("results", same.path("s3_bucket").asText());
        JsonNode blank = parse("{\"input\":{\"s3_bucket\":\"\"},\"s3Config\":{\"bucketName\":\"results\"}}").input();
        assertEquals("results", blank.path("s3_bucket").asText(), "\"\" means not given");

        String message = refusal("{\"input\":{\"aws_secret_key\":\"first-secret\",\"s3_bucket\":\"a\"},"
                + "\"s3Config\":{\"accessSecret\":\"second-secret\",\"bucketName\":\"b\"}}");
        assertTrue(message.contains("s3Config.accessSecret and input.aws_secret_key are both given and differ"), message);
        assertTrue(message.contains("s3Config.bucketName and input.s3_bucket"), message);
        assertFalse(message.contains("first-secret") || message.contains("second-secret"), message);
    }

    @Test
    void malformedS3ConfigIsRefusedNamingTheField() {
        assertTrue(refusal("{\"input\":{},\"s3Config\":\"bucket\"}").startsWith("s3Config must be an object"));
        assertTrue(refusal("{\"input\":{},\"s3Config\":{\"bucketName\":5}}").contains("s3Config.bucketName must be a string"));
        assertTrue(refusal("{\"input\":{},\"s3Config\":{\"objectPath\":\"x/\"}}").contains("input.s3_key_prefix"));
        assertTrue(refusal("{\"input\":\"text\",\"s3Config\":{\"bucketName\":\"b\"}}").contains("input to be a JSON object"));
    }

    @Test
    void aWebhookMustPassTheNetworkGuard() {
        assertEquals(URI.create("https://hooks.example.com/done?token=1"),
                LocalJobRequest.parse("{\"input\":{},\"webhook\":\"https://hooks.example.com/done?token=1\"}", JSON, DEFAULTS,
                        UrlPolicy.of("", "", host -> new java.net.InetAddress[] {
                                java.net.InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})}))
                        .webhook());
        assertNull(parse("{\"input\":{}}").webhook());
        String metadata = refusal("{\"input\":{},\"webhook\":\"http://169.254.169.254/latest/meta-data\"}");
        assertTrue(metadata.startsWith("webhook http://169.254.169.254/latest/meta-data is refused"), metadata);
        assertTrue(refusal("{\"input\":{},\"webhook\":\"http://127.0.0.1:9/hook\"}").startsWith("webhook "));
        assertTrue(refusal("{\"input\":{},\"webhook\":\"ftp://example.com/x\"}").contains("http or https"));
        assertTrue(refusal("{\"input\":{},\"webhook\":5}").startsWith("webhook must be a URL string"));
        assertTrue(refusal("{\"input\":{},\"webhookV2\":\"https://example.com\"}").contains("use webhook"));
    }

    @Test
    void theRequestsSizeIsWhatTheQueueCounts() {
        String body = "{\"input\":{\"pad\":\"xxxxxxxxxx\"}}";
        assertEquals(body.length(), parse(body).size());
    }
}
