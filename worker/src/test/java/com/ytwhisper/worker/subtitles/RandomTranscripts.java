package com.ytwhisper.worker.subtitles;

import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Word;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random transcripts for the property tests, reproducible from a seed: mixed scripts (English with long
 * words, Burmese built from syllables with stacks and kinzi, Thai, Japanese, Khmer, emoji), with and without
 * word timings, with Whisper-style words that split Burmese inside a cluster, gaps, overlaps, zero and
 * over-long durations.
 */
final class RandomTranscripts {

    /** One generated word and how it joins its neighbours: unspaced words of one script join without a space. */
    record Token(String text, String script) {
        boolean spaced() {
            return script.equals("latin") || script.equals("emoji");
        }
    }

    /** A generated case: the segments, the layout, and the English words in the order they were spoken. */
    record Case(List<Segment> segments, SubtitleLayout layout, List<String> latinWords) {
    }

    private static final String CONSONANTS = "ကခဂဃငစဆဇဈညဋဌဍဎဏတထဒဓနပဖဗဘမယရလဝသဟဠအ";
    private static final String[] MEDIALS = {"", "", "", "ျ", "ြ", "ွ", "ှ", "ျွ"};
    private static final String[] VOWELS = {"", "ာ", "ါ", "ိ", "ီ", "ု", "ူ", "ေ", "ဲ", "ော", "ို", "ေါ်"};
    private static final String[] TONES = {"", "", "့", "း"};
    private static final String[] STACKED_WORDS = {"ဗုဒ္ဓ", "တက္ကသိုလ်", "ကမ္ဘာ", "ပုဂ္ဂိုလ်", "မင်္ဂလာ", "အင်္ဂလိပ်", "သင်္ချိုင်း"};
    private static final String[] THAI = {"สวัสดี", "ครับ", "วันนี้", "อากาศ", "ดี", "มาก", "ประเทศไทย", "ภาษา", "เรียน", "โรงเรียน"};
    private static final String[] KHMER = {"ខ្មែរ", "ភាសា", "កម្ពុជា", "ប្រទេស", "ស្រឡាញ់"};
    private static final String[] EMOJI = {"\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83C\uDDE9\uD83C\uDDEA", "\uD83D\uDC4D\uD83C\uDFFD", "caf\u00E9"};
    private static final String[] PUNCTUATION = {"", "", "", "", ",", ".", "?", "!"};

    private final Random random;

    RandomTranscripts(long seed) {
        this.random = new Random(seed);
    }

    Case next() {
        SubtitleLayout layout = new SubtitleLayout(10 + random.nextInt(51), 1 + random.nextInt(3),
                1 + random.nextDouble() * 9);
        List<Segment> segments = new ArrayList<>();
        List<String> latinWords = new ArrayList<>();
        double clock = random.nextDouble() * 5;
        int segmentCount = 1 + random.nextInt(12);
        for (int s = 0; s < segmentCount; s++) {
            List<Token> tokens = tokens(1 + random.nextInt(30));
            tokens.stream().filter(t -> t.script().equals("latin")).forEach(t -> latinWords.add(t.text()));
            Segment segment = random.nextInt(3) == 0 ? untimed(tokens, clock) : timed(tokens, clock);
            segments.add(segment);
            clock = Math.max(clock, segment.end()) + (random.nextInt(8) == 0 ? -random.nextDouble() : random.nextDouble());
        }
        return new Case(segments, layout, latinWords);
    }

    private List<Token> tokens(int count) {
        String script = pick("latin", "latin", "burmese", "burmese", "thai", "japanese", "khmer", "emoji");
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (random.nextInt(5) == 0) {
                script = pick("latin", "burmese", "thai", "japanese", "khmer", "emoji");
            }
            tokens.add(new Token(word(script), script));
        }
        return tokens;
    }

    private String word(String script) {
        return switch (script) {
            case "latin" -> latin() + pick(PUNCTUATION);
            case "burmese" -> burmese();
            case "thai" -> pick(THAI);
            case "japanese" -> japanese();
            case "khmer" -> pick(KHMER);
            default -> pick(EMOJI);
        };
    }

    private String latin() {
        int length = random.nextInt(12) == 0 ? 40 + random.nextInt(60) : 1 + random.nextInt(12);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ((random.nextInt(4) == 0 ? 'A' : 'a') + random.nextInt(26)));
        }
        return word.toString();
    }

    private String burmese() {
        StringBuilder word = new StringBuilder();
        int syllables = 1 + random.nextInt(5);
        for (int i = 0; i < syllables; i++) {
            if (random.nextInt(6) == 0) {
                word.append(pick(STACKED_WORDS));
                continue;
            }
            word.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length()))).append(pick(MEDIALS)).append(pick(VOWELS));
            if (random.nextInt(3) == 0) {
                word.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length()))).append('\u103A');
            }
            word.append(pick(TONES));
        }
        return word + (random.nextInt(6) == 0 ? "။" : "");
    }

    private String japanese() {
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            word.append(random.nextBoolean() ? (char) (0x4E00 + random.nextInt(0x5000)) : (char) (0x3042 + random.nextInt(80)));
        }
        return word + pick("", "", "、", "。");
    }

    /** Whisper-like words: a spaced word carries its leading space; Burmese is sometimes cut inside a cluster. */
    private Segment timed(List<Token> tokens, double clock) {
        List<Word> words = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        double t = clock;
        Token previous = null;
        for (Token token : tokens) {
            String spoken = separator(previous, token) + token.text();
            List<String> parts = token.script().equals("burmese") && random.nextBoolean()
                    ? cut(spoken) : List.of(spoken);
            for (String part : parts) {
                double start = random.nextInt(10) == 0 ? t - random.nextDouble() : t + random.nextDouble() * 0.3;
                double duration = random.nextInt(20) == 0 ? 0 : random.nextDouble() * (random.nextInt(20) == 0 ? 12 : 1);
                words.add(new Word(start, start + duration, part, random.nextDouble()));
                t = start + duration;
            }
            text.append(spoken);
            previous = token;
        }
        return new Segment(words.get(0).start(), t, text.toString(), words, -0.2, 0.01);
    }

    private Segment untimed(List<Token> tokens, double clock) {
        StringBuilder text = new StringBuilder();
        Token previous = null;
        for (Token token : tokens) {
            text.append(separator(previous, token)).append(token.text());
            previous = token;
        }
        double duration = random.nextInt(10) == 0 ? 0 : random.nextDouble() * tokens.size();
        return new Segment(clock, clock + duration, text.toString(), List.of(), null, null);
    }

    private List<String> cut(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int end = Math.min(text.length(), i + 1 + random.nextInt(3));
            parts.add(text.substring(i, end));
            i = end;
        }
        return parts;
    }

    private static String separator(Token previous, Token next) {
        if (previous == null) {
            return next.spaced() ? " " : "";
        }
        return previous.script().equals(next.script()) && !next.spaced() ? "" : " ";
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
