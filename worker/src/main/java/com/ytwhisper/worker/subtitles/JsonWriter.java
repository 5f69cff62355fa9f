package com.ytwhisper.worker.subtitles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.shared.Json;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import com.ytwhisper.worker.transcript.TranscriptInfo;
import com.ytwhisper.worker.transcript.Word;

/**
 * The whole transcript as JSON, with faster-whisper's field names: {@code language},
 * {@code language_probability}, {@code duration}, {@code engine}, {@code model} and {@code segments}
 * ({@code id}, {@code start}, {@code end}, {@code text}, {@code avg_logprob}, {@code no_speech_prob},
 * {@code words}: {@code start}, {@code end}, {@code word}, {@code probability}). Times are the engine's,
 * unrounded; a value the engine did not give (or gave as NaN) is {@code null}.
 */
public final class JsonWriter {


    private JsonWriter() {
    }

    public static String write(Transcript transcript) {
        TranscriptInfo info = transcript.info();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("language", info.language());
        root.put("language_probability", finite(info.languageProbability()));
        root.put("duration", finite(info.durationS()));
        root.put("engine", info.engine());
        root.put("model", info.model());
        ArrayNode segments = root.putArray("segments");
        int id = 0;
        for (Segment segment : transcript.segments()) {
            ObjectNode s = segments.addObject();
            s.put("id", id++);
            s.put("start", finite(segment.start()));
            s.put("end", finite(segment.end()));
            s.put("text", segment.text());
            s.put("avg_logprob", finite(segment.avgLogprob()));
            s.put("no_speech_prob", finite(segment.noSpeechProb()));
            ArrayNode words = s.putArray("words");
            for (Word word : segment.words()) {
                ObjectNode w = words.addObject();
                w.put("start", finite(word.start()));
                w.put("end", finite(word.end()));
                w.put("word", word.text());
                w.put("probability", finite(word.probability()));
            }
        }
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the transcript as JSON", e);
        }
    }

    private static Double finite(Double value) {
        return value != null && Double.isFinite(value) ? value : null;
    }
}
