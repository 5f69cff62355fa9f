"""faster-whisper behind the sidecar protocol: a thin adapter that keeps the library's names.

Every option reaches ``transcribe`` as an explicit keyword (no pass-through), and the segment
generator is consumed lazily: one ``segment`` event per Whisper segment, as it is decoded.
"""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..protocol import ErrorType, Result, SegmentEvent, TranscribeRequest, Word
from . import EngineError, ShouldStop, Transcription

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class DecodeGuards:
    """large-v3's guards against repetition loops and invented text (faster-whisper's names)."""

    # conditioning on earlier text is what lets one bad window repeat for minutes
    condition_on_previous_text: bool = False
    # seconds; faster-whisper applies it only with word timestamps
    hallucination_silence_threshold: float = 2.0
    compression_ratio_threshold: float = 2.4
    no_speech_threshold: float = 0.6
    log_prob_threshold: float = -1.0


class FasterWhisperEngine:
    name = "faster-whisper"

    def __init__(self, model: str, device: str, compute_type: str,
                 guards: DecodeGuards = DecodeGuards()):
        self.model = model  # a model name (large-v3) or a local directory the image baked
        self.device = device
        self.compute_type = compute_type
        self._guards = guards
        self._whisper = None
        self._batched = None

    def load(self) -> None:
        import faster_whisper  # here, so that selecting the engine never needs the library

        self._whisper = faster_whisper.WhisperModel(
            self.model, device=self.device, compute_type=self.compute_type)
        self._batched = faster_whisper.BatchedInferencePipeline(model=self._whisper)

    def transcribe(self, request: TranscribeRequest, should_stop: ShouldStop) -> Transcription:
        # should_stop is not needed: the caller stops between segments and closes the generator
        options = request.options
        if not os.path.isfile(request.audio_path):
            raise EngineError(ErrorType.BAD_AUDIO, f"audio file not found: {request.audio_path}")
        if options.batch_size > 1 and not options.vad_filter:
            raise EngineError(ErrorType.UNSUPPORTED,
                              "batch_size > 1 needs vad_filter=true: the batched pipeline cuts the "
                              "audio at the pauses VAD finds; set vad_filter or use batch_size=1")
        if options.batch_size > 1:
            run = functools.partial(self._batched.transcribe, batch_size=options.batch_size)
        else:
            run = self._whisper.transcribe
        guards = self._guards
        segments, info = run(
            request.audio_path,
            language=options.language,
            task=options.task,
            beam_size=options.beam_size,
            vad_filter=options.vad_filter,
            word_timestamps=options.word_timestamps,
            initial_prompt=options.initial_prompt,
            condition_on_previous_text=guards.condition_on_previous_text,
            hallucination_silence_threshold=(
                guards.hallucination_silence_threshold if options.word_timestamps else None),
            compression_ratio_threshold=guards.compression_ratio_threshold,
            no_speech_threshold=guards.no_speech_threshold,
            log_prob_threshold=guards.log_prob_threshold,
        )
        result = Result(job_id=request.job_id, language=info.language,
                        language_probability=info.language_probability, duration=info.duration)
        return _events(request.job_id, segments), result


def _events(job_id: str, segments: Iterable) -> Iterator[SegmentEvent]:
    """One event per segment as faster-whisper decodes it; never collects them first."""
    try:
        for segment in segments:
            words = [Word(start=w.start, end=w.end, word=w.word, probability=w.probability)
                     for w in segment.words or ()]
            yield SegmentEvent(job_id=job_id, start=segment.start, end=segment.end,
                               text=segment.text, words=words, avg_logprob=segment.avg_logprob,
                               no_speech_prob=segment.no_speech_prob)
    finally:
        close = getattr(segments, "close", None)
        if close is not None:  # a cancelled job stops decoding here, not when garbage-collected
            close()
