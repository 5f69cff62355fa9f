"""``python3 -m ytw_sidecar --selfcheck``: is this machine's engine fast and accurate enough?

Transcribes the bundled speech clip (``clip.wav``, espeak-ng reading ``clip.txt``, repeated to
33 s so the batched pipeline has more than one window) with the configured engine
(``WORKER_ENGINE``, ``WORKER_MODEL``, ``WORKER_DEVICE``, ``WORKER_COMPUTE_TYPE``) at batch 1
and at the default batch (``WORKER_BATCH_SIZE``; 16 on cuda, else 1), through the same engine
code the worker runs. For each it prints the real-time factor (audio seconds per second of
transcription, after one warm-up run), the peak GPU memory in use (``nvidia-smi``, the whole
device; ``n/a`` without it) and the word accuracy against the clip's text (1 - word error rate).

Exit status: 0 when every run meets the floors, 1 when one does not, 2 when the engine does not
load. Floors: ``--min-accuracy`` (default 0.8 for faster-whisper, 0.4 for pocketsphinx, which
is far less accurate: about 0.56 on this clip) and ``--min-rtf`` (default 5 on cuda, where large-v3 runs at 12-16x real
time sequentially even on small cards, so less means the GPU is not doing the work; no floor
elsewhere). ``--json FILE`` also writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path
from typing import List, Optional

HERE = Path(__file__).resolve().parent
CLIP = HERE / "clip.wav"
CLIP_TEXT = HERE / "clip.txt"
REPEATS = 3  # 3 x 11 s: more than one 30-s window, so batch sizes above 1 really batch


def main(argv: List[str]) -> int:
    args = _parse(argv)
    from ..engines import select
    from ..protocol import TranscribeOptions, TranscribeRequest

    engine_name = _env("WORKER_ENGINE", "auto")
    device = _env("WORKER_DEVICE", "cuda")
    try:
        engine = select(engine_name, model=_env("WORKER_MODEL", "large-v3"), device=device,
                        compute_type=_env("WORKER_COMPUTE_TYPE", "float16"))
        engine.load()
    except Exception as e:
        print(f"selfcheck: WORKER_ENGINE={engine_name} did not load: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    min_accuracy = args.min_accuracy if args.min_accuracy is not None else (
        0.4 if engine.name == "pocketsphinx" else 0.8)
    min_rtf = args.min_rtf if args.min_rtf is not None else (5.0 if engine.device == "cuda" else 0.0)
    default_batch = int(_env("WORKER_BATCH_SIZE", "16" if engine.device == "cuda" else "1"))
    batches = sorted({1, default_batch})
    reference = CLIP_TEXT.read_text(encoding="utf-8").split() * REPEATS

    runs = []
    with tempfile.TemporaryDirectory(prefix="ytw-selfcheck-") as folder:
        audio = _repeated_clip(Path(folder) / "clip.wav")
        duration = _duration(audio)
        for batch in batches:
            request = TranscribeRequest(job_id=f"selfcheck-{batch}", audio_path=str(audio),
                                        options=TranscribeOptions(language="en", vad_filter=True, batch_size=batch))
            _words_of(engine, request)  # warm-up: first-run costs (CUDA kernels, caches) are not the figure
            with GpuMemory() as memory:
                started = time.perf_counter()
                words = _words_of(engine, request)
                seconds = time.perf_counter() - started
            accuracy = word_accuracy(reference, words)
            runs.append({"batch_size": batch, "rtf": round(duration / seconds, 2) if seconds > 0 else None,
                         "seconds": round(seconds, 3), "peak_gpu_mib": memory.peak_mib,
                         "word_accuracy": round(accuracy, 3)})

    print(f"selfcheck: {engine.name}, model {engine.model}, device {engine.device} ({engine.compute_type}), "
          f"{duration:.1f} s of speech")
    print(f"{'batch':>5}  {'real-time factor':>16}  {'peak GPU memory':>15}  {'word accuracy':>13}")
    failures = []
    for run in runs:
        memory = "n/a" if run["peak_gpu_mib"] is None else f"{run['peak_gpu_mib']} MiB"
        print(f"{run['batch_size']:>5}  {run['rtf']:>15}x  {memory:>15}  {run['word_accuracy']:>13.3f}")
        if run["word_accuracy"] < min_accuracy:
            failures.append(f"batch {run['batch_size']}: word accuracy {run['word_accuracy']} < {min_accuracy}")
        if run["rtf"] is not None and run["rtf"] < min_rtf:
            failures.append(f"batch {run['batch_size']}: real-time factor {run['rtf']} < {min_rtf}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"engine": engine.name, "model": engine.model, "device": engine.device,
                       "compute_type": engine.compute_type, "audio_s": duration, "runs": runs,
                       "min_accuracy": min_accuracy, "min_rtf": min_rtf, "passed": not failures}, f, indent=2)
    if failures:
        print("selfcheck: FAILED: " + "; ".join(failures))
        return 1
    print(f"selfcheck: passed (floors: word accuracy {min_accuracy}, real-time factor {min_rtf})")
    return 0


def word_accuracy(reference: List[str], hypothesis: List[str]) -> float:
    """1 - word error rate (Levenshtein distance over normalised words), at least 0."""
    ref = [w for w in (_normal(w) for w in reference) if w]
    hyp = [w for w in (_normal(w) for w in hypothesis) if w]
    if not ref:
        return 1.0 if not hyp else 0.0
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i]
        for j, h in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return max(0.0, 1.0 - previous[-1] / len(ref))


class GpuMemory:
    """Samples the GPU's memory in use with nvidia-smi while a run lasts; the peak, or None."""

    def __init__(self, every_s: float = 0.1):
        self.peak_mib: Optional[int] = None
        self._every_s = every_s
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        if shutil.which("nvidia-smi"):
            self._sample()
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._sample()

    def _run(self):
        while not self._stop.wait(self._every_s):
            self._sample()

    def _sample(self):
        try:
            out = subprocess.run(["nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits"],
                                 capture_output=True, text=True, timeout=5).stdout
            used = max(int(line) for line in out.split() if line.strip().isdigit())
        except (OSError, ValueError, subprocess.SubprocessError):
            return
        self.peak_mib = used if self.peak_mib is None else max(self.peak_mib, used)


def _words_of(engine, request) -> List[str]:
    segments, _ = engine.transcribe(request, lambda: False)
    try:
        return [w for s in segments for w in s.text.split()]
    finally:
        segments.close()


def _repeated_clip(target: Path) -> Path:
    with wave.open(str(CLIP), "rb") as clip:
        params = clip.getparams()
        frames = clip.readframes(clip.getnframes())
    with wave.open(str(target), "wb") as out:
        out.setparams(params)
        for _ in range(REPEATS):
            out.writeframes(frames)
    return target


def _duration(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def _normal(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower())


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _parse(argv: List[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python3 -m ytw_sidecar --selfcheck",
                                description="transcribe the bundled clip with the configured engine and check "
                                            "speed and accuracy")
    p.add_argument("--min-accuracy", type=float, help="word accuracy floor, 0-1 (default 0.8; pocketsphinx 0.4)")
    p.add_argument("--min-rtf", type=float, help="real-time factor floor (default 5 on cuda, else none)")
    p.add_argument("--json", help="also write the figures to this file")
    return p.parse_args(argv)
