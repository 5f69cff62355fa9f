"""``python3 -m ytw_sidecar``: load the engine, say ``ready``, then serve one job at a time.

Environment: ``WORKER_ENGINE`` (auto | faster-whisper | pocketsphinx, default auto),
``WORKER_MODEL`` (default large-v3; a name or a local directory), ``WORKER_DEVICE`` (default
cuda), ``WORKER_COMPUTE_TYPE`` (default float16). stdout carries protocol lines only (see
protocol.py); logs go to stderr. A reader thread takes requests while a job runs, so ``cancel``
stops the job between segments. ``shutdown`` or a closed stdin stops the running job and exits 0;
an engine that fails to load is reported as an ``error`` without job id and exits 2.
``python3 -m ytw_sidecar --selfcheck`` instead checks the engine's speed and accuracy on a bundled
clip and exits (see selfcheck/).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import queue
import sys
import threading
import time
from typing import IO, Iterable, Optional, Tuple

from .engines import Engine, EngineError, ShouldStop, select
from .protocol import (Cancel, Cancelled, Error, ErrorType, Event, Progress, ProtocolError, Ready,
                       Shutdown, TranscribeRequest, parse_request, write_event)

LOG = logging.getLogger("ytw_sidecar")


class EventWriter:
    """Writes events from several threads without interleaving lines."""

    def __init__(self, stream: IO[str]):
        self._stream = stream
        self._lock = threading.Lock()

    def write(self, event: Event) -> None:
        with self._lock:
            write_event(self._stream, event)


class Sidecar:
    """Runs jobs on the calling thread while a reader thread takes requests."""

    def __init__(self, engine: Engine, out: EventWriter):
        self._engine = engine
        self._out = out
        self._lock = threading.Lock()
        self._active: Optional[Tuple[str, threading.Event]] = None  # the accepted job, its stop flag
        self._jobs: "queue.Queue[Optional[Tuple[TranscribeRequest, threading.Event]]]" = queue.Queue()

    def serve(self, lines: Iterable[str]) -> None:
        threading.Thread(target=self._read, args=(lines,), name="requests", daemon=True).start()
        while True:
            job = self._jobs.get()
            if job is None:
                return
            self._run(*job)

    def _read(self, lines: Iterable[str]) -> None:
        try:
            for line in lines:
                if not line.strip():
                    continue
                try:
                    request = parse_request(line)
                except ProtocolError as e:
                    self._out.write(Error(job_id=e.job_id, error_type=ErrorType.BAD_REQUEST, message=str(e)))
                    continue
                if isinstance(request, Shutdown):
                    LOG.info("shutdown requested")
                    return
                if isinstance(request, Cancel):
                    self._cancel(request.job_id)
                else:
                    self._accept(request)
            LOG.info("stdin closed: the worker is gone")
        finally:
            with self._lock:
                if self._active is not None:
                    self._active[1].set()
            self._jobs.put(None)

    def _accept(self, request: TranscribeRequest) -> None:
        with self._lock:
            busy_with = self._active[0] if self._active is not None else None
            if busy_with is None:
                stop = threading.Event()
                self._active = (request.job_id, stop)
        if busy_with is not None:
            self._out.write(Error(job_id=request.job_id, error_type=ErrorType.BUSY,
                                  message=f"job {busy_with} is running; send one job at a time"))
            return
        self._jobs.put((request, stop))

    def _cancel(self, job_id: str) -> None:
        with self._lock:
            if self._active is not None and self._active[0] == job_id:
                LOG.info("job %s: cancel requested", job_id)
                self._active[1].set()
                return
        LOG.info("job %s: cancel ignored, the job is not running", job_id)

    def _run(self, request: TranscribeRequest, stop: threading.Event) -> None:
        job_id = request.job_id
        started = time.monotonic()
        options = request.options
        if options.initial_prompt:
            # the prompt is the job's own text: the log gets its length, never its words
            options = dataclasses.replace(options, initial_prompt=f"<{len(options.initial_prompt)} characters>")
        LOG.info("job %s: %s %s", job_id, request.audio_path, options)
        try:
            final = self._transcribe(request, stop.is_set)
        except EngineError as e:
            final = Error(job_id=job_id, error_type=e.error_type, message=str(e))
        except Exception as e:  # the engine's own failure: report it and serve the next job
            LOG.exception("job %s failed", job_id)
            final = Error(job_id=job_id, error_type=ErrorType.ENGINE_FAILED,
                          message=f"{self._engine.name} failed: {type(e).__name__}: {e}")
        with self._lock:  # free before the final event, so the worker's next job is never "busy"
            self._active = None
        LOG.info("job %s: %s after %.1f s", job_id, type(final).__name__.lower(), time.monotonic() - started)
        self._out.write(final)

    def _transcribe(self, request: TranscribeRequest, should_stop: ShouldStop) -> Event:
        if should_stop():
            return Cancelled(job_id=request.job_id)
        segments, result = self._engine.transcribe(request, should_stop)
        try:
            for segment in segments:
                self._out.write(segment)
                self._out.write(Progress(job_id=request.job_id, decoded=segment.end, duration=result.duration))
                if should_stop():
                    break
        finally:
            segments.close()
        return Cancelled(job_id=request.job_id) if should_stop() else result


def main() -> int:
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    if sys.argv[1:2] == ["--selfcheck"]:  # an operator's check, not the worker's protocol
        from .selfcheck import main as selfcheck
        return selfcheck(sys.argv[2:])
    out = EventWriter(_protocol_stdout())
    engine_name = _env("WORKER_ENGINE", "auto")
    started = time.monotonic()
    try:
        engine = select(engine_name, model=_env("WORKER_MODEL", "large-v3"),
                        device=_env("WORKER_DEVICE", "cuda"),
                        compute_type=_env("WORKER_COMPUTE_TYPE", "float16"))
        LOG.info("loading %s (model %s, device %s, compute type %s)",
                 engine.name, engine.model, engine.device, engine.compute_type)
        engine.load()
    except Exception as e:
        LOG.exception("the engine did not load")
        out.write(Error(job_id=None, error_type=ErrorType.ENGINE_LOAD_FAILED,
                        message=f"WORKER_ENGINE={engine_name} did not load: {type(e).__name__}: {e}"))
        return 2
    load_s = round(time.monotonic() - started, 3)
    out.write(Ready(engine=engine.name, model=engine.model, device=engine.device,
                    compute_type=engine.compute_type, load_s=load_s))
    Sidecar(engine, out).serve(_utf8_lines(sys.stdin))
    return 0


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _protocol_stdout() -> IO[str]:
    """Keeps fd 1 for protocol lines only: anything else printing there (Python or native
    libraries, progress bars) lands on stderr instead."""
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", newline="\n")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return protocol


def _utf8_lines(stream: IO[str]) -> Iterable[str]:
    return open(stream.fileno(), "r", encoding="utf-8", closefd=False)


if __name__ == "__main__":
    sys.exit(main())
