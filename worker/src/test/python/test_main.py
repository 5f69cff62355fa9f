"""``python3 -m ytw_sidecar`` as a real process: start-up, the job loop, cancel and errors."""

import tempfile
import unittest

import support


class SidecarTestCase(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def start(self, engine, **kwargs):
        sidecar = support.SidecarProcess(engine, **kwargs)
        self.addCleanup(sidecar.close)
        return sidecar

    def stop(self, sidecar):
        sidecar.send(type="shutdown")
        self.assertEqual(0, sidecar.process.wait(timeout=30), sidecar.stderr_text())


class StandinJobLoopTest(SidecarTestCase):
    """The loop with the faster-whisper STAND-IN: fast and deterministic."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.audio = f"{cls.folder.name}/audio.wav"
        open(cls.audio, "wb").close()

    def start_standin(self, **env):
        sidecar = self.start("faster-whisper", standin=True,
                             extra_env={"WORKER_MODEL": "/models/large-v3", "WORKER_DEVICE": "cuda",
                                        "WORKER_COMPUTE_TYPE": "int8_float16",
                                        "FASTER_WHISPER_STANDIN_PRINT": "1", **env})
        ready = sidecar.event()
        self.assertEqual({"type": "ready", "engine": "faster-whisper", "model": "/models/large-v3",
                          "device": "cuda", "compute_type": "int8_float16"},
                         {k: v for k, v in ready.items() if k != "load_s"})
        self.assertGreaterEqual(ready["load_s"], 0)
        return sidecar

    def test_a_job_streams_segments_and_progress_then_its_result(self):
        sidecar = self.start_standin()
        sidecar.send(type="transcribe", job_id="j1", audio_path=self.audio, options={"language": "my"})
        events = sidecar.events_until("result", "error")

        self.assertEqual(["segment", "progress"] * 3 + ["result"], [e["type"] for e in events])
        self.assertEqual({"j1"}, {e["job_id"] for e in events})
        self.assertEqual([" standin segment 0", " standin segment 1", " standin segment 2"],
                         [e["text"] for e in events if e["type"] == "segment"])
        self.assertEqual([(1.0, 3.0), (2.0, 3.0), (3.0, 3.0)],
                         [(e["decoded"], e["duration"]) for e in events if e["type"] == "progress"])
        self.assertEqual({"type": "result", "job_id": "j1", "language": "my", "language_probability": 1.0,
                          "duration": 3.0, "guards": {"dropped": 0, "redecoded": 0}}, events[-1])
        # what the library printed to stdout went to stderr; every stdout line was protocol
        self.assertIn("native write to fd 1", sidecar.stderr_text())
        self.assertIn("print() while loading", sidecar.stderr_text())
        self.stop(sidecar)

    def test_the_log_names_a_prompts_length_never_its_words(self):
        sidecar = self.start_standin()
        sidecar.send(type="transcribe", job_id="j1", audio_path=self.audio,
                     options={"initial_prompt": "TENANT-A-CANARY spelled so"})
        self.assertEqual("result", sidecar.events_until("result", "error")[-1]["type"])
        self.stop(sidecar)
        self.assertNotIn("TENANT-A-CANARY", sidecar.stderr_text())
        self.assertIn("initial_prompt='<26 characters>'", sidecar.stderr_text())

    def test_cancel_stops_the_job_between_segments_and_the_next_job_runs(self):
        sidecar = self.start_standin(FASTER_WHISPER_STANDIN_SEGMENTS="200", FASTER_WHISPER_STANDIN_DELAY_S="0.05")
        sidecar.send(type="transcribe", job_id="long", audio_path=self.audio)
        self.assertEqual("segment", sidecar.event()["type"])
        sidecar.send(type="cancel", job_id="long")
        events = sidecar.events_until("cancelled", "result", "error")

        self.assertEqual({"type": "cancelled", "job_id": "long"}, events[-1])
        self.assertLess(len([e for e in events if e["type"] == "segment"]), 199)

        sidecar.send(type="transcribe", job_id="short", audio_path=self.audio)
        self.assertEqual("result", sidecar.events_until("result", "error", "cancelled")[-1]["type"])
        self.stop(sidecar)

    def test_one_job_at_a_time_and_bad_lines_are_answered_without_stopping(self):
        sidecar = self.start_standin(FASTER_WHISPER_STANDIN_SEGMENTS="20", FASTER_WHISPER_STANDIN_DELAY_S="0.05")
        sidecar.send(type="transcribe", job_id="first", audio_path=self.audio)
        sidecar.send(type="transcribe", job_id="second", audio_path=self.audio)
        sidecar.process.stdin.write("this is not json\n")
        sidecar.send(type="transcribe", job_id="third", audio_path=self.audio, options={"beam": 2})
        sidecar.send(type="cancel", job_id="not-running")

        events = sidecar.events_until("result")
        errors = [e for e in events if e["type"] == "error"]
        self.assertEqual([("second", "busy"), (None, "bad_request"), ("third", "bad_request")],
                         [(e["job_id"], e["error_type"]) for e in errors])
        self.assertIn("job first is running", errors[0]["message"])
        self.assertIn("unknown option(s) ['beam']", errors[2]["message"])
        self.assertEqual("first", events[-1]["job_id"])
        self.assertEqual(20, len([e for e in events if e["type"] == "segment"]), "the cancel for another job was ignored")
        self.stop(sidecar)

    def test_engine_errors_fail_the_job_not_the_sidecar(self):
        sidecar = self.start_standin()
        sidecar.send(type="transcribe", job_id="j1", audio_path="/nowhere/audio.wav")
        self.assertEqual({"type": "error", "job_id": "j1", "error_type": "bad_audio",
                          "message": "audio file not found: /nowhere/audio.wav"}, sidecar.event())
        sidecar.send(type="transcribe", job_id="j2", audio_path=self.audio)
        self.assertEqual("result", sidecar.events_until("result", "error")[-1]["type"])
        self.stop(sidecar)

    def test_shutdown_during_a_job_cancels_it_and_exits(self):
        sidecar = self.start_standin(FASTER_WHISPER_STANDIN_SEGMENTS="200", FASTER_WHISPER_STANDIN_DELAY_S="0.05")
        sidecar.send(type="transcribe", job_id="j1", audio_path=self.audio)
        self.assertEqual("segment", sidecar.event()["type"])
        sidecar.send(type="shutdown")
        self.assertEqual("cancelled", sidecar.events_until("cancelled", "result")[-1]["type"])
        self.assertEqual(0, sidecar.process.wait(timeout=30))

    def test_closed_stdin_ends_the_sidecar(self):
        sidecar = self.start_standin()
        sidecar.process.stdin.close()
        self.assertEqual(0, sidecar.process.wait(timeout=30))


class EngineChoiceTest(SidecarTestCase):

    def test_auto_takes_faster_whisper_when_it_imports(self):
        sidecar = self.start("auto", standin=True)
        ready = sidecar.event()
        self.assertEqual(("faster-whisper", "large-v3", "cuda", "float16"),
                         tuple(ready[k] for k in ("engine", "model", "device", "compute_type")))
        self.stop(sidecar)

    def test_auto_falls_back_to_pocketsphinx_loudly(self):
        sidecar = self.start("auto")
        ready = sidecar.event()
        self.assertEqual(("ready", "pocketsphinx", "cpu"), (ready["type"], ready["engine"], ready["device"]))
        self.stop(sidecar)
        self.assertIn("FALLING BACK TO POCKETSPHINX", sidecar.stderr_text())

    def test_a_named_engine_that_does_not_load_is_an_error_and_exit_2(self):
        cases = {"faster-whisper": "No module named 'faster_whisper'",
                 "whisper.cpp": "use one of auto, faster-whisper, pocketsphinx"}
        for engine, message in cases.items():
            with self.subTest(engine=engine):
                sidecar = self.start(engine)
                error = sidecar.event()
                self.assertEqual(("error", None, "engine_load_failed"),
                                 (error["type"], error["job_id"], error["error_type"]))
                self.assertIn(f"WORKER_ENGINE={engine}", error["message"])
                self.assertIn(message, error["message"])
                self.assertEqual(2, sidecar.process.wait(timeout=30))


class PocketsphinxProcessTest(SidecarTestCase):
    """The real engine in the real process: speech in, words out, cancel mid-decoding."""

    def test_transcribes_speech_then_cancels_a_long_job_between_segments(self):
        speech = support.speech_wav(self.folder.name, support.SENTENCE)
        # speech, then a long silence: the first segments come out while the silence still decodes
        long_job = support.speech_wav(self.folder.name, support.SENTENCE, silence_after_s=20, name="long.wav")
        sidecar = self.start("pocketsphinx")
        self.assertEqual("ready", sidecar.event()["type"])

        sidecar.send(type="transcribe", job_id="speech", audio_path=str(speech), options={"language": "en"})
        events = sidecar.events_until("result", "error")
        self.assertEqual("result", events[-1]["type"], events[-1])
        words = {w["word"].strip() for e in events if e["type"] == "segment" for w in e["words"]}
        self.assertGreaterEqual(len(words & support.CONTENT_WORDS), 2, words)

        sidecar.send(type="transcribe", job_id="long", audio_path=str(long_job))
        self.assertEqual("segment", sidecar.event()["type"])
        sidecar.send(type="cancel", job_id="long")
        events = sidecar.events_until("cancelled", "result", "error")
        self.assertEqual({"type": "cancelled", "job_id": "long"}, events[-1])
        self.stop(sidecar)


if __name__ == "__main__":
    unittest.main()
