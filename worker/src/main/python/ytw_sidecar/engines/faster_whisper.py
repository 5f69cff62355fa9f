"""faster-whisper 1.2.1 behind the sidecar protocol, with the quality guards in both modes.

Sequential decoding (``WhisperModel.transcribe``) applies the guards itself. The batched pipeline
(``BatchedInferencePipeline.transcribe``, several times faster on a GPU) does not: it lists
``compression_ratio_threshold``, ``log_prob_threshold``, ``no_speech_threshold``,
``condition_on_previous_text`` and ``hallucination_silence_threshold`` as unused, keeps only the
first temperature and skips nothing as silent (faster_whisper/transcribe.py, v1.2.1). So in
batched mode this adapter applies them per segment:

- drop a segment whose ``no_speech_prob`` > 0.6 and ``avg_logprob`` < -1.0 (silence that was
  "transcribed", e.g. "Thanks for watching!");
- re-decode a segment whose ``compression_ratio`` > 2.4 (a repetition loop) or ``avg_logprob``
  < -1.0 sequentially over its own stretch of audio, with the temperature fallback and the other
  guards;
- with word timestamps, drop an anomalous segment (improbable, too short or too long words) with
  more than ``hallucination_silence_threshold`` of silence on both sides.

The batched pipeline also defaults to ``without_timestamps=True``, one segment per VAD chunk of
up to 30 s; this adapter asks for timestamps, so segments (and cues) start where their words do.

The job's prompt goes in as ``hotwords``, which ``get_prompt`` puts in front of every window in
both modes; ``initial_prompt`` reaches only the first window when not conditioning on previous
text. Whisper reads at most 223 prompt tokens (``max_length // 2 - 1``); a longer prompt is
refused here rather than cut silently.

The audio is decoded once; segments stream out as they are decoded.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, List, Optional

from ..protocol import ErrorType, GuardCounts, Result, SegmentEvent, TranscribeRequest, Word
from . import EngineError, ShouldStop, Transcription

LOG = logging.getLogger(__name__)

SAMPLING_RATE = 16000
PROMPT_TOKENS = 223  # get_prompt keeps max_length // 2 - 1 = 223 tokens of a prompt
PROMPT_CHARS_HINT = 600  # what the job input allows (README); about 223 tokens of English names
BATCHED_FROM_S = 30.0  # shorter audio is one window: nothing to batch, so it goes sequential
_PUNCTUATION = "\"'“¿([{-\"'.。,，!！?？:：”)]}、"


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
    temperatures: tuple = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)  # the fallback, faster-whisper's default


class FasterWhisperEngine:
    name = "faster-whisper"

    def __init__(self, model: str, device: str, compute_type: str,
                 guards: DecodeGuards = DecodeGuards()):
        self.model = model  # a model name (large-v3) or a local directory the image baked
        self.device = device
        self.compute_type = compute_type
        self._guards = guards
        self._library = None
        self._whisper = None
        self._batched = None

    def load(self) -> None:
        import faster_whisper  # here, so that selecting the engine never needs the library

        self._library = faster_whisper
        self._whisper = faster_whisper.WhisperModel(
            self.model, device=self.device, compute_type=self.compute_type)
        self._batched = faster_whisper.BatchedInferencePipeline(model=self._whisper)

    def transcribe(self, request: TranscribeRequest, should_stop: ShouldStop) -> Transcription:
        # should_stop is not needed: the caller stops between segments and closes the generator
        options = request.options
        if options.batch_size > 1 and not options.vad_filter:
            raise EngineError(ErrorType.UNSUPPORTED,
                              "batch_size > 1 needs vad_filter=true: the batched pipeline cuts the "
                              "audio at the pauses VAD finds; set vad_filter or use batch_size=1")
        prompt = self._checked_prompt(options.initial_prompt)
        audio = self._decode(request.audio_path)
        duration = len(audio) / SAMPLING_RATE
        guards = self._guards
        shared = dict(
            language=options.language,
            task=options.task,
            beam_size=options.beam_size,
            word_timestamps=options.word_timestamps,
            initial_prompt=None,
            hotwords=prompt,  # in front of every window, in both modes
            condition_on_previous_text=guards.condition_on_previous_text,
            compression_ratio_threshold=guards.compression_ratio_threshold,
            no_speech_threshold=guards.no_speech_threshold,
            log_prob_threshold=guards.log_prob_threshold,
        )
        counts = GuardCounts()
        if options.batch_size > 1 and duration >= BATCHED_FROM_S:
            segments, info = self._batched.transcribe(
                audio, batch_size=options.batch_size, vad_filter=True, without_timestamps=False,
                temperature=guards.temperatures[0], **shared)
            guard = _BatchedGuard(self._whisper, audio, duration, info.language, guards, shared, counts)
            events = _events(request.job_id, guard.segments(segments))
        else:
            if options.batch_size > 1:
                LOG.info("%.1f s of audio is one window: decoding sequentially", duration)
            segments, info = self._whisper.transcribe(
                audio, vad_filter=options.vad_filter, temperature=guards.temperatures,
                hallucination_silence_threshold=self._silence_threshold(options.word_timestamps),
                **shared)
            events = _events(request.job_id, _counting_fallbacks(segments, counts))
        result = Result(job_id=request.job_id, language=info.language,
                        language_probability=info.language_probability, duration=info.duration,
                        guards=counts)
        return events, result

    def _silence_threshold(self, word_timestamps: bool) -> Optional[float]:
        return self._guards.hallucination_silence_threshold if word_timestamps else None

    def _checked_prompt(self, prompt: Optional[str]) -> Optional[str]:
        if prompt is None or not prompt.strip():
            return None
        # get_prompt encodes " " + hotwords.strip() and keeps the first 223 tokens
        tokens = len(self._whisper.hf_tokenizer.encode(" " + prompt.strip(), add_special_tokens=False).ids)
        if tokens > PROMPT_TOKENS:
            raise EngineError(ErrorType.UNSUPPORTED,
                              f"initial_prompt is {tokens} tokens long, but Whisper reads at most "
                              f"{PROMPT_TOKENS} (about {PROMPT_CHARS_HINT} characters of English, "
                              "fewer in other scripts); shorten it to the names and spellings that matter")
        return prompt

    def _decode(self, path: str):
        if not os.path.isfile(path):
            raise EngineError(ErrorType.BAD_AUDIO, f"audio file not found: {path}")
        try:
            return self._library.decode_audio(path, sampling_rate=SAMPLING_RATE)
        except Exception as e:  # PyAV's errors vary by container and codec
            raise EngineError(ErrorType.BAD_AUDIO,
                              f"{path} could not be decoded ({type(e).__name__}: {e}); "
                              "convert it with ffmpeg -i IN -ar 16000 -ac 1 OUT.wav") from None


class _BatchedGuard:
    """The guards the batched pipeline ignores, applied per segment as segments stream out."""

    def __init__(self, whisper, audio, duration: float, language: str, guards: DecodeGuards,
                 shared: dict, counts: GuardCounts):
        self._whisper = whisper
        self._audio = audio
        self._duration = duration
        self._language = language
        self._guards = guards
        self._shared = shared
        self._counts = counts

    def segments(self, batched: Iterable) -> Iterator:
        checked = self._dropped_or_redecoded(batched)
        if self._shared["word_timestamps"]:
            checked = self._without_silent_hallucinations(checked)
        return checked

    def _dropped_or_redecoded(self, batched: Iterable) -> Iterator:
        with _closing(batched):
            yield from self._checked(batched)

    def _checked(self, batched: Iterable) -> Iterator:
        g = self._guards
        for segment in batched:
            low_logprob = segment.avg_logprob < g.log_prob_threshold
            if segment.no_speech_prob > g.no_speech_threshold and low_logprob:
                self._counts.dropped += 1
                LOG.info("dropped a segment at %.1f s as silence (no_speech_prob %.2f, avg_logprob %.2f): %r",
                         segment.start, segment.no_speech_prob, segment.avg_logprob, segment.text)
                continue
            if segment.compression_ratio > g.compression_ratio_threshold or low_logprob:
                self._counts.redecoded += 1
                LOG.info("re-decoding %.1f-%.1f s sequentially (compression_ratio %.2f, avg_logprob %.2f)",
                         segment.start, segment.end, segment.compression_ratio, segment.avg_logprob)
                yield from self._redecode(segment)
                continue
            yield segment

    def _redecode(self, segment) -> Iterator:
        """The segment's own stretch of audio, decoded sequentially with the temperature fallback."""
        first = max(0, int(segment.start * SAMPLING_RATE))
        last = min(len(self._audio), int(math.ceil(segment.end * SAMPLING_RATE)))
        if last <= first:
            return
        offset = first / SAMPLING_RATE
        options = dict(self._shared, language=self._language)
        redecoded, _ = self._whisper.transcribe(
            self._audio[first:last], vad_filter=False, clip_timestamps=[0.0, (last - first) / SAMPLING_RATE],
            temperature=self._guards.temperatures,
            hallucination_silence_threshold=(
                self._guards.hallucination_silence_threshold if options["word_timestamps"] else None),
            **options)
        for part in redecoded:
            yield _Shifted(part, offset)

    def _without_silent_hallucinations(self, segments: Iterator) -> Iterator:
        """faster-whisper's hallucination_silence_threshold rule, with one segment of look-ahead."""
        with _closing(segments):
            yield from self._held_back(segments)

    def _held_back(self, segments: Iterator) -> Iterator:
        threshold = self._guards.hallucination_silence_threshold
        last_end = 0.0
        held = None
        for segment in segments:
            if held is not None:
                if _silent_hallucination(held, last_end, segment, threshold, self._duration):
                    self._counts.dropped += 1
                    LOG.info("dropped a segment at %.1f s: improbable words surrounded by silence: %r",
                             held.start, held.text)
                else:
                    last_end = held.end
                    yield held
            held = segment
        if held is not None:
            if _silent_hallucination(held, last_end, None, threshold, self._duration):
                self._counts.dropped += 1
            else:
                yield held


