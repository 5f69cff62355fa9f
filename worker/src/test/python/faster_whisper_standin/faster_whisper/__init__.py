"""STAND-IN for faster-whisper 1.2.1, for tests only: the real library needs CTranslate2 and a
model, which our build machines do not have. It has the real API shape (``WhisperModel``,
``BatchedInferencePipeline``, ``decode_audio``, the keyword arguments of both ``transcribe``
methods, a lazy segment generator plus ``TranscriptionInfo``) and copies the behaviours of
``faster_whisper/transcribe.py`` at tag v1.2.1 that decide what reaches a user's subtitles:

Sequential (``WhisperModel.transcribe``, ``generate_segments``):
- 30-s windows from each ``clip_timestamps`` start; a window is skipped as silent when its
  ``no_speech_prob`` > ``no_speech_threshold`` unless its ``avg_logprob`` > ``log_prob_threshold``;
- temperature fallback (``generate_with_fallback``): a decode whose compression ratio is above
  ``compression_ratio_threshold`` or whose ``avg_logprob`` is below ``log_prob_threshold`` is
  decoded again at the next temperature; when all fail, the best (by ``avg_logprob``, preferring
  those under the compression threshold) is kept;
- ``hallucination_silence_threshold`` with word timestamps: an anomalous segment (improbable,
  too short or too long words) with silence on both sides is skipped;
- the prompt (``get_prompt``): ``hotwords`` (its first 223 tokens) in every window;
  ``initial_prompt`` (its last 223 tokens) only in the first decoded window unless
  ``condition_on_previous_text``, which also carries the text decoded so far.
Batched (``BatchedInferencePipeline.transcribe``):
- ``compression_ratio_threshold``, ``log_prob_threshold``, ``no_speech_threshold``,
  ``condition_on_previous_text`` and ``hallucination_silence_threshold`` are ignored (the
  library lists them as unused); only the first temperature is used (no fallback); nothing is
  skipped as silent;
- VAD chunks: speech regions merged up to 30 s of speech (``collect_chunks``); needs
  ``vad_filter`` (or ``clip_timestamps`` in seconds, or audio under 30 s);
- ``without_timestamps=True`` (its default) gives ONE segment per chunk, from its first to its
  last speech; ``avg_logprob`` and ``no_speech_prob`` belong to the chunk (every segment of a
  chunk carries the chunk's), ``compression_ratio`` to each segment;
- ``initial_prompt`` and ``hotwords`` reach every chunk.

Sequential windows are judged per scripted stretch: the stand-in applies the fallback and the
skip rule to each stretch in a window on its own (the library decodes the window once), and the
prompt is computed once per window as the library does. Times come back relative to the audio
passed in (a slice of ``decode_audio``'s result starts at 0), as the library's do.

What it cannot copy: the acoustics. It decodes nothing; it plays a SCRIPTED transcript (see
``Script``): ``FASTER_WHISPER_STANDIN_SCRIPT`` (a JSON file) or the module's ``SCRIPT``. Without
one, it plays ``FASTER_WHISPER_STANDIN_SEGMENTS`` (default 3) one-second segments "standin
segment i". The chunk's ``no_speech_prob`` is its first speech region's (Whisper reads it at the
first decoding step) and its ``avg_logprob`` the text-length-weighted mean of its regions'. The
tokenizer is a rough stand-in for Whisper's byte-level BPE: a word of up to 6 ASCII letters with
its leading space is one token, longer ones one token per 4 letters, any other character one token
per UTF-8 byte.

Other knobs: ``FASTER_WHISPER_STANDIN_DELAY_S`` (seconds before each segment),
``FASTER_WHISPER_STANDIN_LOAD_S`` (seconds ``WhisperModel()`` takes, like a model load),
``FASTER_WHISPER_STANDIN_PRINT`` (print to stdout while loading, as libraries do).
Records for tests: ``CALLS`` (every constructor and transcribe call), ``WINDOWS`` (every decoded
window: mode, start, temperature, the prompt text the model saw), ``DECODED``/``CLOSED``.
"""

import json
import logging
import os
import re
import sys
import time
import zlib
from dataclasses import dataclass
from typing import Any, List, Optional

STANDIN = True
LOG = logging.getLogger("faster_whisper")  # the library's logger name
SAMPLING_RATE = 16000
CHUNK_LENGTH = 30.0  # seconds; the feature extractor's chunk_length
MAX_LENGTH = 448  # WhisperModel.max_length
PROMPT_TOKENS = MAX_LENGTH // 2 - 1  # 223: get_prompt keeps this many prompt tokens
DEFAULT_TEMPERATURES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)

