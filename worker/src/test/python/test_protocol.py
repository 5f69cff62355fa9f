import io
import json
import math
import unittest

import support  # noqa: F401  (puts ytw_sidecar on sys.path)
from ytw_sidecar.protocol import (Cancel, Cancelled, Error, ErrorType, GuardCounts, Progress, ProtocolError, Ready,
                                  Result, SegmentEvent, Shutdown, TranscribeOptions, TranscribeRequest,
                                  Word, parse_request, write_event)


class ParseRequestTest(unittest.TestCase):

    def test_transcribe_with_every_option(self):
        line = json.dumps({"type": "transcribe", "job_id": "j1", "audio_path": "/a.wav",
                           "options": {"language": "my", "task": "translate", "word_timestamps": True,
                                       "vad_filter": True, "beam_size": 3, "initial_prompt": "Hi.",
                                       "batch_size": 8}})
        self.assertEqual(
            TranscribeRequest("j1", "/a.wav", TranscribeOptions(
                language="my", task="translate", word_timestamps=True, vad_filter=True,
                beam_size=3, initial_prompt="Hi.", batch_size=8)),
            parse_request(line))

    def test_missing_options_take_defaults(self):
        request = parse_request('{"type": "transcribe", "job_id": "j1", "audio_path": "/a.wav"}')
        self.assertEqual(TranscribeOptions(), request.options)
        self.assertEqual((None, "transcribe", False, False, 5, None, 1),
                         (request.options.language, request.options.task, request.options.word_timestamps,
                          request.options.vad_filter, request.options.beam_size,
                          request.options.initial_prompt, request.options.batch_size))

    def test_cancel_and_shutdown(self):
        self.assertEqual(Cancel("j9"), parse_request('{"type": "cancel", "job_id": "j9"}'))
        self.assertEqual(Shutdown(), parse_request('{"type": "shutdown"}'))

    def test_bad_lines_name_what_is_wrong_and_keep_the_job_id(self):
        cases = {
            "not json": ("not a JSON object", None),
            "[1]": ("not a JSON object", None),
            '{"type": "dance"}': ("unknown type 'dance'", None),
            '{"type": "cancel"}': ("job_id must be a non-empty string", None),
            '{"type": "transcribe", "job_id": "j1"}': ("audio_path must be", "j1"),
            '{"type": "transcribe", "job_id": "j2", "audio_path": "/a", "options": {"temperature": 1}}':
                ("unknown option(s) ['temperature']", "j2"),
            '{"type": "transcribe", "job_id": "j3", "audio_path": "/a", "options": {"task": "summarise"}}':
                ("options.task must be 'transcribe' or 'translate'", "j3"),
            '{"type": "transcribe", "job_id": "j4", "audio_path": "/a", "options": {"beam_size": 0}}':
                ("options.beam_size must be a whole number >= 1", "j4"),
            '{"type": "transcribe", "job_id": "j5", "audio_path": "/a", "options": {"batch_size": true}}':
                ("options.batch_size must be a whole number >= 1", "j5"),
            '{"type": "transcribe", "job_id": "j6", "audio_path": "/a", "options": {"vad_filter": "yes"}}':
                ("options.vad_filter has the wrong type", "j6"),
            '{"type": "transcribe", "job_id": "j7", "audio_path": "/a", "options": {"language": 7}}':
                ("options.language has the wrong type", "j7"),
        }
        for line, (message, job_id) in cases.items():
            with self.subTest(line=line):
                with self.assertRaises(ProtocolError) as caught:
                    parse_request(line)
                self.assertIn(message, str(caught.exception))
                self.assertEqual(job_id, caught.exception.job_id)


class FlushRecorder(io.StringIO):
    def __init__(self):
        super().__init__()
        self.flushed_at = []

    def flush(self):
        self.flushed_at.append(len(self.getvalue()))
        super().flush()


class WriteEventTest(unittest.TestCase):

    def written(self, event):
        stream = FlushRecorder()
        write_event(stream, event)
        text = stream.getvalue()
        self.assertTrue(text.endswith("\n"))
        self.assertEqual(1, text.count("\n"), "one event, one line")
        self.assertEqual([len(text)], stream.flushed_at, "flushed once, after the whole line")
        return json.loads(text)

    def test_each_event_has_its_type_and_fields(self):
        cases = [
            (Ready("faster-whisper", "large-v3", "cuda", "float16", 1.5),
             {"type": "ready", "engine": "faster-whisper", "model": "large-v3", "device": "cuda",
              "compute_type": "float16", "load_s": 1.5}),
            (SegmentEvent("j1", 0.0, 2.0, " Hi there", [Word(0.0, 1.0, " Hi", 0.9)], -0.2, 0.01),
             {"type": "segment", "job_id": "j1", "start": 0.0, "end": 2.0, "text": " Hi there",
              "words": [{"start": 0.0, "end": 1.0, "word": " Hi", "probability": 0.9}],
              "avg_logprob": -0.2, "no_speech_prob": 0.01}),
            (Progress("j1", 2.0, 10.0), {"type": "progress", "job_id": "j1", "decoded": 2.0, "duration": 10.0}),
            (Result("j1", "en", None, 10.0, GuardCounts(dropped=1, redecoded=2)),
             {"type": "result", "job_id": "j1", "language": "en", "language_probability": None,
              "duration": 10.0, "guards": {"dropped": 1, "redecoded": 2}}),
            (Error(None, ErrorType.ENGINE_LOAD_FAILED, "no GPU"),
             {"type": "error", "job_id": None, "error_type": "engine_load_failed", "message": "no GPU"}),
            (Cancelled("j1"), {"type": "cancelled", "job_id": "j1"}),
        ]
        for event, expected in cases:
            with self.subTest(event=type(event).__name__):
                self.assertEqual(expected, self.written(event))

    def test_non_finite_numbers_travel_as_null(self):
        body = self.written(SegmentEvent("j1", 0.0, 1.0, "x", [Word(0.0, 1.0, "x", math.nan)],
                                         -math.inf, math.nan))
        self.assertIsNone(body["avg_logprob"])
        self.assertIsNone(body["no_speech_prob"])
        self.assertIsNone(body["words"][0]["probability"])

    def test_burmese_text_is_written_as_utf8_text(self):
        stream = FlushRecorder()
        write_event(stream, SegmentEvent("j1", 0.0, 1.0, "မင်္ဂလာပါ"))
        self.assertIn("မင်္ဂလာပါ", stream.getvalue())


if __name__ == "__main__":
    unittest.main()
