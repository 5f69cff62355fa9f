"""The sidecar's wire format: one JSON object per line, UTF-8, both ways.

The worker writes requests to the sidecar's stdin; the sidecar writes events to its stdout and
nothing else (logs go to stderr). Every object has a ``type``. Times are seconds (floats).

Worker -> sidecar::

    {"type": "transcribe", "job_id": "j1", "audio_path": "/tmp/j1/audio.wav",
     "options": {"language": null, "task": "transcribe", "word_timestamps": false,
                 "vad_filter": false, "beam_size": 5, "initial_prompt": null, "batch_size": 1}}
    {"type": "cancel", "job_id": "j1"}
    {"type": "shutdown"}

``options`` keeps faster-whisper's names; every field may be left out (defaults as above).
``language`` null means "detect"; ``task`` is ``transcribe`` or ``translate`` (to English).

Sidecar -> worker::

    {"type": "ready", "engine": "faster-whisper", "model": "large-v3", "device": "cuda",
     "compute_type": "float16", "load_s": 12.3}
    {"type": "segment", "job_id": "j1", "start": 0.0, "end": 2.5, "text": " Hello there.",
     "words": [{"start": 0.0, "end": 0.4, "word": " Hello", "probability": 0.98}, ...],
     "avg_logprob": -0.21, "no_speech_prob": 0.01}
    {"type": "progress", "job_id": "j1", "decoded": 2.5, "duration": 60.0}
    {"type": "result", "job_id": "j1", "language": "en", "language_probability": 0.99,
     "duration": 60.0, "guards": {"dropped": 1, "redecoded": 2}}
    {"type": "error", "job_id": "j1", "error_type": "bad_audio", "message": "..."}
    {"type": "cancelled", "job_id": "j1"}

``ready`` comes once, after the engine has loaded. A job then gets ``segment`` events (each
followed by a ``progress``) and ends with exactly one of ``result``, ``error`` or ``cancelled``.
``guards`` counts the segments the quality guards left out (silence, hallucinations) and decoded
again (repetition, improbable text). ``words`` is empty when the engine gave no word timings; ``avg_logprob``, ``no_speech_prob`` and
``language_probability`` may be null. An ``error`` has ``job_id`` null when it belongs to no job
(engine load failure, unreadable request line); ``error_type`` is one of ``ErrorType``. After an
engine load failure the sidecar exits non-zero.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from typing import IO, List, Optional, Union


class ErrorType:
    """The ``error_type`` of an ``error`` event."""

    ENGINE_LOAD_FAILED = "engine_load_failed"  # no job_id; the sidecar exits non-zero after it
    BAD_REQUEST = "bad_request"  # a line that is not a valid request
    BUSY = "busy"  # a transcribe while another job runs (the worker sends one at a time)
    UNSUPPORTED = "unsupported"  # an option the engine cannot honour (e.g. translate on pocketsphinx)
    BAD_AUDIO = "bad_audio"  # the audio file is missing or in a format the engine cannot read
    ENGINE_FAILED = "engine_failed"  # the engine raised while decoding


class ProtocolError(ValueError):
    """A request line that does not follow the wire format; the message says what is wrong.

    ``job_id`` is the line's job id when it had a readable one, so the error reaches that job.
    """

    def __init__(self, message: str, job_id: Optional[str] = None):
        super().__init__(message)
        self.job_id = job_id


# ---- worker -> sidecar ------------------------------------------------------------------------

@dataclass(frozen=True)
class TranscribeOptions:
    language: Optional[str] = None
    task: str = "transcribe"
    word_timestamps: bool = False
    vad_filter: bool = False
    beam_size: int = 5
    initial_prompt: Optional[str] = None
    batch_size: int = 1


@dataclass(frozen=True)
class TranscribeRequest:
    job_id: str
    audio_path: str
    options: TranscribeOptions = field(default_factory=TranscribeOptions)


@dataclass(frozen=True)
class Cancel:
    job_id: str


@dataclass(frozen=True)
class Shutdown:
    pass


Request = Union[TranscribeRequest, Cancel, Shutdown]


# ---- sidecar -> worker ------------------------------------------------------------------------

@dataclass(frozen=True)
class Ready:
    engine: str
    model: str
    device: str
    compute_type: str
    load_s: float


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    word: str
    probability: Optional[float] = None


@dataclass(frozen=True)
class SegmentEvent:
    job_id: str
    start: float
    end: float
    text: str
    words: List[Word] = field(default_factory=list)
    avg_logprob: Optional[float] = None
    no_speech_prob: Optional[float] = None


@dataclass(frozen=True)
class Progress:
    job_id: str
    decoded: float
    duration: float


@dataclass
class GuardCounts:
    """What the quality guards did to a job; the engine counts while the job's segments stream."""

    dropped: int = 0  # segments left out as silence or as a hallucination surrounded by silence
    redecoded: int = 0  # segments decoded again (temperature fallback) because they looked wrong


