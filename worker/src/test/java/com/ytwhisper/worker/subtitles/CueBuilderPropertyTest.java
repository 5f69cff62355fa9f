package com.ytwhisper.worker.subtitles;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Property tests: every random transcript (see {@link RandomTranscripts}; a failing seed reproduces its
 * case) yields cues that keep every invariant and survive an SRT round trip.
 */
class CueBuilderPropertyTest {

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void cuesKeepEveryInvariant(long seed) {
        RandomTranscripts.Case c = new RandomTranscripts(seed).next();
        List<Cue> cues = new CueBuilder(c.layout()).build(c.segments());
        CueInvariants.check(c.segments(), c.layout(), cues);
        CueInvariants.checkWordsWhole(c.latinWords(), c.layout().maxLineChars(), cues);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void srtReadsBackAsTheSameCues(long seed) {
        RandomTranscripts.Case c = new RandomTranscripts(seed).next();
        List<Cue> cues = new CueBuilder(c.layout()).build(c.segments());
        assertEquals(cues, SrtParser.parse(SrtWriter.write(cues).getBytes(StandardCharsets.UTF_8)));
    }
}
