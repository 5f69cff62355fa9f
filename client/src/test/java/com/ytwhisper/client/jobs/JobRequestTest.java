package com.ytwhisper.client.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.ytwhisper.client.runpod.RunRequest;
import com.ytwhisper.client.runpod.RunpodJson;

class JobRequestTest {

    @Test
    void everySetFieldReachesTheJobInputAndPolicy() throws Exception {
        JobRequest request = new JobRequest("https://v/1", "given", "bucket", "subs/", "de", "translate",
                List.of("srt", "vtt"), new JobRequest.Credentials("AKIA_X_0123456789", "secret-0123456789", "https://s3.example"),
                "https://hook.example/done", Duration.ofHours(4), Duration.ofHours(6));
        String body = RunpodJson.MAPPER.writeValueAsString(request.toRunRequest("rid", "https://s3.example/audio?sig"));
        assertEquals("{\"input\":{\"audio_url\":\"https://s3.example/audio?sig\",\"request_id\":\"rid\","
                + "\"s3_bucket\":\"bucket\",\"s3_key_prefix\":\"subs/\",\"language\":\"de\",\"task\":\"translate\","
                + "\"formats\":[\"srt\",\"vtt\"],\"aws_access_key\":\"AKIA_X_0123456789\",\"aws_secret_key\":\"secret-0123456789\","
                + "\"s3_endpoint_url\":\"https://s3.example\"},\"webhook\":\"https://hook.example/done\","
                + "\"policy\":{\"executionTimeout\":14400000,\"ttl\":21600000}}", body);
    }

    @Test
    void unsetFieldsAreLeftOutSoTheWorkersDefaultsApply() throws Exception {
        JobRequest request = new JobRequest("https://v/2", null, null, null, null, null, null, null, null,
                Duration.ofHours(3), null);
        RunRequest run = request.toRunRequest("job-id", null);
        assertEquals("{\"input\":{\"youtube_url\":\"https://v/2\",\"request_id\":\"job-id\"},"
                + "\"policy\":{\"executionTimeout\":10800000}}", RunpodJson.MAPPER.writeValueAsString(run));
        assertFalse(new JobRequest.Credentials("id-0123456789", "secret-0123456789", null).toString().contains("secret"));
    }
}
