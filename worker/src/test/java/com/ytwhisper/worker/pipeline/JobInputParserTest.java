package com.ytwhisper.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.subtitles.SubtitleFormat;
import com.ytwhisper.worker.subtitles.SubtitleLayout;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobInputParserTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A valid input with {@code extra} added, e.g. {@code 'beam_size': 3}. */
    static JsonNode withUrl(String extra) {
        return json("{'youtube_url': '" + URL + "'" + (extra.isEmpty() ? "" : ", " + extra) + "}");
    }

    static JobInput parse(JsonNode input) {
        return JobInputParser.parse(input, "job-1", false);
    }

    static InvalidInputException refused(JsonNode input) {
        return assertThrows(InvalidInputException.class, () -> parse(input));
    }

    /** Asserts the input is refused with exactly one problem, and returns it. */
    static String onlyProblem(JsonNode input) {
        InvalidInputException e = refused(input);
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("invalid job input: " + e.problems().get(0), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void prototypeInputGetsEveryDefault() {
        JobInput in = parse(json("{'youtube_url': '" + URL + "', 'request_id': 'req-7', 's3_bucket': 'bucket',"
                + " 's3_key_prefix': 'transcriptions/', 's3_endpoint_url': 'https://s3.example.com',"
                + " 'aws_access_key': 'AKIAEXAMPLE', 'aws_secret_key': 'wJalrXUtnFEMI/K7MDENG'}"));

        assertEquals(new JobInput.Source("youtube_url", URL), in.source());
        assertEquals("req-7", in.requestId());
        assertEquals("bucket", in.storage().bucket());
        assertEquals("transcriptions/", in.storage().keyPrefix());
        assertEquals(URI.create("https://s3.example.com"), in.storage().endpoint());
        assertEquals("AKIAEXAMPLE", in.storage().credentials().accessKeyId());
        assertEquals("wJalrXUtnFEMI/K7MDENG", in.storage().credentials().secretAccessKey());
        assertNull(in.transcription().language());
        assertEquals(TranscriptionInput.Task.TRANSCRIBE, in.transcription().task());
        assertEquals(List.of(SubtitleFormat.SRT), List.copyOf(in.formats()));
        assertFalse(in.transcription().wordTimestamps());
        assertTrue(in.transcription().vadFilter());
        assertEquals(5, in.transcription().beamSize());
        assertNull(in.transcription().initialPrompt());
        assertNull(in.transcription().batchSize());
        assertEquals(new SubtitleLayout(42, 2, 7.0), in.layout());
    }

    @Test
    void requestIdDefaultsToTheJobId() {
        JobInput in = JobInputParser.parse(withUrl(""), "5f2c1e9a-7b1d-4c55-9f0e-1a2b3c4d5e6f-u1", false);
        assertEquals("5f2c1e9a-7b1d-4c55-9f0e-1a2b3c4d5e6f-u1", in.requestId());
        assertNull(in.storage().bucket());
        assertNull(in.storage().keyPrefix());
    }

    @Test
    void everyOptionalFieldIsRead() {
        JobInput in = parse(json("{'audio_url': 's3://media/talks/a.m4a', 'language': 'DE', 'task': 'Translate',"
                + " 'formats': ['vtt', 'TXT', 'srt', 'vtt', 'json'], 'word_timestamps': true, 'vad_filter': false,"
                + " 'beam_size': 1, 'initial_prompt': 'Kubernetes, Quarkus', 'batch_size': 16,"
                + " 'max_line_chars': 32, 'max_lines': 1, 'max_cue_seconds': 4.5}"));

        assertEquals(new JobInput.Source("audio_url", "s3://media/talks/a.m4a"), in.source());
        assertEquals("de", in.transcription().language());
        assertEquals(TranscriptionInput.Task.TRANSLATE, in.transcription().task());
        assertEquals("translate", in.transcription().task().wireName());
        assertEquals(List.of(SubtitleFormat.SRT, SubtitleFormat.VTT, SubtitleFormat.TXT, SubtitleFormat.JSON),
                List.copyOf(in.formats()));
        assertTrue(in.transcription().wordTimestamps());
        assertFalse(in.transcription().vadFilter());
        assertEquals(1, in.transcription().beamSize());
        assertEquals("Kubernetes, Quarkus", in.transcription().initialPrompt());
        assertEquals(16, in.transcription().batchSize());
        assertEquals(new SubtitleLayout(32, 1, 4.5), in.layout());
    }

    @Test
    void cacheIsOnUnlessTheJobSaysFalse() {
        assertTrue(parse(withUrl("")).cache());
        assertTrue(parse(withUrl("'cache': null")).cache());
        assertFalse(parse(withUrl("'cache': false")).cache());
        List<String> problems = refused(withUrl("'cache': 'no'")).problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("cache: must be true or false"), problems.get(0));
    }

    @Test
    void srtIsWrittenWhetherListedOrNot() {
        assertEquals(List.of(SubtitleFormat.SRT, SubtitleFormat.VTT), List.copyOf(parse(withUrl("'formats': ['vtt']")).formats()));
        assertEquals(List.of(SubtitleFormat.SRT), List.copyOf(parse(withUrl("'formats': []")).formats()));
        assertEquals(List.of(SubtitleFormat.SRT), List.copyOf(parse(withUrl("'formats': ['srt']")).formats()));
        assertEquals(List.of(SubtitleFormat.SRT), List.copyOf(parse(withUrl("'formats': null")).formats()));
    }

    @Test
    void nullAndEmptyStringMeanNotGiven() {
        JobInput in = parse(json("{'youtube_url': '', 'audio_url': 'https://cdn.example.com/a.mp3', 'request_id': '',"
                + " 's3_bucket': '', 's3_key_prefix': null, 'aws_access_key': '', 'aws_secret_key': null,"
                + " 'language': '', 'task': null, 'beam_size': null, 'vad_filter': null, 'initial_prompt': ''}"));
        assertEquals("job-1", in.requestId());
        assertNull(in.storage().bucket());
        assertNull(in.storage().credentials());
        assertNull(in.transcription().language());
        assertEquals(5, in.transcription().beamSize());
        assertTrue(in.transcription().vadFilter());
        assertNull(in.transcription().initialPrompt());
    }

    @Test
    void everyProblemIsListedInOneError() {
        InvalidInputException e = refused(json("{'beam_size': 'x', 'formats': ['srt', 'docx'], 'max_lines': 9,"
                + " 'vad_filter': 'yes', 'request_id': '../x', 'youtub_url': 'https://a.example'}"));

        assertEquals(List.of(
                "youtube_url: required (or give audio_url)",
                "request_id: must be 1-128 letters, digits, '.', '_' or '-' (it names the output files), got \"../x\"",
                "formats[1]: unknown format \"docx\"; choose from srt, vtt, json, txt",
                "vad_filter: must be true or false, got \"yes\"",
                "beam_size: must be a whole number from 1 to 10, got \"x\"",
                "max_lines: must be a whole number from 1 to 5, got 9",
                "\"youtub_url\": unknown field, did you mean youtube_url? (remove unknown fields)"), e.problems());
        assertEquals("invalid job input: " + String.join("; ", e.problems()), e.getMessage());
        assertNull(e.requestId(), "a refused request_id is not echoed into the failure output");
    }

    @Test
    void refusedInputStillNamesTheRequestForTheFailureOutput() {
        assertEquals("req-9", refused(json("{'request_id': 'req-9'}")).requestId());
        assertEquals("job-1", refused(json("{}")).requestId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "'https://www.youtube.com/watch?v=x'", "42", "true"})
    void inputMustBeAnObject(String input) {
        String problem = onlyProblem(json(input));
        assertTrue(problem.startsWith("input: must be a JSON object such as {\"youtube_url\": \"https://...\"}, got "),
                problem);
        assertEquals("job-1", refused(json(input)).requestId());
    }

    @Test
    void missingInputIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> JobInputParser.parse(null, "job-1", false));
        assertEquals(List.of("input: must be a JSON object such as {\"youtube_url\": \"https://...\"}, got nothing"),
                e.problems());
    }

    @Test
    void oneUrlIsRequiredAndOnlyOne() {
        assertEquals("youtube_url: required (or give audio_url)", onlyProblem(json("{'s3_bucket': 'b'}")));
        assertEquals("youtube_url, audio_url: give one of them, not both",
                onlyProblem(withUrl("'audio_url': 'https://cdn.example.com/a.mp3'")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            'beam_size': '5'         | beam_size: must be a whole number from 1 to 10, got "5" (a string: write 5 without quotes)
            'beam_size': 5.5         | beam_size: must be a whole number from 1 to 10, got 5.5
            'beam_size': true        | beam_size: must be a whole number from 1 to 10, got true
            'batch_size': [8]        | batch_size: must be a whole number from 1 to 64, got an array
            'max_cue_seconds': '7'   | max_cue_seconds: must be a number from 1 to 30, got "7" (a string: write 7 without quotes)
            'vad_filter': 'true'     | vad_filter: must be true or false, got "true" (a string: write true without quotes)
            'word_timestamps': 1     | word_timestamps: must be true or false, got 1
            'formats': 'vtt'         | formats: must be an array such as ["srt", "vtt"], got "vtt"
            'formats': [3]           | formats[0]: must be a string, one of srt, vtt, json, txt, got 3
            'language': 7            | language: must be a string, got 7
            'task': {'a': 1}         | task: must be a string, got an object
            'request_id': 1.5        | request_id: must be a string, got 1.5
            's3_bucket': ['b']       | s3_bucket: must be a string, got an array
            """)
    void wrongTypesSayWhatToWrite(String field, String problem) {
        assertEquals(problem, onlyProblem(withUrl(field)));
    }

    @Test
    void urlOfWrongTypeIsNotReportedAsMissing() {
        assertEquals("youtube_url: must be a string, got 42", onlyProblem(json("{'youtube_url': 42}")));
    }

    @ParameterizedTest
    @CsvSource({
        "beam_size, 1, 10, whole number",
        "batch_size, 1, 64, whole number",
        "max_line_chars, 10, 200, whole number",
        "max_lines, 1, 5, whole number",
        "max_cue_seconds, 1, 30, number",
    })
    void numbersHaveRanges(String field, int min, int max, String kind) {
        parse(withUrl("'" + field + "': " + min));
        parse(withUrl("'" + field + "': " + max));
        String expected = field + ": must be a " + kind + " from " + min + " to " + max + ", got ";
        assertEquals(expected + (min - 1), onlyProblem(withUrl("'" + field + "': " + (min - 1))));
        assertEquals(expected + (max + 1), onlyProblem(withUrl("'" + field + "': " + (max + 1))));
        assertEquals(expected + "99999999999999999999", onlyProblem(withUrl("'" + field + "': 99999999999999999999")));
    }

    @Test
    void unknownFormatsAreNamed() {
        InvalidInputException e = refused(withUrl("'formats': ['vtt', 'ass', 'pdf']"));
        assertEquals(List.of("formats[1]: unknown format \"ass\"; choose from srt, vtt, json, txt",
                "formats[2]: unknown format \"pdf\"; choose from srt, vtt, json, txt"), e.problems());
        assertEquals("formats: must have at most 16 entries, got 17",
                onlyProblem(withUrl("'formats': [" + "'vtt',".repeat(16) + "'vtt']")));
    }

    @ParameterizedTest
    @CsvSource({
        "youtube_url, 4096",
        "audio_url, 4096",
        "s3_endpoint_url, 4096",
        "initial_prompt, 600",
        "s3_key_prefix, 512",
        "request_id, 128",
        "s3_bucket, 256",
        "language, 256",
        "task, 256",
        "aws_access_key, 256",
        "aws_secret_key, 256",
    })
    void stringsHaveLengthLimits(String field, int max) {
        ObjectNode input = (ObjectNode) withUrl("");
        if (field.endsWith("_url")) {
            input.remove("youtube_url");
            input.put(field.equals("s3_endpoint_url") ? "youtube_url" : field, URL);
            input.put(field, "https://e.example/" + "a".repeat(max - 18));
            assertEquals(max, input.get(field).textValue().length());
            parse(input);
            input.put(field, "https://e.example/" + "a".repeat(max - 17));
        } else {
            input.put(field, "a".repeat(max + 1));
            if (field.startsWith("aws_")) {
                input.put(field.equals("aws_access_key") ? "aws_secret_key" : "aws_access_key", "partner");
            }
        }
        assertTrue(onlyProblem(input).startsWith(field + ": must be at most " + max + " characters, got " + (max + 1)));
    }

    @Test
    void aPromptLongerThanWhisperReadsIsRefusedSayingWhy() {
        String problem = onlyProblem(withUrl("'initial_prompt': '" + "a".repeat(601) + "'"));
        assertTrue(problem.startsWith("initial_prompt: must be at most 600 characters, got 601"), problem);
        assertTrue(problem.contains("223 tokens"), problem);
        assertEquals("a".repeat(600), parse(withUrl("'initial_prompt': '" + "a".repeat(600) + "'")).transcription().initialPrompt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"youtube_url", "initial_prompt", "language", "aws_secret_key", "s3_key_prefix", "unknown"})
    void aHugeStringIsHandledQuicklyAndNotEchoed(String field) {
        String huge = "A".repeat(1 << 20);
        ObjectNode input = (ObjectNode) withUrl("");
        input.put(field, huge);
        input.put(huge, "value of a field with a huge name");

        long start = System.nanoTime();
        InvalidInputException e = refused(input);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 2000, "took " + millis + " ms");
        assertTrue(e.getMessage().length() < 1000, "message of " + e.getMessage().length() + " characters");
        assertFalse(e.getMessage().contains("A".repeat(61)), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + "A".repeat(60) + "\"... (1048576 characters): unknown field"),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            ftp://example.com/a.mp3
            --exec=touch
            -o/tmp/x
            javascript:alert(1)
            www.youtube.com/watch?v=x
            s3://bucket/key.mp3
            """)
    void youtubeUrlMustBeHttp(String url) {
        assertEquals("youtube_url: must be an http:// or https:// URL, got \"" + url + "\"",
                onlyProblem(json("{'youtube_url': '" + url + "'}")));
    }

    @Test
    void audioUrlMayBeS3() {
        assertEquals("s3://bucket/a/b.mp3", parse(json("{'audio_url': 's3://bucket/a/b.mp3'}")).source().url());
        assertEquals("HTTPS://cdn.example.com/a.mp3", parse(json("{'audio_url': 'HTTPS://cdn.example.com/a.mp3'}")).source().url());
        assertEquals("audio_url: an s3:// address needs a bucket and a key, e.g. s3://my-bucket/audio/talk.mp3",
                onlyProblem(json("{'audio_url': 's3://bucket/'}")));
        assertEquals("audio_url: must be an http://, https:// or s3://bucket/key address, got \"ftp://h/a.mp3\"",
                onlyProblem(json("{'audio_url': 'ftp://h/a.mp3'}")));
        assertTrue(onlyProblem(json("{'audio_url': 'file:///etc/passwd'}")).startsWith("audio_url: a file:// address works only"));
        assertEquals("s3_endpoint_url: must be an http:// or https:// URL, got \"s3://x\"",
                onlyProblem(withUrl("'s3_endpoint_url': 's3://x'")));
    }

    @Test
    void urlsNeedAHostAndNoSpaces() {
        assertEquals("youtube_url: has no host, got \"https:///watch\"", onlyProblem(json("{'youtube_url': 'https:///watch'}")));
        assertEquals("youtube_url: has no host, got \"http:foo\"", onlyProblem(json("{'youtube_url': 'http:foo'}")));
        assertEquals("youtube_url: must not contain spaces or line breaks (percent-encode them), got \"https://a.example/x y\"",
                onlyProblem(json("{'youtube_url': 'https://a.example/x y'}")));
        assertEquals("youtube_url: must not contain spaces or line breaks (percent-encode them), got \"https://a.example/\\n-x\"",
                onlyProblem(json("{'youtube_url': 'https://a.example/\\n-x'}")));
        assertEquals("youtube_url: is not a valid URL, got \"https://a.example/%zz\"",
                onlyProblem(json("{'youtube_url': 'https://a.example/%zz'}")));
    }

    @Test
    void passwordsInUrlsAreNotQuoted() {
        String problem = onlyProblem(json("{'youtube_url': 'ftp://joe:hunter2@files.example/a.mp3'}"));
        assertEquals("youtube_url: must be an http:// or https:// URL, got \"ftp://***@files.example/a.mp3\"", problem);
    }

    @ParameterizedTest
    @CsvSource({"en, en", "EN, en", "yue, yue", "zh, zh", "auto, ", "Auto, "})
    void languageIsACodeOrAuto(String given, String expected) {
        assertEquals(expected, parse(withUrl("'language': '" + given + "'")).transcription().language());
    }

    @ParameterizedTest
    @ValueSource(strings = {"english", "en-US", "e", "zh_CN", " en", "12"})
    void languageOfAnotherShapeIsRefused(String language) {
        assertEquals("language: must be a language code such as \"en\", \"de\", \"zh\" or \"yue\", or \"auto\" "
                + "to detect it, got \"" + language + "\"", onlyProblem(withUrl("'language': '" + language + "'")));
    }

    @Test
    void taskIsTranscribeOrTranslate() {
        assertEquals("task: must be \"transcribe\" or \"translate\" (to English), got \"summarize\"",
                onlyProblem(withUrl("'task': 'summarize'")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"job-1", "a", "A.b_c-9", "..a", "a..", ".hidden"})
    void requestIdsThatNameAFileSafelyAreAccepted(String id) {
        assertEquals(id, parse(withUrl("'request_id': '" + id + "'")).requestId());
        assertEquals(id, JobInputParser.parse(withUrl(""), id, false).requestId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "a\\\\b", "a b", "x\\u0000", "é"})
    void requestIdsWithOtherCharactersAreRefused(String id) {
        assertTrue(onlyProblem(withUrl("'request_id': '" + id + "'"))
                .startsWith("request_id: must be 1-128 letters, digits, '.', '_' or '-' (it names the output files), got "));
    }

    @Test
    void aNumericRequestIdNamesFilesLikeThePrototypeDid() {
        assertEquals("20240101123000", parse(withUrl("'request_id': 20240101123000")).requestId());
        assertTrue(onlyProblem(withUrl("'request_id': " + "9".repeat(129))).startsWith(
                "request_id: must be 1-128 letters, digits, '.', '_' or '-' (it names the output files), got \"999"));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void dotRequestIdsAreRefused(String id) {
        assertEquals("request_id: must not be \".\" or \"..\" (it names the output files)",
                onlyProblem(withUrl("'request_id': '" + id + "'")));
    }

    @Test
    void aJobIdThatCannotNameFilesNeedsARequestId() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> JobInputParser.parse(withUrl(""), "../../etc", false));
        assertEquals(List.of("request_id: not given, and the job id \"../../etc\" cannot name the output files;"
                + " give a request_id of 1-128 letters, digits, '.', '_' or '-'"), e.problems());
        assertNull(e.requestId());
        assertEquals("given", JobInputParser.parse(withUrl("'request_id': 'given'"), "../../etc", false).requestId());

        e = assertThrows(InvalidInputException.class, () -> JobInputParser.parse(withUrl(""), null, false));
        assertEquals(List.of("request_id: not given, and the job id is missing;"
                + " give a request_id of 1-128 letters, digits, '.', '_' or '-'"), e.problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {"transcriptions/", "a/b/c/", "jobs-", "..hidden/", "x.y/", "café/", "\uFF0E\uFF0E/", "日本語/"})
    void keyPrefixesThatStayInsideAreAccepted(String prefix) {
        assertEquals(prefix, parse(withUrl("'s3_key_prefix': '" + prefix + "'")).storage().keyPrefix());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ../                  | must not contain "." or ".." path segments, got "../"
            ..                   | must not contain "." or ".." path segments, got ".."
            a/../../b/           | must not contain "." or ".." path segments, got "a/../../b/"
            ./x/                 | must not contain "." or ".." path segments, got "./x/"
            /abs/                | must not start with '/' (write it relative, e.g. "transcriptions/"), got "/abs/"
            a\\\\b/              | must not contain '\\'; separate folders with '/', got "a\\\\b/"
            a\\u0007b/           | must not contain control characters, got "a\\u0007b/"
            a//b/                | must not contain empty path segments ("//"); write one '/' between folders, got "a//b/"
            //                   | must not start with '/' (write it relative, e.g. "transcriptions/"), got "//"
            a\\ud800b/           | must be valid Unicode text (it holds a broken character; send the prefix as UTF-8), got "a\\ud800b/"
            """)
    void keyPrefixesThatClimbOutAreRefused(String prefix, String problem) {
        assertEquals("s3_key_prefix: " + problem, onlyProblem(withUrl("'s3_key_prefix': '" + prefix + "'")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my_bucket/evil", "-bucket", ".", "a b"})
    void bucketNamesCannotCarryPaths(String bucket) {
        assertTrue(onlyProblem(withUrl("'s3_bucket': '" + bucket + "'")).startsWith(
                "s3_bucket: must be a bucket name (letters, digits, '.', '_' and '-', starting with a letter or digit), got "));
    }

    @Test
    void unknownFieldsAreRefusedWithAGuess() {
        InvalidInputException e = refused(withUrl("'Beam-Size': 3, 'colour': 'red'"));
        assertEquals(List.of("\"Beam-Size\": unknown field, did you mean beam_size?",
                "\"colour\": unknown field (remove unknown fields, or set WORKER_IGNORE_UNKNOWN_INPUT=true to ignore them)"),
                e.problems());
    }

    @Test
    void aMissingRequiredFieldNeverSuggestsIgnoringUnknownFields() {
        InvalidInputException e = refused(json("{'url': '" + URL + "'}"));
        assertEquals(List.of("youtube_url: required (or give audio_url)",
                "\"url\": unknown field, did you mean youtube_url? (remove unknown fields)"), e.problems());
        assertFalse(e.getMessage().contains("WORKER_IGNORE_UNKNOWN_INPUT"), e.getMessage());
    }

    @Test
    void otherSchemasNamesForOurFieldsGetADidYouMean() {
        InvalidInputException e = refused(withUrl("'prompt': 'Kubernetes', 'response_format': 'srt', "
                + "'bucketName': 'b', 'timestamp_granularities': ['word']"));
        assertEquals(List.of("\"prompt\": unknown field, did you mean initial_prompt?",
                "\"response_format\": unknown field, did you mean formats?",
                "\"bucketName\": unknown field, did you mean s3_bucket?",
                "\"timestamp_granularities\": unknown field, did you mean word_timestamps? (remove unknown fields, "
                        + "or set WORKER_IGNORE_UNKNOWN_INPUT=true to ignore them)"), e.problems());
    }

    @Test
    void unknownFieldsCanBeIgnored() {
        JobInput in = JobInputParser.parse(withUrl("'colour': 'red', 'beam_size': 3"), "job-1", true);
        assertEquals(3, in.transcription().beamSize());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> JobInputParser.parse(json("{'colour': 'red', 'beam_size': 0}"), "job-1", true));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertFalse(e.getMessage().contains("colour"), e.getMessage());
    }

    @Test
    void manyUnknownFieldsAreCounted() {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            fields.append(", 'zz").append(i).append("': 1");
        }
        InvalidInputException e = refused(withUrl(fields.substring(2)));
        assertEquals(10, e.problems().size());
        assertTrue(e.problems().get(9).startsWith("\"zz9\": unknown field and 15 more (remove unknown fields"),
                e.problems().get(9));
    }

    @Test
    void credentialsComeInPairs() {
        assertEquals("aws_secret_key: required when aws_access_key is given (give both, or neither to use the "
                + "worker's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)", onlyProblem(withUrl("'aws_access_key': 'AKIA1'")));
        assertEquals("aws_access_key: required when aws_secret_key is given (give both, or neither to use the "
                + "worker's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)", onlyProblem(withUrl("'aws_secret_key': 's'")));
    }

    @Test
    void secretsNeverReachMessages() {
        String secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
        String[] inputs = {
            "'aws_access_key': '" + secret + "'",
            "'aws_access_key': 'AKIA1', 'aws_secret_key': '" + secret + " '",
            "'aws_access_key': 'AKIA1', 'aws_secret_key': '" + secret + "\\n'",
            "'aws_access_key': '" + secret + "\\t', 'aws_secret_key': '" + secret + "'",
            "'aws_access_key': 'AKIA1', 'aws_secret_key': '" + secret.repeat(10) + "'",
        };
        for (String fields : inputs) {
            InvalidInputException e = refused(json("{'beam_size': 0, " + fields + "}"));
            assertFalse(e.getMessage().contains(secret.substring(0, 8)), e.getMessage());
        }
        InvalidInputException e = refused(withUrl("'aws_access_key': 'AKIA1', 'aws_secret_key': 123456789"));
        assertEquals(List.of("aws_secret_key: must be a string, got a number"), e.problems());
        assertEquals("aws_secret_key: must not contain spaces or line breaks (check what was pasted)",
                onlyProblem(withUrl("'aws_access_key': 'AKIA1', 'aws_secret_key': 's\\n'")));
    }

    @Test
    void localFilesAreAcceptedOnlyWhereTheWorkerRunsOnTheCallersMachine() {
        JsonNode input = json("{'audio_url': 'file:///home/me/my%20talk.mp4'}");
        assertEquals("file:///home/me/my%20talk.mp4", JobInputParser.parse(input, "job-1", false, true).source().url());
        assertEquals("file:///home/me/v.webm",
                JobInputParser.parse(json("{'youtube_url': 'file:///home/me/v.webm'}"), "job-1", false, true).source().url());
        assertEquals("audio_url: a file:// address works only in test-input and local-API modes (the worker on Runpod "
                + "cannot see your files); upload the file and give its https:// or s3://bucket/key address", onlyProblem(input));
        InvalidInputException relative = assertThrows(InvalidInputException.class,
                () -> JobInputParser.parse(json("{'audio_url': 'file://host/talk.mp4'}"), "job-1", false, true));
        assertEquals(List.of("audio_url: a local file must be given as file:///absolute/path, got \"file://host/talk.mp4\""),
                relative.problems());
    }

    @Test
    void anEndpointTheStorageRefusesFailsInTheStoragePackagesWords() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(withUrl(
                "'request_id': 'req-3', 's3_endpoint_url': 'https://joe:hunter2@s3.example.com'")));
        assertEquals("s3_endpoint_url must not contain user info (pass credentials as keys instead): use a plain URL "
                + "such as https://s3.example.com.", e.getMessage());
        assertEquals("req-3", e.requestId());
    }
}
