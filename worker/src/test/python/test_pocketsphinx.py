"""The pocketsphinx engine on real speech from espeak-ng (needs Debian's python3-pocketsphinx,
pocketsphinx-en-us, espeak-ng and ffmpeg; run with /usr/bin/python3)."""

import subprocess
import tempfile
import unittest
from pathlib import Path

import support
from ytw_sidecar.engines import EngineError
from ytw_sidecar.engines.pocketsphinx import PocketsphinxEngine
from ytw_sidecar.protocol import TranscribeOptions, TranscribeRequest


class PocketsphinxEngineTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.speech = support.speech_wav(cls.folder.name, support.SENTENCE)
        cls.engine = PocketsphinxEngine()
        cls.engine.load()

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def transcribe(self, audio, options=TranscribeOptions(), should_stop=lambda: False):
        return self.engine.transcribe(TranscribeRequest("j1", str(audio), options), should_stop)

    def test_recognises_content_words_with_word_timings(self):
        segments, result = self.transcribe(self.speech)
        segments = list(segments)
        duration = support.wav_duration(self.speech)

        recognised = {w.word.strip() for s in segments for w in s.words}
        self.assertGreaterEqual(len(recognised & support.CONTENT_WORDS), 2,
                                f"content words of {support.SENTENCE!r} in {[s.text for s in segments]}")
        self.assertEqual(("j1", "en", None), (result.job_id, result.language, result.language_probability))
        self.assertAlmostEqual(duration, result.duration, places=2)

        words = [w for s in segments for w in s.words]
        for segment in segments:
            self.assertEqual("".join(w.word for w in segment.words), segment.text)
            self.assertLessEqual(len(segment.words), 10)
            self.assertEqual((segment.words[0].start, segment.words[-1].end), (segment.start, segment.end))
        for word in words:
            self.assertTrue(word.word.startswith(" ") and word.word.strip(), word)
            self.assertNotRegex(word.word, r"[<>\[\]()+]", "fillers and (2) variants are removed")
            self.assertTrue(0.0 <= word.probability <= 1.0, word)
            self.assertLess(word.start, word.end)
        starts = [w.start for w in words]
        self.assertEqual(sorted(starts), starts, "words in time order")
        self.assertGreaterEqual(starts[0], 0.0)
        self.assertLessEqual(words[-1].end, duration + 0.05)
        self.assertGreater(words[-1].end, duration / 2, "times are seconds, not frames")

    def test_the_same_file_twice_gives_the_same_transcript(self):
        # a decoder carries its cepstral mean from job to job; a long-lived worker must not drift
        runs = []
        for _ in range(2):
            segments, _ = self.transcribe(self.speech)
            runs.append([(s.text, s.start, s.end) for s in segments])
        self.assertEqual(runs[0], runs[1])

    def test_speech_after_a_long_pause_is_timed_after_it(self):
        padded = support.speech_wav(self.folder.name, support.SENTENCE, silence_after_s=3.0, name="first.wav")
        both = Path(self.folder.name, "both.wav")
        subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(padded), "-i", str(self.speech),
                        "-filter_complex", "concat=n=2:v=0:a=1", "-c:a", "pcm_s16le", str(both)],
                       check=True, capture_output=True)
        second_starts = support.wav_duration(padded)

        segments = list(self.transcribe(both)[0])

        later = [s for s in segments if s.start >= second_starts - 0.5]
        self.assertTrue(later, f"segments after {second_starts:.1f} s: {[(s.start, s.text) for s in segments]}")
        self.assertLess(later[0].start, second_starts + 1.0, "the second speech is found where it starts")
        self.assertGreaterEqual(len({w.word.strip() for s in later for w in s.words} & support.CONTENT_WORDS), 1)
        self.assertFalse([s for s in segments if second_starts - 2.5 < s.start < second_starts - 0.5],
                         "no speech found in the silence")

    def test_should_stop_ends_decoding_early(self):
        segments, _ = self.transcribe(self.speech, should_stop=lambda: True)
        self.assertEqual([], list(segments))
        # the decoder is left ready for the next job
        self.assertTrue(list(self.transcribe(self.speech)[0]))

    def test_other_languages_and_translation_are_refused_naming_the_limits(self):
        for options in (TranscribeOptions(language="my"), TranscribeOptions(task="translate")):
            with self.subTest(options=options):
                with self.assertRaises(EngineError) as caught:
                    self.transcribe(self.speech, options)
                self.assertEqual("unsupported", caught.exception.error_type)
                self.assertIn("only", str(caught.exception))
                self.assertIn("WORKER_ENGINE=faster-whisper", str(caught.exception))

    def test_audio_it_cannot_read_is_refused_with_the_fix(self):
        stereo = Path(self.folder.name, "stereo.wav")
        subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(self.speech),
                        "-ar", "44100", "-ac", "2", str(stereo)], check=True, capture_output=True)
        not_wav = Path(self.folder.name, "notes.txt")
        not_wav.write_text("hello")
        cases = {stereo: "2 channel(s), 44100 Hz", not_wav: "not a readable WAV",
                 Path(self.folder.name, "missing.wav"): "not found"}
        for path, message in cases.items():
            with self.subTest(path=path.name):
                with self.assertRaises(EngineError) as caught:
                    self.transcribe(path)
                self.assertEqual("bad_audio", caught.exception.error_type)
                self.assertIn(message, str(caught.exception))


if __name__ == "__main__":
    unittest.main()