CALLS: List[tuple] = []  # (what, positional, keywords) for every constructor and transcribe call
WINDOWS: List[dict] = []  # every decoded window: mode, start, temperature, prompt
DECODED: List[int] = []  # index of each segment when the generator produced it
CLOSED: List[int] = []  # segments produced when a generator was closed early
SCRIPT: Optional[dict] = None  # tests in this process may set a script here


def reset():
    for record in (CALLS, WINDOWS, DECODED, CLOSED):
        record.clear()


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


# ---- the script -------------------------------------------------------------------------------

class Script:
    """A scripted transcript: what the model "hears".

    ``{"duration": 60.0, "language": "en", "segments": [{"start": 1.0, "end": 4.0, "text": " Hi.",
    "words": [{"start": 1.0, "end": 1.4, "word": " Hi.", "probability": 0.9}],
    "no_speech_prob": 0.01, "avg_logprob": -0.2, "compression_ratio": 1.3,
    "fallback": {"text": " Hi.", "avg_logprob": -0.3, "compression_ratio": 1.2}}]}``

    Each segment is one stretch of "speech" (what VAD would keep). ``fallback`` is what a decode at
    a temperature above 0 gives (default: the same as at 0, so a bad stretch stays bad). Words are
    made up across the segment when left out, as if spoken at an even rate of characters.
    """

    def __init__(self, body: dict):
        self.language = body.get("language", "en")
        self.segments = sorted((_scripted(s) for s in body["segments"]), key=lambda s: s["start"])
        self.duration = float(body.get("duration") or max([s["end"] for s in self.segments] + [0.0]))

    @staticmethod
    def load() -> "Script":
        path = os.environ.get("FASTER_WHISPER_STANDIN_SCRIPT")
        if SCRIPT is not None:
            return Script(SCRIPT)
        if path:
            with open(path, encoding="utf-8") as f:
                return Script(json.load(f))
        count = int(os.environ.get("FASTER_WHISPER_STANDIN_SEGMENTS", "3"))
        return Script({"duration": float(count), "segments": [
            {"start": float(i), "end": i + 1.0, "text": f" standin segment {i}", "avg_logprob": -0.25,
             "no_speech_prob": 0.01, "compression_ratio": 1.2,
             "words": [{"start": i + 0.0, "end": i + 0.5, "word": " standin", "probability": 0.9},
                       {"start": i + 0.5, "end": i + 1.0, "word": f" segment {i}", "probability": 0.8}]}
            for i in range(count)]})


def _scripted(given: dict) -> dict:
    s = _filled({k: v for k, v in given.items() if k != "fallback"})
    retry = dict(given, **(given.get("fallback") or {}))
    if given.get("fallback"):  # other words: their stats and timings follow the new text
        for name in ("words", "compression_ratio"):
            if name not in given["fallback"]:
                retry.pop(name, None)
    retry.pop("fallback", None)
    s["fallback"] = _filled(retry)
    return s


def _filled(s: dict) -> dict:
    s = dict(s)
    s.setdefault("avg_logprob", -0.25)
    s.setdefault("no_speech_prob", 0.01)
    s.setdefault("compression_ratio", compression_ratio(s["text"]))
    if not s.get("words"):  # spoken at an even rate of characters
        texts = [" " + t for t in s["text"].split()]
        per_char = (s["end"] - s["start"]) / max(1, sum(len(t) for t in texts))
        words, at = [], s["start"]
        for t in texts:
            words.append({"start": round(at, 3), "end": round(at + len(t) * per_char, 3), "word": t,
                          "probability": 0.9})
            at += len(t) * per_char
        s["words"] = words
    return s


def compression_ratio(text: str) -> float:
    """get_compression_ratio: length over zlib-compressed length."""
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


# ---- audio and tokens -------------------------------------------------------------------------

class Waveform:
    """What ``decode_audio`` returns here instead of a numpy array: samples of a scripted file.
    Supports what callers do with the array: ``shape``, ``len`` and slicing by sample."""

    def __init__(self, path: str, script: Script, start: int = 0, end: Optional[int] = None):
        self.path = path
        self.script = script
        self.start = start
        self.end = round(script.duration * SAMPLING_RATE) if end is None else end
        self.shape = (self.end - self.start,)

    def __len__(self):
        return self.shape[0]

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("the stand-in's waveform supports plain slices only")
        lo, hi, _ = item.indices(len(self))
        return Waveform(self.path, self.script, self.start + lo, self.start + max(lo, hi))

    @property
    def offset_s(self) -> float:
        return self.start / SAMPLING_RATE


