"""The speech engines behind one shape, and ``WORKER_ENGINE``'s choice among them.

An engine loads its model once (``load``) and then serves jobs one at a time. ``transcribe``
does the eager work (open the audio, detect the language) and returns a lazy iterator of
segment events plus the job's result; decoding happens while the caller iterates, so the caller
can stop between segments. ``should_stop`` lets an engine that decodes long stretches before
its first segment (pocketsphinx) stop early too.
"""

from __future__ import annotations

import logging
from typing import Callable, Generator, Protocol, Tuple

from ..protocol import Result, SegmentEvent, TranscribeRequest

LOG = logging.getLogger(__name__)

ENGINE_NAMES = ("auto", "faster-whisper", "pocketsphinx")

ShouldStop = Callable[[], bool]
Transcription = Tuple[Generator[SegmentEvent, None, None], Result]


class EngineError(Exception):
    """A job the engine refuses or cannot read; ``error_type`` is a protocol ``ErrorType``."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type


class Engine(Protocol):
    name: str  # reported in ``ready`` and in every output's ``engine`` field
    model: str
    device: str
    compute_type: str

    def load(self) -> None: ...

    def transcribe(self, request: TranscribeRequest, should_stop: ShouldStop) -> Transcription: ...


def select(name: str, model: str, device: str, compute_type: str) -> Engine:
    """The engine ``WORKER_ENGINE`` names; ``auto`` takes faster-whisper when it imports."""
    if name == "faster-whisper":
        return _faster_whisper(model, device, compute_type)
    if name == "pocketsphinx":
        return _pocketsphinx()
    if name != "auto":
        raise ValueError(f"WORKER_ENGINE={name!r} is not an engine; use one of {', '.join(ENGINE_NAMES)}")
    try:
        import faster_whisper  # noqa: F401  (only asks whether it imports)
    except Exception as e:  # a broken CUDA install fails with more than ImportError
        LOG.warning("WORKER_ENGINE=auto: faster-whisper does not import (%s: %s). FALLING BACK TO "
                    "POCKETSPHINX (CPU, English only, far less accurate). Set "
                    "WORKER_ENGINE=faster-whisper to fail instead.", type(e).__name__, e)
        return _pocketsphinx()
    LOG.warning("WORKER_ENGINE=auto: faster-whisper imports; using it")
    return _faster_whisper(model, device, compute_type)


def _faster_whisper(model: str, device: str, compute_type: str) -> Engine:
    from .faster_whisper import FasterWhisperEngine
    return FasterWhisperEngine(model, device, compute_type)


def _pocketsphinx() -> Engine:
    from .pocketsphinx import PocketsphinxEngine
    return PocketsphinxEngine()
