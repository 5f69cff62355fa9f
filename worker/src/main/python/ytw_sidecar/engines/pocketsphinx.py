"""pocketsphinx (Debian's python3-pocketsphinx 0.1.15) behind the sidecar protocol.

CPU only, English only, far less accurate than Whisper: real recognition for offline runs and
tests. It reads 16 kHz mono 16-bit WAV, decodes it in utterances cut at pauses (so segments
stream out while a long file is still decoding), drops filler tokens, turns frames (100 a
second) into seconds and groups the words into segments. Every job gets a decoder no job has
used, so the same audio always gives the same words.
"""

from __future__ import annotations

import array
import concurrent.futures
import logging
import math
import os
import re
import sys
import wave
from dataclasses import dataclass
from typing import Iterator, List

from ..protocol import ErrorType, Result, SegmentEvent, TranscribeOptions, TranscribeRequest, Word
from . import EngineError, ShouldStop, Transcription

LOG = logging.getLogger(__name__)

MODEL_DIR = "/usr/share/pocketsphinx/model/en-us"  # from Debian's pocketsphinx-en-us
SAMPLE_RATE = 16000
FRAMES_PER_SECOND = 100
BLOCK_SAMPLES = SAMPLE_RATE // 10
_ALTERNATE_PRONUNCIATION = re.compile(r"\(\d+\)$")  # "where(2)" is "where"


@dataclass(frozen=True)
class Segmenting:
    """Where utterances and segments are cut."""

    quiet_rms: float = 300.0  # a 0.1 s block below this RMS (of 32768) counts as a pause
    utterance_pause_s: float = 0.5  # end an utterance at a pause this long ...
    utterance_min_s: float = 5.0  # ... once it is at least this long (the LM wants context)
    utterance_max_s: float = 30.0  # and always at this length
    segment_pause_s: float = 0.5  # a new segment after a silence this long between words
    segment_max_words: int = 10


class PocketsphinxEngine:
    name = "pocketsphinx"
    device = "cpu"
    compute_type = "n/a"

    def __init__(self, model_dir: str = MODEL_DIR, segmenting: Segmenting = Segmenting()):
        self.model = model_dir
        self._segmenting = segmenting
        self._config = None
        self._next_decoder = None  # a Future: the next job's fresh decoder, built between jobs

    def load(self) -> None:
        from pocketsphinx.pocketsphinx import Decoder

        config = Decoder.default_config()
        config.set_string("-hmm", os.path.join(self.model, "en-us"))
        config.set_string("-lm", os.path.join(self.model, "en-us.lm.bin"))
        config.set_string("-dict", os.path.join(self.model, "cmudict-en-us.dict"))
        config.set_string("-logfn", os.devnull)
        # with its own silence removal, 0.1.15 shifts seg() frame numbers by seconds; decode every
        # frame instead and cut utterances at pauses here
        config.set_boolean("-remove_silence", False)
        self._config = config
        self._next_decoder = _built_now(Decoder(config))

    def _fresh_decoder(self):
        """A decoder no job has used: one carries its cepstral mean (CMN) and more from job to job,
        so the same file would come out differently on every job. The next one is built while
        the worker is busy elsewhere, so a job does not wait for it."""
        from pocketsphinx.pocketsphinx import Decoder

        decoder = self._next_decoder.result()
        self._next_decoder = _BUILDER.submit(Decoder, self._config)
        return decoder

    def transcribe(self, request: TranscribeRequest, should_stop: ShouldStop) -> Transcription:
        _check_supported(request.options)
        wav = _open_wav(request.audio_path)
        duration = wav.getnframes() / SAMPLE_RATE
        result = Result(job_id=request.job_id, language="en", language_probability=None,
                        duration=duration)
        return self._segments(request.job_id, wav, should_stop), result

    def _segments(self, job_id: str, wav: wave.Wave_read, should_stop: ShouldStop) -> Iterator[SegmentEvent]:
        cut = self._segmenting
        decoder = self._fresh_decoder()
        fed = utterance_start = quiet_blocks = 0
        in_utterance = False
        try:
            while not should_stop():
                if not in_utterance:
                    decoder.start_utt()
                    in_utterance = True
                block = wav.readframes(BLOCK_SAMPLES)
                if not block:
                    break
                decoder.process_raw(block, False, False)
                fed += len(block) // 2
                quiet_blocks = quiet_blocks + 1 if _rms(block) < cut.quiet_rms else 0
                length_s = (fed - utterance_start) / SAMPLE_RATE
                paused = quiet_blocks * BLOCK_SAMPLES / SAMPLE_RATE >= cut.utterance_pause_s
                if (paused and length_s >= cut.utterance_min_s) or length_s >= cut.utterance_max_s:
                    decoder.end_utt()
                    in_utterance = False
                    yield from self._group(job_id, self._words(decoder, utterance_start / SAMPLE_RATE))
                    utterance_start = fed
            if in_utterance:
                decoder.end_utt()
                in_utterance = False
                if not should_stop():
                    yield from self._group(job_id, self._words(decoder, utterance_start / SAMPLE_RATE))
        finally:
            if in_utterance:  # stopped mid-utterance (the next job gets a fresh decoder anyway)
                decoder.end_utt()
            wav.close()

    @staticmethod
    def _words(decoder, offset_s: float) -> List[Word]:
        logmath = decoder.get_logmath()
        entries = list(decoder.seg())
        # 0.1.15 keeps counting frames across utterances instead of restarting at start_utt();
        # the first entry, <s>, begins at the utterance's first frame
        first_frame = entries[0].start_frame if entries else 0
        words = []
        for seg in entries:
            if seg.word.startswith(("<", "[", "+")) or seg.word == "(NULL)":
                continue  # <s>, </s>, <sil>, [NOISE], ++BREATH++ are not speech
            text = _ALTERNATE_PRONUNCIATION.sub("", seg.word)
            start_s = offset_s + (seg.start_frame - first_frame) / FRAMES_PER_SECOND
            end_s = offset_s + (seg.end_frame + 1 - first_frame) / FRAMES_PER_SECOND
            words.append(Word(start=round(start_s, 3), end=round(end_s, 3),
                              word=" " + text,  # Whisper's shape: each word has a leading space
                              probability=round(logmath.exp(seg.prob), 4)))
        return words

    def _group(self, job_id: str, words: List[Word]) -> Iterator[SegmentEvent]:
        cut = self._segmenting
        group: List[Word] = []
        for word in words:
            if group and (word.start - group[-1].end >= cut.segment_pause_s
                          or len(group) >= cut.segment_max_words):
                yield _segment(job_id, group)
                group = []
            group.append(word)
        if group:
            yield _segment(job_id, group)


