package com.ytwhisper.worker.storage;

import com.ytwhisper.worker.ExternalProcesses;
import com.ytwhisper.worker.subtitles.SubtitleFormat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ytwhisper.testkit.s3.S3MockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The CDI wiring reads the S3 settings that {@link S3MockResource} provides and stores through them. */
@ExternalProcesses
@QuarkusTest
@WithTestResource(S3MockResource.class)
class StorageWiringTest {

    @Inject
    StorageResolver resolver;

    @Inject
    S3Clients clients;

    @Test
    void resultsGoToTheConfiguredBucket() {
        Storage storage = resolver.forResults(StorageRequest.none(), false);

        StoredObject stored = storage.put("wired.srt", new byte[]{'o', 'k'}, SubtitleFormat.SRT.contentType());

        assertEquals(new StoredObject("s3://" + S3MockResource.DEFAULT_BUCKET + "/wired.srt", "wired.srt",
                S3MockResource.DEFAULT_BUCKET), stored);
        S3Target target = ((S3Storage) storage).target();
        assertArrayEquals(new byte[]{'o', 'k'}, clients.clientFor(target)
                .getObjectAsBytes(b -> b.bucket(target.bucket()).key("wired.srt")).asByteArray());
    }
}
