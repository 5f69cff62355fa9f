"""The faster-whisper adapter against the faster-whisper STAND-IN (faster_whisper_standin/):
the real library cannot be installed on our build machines."""

import json
import os
import sys
import tempfile
import unittest

import support

sys.path.insert(0, str(support.STANDIN))
import faster_whisper  # noqa: E402  (the stand-in, from the path above)

from ytw_sidecar.engines import EngineError  # noqa: E402
from ytw_sidecar.engines.faster_whisper import DecodeGuards, FasterWhisperEngine  # noqa: E402
from ytw_sidecar.protocol import TranscribeOptions, TranscribeRequest, Word  # noqa: E402

EVERY_OPTION = TranscribeOptions(language="my", task="translate", word_timestamps=True,
                                 vad_filter=True, beam_size=3, initial_prompt="Names: Ko Ko.",
                                 batch_size=1)


class FasterWhisperAdapterTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        assert getattr(faster_whisper, "STANDIN", False), "the stand-in must shadow faster_whisper"
        cls.folder = tempfile.TemporaryDirectory()
        cls.audio = os.path.join(cls.folder.name, "audio.wav")
        open(cls.audio, "wb").close()  # the stand-in never reads it; the adapter checks it exists

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def setUp(self):
        faster_whisper.reset()
        faster_whisper.SCRIPT = None
        self.engine = FasterWhisperEngine("/models/large-v3", device="cuda", compute_type="float16")
        self.engine.load()

    def transcribe(self, options, job_id="j1"):
        return self.engine.transcribe(TranscribeRequest(job_id, self.audio, options), lambda: False)

    def call(self, what):
        calls = [c for c in faster_whisper.CALLS if c[0] == what]
        self.assertEqual(1, len(calls), f"{what} calls: {faster_whisper.CALLS}")
        return calls[0]

    def test_load_builds_the_model_as_configured_and_a_batched_pipeline_on_it(self):
        _, args, keywords = self.call("WhisperModel")
        self.assertEqual(("/models/large-v3",), args)
        self.assertEqual(("cuda", "float16"), (keywords["device"], keywords["compute_type"]))
        _, (model,), _ = self.call("BatchedInferencePipeline")
        self.assertIsInstance(model, faster_whisper.WhisperModel)

    def test_every_option_reaches_whisper_model_transcribe(self):
        self.transcribe(EVERY_OPTION)
        _, (audio,), keywords = self.call("WhisperModel.transcribe")
        self.assertEqual(self.audio, audio.path, "the audio is decoded once and passed on")
        self.assertEqual(
            {"language": "my", "task": "translate", "word_timestamps": True, "vad_filter": True,
             "beam_size": 3, "hotwords": "Names: Ko Ko.", "initial_prompt": None},
            {name: keywords[name] for name in
             ("language", "task", "word_timestamps", "vad_filter", "beam_size", "hotwords", "initial_prompt")})
        self.assertNotIn("BatchedInferencePipeline.transcribe", [c[0] for c in faster_whisper.CALLS])

    def test_large_v3_guards_are_passed(self):
        guards = DecodeGuards()
        self.transcribe(EVERY_OPTION)
        keywords = self.call("WhisperModel.transcribe")[2]
        self.assertIs(False, keywords["condition_on_previous_text"])
        self.assertEqual(guards.hallucination_silence_threshold, keywords["hallucination_silence_threshold"])
        self.assertEqual(2.4, keywords["compression_ratio_threshold"])
        self.assertEqual(0.6, keywords["no_speech_threshold"])
        self.assertEqual(-1.0, keywords["log_prob_threshold"])

    def test_hallucination_silence_threshold_only_with_word_timestamps(self):
        self.transcribe(TranscribeOptions(word_timestamps=False))
        self.assertIsNone(self.call("WhisperModel.transcribe")[2]["hallucination_silence_threshold"])

    def test_batch_size_above_one_uses_the_batched_pipeline_with_every_option(self):
        faster_whisper.SCRIPT = talk()
        options = TranscribeOptions(language="en", task="transcribe", word_timestamps=True,
                                    vad_filter=True, beam_size=2, initial_prompt="p", batch_size=16)
        list(self.transcribe(options)[0])
        keywords = self.call("BatchedInferencePipeline.transcribe")[2]
        self.assertEqual(
            {"language": "en", "task": "transcribe", "word_timestamps": True, "vad_filter": True,
             "beam_size": 2, "hotwords": "p", "batch_size": 16, "without_timestamps": False},
            {name: keywords[name] for name in ("language", "task", "word_timestamps", "vad_filter",
                                               "beam_size", "hotwords", "batch_size", "without_timestamps")})

    def test_audio_shorter_than_one_window_goes_sequential_even_with_a_batch_size(self):
        list(self.transcribe(TranscribeOptions(vad_filter=True, batch_size=16))[0])  # 3 s of audio
        self.call("WhisperModel.transcribe")
        self.assertNotIn("BatchedInferencePipeline.transcribe", [c[0] for c in faster_whisper.CALLS])

    def test_batched_without_vad_is_refused_with_the_fix(self):
        with self.assertRaises(EngineError) as caught:
            self.transcribe(TranscribeOptions(batch_size=4, vad_filter=False))
        self.assertEqual("unsupported", caught.exception.error_type)
        self.assertIn("vad_filter", str(caught.exception))

    def test_missing_audio_is_a_bad_audio_error(self):
        with self.assertRaises(EngineError) as caught:
            self.engine.transcribe(TranscribeRequest("j1", "/nowhere/x.wav", TranscribeOptions()),
                                   lambda: False)
        self.assertEqual("bad_audio", caught.exception.error_type)
        self.assertIn("/nowhere/x.wav", str(caught.exception))

    def test_segments_are_decoded_only_as_they_are_consumed(self):
        segments, result = self.transcribe(TranscribeOptions(word_timestamps=True))
        self.assertEqual([], faster_whisper.DECODED, "nothing decoded before iteration")
        first = next(segments)
        self.assertEqual([0], faster_whisper.DECODED, "one segment decoded per event")
        segments.close()
        self.assertEqual([1], faster_whisper.CLOSED, "closing stops faster-whisper's generator")
        self.assertEqual(("j1", 0.0, 1.0, " standin segment 0"),
                         (first.job_id, first.start, first.end, first.text))
        self.assertEqual([Word(0.0, 0.5, " standin", 0.9), Word(0.5, 1.0, " segment 0", 0.8)], first.words)
        self.assertEqual((-0.25, 0.01), (first.avg_logprob, first.no_speech_prob))
        self.assertEqual(("j1", "en", 0.97, 3.0),
                         (result.job_id, result.language, result.language_probability, result.duration))

    def test_closing_a_batched_job_stops_the_batched_generator(self):
        faster_whisper.SCRIPT = talk()
        segments, _ = self.transcribe(TranscribeOptions(vad_filter=True, batch_size=8, word_timestamps=True))
        next(segments)
        segments.close()
        self.assertEqual(1, len(faster_whisper.CLOSED), "closing stops faster-whisper's generator")

    def test_segments_without_word_timestamps_have_no_words(self):
        segments, _ = self.transcribe(TranscribeOptions())
        self.assertEqual([[], [], []], [s.words for s in segments])