_BUILDER = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="decoder")


def _built_now(decoder) -> "concurrent.futures.Future":
    done = concurrent.futures.Future()
    done.set_result(decoder)
    return done


def _segment(job_id: str, words: List[Word]) -> SegmentEvent:
    return SegmentEvent(job_id=job_id, start=words[0].start, end=words[-1].end,
                        text="".join(w.word for w in words), words=list(words))


def _check_supported(options: TranscribeOptions) -> None:
    if options.task != "transcribe":
        raise EngineError(ErrorType.UNSUPPORTED,
                          f"the pocketsphinx engine only transcribes English; task {options.task!r} "
                          "needs WORKER_ENGINE=faster-whisper")
    if options.language not in (None, "en"):
        raise EngineError(ErrorType.UNSUPPORTED,
                          f"the pocketsphinx engine only knows English (en); language "
                          f"{options.language!r} needs WORKER_ENGINE=faster-whisper")
    ignored = [name for name in ("vad_filter", "beam_size", "initial_prompt", "batch_size")
               if getattr(options, name) != getattr(TranscribeOptions(), name)]
    if ignored:
        LOG.info("pocketsphinx ignores %s", ", ".join(ignored))


def _open_wav(path: str) -> wave.Wave_read:
    fix = "pocketsphinx reads 16 kHz mono 16-bit PCM WAV (ffmpeg -i IN -ar 16000 -ac 1 -c:a pcm_s16le OUT.wav)"
    try:
        wav = wave.open(path, "rb")
    except FileNotFoundError:
        raise EngineError(ErrorType.BAD_AUDIO, f"audio file not found: {path}") from None
    except (wave.Error, EOFError) as e:
        raise EngineError(ErrorType.BAD_AUDIO, f"{path} is not a readable WAV file ({e}); {fix}") from None
    shape = (wav.getnchannels(), wav.getframerate(), wav.getsampwidth())
    if shape != (1, SAMPLE_RATE, 2):
        wav.close()
        raise EngineError(ErrorType.BAD_AUDIO,
                          f"{path} has {shape[0]} channel(s), {shape[1]} Hz, {8 * shape[2]}-bit; {fix}")
    return wav


def _rms(block: bytes) -> float:
    samples = array.array("h")
    samples.frombytes(block[: len(block) // 2 * 2])
    if sys.byteorder == "big":  # WAV is little-endian
        samples.byteswap()
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0
