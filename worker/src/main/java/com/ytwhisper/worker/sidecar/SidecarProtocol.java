package com.ytwhisper.worker.sidecar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.shared.Json;
import com.ytwhisper.worker.transcript.GuardCounts;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Word;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The JSON-lines protocol between worker and sidecar; the wire format is documented in
 * {@code worker/src/main/python/ytw_sidecar/protocol.py}. Requests are encoded here, events decoded
 * by Jackson from their {@code type} field. Events are tolerant readers: fields they do not know
 * are ignored, optional fields may be missing or null; a required field that is missing, null or of
 * the wrong JSON type makes the line a {@link MalformedEventException}.
 */
public final class SidecarProtocol {

    private SidecarProtocol() {
    }

    /** What the sidecar writes on stdout. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Ready.class, name = "ready"),
            @JsonSubTypes.Type(value = SegmentEvent.class, name = "segment"),
            @JsonSubTypes.Type(value = Progress.class, name = "progress"),
            @JsonSubTypes.Type(value = Result.class, name = "result"),
            @JsonSubTypes.Type(value = ErrorEvent.class, name = "error"),
            @JsonSubTypes.Type(value = Cancelled.class, name = "cancelled")})
    @JsonIgnoreProperties(ignoreUnknown = true) // a newer sidecar may add fields
    public sealed interface Event permits Ready, SegmentEvent, Progress, Result, ErrorEvent, Cancelled {
    }

    public record Ready(EngineInfo engine) implements Event {
        @JsonCreator
        static Ready fromWire(@JsonProperty("engine") String engine, @JsonProperty("model") String model,
                              @JsonProperty("device") String device, @JsonProperty("compute_type") String computeType,
                              @JsonProperty("load_s") Double loadS) {
            return new Ready(new EngineInfo(text(engine, "engine"), text(model, "model"),
                    text(device, "device"), text(computeType, "compute_type"), number(loadS, "load_s")));
        }
    }

    public record SegmentEvent(String jobId, Segment segment) implements Event {
        /** @param words missing or null when the job asked for no word timestamps */
        @JsonCreator
        static SegmentEvent fromWire(@JsonProperty("job_id") String jobId, @JsonProperty("start") Double start,
                                     @JsonProperty("end") Double end, @JsonProperty("text") String text,
                                     @JsonProperty("words") List<WireWord> words,
                                     @JsonProperty("avg_logprob") Double avgLogprob,
                                     @JsonProperty("no_speech_prob") Double noSpeechProb) {
            List<Word> decoded = words == null ? List.of() : words.stream().map(WireWord::word).toList();
            return new SegmentEvent(text(jobId, "job_id"), new Segment(number(start, "start"),
                    number(end, "end"), text(text, "text"), decoded, avgLogprob, noSpeechProb));
        }
    }

    public record Progress(String jobId, double decodedS, double durationS) implements Event {
        @JsonCreator
        static Progress fromWire(@JsonProperty("job_id") String jobId, @JsonProperty("decoded") Double decoded,
                                 @JsonProperty("duration") Double duration) {
            return new Progress(text(jobId, "job_id"), number(decoded, "decoded"), number(duration, "duration"));
        }
    }

    public record Result(String jobId, String language, Double languageProbability, double durationS,
                         GuardCounts guards) implements Event {
        /** @param guards the quality guards' counts; an older sidecar or an engine without guards sends none */
        @JsonCreator
        static Result fromWire(@JsonProperty("job_id") String jobId, @JsonProperty("language") String language,
                               @JsonProperty("language_probability") Double languageProbability,
                               @JsonProperty("duration") Double duration, @JsonProperty("guards") JsonNode guards) {
            return new Result(text(jobId, "job_id"), language, languageProbability, number(duration, "duration"),
                    WireGuards.of(guards));
        }
    }

    /** @param jobId null when the error belongs to no job (engine load failure, unreadable request) */
    public record ErrorEvent(String jobId, String errorType, String message) implements Event {
        @JsonCreator
        static ErrorEvent fromWire(@JsonProperty("job_id") String jobId, @JsonProperty("error_type") String errorType,
                                   @JsonProperty("message") String message) {
            return new ErrorEvent(jobId, text(errorType, "error_type"), text(message, "message"));
        }
    }

    public record Cancelled(String jobId) implements Event {
        @JsonCreator
        static Cancelled fromWire(@JsonProperty("job_id") String jobId) {
            return new Cancelled(text(jobId, "job_id"));
        }
    }

    /** One entry of a segment's {@code words}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record WireWord(Word word) {
        @JsonCreator
        static WireWord fromWire(@JsonProperty("start") Double start, @JsonProperty("end") Double end,
                                 @JsonProperty("word") String word, @JsonProperty("probability") Double probability) {
            return new WireWord(new Word(number(start, "start"), number(end, "end"), text(word, "word"), probability));
        }
    }

    /** A result's {@code guards} object; the counts are whole numbers sent as JSON numbers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record WireGuards(GuardCounts counts) {
        @JsonCreator
        static WireGuards fromWire(@JsonProperty("dropped") Double dropped, @JsonProperty("redecoded") Double redecoded) {
            return new WireGuards(new GuardCounts((int) number(dropped, "dropped"), (int) number(redecoded, "redecoded")));
        }

        /** Any other JSON than an object (an older sidecar's, or none) means no guards ran. */
        static GuardCounts of(JsonNode guards) {
            if (guards == null || !guards.isObject()) {
                return GuardCounts.NONE;
            }
            try {
                return Json.MAPPER.treeToValue(guards, WireGuards.class).counts();
            } catch (JsonProcessingException e) {
                throw fieldError(guards, e);
            }
        }
    }

    /** A required field that is missing or null; {@link #parse} adds where. */
    private static final class MissingField extends RuntimeException {
        MissingField(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown for a stdout line that is not a protocol event. */
    public static final class MalformedEventException extends RuntimeException {
        MalformedEventException(String message) {
            super(message);
        }
    }

    public static String transcribe(String jobId, Path audio, TranscribeOptions options) {
        ObjectNode request = Json.MAPPER.createObjectNode()
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
        return Json.MAPPER.createObjectNode().put("type", "cancel").put("job_id", jobId).toString();
    }

    public static String shutdown() {
        return Json.MAPPER.createObjectNode().put("type", "shutdown").toString();
    }

    public static Event parse(String line) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        try {
            return Json.MAPPER.treeToValue(event, Event.class);
        } catch (InvalidTypeIdException e) {
            throw new MalformedEventException("unknown event type '" + event.path("type").asText() + "'");
        } catch (JsonProcessingException e) {
            throw fieldError(event, e);
        }
    }

    /** Names the field that failed and the JSON object that holds it. */
    private static MalformedEventException fieldError(JsonNode event, JsonProcessingException e) {
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof MalformedEventException nested) {
            return nested; // from the guards object, which is read on its own
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof MissingField missing) {
            // thrown by a fromWire factory: the path leads to the object being built
            return new MalformedEventException(missing.getMessage() + " in " + at(event, v.getPath(), 0));
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            // a value of the wrong JSON type: the path ends at the field itself
            List<JsonMappingException.Reference> path = m.getPath();
            JsonMappingException.Reference last = path.get(path.size() - 1);
            String field = last.getFieldName() != null ? last.getFieldName()
                    : path.get(path.size() - 2).getFieldName() + "[" + last.getIndex() + "]";
            Class<?> target = m.getTargetType();
            String kind = target == String.class ? "a string" : target == Double.class ? "a number"
                    : target != null && Collection.class.isAssignableFrom(target) ? "a list" : "an object";
            return new MalformedEventException("field '" + field + "' must be " + kind + " in " + at(event, path, 1));
        }
        return new MalformedEventException("not a protocol event: " + (e instanceof DatabindException d
                ? d.getOriginalMessage() : e.getMessage()));
    }

    /** The node that {@code path}, less its last {@code dropLast} steps, leads to. */
    private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> path, int dropLast) {
        JsonNode node = root;
        for (JsonMappingException.Reference step : path.subList(0, path.size() - dropLast)) {
            node = step.getFieldName() != null ? node.path(step.getFieldName()) : node.path(step.getIndex());
        }
        return node;
    }

    private static String text(String value, String field) {
        if (value == null) {
            throw new MissingField("field '" + field + "' must be a string");
        }
        return value;
    }

    private static double number(Double value, String field) {
        if (value == null) {
            throw new MissingField("field '" + field + "' must be a number");
        }
        return value;
    }
}
