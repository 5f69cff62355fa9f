#!/usr/bin/env python3
"""Real-time factor of the worker's speech engine on a GPU: audio-seconds per GPU-second.

  gpu_rtf.py AUDIO [--model large-v3] [--compute-type float16] [--batch-sizes 1,8,16]
             [--runs 3] [--sidecar DIR] [--json FILE]

Runs the sidecar's own FasterWhisperEngine (the worker's code path, its decode guards included)
on AUDIO at each batch size: batch 1 with the worker's defaults (sequential decoding, no VAD),
larger batches through faster-whisper's batched pipeline, which needs vad_filter=true. One
untimed warm-up, then --runs timed runs each; the figure is the audio's duration divided by the
wall time of the transcription (the GPU is the bottleneck; the process does nothing else).

Where faster-whisper or a CUDA device is missing it prints "skipped: <why>" and exits 0, so
bench/run can call it everywhere. --sidecar is the folder holding ytw_sidecar (default: the
repository's worker/src/main/python, else $YTW_SIDECAR_DIR, e.g. /app/sidecar in the image).
"""

import argparse
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def parse(argv):
    p = argparse.ArgumentParser(description="GPU real-time factor of the worker's engine")
    p.add_argument("audio", help="audio or video file ffmpeg can read (minutes long, for a steady figure)")
    p.add_argument("--model", default=os.environ.get("WORKER_MODEL", "large-v3"))
    p.add_argument("--compute-type", default="float16")
    p.add_argument("--batch-sizes", default="1,8,16")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--sidecar", default=os.environ.get("YTW_SIDECAR_DIR",
                                                       os.path.join(HERE, "..", "worker", "src", "main", "python")))
    p.add_argument("--json", help="also write the numbers (or the reason for skipping) to this file")
    args = p.parse_args(argv)
    try:
        args.batch_sizes = [int(b) for b in args.batch_sizes.split(",")]
    except ValueError:
        p.error("--batch-sizes takes whole numbers separated by commas, e.g. 1,8,16")
    if args.runs < 1 or any(b < 1 for b in args.batch_sizes):
        p.error("--runs and every batch size must be at least 1")
    return args


def missing_parts():
    """Why this machine cannot measure, or None."""
    try:
        import faster_whisper  # noqa: F401
        import ctranslate2
    except Exception as e:  # a broken CUDA install fails with more than ImportError
        return "faster-whisper is not importable (%s: %s)" % (type(e).__name__, e)
    try:
        if ctranslate2.get_cuda_device_count() < 1:
            return "CTranslate2 sees no CUDA device"
    except Exception as e:
        return "CTranslate2 cannot query CUDA (%s: %s)" % (type(e).__name__, e)
    return None


def write(path, data):
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2)


def transcribe_once(engine, protocol, audio, batch_size):
    options = protocol.TranscribeOptions(batch_size=batch_size, vad_filter=batch_size > 1)
    request = protocol.TranscribeRequest(job_id="rtf", audio_path=audio, options=options)
    started = time.perf_counter()
    events, result = engine.transcribe(request, lambda: False)
    segments = sum(1 for _ in events)
    return time.perf_counter() - started, segments, result.duration


def main(argv):
    args = parse(argv)
    if not os.path.isfile(args.audio):
        sys.exit("gpu_rtf: audio file not found: %s" % args.audio)
    why = missing_parts()
    if why:
        print("skipped: " + why)
        write(args.json, {"skipped": why})
        return 0
    sys.path.insert(0, os.path.abspath(args.sidecar))
    try:
        from ytw_sidecar import protocol
        from ytw_sidecar.engines.faster_whisper import FasterWhisperEngine
    except ImportError as e:
        sys.exit("gpu_rtf: the sidecar is not in %s (%s); pass --sidecar DIR" % (args.sidecar, e))

    engine = FasterWhisperEngine(args.model, "cuda", args.compute_type)
    started = time.perf_counter()
    engine.load()
    load_s = time.perf_counter() - started
    print("model %s (%s) loaded in %.1f s" % (args.model, args.compute_type, load_s))

    results = {}
    duration = None
    for batch in args.batch_sizes:
        transcribe_once(engine, protocol, args.audio, batch)  # warm-up: CUDA kernels, VAD model
        rtfs = []
        for _ in range(args.runs):
            seconds, segments, duration = transcribe_once(engine, protocol, args.audio, batch)
            rtfs.append(duration / seconds)
        results[str(batch)] = rtfs
        print("batch %2d%s: %.1f audio-s per GPU-s (median of %d; %.1f-%.1f), %d segments" % (
            batch, " (VAD)" if batch > 1 else "", statistics.median(rtfs), len(rtfs), min(rtfs), max(rtfs),
            segments))
    write(args.json, {"audio": os.path.abspath(args.audio), "audio_s": duration, "model": args.model,
                      "compute_type": args.compute_type, "load_s": load_s, "runs": args.runs,
                      "rtf_by_batch_size": results})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
