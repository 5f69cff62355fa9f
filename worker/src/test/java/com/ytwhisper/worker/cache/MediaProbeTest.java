package com.ytwhisper.worker.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {

    @TempDir
    Path dir;

    MediaProbe.Probed probed(String infoJson) throws Exception {
        Path file = Files.writeString(dir.resolve("probe.info.json"), infoJson);
        return MediaProbe.fromInfo(file, "https://example.com/given");
    }

    @Test
    void aVideoIsKnownByExtractorAndIdWhateverTheUrl() throws Exception {
        MediaProbe.Probed watch = probed("{\"_type\":\"video\",\"extractor_key\":\"Youtube\",\"id\":\"dQw4w9WgXcQ\","
                + "\"webpage_url\":\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"}");
        MediaProbe.Probed shortLink = probed("{\"extractor_key\":\"Youtube\",\"id\":\"dQw4w9WgXcQ\","
                + "\"webpage_url\":\"https://youtu.be/dQw4w9WgXcQ?t=42\"}");
        assertEquals(new MediaIdentity("Youtube dQw4w9WgXcQ"), watch.identity());
        assertEquals(watch.identity(), shortLink.identity());
        assertEquals(dir.resolve("probe.info.json"), watch.infoJson(), "the download reuses the probe's info");
    }

    @Test
    void theGenericExtractorsFileNamesAreNotEnough() throws Exception {
        MediaProbe.Probed a = probed("{\"extractor_key\":\"Generic\",\"id\":\"talk\",\"webpage_url\":\"https://a.example/talk.mp4\"}");
        MediaProbe.Probed b = probed("{\"extractor_key\":\"Generic\",\"id\":\"talk\",\"webpage_url\":\"https://b.example/talk.mp4\"}");
        assertNotEquals(a.identity(), b.identity());
        MediaProbe.Probed c = probed("{\"extractor_key\":\"HTML5MediaEmbed\",\"id\":\"page-1\",\"webpage_url\":\"https://a.example/page\"}");
        MediaProbe.Probed d = probed("{\"extractor_key\":\"HTML5MediaEmbed\",\"id\":\"page-1\",\"webpage_url\":\"https://b.example/page\"}");
        assertNotEquals(c.identity(), d.identity());
    }

    @Test
    void aPlaylistOrBrokenInfoIsNotCachedNorReused() throws Exception {
        MediaProbe.Probed playlist = probed("{\"_type\":\"playlist\",\"extractor_key\":\"YoutubeTab\",\"id\":\"PL1\"}");
        assertNull(playlist.identity());
        assertNull(playlist.infoJson());
        assertNull(probed("{\"extractor_key\":\"Youtube\"}").identity());
        assertNull(probed("not json").identity());
    }

    @Test
    void aLocalFileIsKnownByItsPathSizeAndTime() throws Exception {
        Path talk = Files.writeString(dir.resolve("talk.mp4"), "media");
        MediaIdentity first = MediaProbe.fileIdentity(talk.toUri().toString());
        assertEquals(first, MediaProbe.fileIdentity(dir.resolve(".").resolve("talk.mp4").toUri().toString()));
        Files.writeString(talk, "other media");
        assertNotEquals(first, MediaProbe.fileIdentity(talk.toUri().toString()), "a changed file is another media");
        assertNull(MediaProbe.fileIdentity(dir.resolve("missing.mp4").toUri().toString()));
    }

    @Test
    void anAudioUrlLosesItsQueryAndUserInfo() {
        assertEquals("https://bucket.s3.amazonaws.com/talks/a.m4a", HttpValidators.withoutQuery(
                URI.create("https://user:pw@Bucket.S3.amazonaws.com/talks/a.m4a?X-Amz-Signature=abc#t=1")));
        assertEquals("http://127.0.0.1:8080/", HttpValidators.withoutQuery(URI.create("http://127.0.0.1:8080")));
    }
}