PLANTED_FAULTS = support.STANDIN / "scripts" / "planted_faults.json"
FIXED_LOOP = " We fixed the loop here today."


def talk():
    """105 s of speech with a repetition loop at 31 s and a hallucination at 100 s (see the file)."""
    with open(PLANTED_FAULTS, encoding="utf-8") as f:
        return json.load(f)


SPEECH = [s["text"] for s in talk()["segments"] if "fallback" not in s and "Thanks" not in s["text"]]


class QualityGuardsTest(unittest.TestCase):
    """What reaches the subtitles, with the stand-in's copy of faster-whisper's behaviour."""

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.audio = os.path.join(cls.folder.name, "audio.wav")
        open(cls.audio, "wb").close()

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()
        faster_whisper.SCRIPT = None

    def setUp(self):
        faster_whisper.reset()
        faster_whisper.SCRIPT = talk()
        self.engine = FasterWhisperEngine("large-v3", device="cuda", compute_type="float16")
        self.engine.load()

    def run_job(self, **options):
        segments, result = self.engine.transcribe(
            TranscribeRequest("j1", self.audio, TranscribeOptions(vad_filter=True, **options)), lambda: False)
        return list(segments), result

    def modes(self):
        return {"sequential": dict(batch_size=1), "batched": dict(batch_size=16)}

    def test_a_planted_hallucination_and_repetition_loop_never_come_out(self):
        for mode, options in self.modes().items():
            for word_timestamps in (False, True):
                with self.subTest(mode=mode, word_timestamps=word_timestamps):
                    faster_whisper.reset()
                    segments, result = self.run_job(word_timestamps=word_timestamps, **options)
                    text = "".join(s.text for s in segments)
                    self.assertNotIn("Thanks for watching", text)
                    self.assertNotIn("the the the", text)
                    self.assertIn(FIXED_LOOP, text, "the loop's stretch is decoded again")
                    for sentence in SPEECH:
                        self.assertIn(sentence, text)
                    self.assertEqual(1, result.guards.redecoded)
                    if mode == "batched":
                        self.assertEqual(1, result.guards.dropped)
                        redecode = [c for c in faster_whisper.CALLS if c[0] == "WhisperModel.transcribe"]
                        self.assertEqual(1, len(redecode), "the loop alone is decoded again")
                        audio, keywords = redecode[0][1][0], redecode[0][2]
                        self.assertEqual((31.0, 37.0), (audio.offset_s, round(audio.offset_s + len(audio) / 16000, 3)),
                                         "over its own stretch of audio")
                        self.assertEqual((0.0, 0.2, 0.4, 0.6, 0.8, 1.0), tuple(keywords["temperature"]))
                        self.assertEqual("en", keywords["language"], "no second language detection")

    def test_every_segment_starts_within_half_a_second_of_its_first_word(self):
        for mode, options in self.modes().items():
            with self.subTest(mode=mode):
                segments, _ = self.run_job(**options)
                scripted = {s["text"]: s["start"] for s in talk()["segments"]}
                scripted[FIXED_LOOP] = 31.0
                for segment in segments:
                    self.assertIn(segment.text, scripted, "one segment per stretch of speech, not per chunk")
                    self.assertLessEqual(abs(segment.start - scripted[segment.text]), 0.5, segment)

    def test_the_prompt_reaches_every_window(self):
        prompt = "Names: Ko Ko, Yangon."
        for mode, options in self.modes().items():
            with self.subTest(mode=mode):
                faster_whisper.reset()
                self.run_job(initial_prompt=prompt, **options)
                windows = [w for w in faster_whisper.WINDOWS if w["mode"] == "sequential" or mode == "batched"]
                self.assertGreater(len(windows), 2)
                for window in faster_whisper.WINDOWS:
                    self.assertIn(prompt, window["prompt"], window)

    def test_a_prompt_longer_than_whisper_reads_is_refused_naming_the_field(self):
        with self.assertRaises(EngineError) as caught:
            self.run_job(initial_prompt="Names: " + ", ".join(f"Ko Ko {i}" for i in range(150)))
        self.assertEqual("unsupported", caught.exception.error_type)
        self.assertIn("initial_prompt", str(caught.exception))
        self.assertIn("223", str(caught.exception))
        self.run_job(initial_prompt="Names: " + ", ".join(f"Ko Ko {i}" for i in range(40)))  # fits


if __name__ == "__main__":
    unittest.main()
