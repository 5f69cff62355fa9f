"""The faster-whisper adapter against the faster-whisper STAND-IN (faster_whisper_standin/):
the real library cannot be installed on our build machines."""

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
        for record in (faster_whisper.CALLS, faster_whisper.DECODED, faster_whisper.CLOSED):
            record.clear()
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
        self.assertEqual(self.audio, audio)
        self.assertEqual(
            {"language": "my", "task": "translate", "word_timestamps": True, "vad_filter": True,
             "beam_size": 3, "initial_prompt": "Names: Ko Ko."},
            {name: keywords[name] for name in
             ("language", "task", "word_timestamps", "vad_filter", "beam_size", "initial_prompt")})
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
        options = TranscribeOptions(language="en", task="transcribe", word_timestamps=True,
                                    vad_filter=True, beam_size=2, initial_prompt="p", batch_size=16)
        self.transcribe(options)
        keywords = self.call("BatchedInferencePipeline.transcribe")[2]
        self.assertEqual(
            {"language": "en", "task": "transcribe", "word_timestamps": True, "vad_filter": True,
             "beam_size": 2, "initial_prompt": "p", "batch_size": 16},
            {name: keywords[name] for name in ("language", "task", "word_timestamps", "vad_filter",
                                               "beam_size", "initial_prompt", "batch_size")})
        self.assertNotIn("WhisperModel.transcribe", [c[0] for c in faster_whisper.CALLS])

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

    def test_segments_without_word_timestamps_have_no_words(self):
        segments, _ = self.transcribe(TranscribeOptions())
        self.assertEqual([[], [], []], [s.words for s in segments])


if __name__ == "__main__":
    unittest.main()