def decode_audio(input_file, sampling_rate=16000, split_stereo=False):
    CALLS.append(("decode_audio", (input_file,), dict(sampling_rate=sampling_rate)))
    if isinstance(input_file, str) and not os.path.exists(input_file):
        raise FileNotFoundError(f"[Errno 2] No such file or directory: '{input_file}'")
    return Waveform(str(input_file), Script.load())


class _Encoding:
    def __init__(self, ids):
        self.ids = ids


class StandinTokenizer:
    """A rough stand-in for Whisper's byte-level BPE (tokenizers.Tokenizer's ``encode``)."""

    _PIECES = re.compile(r" ?[A-Za-z]+| ?[0-9]+|\s+|.", re.DOTALL)

    def encode(self, text, add_special_tokens=False):
        return _Encoding(list(range(count_tokens(text))))


def count_tokens(text: str) -> int:
    count = 0
    for piece in StandinTokenizer._PIECES.findall(text):
        letters = piece.strip()
        if letters.isascii() and letters.isalnum():
            count += max(1, -(-len(letters) // 4)) if len(letters) > 6 else 1
        elif piece.isspace():
            count += 1
        else:
            count += len(piece.encode("utf-8"))
    return count


def _first_tokens(text: str, limit: int) -> str:
    pieces = StandinTokenizer._PIECES.findall(text)
    kept = []
    for piece in pieces:
        if count_tokens("".join(kept + [piece])) > limit:
            break
        kept.append(piece)
    return "".join(kept)


def _last_tokens(text: str, limit: int) -> str:
    pieces = StandinTokenizer._PIECES.findall(text)
    kept = []
    for piece in reversed(pieces):
        if count_tokens("".join([piece] + kept)) > limit:
            break
        kept.insert(0, piece)
    return "".join(kept)


def _prompt(hotwords, previous_text):
    """get_prompt's prompt text: hotwords (first 223 tokens), then previous text (last 223)."""
    parts = []
    if hotwords:
        parts.append(_first_tokens(" " + hotwords.strip(), PROMPT_TOKENS))
    if previous_text:
        parts.append(_last_tokens(previous_text, PROMPT_TOKENS))
    return "".join(parts)


# ---- the model --------------------------------------------------------------------------------

class WhisperModel:
    def __init__(self, model_size_or_path, device="auto", device_index=0, compute_type="default",
                 cpu_threads=0, num_workers=1, download_root=None, local_files_only=False,
                 files=None, revision=None, use_auth_token=None, **model_kwargs):
        CALLS.append(("WhisperModel", (model_size_or_path,),
                      dict(device=device, device_index=device_index, compute_type=compute_type,
                           model_kwargs=model_kwargs)))
        time.sleep(float(os.environ.get("FASTER_WHISPER_STANDIN_LOAD_S", "0")))
        if os.environ.get("FASTER_WHISPER_STANDIN_PRINT"):
            # libraries print to stdout; the sidecar must keep that off its protocol channel
            print("faster-whisper stand-in: print() while loading")
            sys.stdout.flush()
            os.write(1, b"faster-whisper stand-in: native write to fd 1\n")
        self.hf_tokenizer = StandinTokenizer()
        self.max_length = MAX_LENGTH

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
        options = dict(locals())
        del options["self"], options["audio"]
        _record("WhisperModel.transcribe", audio, options)
        wave = _waveform(audio)
        temperatures = list(temperature) if isinstance(temperature, (list, tuple)) else [temperature]
        clips = clip_timestamps
        if isinstance(clips, str):
            clips = [float(t) for t in clips.split(",")] if clips else []
        duration = len(wave) / SAMPLING_RATE
        points = [min(max(0.0, t), duration) for t in clips] or [0.0]
        if len(points) % 2:
            points.append(duration)
        info = _info(wave, language, options)
        return _sequential(wave, list(zip(points[::2], points[1::2])), temperatures, options), info


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
        options = dict(locals())
        del options["self"], options["audio"]
        _record("BatchedInferencePipeline.transcribe", audio, options)
        wave = _waveform(audio)
        chunk_s = chunk_length or CHUNK_LENGTH
        regions = _regions(wave)
        if clip_timestamps:
            chunks = [[r for r in regions if c["start"] <= _local(wave, r["start"]) < c["end"]]
                      for c in clip_timestamps]
        elif vad_filter:
            chunks = _collect_chunks(regions, chunk_s)
        elif len(wave) / SAMPLING_RATE < chunk_s:
            chunks = [regions]
        else:
            raise RuntimeError("No clip timestamps found. Set 'vad_filter' to True or provide 'clip_timestamps'.")
        first = temperature[0] if isinstance(temperature, (list, tuple)) else temperature
        info = _info(wave, language, options)
        return _batched(chunks, first, options, wave.offset_s), info


def _record(what, audio, options):
    CALLS.append((what, (audio,), options))
    # logged too (the sidecar logs INFO to stderr), so tests of a sidecar process or of the worker see it
    shown = {k: options[k] for k in ("batch_size", "without_timestamps", "vad_filter", "clip_timestamps")
             if k in options}
    LOG.info("stand-in: %s %s", what, shown)


def _waveform(audio) -> Waveform:
    if isinstance(audio, Waveform):
        return audio
    return decode_audio(audio)


def _regions(wave: Waveform) -> List[dict]:
    """The script's speech inside this waveform, times relative to the original file."""
    lo, hi = wave.offset_s, wave.offset_s + len(wave) / SAMPLING_RATE
    return [s for s in wave.script.segments if lo <= s["start"] < hi]


def _local(wave: Waveform, t: float) -> float:
    return t - wave.offset_s


def _info(wave, language, options):
    return TranscriptionInfo(language=language or wave.script.language,
                             language_probability=1 if language else 0.97,
                             duration=len(wave) / SAMPLING_RATE,
                             duration_after_vad=len(wave) / SAMPLING_RATE,
                             all_language_probs=None, transcription_options=options, vad_options=None)


def _collect_chunks(regions, chunk_s):
    """collect_chunks: consecutive speech regions while their summed length fits chunk_s."""
    chunks, current, length = [], [], 0.0
    for r in regions:
        if current and length + (r["end"] - r["start"]) > chunk_s:
            chunks.append(current)
            current, length = [], 0.0
        current.append(r)
        length += r["end"] - r["start"]
    if current:
        chunks.append(current)
    return chunks


def _words(scripted, word_timestamps):
    return [Word(**w) for w in scripted["words"]] if word_timestamps else None


def _delay():
    time.sleep(float(os.environ.get("FASTER_WHISPER_STANDIN_DELAY_S", "0")))


def _batched(chunks, temperature, options, offset):
    produced = 0
    try:
        for chunk in chunks:
            if not chunk:
                continue
            prompt = _prompt(options["hotwords"], options["initial_prompt"])
            WINDOWS.append(dict(mode="batched", start=chunk[0]["start"], temperature=temperature, prompt=prompt))
            chars = sum(max(1, len(r["text"])) for r in chunk)
            avg_logprob = sum(r["avg_logprob"] * max(1, len(r["text"])) for r in chunk) / chars
            no_speech_prob = chunk[0]["no_speech_prob"]
            if options["without_timestamps"]:
                text = "".join(r["text"] for r in chunk)
                pieces = [dict(start=chunk[0]["start"], end=chunk[-1]["end"], text=text,
                               words=[w for r in chunk for w in r["words"]],
                               compression_ratio=compression_ratio(text))]
            else:
                pieces = chunk
            for piece in pieces:
                _delay()
                DECODED.append(produced)
                produced += 1
                words = [dict(w, start=round(w["start"] - offset, 3), end=round(w["end"] - offset, 3))
                         for w in piece["words"]]
                yield Segment(id=produced, seek=0, start=round(piece["start"] - offset, 3),
                              end=round(piece["end"] - offset, 3), text=piece["text"], tokens=[1, 2, 3],
                              avg_logprob=avg_logprob, compression_ratio=piece["compression_ratio"],
                              no_speech_prob=no_speech_prob,
                              words=_words(dict(piece, words=words), options["word_timestamps"]),
                              temperature=temperature)
    except GeneratorExit:
        CLOSED.append(produced)
        raise


def _sequential(wave, clips, temperatures, options):
    produced = 0
    previous_text = ""  # all_tokens: the initial prompt, then every decoded segment
    reset_since = 0  # prompt_reset_since, in characters of previous_text
    if options["initial_prompt"] is not None:
        previous_text = " " + options["initial_prompt"].strip()
    offset = wave.offset_s  # times come back relative to the waveform given, as the library's do
    last_end = 0.0
    try:
        for clip_start, clip_end in clips:
            window = clip_start
            while window < clip_end:
                window_end = min(window + CHUNK_LENGTH, clip_end)
                inside = [s for s in wave.script.segments if offset + window <= s["start"] < offset + window_end]
                window = window_end
                if not inside:
                    continue
                prompt = _prompt(options["hotwords"], previous_text[reset_since:])
                # one decode per window; the stand-in judges each scripted stretch in it on its own
                decodes = [_with_fallback(s, temperatures, options) for s in inside]
                temperature = max(t for _, t in decodes)
                WINDOWS.append(dict(mode="sequential", start=inside[0]["start"], temperature=temperature,
                                    prompt=prompt))
                kept = [d for d, _ in decodes if not _silent(d, options)]
                if not kept:
                    continue  # skipped as silent: no prompt reset (generate_segments' continue)
                for decoded, used in decodes:
                    if decoded not in kept or _hallucination(decoded, last_end, wave, options):
                        continue
                    _delay()
                    DECODED.append(produced)
                    produced += 1
                    words = [dict(w, start=round(w["start"] - offset, 3), end=round(w["end"] - offset, 3))
                             for w in decoded["words"]]
                    yield Segment(id=produced, seek=0, start=round(decoded["start"] - offset, 3),
                                  end=round(decoded["end"] - offset, 3), text=decoded["text"], tokens=[1, 2, 3],
                                  avg_logprob=decoded["avg_logprob"],
                                  compression_ratio=decoded["compression_ratio"],
                                  no_speech_prob=decoded["no_speech_prob"],
                                  words=_words(dict(decoded, words=words), options["word_timestamps"]),
                                  temperature=used)
                    last_end = decoded["end"]
                    previous_text += decoded["text"]
                if not options["condition_on_previous_text"] or temperature > options["prompt_reset_on_temperature"]:
                    reset_since = len(previous_text)
    except GeneratorExit:
        CLOSED.append(produced)
        raise


def _with_fallback(scripted, temperatures, options):
    """generate_with_fallback: the first temperature whose decode passes, else the best one."""
    results = []
    below_cr = []
    for temperature in temperatures:
        decoded = scripted if temperature == 0 else scripted["fallback"]
        results.append((decoded, temperature))
        needs_fallback = False
        cr_threshold = options["compression_ratio_threshold"]
        lp_threshold = options["log_prob_threshold"]
        if cr_threshold is not None:
            if decoded["compression_ratio"] > cr_threshold:
                needs_fallback = True
            else:
                below_cr.append((decoded, temperature))
        if lp_threshold is not None and decoded["avg_logprob"] < lp_threshold:
            needs_fallback = True
        if (options["no_speech_threshold"] is not None and decoded["no_speech_prob"] > options["no_speech_threshold"]
                and lp_threshold is not None and decoded["avg_logprob"] < lp_threshold):
            needs_fallback = False  # silence
        if not needs_fallback:
            return decoded, temperature
    best = max(below_cr or results, key=lambda r: r[0]["avg_logprob"])
    return best[0], temperatures[-1]


def _silent(decoded, options):
    """The no-speech skip rule of generate_segments."""
    if options["no_speech_threshold"] is None:
        return False
    skip = decoded["no_speech_prob"] > options["no_speech_threshold"]
    if options["log_prob_threshold"] is not None and decoded["avg_logprob"] > options["log_prob_threshold"]:
        skip = False
    return skip


def is_anomaly(words) -> bool:
    """is_segment_anomaly: improbable, very short or very long words."""
    words = [w for w in words if w["word"].strip() not in "\"'“¿([{-\"'.。,，!！?？:：”)]}、"][:8]
    if not words:
        return False
    score = 0.0
    for w in words:
        duration = w["end"] - w["start"]
        score += 1.0 if w.get("probability", 0.0) < 0.15 else 0.0
        score += (0.133 - duration) * 15 if duration < 0.133 else 0.0
        score += duration - 2.0 if duration > 2.0 else 0.0
    return score >= 3 or score + 0.01 >= len(words)


def _hallucination(decoded, last_end, wave, options):
    """hallucination_silence_threshold (word timestamps only): an anomalous segment with silence
    longer than the threshold before and after it is skipped."""
    threshold = options["hallucination_silence_threshold"]
    if threshold is None or not options["word_timestamps"] or not is_anomaly(decoded["words"]):
        return False
    later = [s for s in wave.script.segments if s["start"] > decoded["start"]]
    next_start = later[0]["start"] if later else wave.script.duration
    silence_before = decoded["start"] - last_end > threshold or decoded["start"] < threshold
    silence_after = next_start - decoded["end"] > threshold or (later and is_anomaly(later[0]["words"]))
    return bool(silence_before and silence_after)
