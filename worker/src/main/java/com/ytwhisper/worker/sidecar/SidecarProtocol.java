package com.ytwhisper.worker.sidecar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.transcript.GuardCounts;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Word;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON-lines protocol between worker and sidecar; the wire format is documented in
 * {@code worker/src/main/python/ytw_sidecar/protocol.py}. Requests are encoded here, events decoded.
 */
public final class SidecarProtocol {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SidecarProtocol() {
    }

    /** What the sidecar writes on stdout. */
    public sealed interface Event permits Ready, SegmentEvent, Progress, Result, ErrorEvent, Cancelled {
    }

    public record Ready(EngineInfo engine) implements Event {
    }

    public record SegmentEvent(String jobId, Segment segment) implements Event {
    }

    public record Progress(String jobId, double decodedS, double durationS) implements Event {
    }

    public record Result(String jobId, String language, Double languageProbability, double durationS,
                         GuardCounts guards) implements Event {
    }

    /** @param jobId null when the error belongs to no job (engine load failure, unreadable request) */
    public record ErrorEvent(String jobId, String errorType, String message) implements Event {
    }

    public record Cancelled(String jobId) implements Event {
    }

    /** Thrown for a stdout line that is not a protocol event. */
    public static final class MalformedEventException extends RuntimeException {
        MalformedEventException(String message) {
            super(message);
        }
    }

    public static String transcribe(String jobId, Path audio, TranscribeOptions options) {
        ObjectNode request = JSON.createObjectNode()
                .put("type", "transcribe")
                .put("job_id", jobId)
                .put("audio_path", audio.toAbsolutePath().toString());
        request.putObject("options")
                .put("language", options.language())
                .put("task", options.task())
                .put("word_timestamps", options.wordTimestamps())
                .put("vad_filter", options.vadFilter())
                .put("beam_size", options.beamSize())
                .put("initial_prompt", options.initialPrompt())
                .put("batch_size", options.batchSize());
        return request.toString();
    }

    public static String cancel(String jobId) {
        return JSON.createObjectNode().put("type", "cancel").put("job_id", jobId).toString();
    }

    public static String shutdown() {
        return JSON.createObjectNode().put("type", "shutdown").toString();
    }

    public static Event parse(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        String type = event.path("type").asText();
        return switch (type) {
            case "ready" -> new Ready(new EngineInfo(text(event, "engine"), text(event, "model"),
                    text(event, "device"), text(event, "compute_type"), number(event, "load_s")));
            case "segment" -> new SegmentEvent(text(event, "job_id"), new Segment(number(event, "start"),
                    number(event, "end"), text(event, "text"), words(event.path("words")),
                    optionalNumber(event, "avg_logprob"), optionalNumber(event, "no_speech_prob")));
            case "progress" -> new Progress(text(event, "job_id"), number(event, "decoded"), number(event, "duration"));
            case "result" -> new Result(text(event, "job_id"), optionalText(event, "language"),
                    optionalNumber(event, "language_probability"), number(event, "duration"), guards(event.path("guards")));
            case "error" -> new ErrorEvent(optionalText(event, "job_id"), text(event, "error_type"),
                    text(event, "message"));
            case "cancelled" -> new Cancelled(text(event, "job_id"));
            default -> throw new MalformedEventException("unknown event type '" + type + "'");
        };
    }

    /** The quality guards' counts; an older sidecar or an engine without guards sends none. */
    private static GuardCounts guards(JsonNode guards) {
        if (!guards.isObject()) {
            return GuardCounts.NONE;
        }
        return new GuardCounts((int) number(guards, "dropped"), (int) number(guards, "redecoded"));
    }

    private static List<Word> words(JsonNode words) {
        List<Word> result = new ArrayList<>();
        for (JsonNode word : words) {
            result.add(new Word(number(word, "start"), number(word, "end"), text(word, "word"),
                    optionalNumber(word, "probability")));
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedEventException("field '" + field + "' must be a string in " + node);
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        return node.hasNonNull(field) ? text(node, field) : null;
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new MalformedEventException("field '" + field + "' must be a number in " + node);
        }
        return value.asDouble();
    }

    private static Double optionalNumber(JsonNode node, String field) {
        return node.hasNonNull(field) ? number(node, field) : null;
    }
}
