"""Shared test helpers: puts the sidecar package on sys.path, makes speech with espeak-ng and
runs the sidecar as a real process."""

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import wave
from pathlib import Path

TESTS = Path(__file__).resolve().parent
MAIN_PYTHON = TESTS.parent.parent / "main" / "python"
STANDIN = TESTS / "faster_whisper_standin"  # holds the faster_whisper stand-in package

if str(MAIN_PYTHON) not in sys.path:
    sys.path.insert(0, str(MAIN_PYTHON))

# espeak-ng's en-us+f2 voice at 130 words a minute is what pocketsphinx recognises well
# (local-test-facts.md); these words came back reliably
SENTENCE = "We are going to the market tomorrow morning."
CONTENT_WORDS = {"going", "market", "tomorrow", "morning"}


def speech_wav(folder, text, silence_after_s=0.0, name="speech.wav"):
    """16 kHz mono 16-bit WAV of ``text`` spoken twice, then ``silence_after_s`` of silence."""
    folder = Path(folder)
    raw = folder / ("raw-" + name)
    out = folder / name
    subprocess.run(["espeak-ng", "-v", "en-us+f2", "-s", "130", "-w", str(raw), f"{text} {text}"],
                   check=True, capture_output=True)
    pad = ["-af", f"apad=pad_dur={silence_after_s}"] if silence_after_s else []
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(raw), *pad,
                    "-ar", "16000", "-ac", "1", "-c:a", "pcm_s16le", str(out)],
                   check=True, capture_output=True)
    return out


def wav_duration(path):
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


class SidecarProcess:
    """``python3 -m ytw_sidecar`` from a neutral working directory, as the worker starts it."""

    def __init__(self, engine, standin=False, extra_env=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith("WORKER_")}
        paths = [str(MAIN_PYTHON)] + ([str(STANDIN)] if standin else [])
        env.update(PYTHONPATH=os.pathsep.join(paths), PYTHONDONTWRITEBYTECODE="1",
                   WORKER_ENGINE=engine, **(extra_env or {}))
        self.stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.process = subprocess.Popen([sys.executable, "-m", "ytw_sidecar"], env=env,
                                        cwd=tempfile.gettempdir(), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.stderr,
                                        encoding="utf-8")
        self._lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def send(self, **message):
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()

    def event(self, timeout_s=60):
        """The next protocol line as a dict; fails on silence, end of output or a non-JSON line."""
        try:
            line = self._lines.get(timeout=timeout_s)
        except queue.Empty:
            raise AssertionError(f"no event within {timeout_s} s; stderr:\n{self.stderr_text()}") from None
        if line is None:
            raise AssertionError(f"sidecar output ended; stderr:\n{self.stderr_text()}")
        return json.loads(line)

    def events_until(self, *final_types):
        """Events up to and including the first whose type is one of ``final_types``."""
        events = []
        while not events or events[-1]["type"] not in final_types:
            events.append(self.event())
        return events

    def stderr_text(self):
        self.stderr.seek(0)
        return self.stderr.read()

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout, self.stderr):
            stream.close()
