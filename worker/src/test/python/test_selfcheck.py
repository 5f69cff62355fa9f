"""``python3 -m ytw_sidecar --selfcheck`` as operators run it, with the faster-whisper STAND-IN
(no GPU here): the figures are the stand-in's, so what this proves is the check's mechanics
(both batch sizes, accuracy against the clip's text, the exit status), not a GPU's speed."""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import support

CLIP_TEXT = (support.MAIN_PYTHON / "ytw_sidecar" / "selfcheck" / "clip.txt").read_text(encoding="utf-8").strip()


class SelfcheckTest(unittest.TestCase):

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)

    def selfcheck(self, script=None, *args):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WORKER_", "FASTER_WHISPER_"))}
        env.update(PYTHONPATH=os.pathsep.join([str(support.MAIN_PYTHON), str(support.STANDIN)]),
                   PYTHONDONTWRITEBYTECODE="1", WORKER_ENGINE="faster-whisper", WORKER_DEVICE="cuda",
                   WORKER_BATCH_SIZE="8")
        if script is not None:
            path = Path(self.folder.name, "script.json")
            path.write_text(json.dumps(script), encoding="utf-8")
            env["FASTER_WHISPER_STANDIN_SCRIPT"] = str(path)
        return subprocess.run([sys.executable, "-m", "ytw_sidecar", "--selfcheck", *args], env=env,
                              cwd=self.folder.name, capture_output=True, text=True, timeout=120)

    def test_an_accurate_engine_passes_at_batch_one_and_the_default_batch(self):
        clip_s = 33.7 / 3
        script = {"duration": 3 * clip_s, "segments": [
            {"start": i * clip_s, "end": (i + 1) * clip_s - 0.5, "text": " " + CLIP_TEXT} for i in range(3)]}
        report = Path(self.folder.name, "report.json")
        run = self.selfcheck(script, "--json", str(report))
        self.assertEqual(0, run.returncode, run.stdout + run.stderr)
        self.assertIn("real-time factor", run.stdout)
        self.assertIn("selfcheck: passed", run.stdout)
        figures = json.loads(report.read_text(encoding="utf-8"))
        self.assertEqual([1, 8], [r["batch_size"] for r in figures["runs"]])
        self.assertEqual([1.0, 1.0], [r["word_accuracy"] for r in figures["runs"]])
        self.assertEqual(5.0, figures["min_rtf"], "a floor on cuda")
        self.assertIn("BatchedInferencePipeline.transcribe {'batch_size': 8", run.stderr, "the default batch batches")

    def test_an_inaccurate_engine_fails_with_a_non_zero_exit(self):
        run = self.selfcheck(None)  # the stand-in's default script says "standin segment i"
        self.assertEqual(1, run.returncode, run.stdout + run.stderr)
        self.assertIn("selfcheck: FAILED: batch 1: word accuracy 0.0 < 0.8", run.stdout)

    def test_an_engine_that_does_not_load_exits_two(self):  # faster-whisper is not on the path
        run = subprocess.run([sys.executable, "-m", "ytw_sidecar", "--selfcheck"], capture_output=True, text=True,
                             env={**{k: v for k, v in os.environ.items() if not k.startswith("WORKER_")},
                                  "PYTHONPATH": str(support.MAIN_PYTHON), "WORKER_ENGINE": "faster-whisper"},
                             cwd=self.folder.name, timeout=120)
        self.assertEqual(2, run.returncode, run.stdout + run.stderr)
        self.assertIn("did not load", run.stderr)


if __name__ == "__main__":
    unittest.main()