@dataclass(frozen=True)
class Result:
    job_id: str
    language: Optional[str]
    language_probability: Optional[float]
    duration: float
    guards: GuardCounts = field(default_factory=GuardCounts)  # read when the result is written


@dataclass(frozen=True)
class Error:
    job_id: Optional[str]
    error_type: str
    message: str


@dataclass(frozen=True)
class Cancelled:
    job_id: str


Event = Union[Ready, SegmentEvent, Progress, Result, Error, Cancelled]

_EVENT_TYPES = {Ready: "ready", SegmentEvent: "segment", Progress: "progress", Result: "result",
                Error: "error", Cancelled: "cancelled"}


def write_event(stream: IO[str], event: Event) -> None:
    """Writes one event as one JSON line and flushes it."""
    body = {"type": _EVENT_TYPES[type(event)]}
    body.update(_finite(dataclasses.asdict(event)))
    stream.write(json.dumps(body, ensure_ascii=False, allow_nan=False) + "\n")
    stream.flush()


def parse_request(line: str) -> Request:
    """Parses one request line; raises ProtocolError naming the bad field."""
    try:
        body = json.loads(line)
    except ValueError as e:
        raise ProtocolError(f"not a JSON object: {e}") from None
    if not isinstance(body, dict):
        raise ProtocolError("not a JSON object")
    try:
        return _request(body)
    except ProtocolError as e:
        job_id = body.get("job_id")
        raise ProtocolError(str(e), job_id if isinstance(job_id, str) else None) from None


def _request(body: dict) -> Request:
    kind = body.get("type")
    if kind == "transcribe":
        return TranscribeRequest(job_id=_text(body, "job_id"), audio_path=_text(body, "audio_path"),
                                 options=_options(body.get("options") or {}))
    if kind == "cancel":
        return Cancel(job_id=_text(body, "job_id"))
    if kind == "shutdown":
        return Shutdown()
    raise ProtocolError(f"unknown type {kind!r}; expected transcribe, cancel or shutdown")


def _options(raw: object) -> TranscribeOptions:
    if not isinstance(raw, dict):
        raise ProtocolError("options must be a JSON object")
    known = {f.name: f for f in dataclasses.fields(TranscribeOptions)}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ProtocolError(f"unknown option(s) {unknown}; known: {sorted(known)}")
    defaults = TranscribeOptions()
    values = {name: raw.get(name, getattr(defaults, name)) for name in known}
    _check(values, "language", (str, type(None)))
    _check(values, "initial_prompt", (str, type(None)))
    _check(values, "word_timestamps", bool)
    _check(values, "vad_filter", bool)
    for name in ("beam_size", "batch_size"):
        value = values[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ProtocolError(f"options.{name} must be a whole number >= 1, got {value!r}")
    if values["task"] not in ("transcribe", "translate"):
        raise ProtocolError(f"options.task must be 'transcribe' or 'translate', got {values['task']!r}")
    return TranscribeOptions(**values)


def _check(values: dict, name: str, types) -> None:
    if not isinstance(values[name], types):
        raise ProtocolError(f"options.{name} has the wrong type: {values[name]!r}")


def _text(body: dict, name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise ProtocolError(f"{name} must be a non-empty string")
    return value


def _finite(value):
    """NaN and infinities are not JSON: they travel as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value
