package com.ytwhisper.bench;

import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import com.ytwhisper.worker.transcript.TranscriptInfo;
import com.ytwhisper.worker.transcript.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A made-up 4-hour talk as Whisper would return it: segments of 8–20 words, each word timed. */
final class LongTranscript {

    static final double HOURS = 4;
    static final int SEGMENTS = 3000;
    private static final String[] WORDS = ("the of and to in that it is was for on are as with they be at this have "
            + "from or one had by word but not what all were we when your can said there use an each which she do how "
            + "their if will up other about out many then them these so some her would make like him into time has "
            + "look two more write go see number no way could people my than first water been call who oil its now "
            + "find long down day did get come made may part transcription subtitles international infrastructure "
            + "responsibility understanding conversation measurement approximately").split(" ");

    private LongTranscript() {
    }

    /** The same transcript for the same seed. */
    static Transcript make(long seed) {
        Random random = new Random(seed);
        double slot = HOURS * 3600 / SEGMENTS;
        List<Segment> segments = new ArrayList<>(SEGMENTS);
        for (int s = 0; s < SEGMENTS; s++) {
            double start = s * slot + random.nextDouble() * 0.3;
            double end = (s + 1) * slot - random.nextDouble() * 0.3;
            int count = 8 + random.nextInt(13);
            double step = (end - start) / count;
            List<Word> words = new ArrayList<>(count);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < count; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                if (w == count - 1) {
                    word += ".";
                } else if (random.nextInt(9) == 0) {
                    word += ",";
                }
                String spoken = " " + (w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                double ws = start + w * step;
                words.add(new Word(ws, ws + step * 0.9, spoken, 0.9));
                text.append(spoken);
            }
            segments.add(new Segment(start, end, text.toString(), words, -0.2, 0.01));
        }
        return new Transcript(new TranscriptInfo("en", 0.99, HOURS * 3600, "bench", "synthetic"), segments);
    }

    static int wordCount(Transcript t) {
        return t.segments().stream().mapToInt(s -> s.words().size()).sum();
    }
}
