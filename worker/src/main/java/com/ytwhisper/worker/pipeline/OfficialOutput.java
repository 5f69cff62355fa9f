package com.ytwhisper.worker.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.sidecar.EngineInfo;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import com.ytwhisper.worker.transcript.Word;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The output of the official {@code runpod-workers/worker-faster_whisper} ({@code src/predict.py}),
 * key for key: {@code segments}, {@code detected_language}, {@code transcription},
 * {@code translation}, {@code device}, {@code model}, and {@code word_timestamps} when asked.
 * Segment fields the engine protocol does not carry ({@code seek}, {@code tokens},
 * {@code temperature}, {@code compression_ratio}) are null.
 */
final class OfficialOutput {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OfficialOutput() {
    }

    /**
     * @param translation the English text in the requested format, or null when not asked
     */
    static ObjectNode toJson(Transcript transcript, String translation, OfficialInput in, EngineInfo engine) {
        ObjectNode out = JSON.objectNode();
        ArrayNode segments = out.putArray("segments");
        List<Segment> list = transcript.segments();
        for (int i = 0; i < list.size(); i++) {
            Segment s = list.get(i);
            ObjectNode seg = segments.addObject()
                    .put("id", i + 1) // faster-whisper numbers segments from 1
                    .putNull("seek")
                    .put("start", s.start())
                    .put("end", s.end())
                    .put("text", s.text());
            seg.putNull("tokens");
            seg.putNull("temperature");
            seg.put("avg_logprob", s.avgLogprob());
            seg.putNull("compression_ratio");
            seg.put("no_speech_prob", s.noSpeechProb());
        }
        out.put("detected_language", transcript.info().language());
        out.put("transcription", format(in.transcription(), list));
        out.put("translation", translation);
        out.put("device", engine.device() != null && engine.device().toLowerCase(Locale.ROOT).startsWith("cuda")
                ? "cuda" : "cpu");
        out.put("model", servedModel(engine));
        if (in.wordTimestamps()) {
            ArrayNode words = out.putArray("word_timestamps");
            for (Segment s : list) {
                for (Word w : s.words()) {
                    words.addObject().put("word", w.text()).put("start", w.start()).put("end", w.end());
                }
            }
        }
        return out;
    }

    /** The loaded model's name as a client asks for it: a baked folder such as /models/large-v3 is large-v3. */
    static String servedModel(EngineInfo engine) {
        String model = engine.model();
        if (model == null) {
            return null;
        }
        String trimmed = model.replaceAll("[/\\\\]+$", "");
        boolean localFolder = trimmed.startsWith("/") || trimmed.startsWith(".") || trimmed.contains("\\");
        if (!localFolder) {
            return trimmed; // a model name (large-v3) or a Hugging Face id, as configured
        }
        return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    }

    /** The official worker's text formats ({@code src/predict.py: format_segments, write_srt, write_vtt}). */
    static String format(OfficialInput.TextFormat format, List<Segment> segments) {
        return switch (format) {
            case PLAIN_TEXT -> segments.stream().map(s -> s.text().stripLeading()).collect(Collectors.joining(" "));
            case FORMATTED_TEXT -> segments.stream().map(s -> s.text().stripLeading()).collect(Collectors.joining("\n"));
            case SRT -> cues(segments, true);
            case VTT -> "WEBVTT\n\n" + cues(segments, false); // the official worker leaves the header out
        };
    }

    private static String cues(List<Segment> segments, boolean srt) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (srt) {
                out.append(i + 1).append('\n');
            }
            char marker = srt ? ',' : '.';
            out.append(timestamp(s.start(), marker)).append(" --> ").append(timestamp(s.end(), marker)).append('\n')
                    .append(s.text().strip().replace("-->", "->")).append("\n\n");
        }
        return out.toString();
    }

    /** {@code HH:MM:SS,mmm} as faster-whisper's {@code format_timestamp} with hours always shown. */
    static String timestamp(double seconds, char marker) {
        long ms = (long) Math.rint(Math.max(0, seconds) * 1000.0); // Python's round(): half to even
        long hours = ms / 3_600_000;
        ms -= hours * 3_600_000;
        long minutes = ms / 60_000;
        ms -= minutes * 60_000;
        long secs = ms / 1000;
        ms -= secs * 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", hours, minutes, secs, marker, ms);
    }
}