class _Shifted:
    """A re-decoded segment moved from its slice's time to the file's."""

    def __init__(self, segment, offset: float):
        self.start = round(segment.start + offset, 3)
        self.end = round(segment.end + offset, 3)
        self.text = segment.text
        self.avg_logprob = segment.avg_logprob
        self.no_speech_prob = segment.no_speech_prob
        self.compression_ratio = segment.compression_ratio
        self.temperature = segment.temperature
        self.words = None if segment.words is None else [
            _ShiftedWord(round(w.start + offset, 3), round(w.end + offset, 3), w.word, w.probability)
            for w in segment.words]


@dataclass(frozen=True)
class _ShiftedWord:
    start: float
    end: float
    word: str
    probability: float


def _anomalous(words: Optional[List]) -> bool:
    """is_segment_anomaly: among the first 8 words, improbable, very short or very long ones."""
    words = [w for w in (words or ()) if w.word.strip() not in _PUNCTUATION][:8]
    if not words:
        return False
    score = 0.0
    for w in words:
        duration = w.end - w.start
        if (w.probability or 0.0) < 0.15:
            score += 1.0
        if duration < 0.133:
            score += (0.133 - duration) * 15
        if duration > 2.0:
            score += duration - 2.0
    return score >= 3 or score + 0.01 >= len(words)


def _silent_hallucination(segment, last_end: float, following, threshold: float, duration: float) -> bool:
    if not _anomalous(segment.words):
        return False
    silence_before = segment.start - last_end > threshold or segment.start < threshold
    next_start = following.start if following is not None else duration
    silence_after = next_start - segment.end > threshold or (
        following is not None and _anomalous(following.words))
    return silence_before and silence_after


def _counting_fallbacks(segments: Iterable, counts: GuardCounts) -> Iterator:
    """Sequential mode: faster-whisper re-decodes by itself; a temperature above 0 shows it did."""
    with _closing(segments):
        for segment in segments:
            if (segment.temperature or 0.0) > 0.0:
                counts.redecoded += 1
            yield segment


@contextlib.contextmanager
def _closing(segments):
    """Closes faster-whisper's generator when a consumer stops early, so decoding stops too."""
    try:
        yield
    finally:
        close = getattr(segments, "close", None)
        if close is not None:
            close()


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
