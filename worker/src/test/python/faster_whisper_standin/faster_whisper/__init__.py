"""STAND-IN for faster-whisper 1.2.1, for tests only: the real library needs CTranslate2 and a
model, which our build machines do not have. It has the real API shape (``WhisperModel``,
``BatchedInferencePipeline``, the keyword arguments of both ``transcribe`` methods, a lazy segment
generator plus ``TranscriptionInfo``) and records every call so tests can see what arrived.

It decodes nothing: segment ``i`` is the text ``standin segment i``, one second long. Knobs for
tests that run it in a sidecar process: ``FASTER_WHISPER_STANDIN_SEGMENTS`` (default 3) and
``FASTER_WHISPER_STANDIN_DELAY_S`` (seconds before each segment, default 0); with
``FASTER_WHISPER_STANDIN_PRINT`` set it prints to stdout while loading, as libraries do.
"""

import os
import sys
import time
from dataclasses import dataclass
from typing import Any, List, Optional

STANDIN = True
CALLS: List[tuple] = []  # (what, positional, keywords) for every constructor and transcribe call
DECODED: List[int] = []  # index of each segment when the generator produced it
CLOSED: List[int] = []  # segments produced when a generator was closed early


@dataclass
class Word:
    start: float
    end: float
    word: str
    probability: float


@dataclass
class Segment:
    id: int
    seek: int
    start: float
    end: float
    text: str
    tokens: List[int]
    avg_logprob: float
    compression_ratio: float
    no_speech_prob: float
    words: Optional[List[Word]]
    temperature: Optional[float]


@dataclass
class TranscriptionInfo:
    language: str
    language_probability: float
    duration: float
    duration_after_vad: float
    all_language_probs: Any
    transcription_options: Any
    vad_options: Any


class WhisperModel:
    def __init__(self, model_size_or_path, device="auto", device_index=0, compute_type="default",
                 cpu_threads=0, num_workers=1, download_root=None, local_files_only=False,
                 files=None, revision=None, use_auth_token=None, **model_kwargs):
        CALLS.append(("WhisperModel", (model_size_or_path,),
                      dict(device=device, device_index=device_index, compute_type=compute_type,
                           model_kwargs=model_kwargs)))
        if os.environ.get("FASTER_WHISPER_STANDIN_PRINT"):
            # libraries print to stdout; the sidecar must keep that off its protocol channel
            print("faster-whisper stand-in: print() while loading")
            sys.stdout.flush()
            os.write(1, b"faster-whisper stand-in: native write to fd 1\n")

    def transcribe(self, audio, language=None, task="transcribe", log_progress=False, beam_size=5,
                   best_of=5, patience=1, length_penalty=1, repetition_penalty=1,
                   no_repeat_ngram_size=0, temperature=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
                   compression_ratio_threshold=2.4, log_prob_threshold=-1.0,
                   no_speech_threshold=0.6, condition_on_previous_text=True,
                   prompt_reset_on_temperature=0.5, initial_prompt=None, prefix=None,
                   suppress_blank=True, suppress_tokens=(-1,), without_timestamps=False,
                   max_initial_timestamp=1.0, word_timestamps=False,
                   prepend_punctuations="\"'“¿([{-", append_punctuations="\"'.。,，!！?？:：”)]}、",
                   multilingual=False, vad_filter=False, vad_parameters=None, max_new_tokens=None,
                   chunk_length=None, clip_timestamps="0", hallucination_silence_threshold=None,
                   hotwords=None, language_detection_threshold=0.5, language_detection_segments=1):
        keywords = dict(locals())
        del keywords["self"], keywords["audio"]
        return _transcribe("WhisperModel.transcribe", audio, keywords)


class BatchedInferencePipeline:
    def __init__(self, model):
        CALLS.append(("BatchedInferencePipeline", (model,), {}))
        self.model = model

    def transcribe(self, audio, language=None, task="transcribe", log_progress=False, beam_size=5,
                   best_of=5, patience=1, length_penalty=1, repetition_penalty=1,
                   no_repeat_ngram_size=0, temperature=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
                   compression_ratio_threshold=2.4, log_prob_threshold=-1.0,
                   no_speech_threshold=0.6, condition_on_previous_text=True,
                   prompt_reset_on_temperature=0.5, initial_prompt=None, prefix=None,
                   suppress_blank=True, suppress_tokens=(-1,), without_timestamps=True,
                   max_initial_timestamp=1.0, word_timestamps=False,
                   prepend_punctuations="\"'“¿([{-", append_punctuations="\"'.。,，!！?？:：”)]}、",
                   multilingual=False, vad_filter=True, vad_parameters=None, max_new_tokens=None,
                   chunk_length=None, clip_timestamps=None, hallucination_silence_threshold=None,
                   batch_size=8, hotwords=None, language_detection_threshold=0.5,
                   language_detection_segments=1):
        keywords = dict(locals())
        del keywords["self"], keywords["audio"]
        return _transcribe("BatchedInferencePipeline.transcribe", audio, keywords)


def _transcribe(what, audio, keywords):
    CALLS.append((what, (audio,), keywords))
    count = int(os.environ.get("FASTER_WHISPER_STANDIN_SEGMENTS", "3"))
    delay_s = float(os.environ.get("FASTER_WHISPER_STANDIN_DELAY_S", "0"))
    language = keywords["language"] or "en"
    info = TranscriptionInfo(language=language,
                             language_probability=1.0 if keywords["language"] else 0.97,
                             duration=float(count), duration_after_vad=float(count),
                             all_language_probs=None, transcription_options=keywords,
                             vad_options=None)
    return _segments(count, delay_s, keywords["word_timestamps"]), info


def _segments(count, delay_s, word_timestamps):
    produced = 0
    try:
        for i in range(count):
            time.sleep(delay_s)
            words = [Word(start=i + 0.0, end=i + 0.5, word=" standin", probability=0.9),
                     Word(start=i + 0.5, end=i + 1.0, word=f" segment {i}", probability=0.8)]
            DECODED.append(i)
            produced += 1
            yield Segment(id=i + 1, seek=0, start=float(i), end=i + 1.0,
                          text=f" standin segment {i}", tokens=[1, 2, 3], avg_logprob=-0.25,
                          compression_ratio=1.2, no_speech_prob=0.01,
                          words=words if word_timestamps else None, temperature=0.0)
    except GeneratorExit:
        CLOSED.append(produced)
        raise
