#!/usr/bin/env python3
"""The benchmark's baseline: the least a Python Runpod worker does, with the standard library only.

It makes the same protocol calls as the product (job-take with job_in_progress, job-done with
isStream=false, a heartbeat on the ping URL), validates the input like the prototype
(docs/prototype-contract.md, Job input) and answers
every job with an error result: it has no pipeline, so it is only ever given jobs that fail
validation. It is a lower bound for a Python worker: the official one also imports the runpod SDK
(aiohttp and friends) and its engine.

  baseline_worker.py [--engine pocketsphinx]

--engine pocketsphinx loads the same model as the product's CPU engine, in-process, before the
first take (what a Python worker with that engine weighs). Reads the platform's environment:
RUNPOD_WEBHOOK_GET_JOB, RUNPOD_WEBHOOK_POST_OUTPUT, RUNPOD_WEBHOOK_PING, RUNPOD_AI_API_KEY,
RUNPOD_POD_ID, RUNPOD_PING_INTERVAL (ms, default 10000) and WORKER_CONCURRENCY (default 1: one
thread per slot, each taking one job at a time).
"""

import json
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request

POCKETSPHINX_MODEL = "/usr/share/pocketsphinx/model/en-us"
TAKE_TIMEOUT_S = 90
REQUEST_TIMEOUT_S = 30

stopping = threading.Event()
in_progress = set()
in_progress_lock = threading.Lock()


def log(message):
    print(time.strftime("%H:%M:%S ") + message, file=sys.stderr, flush=True)


def env(name, default=None):
    value = os.environ.get(name, default)
    if value is None:
        sys.exit("baseline_worker: set " + name)
    return value


def with_query(url, query):
    return url + ("&" if "?" in url else "?") + query


def call(method, url, key, body=None, timeout=REQUEST_TIMEOUT_S):
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.read()


def load_pocketsphinx():
    from pocketsphinx.pocketsphinx import Decoder

    config = Decoder.default_config()
    config.set_string("-hmm", os.path.join(POCKETSPHINX_MODEL, "en-us"))
    config.set_string("-lm", os.path.join(POCKETSPHINX_MODEL, "en-us.lm.bin"))
    config.set_string("-dict", os.path.join(POCKETSPHINX_MODEL, "cmudict-en-us.dict"))
    config.set_string("-logfn", os.devnull)
    return Decoder(config)


def result_for(job):
    """The prototype's validation (docs/prototype-contract.md, Job input): a URL must be given as text;
    anything else is an error result."""
    job_input = job.get("input")
    request_id = job.get("id")
    if isinstance(job_input, dict):
        request_id = job_input.get("request_id", request_id)
        for field in ("youtube_url", "audio_url"):
            if isinstance(job_input.get(field), str):
                message = "the baseline worker does not transcribe"
                break
        else:
            message = "youtube_url: give the video's URL as text"
    else:
        message = "input must be a JSON object"
    return {"error": message, "output": {"status": "error", "request_id": request_id}}


def take_loop(take_url, done_url, key):
    while not stopping.is_set():
        with in_progress_lock:
            busy = 1 if in_progress else 0
        try:
            status, body = call("GET", with_query(take_url, "job_in_progress=%d" % busy), key,
                                timeout=TAKE_TIMEOUT_S)
        except (urllib.error.URLError, OSError) as e:
            log("job-take failed: %s" % e)
            time.sleep(0.25)
            continue
        if status != 200 or not body:
            continue
        job = json.loads(body)
        job_id = job["id"]
        with in_progress_lock:
            in_progress.add(job_id)
        try:
            url = with_query(done_url.replace("$ID", job_id), "isStream=false")
            call("POST", url, key, result_for(job))
        except (urllib.error.URLError, OSError) as e:
            log("job-done for %s failed: %s" % (job_id, e))
        finally:
            with in_progress_lock:
                in_progress.discard(job_id)


def heartbeat(ping_url, key, interval_s):
    while not stopping.wait(interval_s):
        with in_progress_lock:
            ids = ",".join(sorted(in_progress))
        try:
            call("GET", with_query(ping_url, "job_id=%s&runpod_version=baseline" % ids), key,
                 timeout=2 * interval_s)
        except (urllib.error.URLError, OSError) as e:
            log("ping failed: %s" % e)


def main(argv):
    engine = None
    if argv[1:] == ["--engine", "pocketsphinx"]:
        engine = "pocketsphinx"
    elif argv[1:]:
        sys.exit("usage: baseline_worker.py [--engine pocketsphinx]")
    pod = env("RUNPOD_POD_ID")
    key = env("RUNPOD_AI_API_KEY")
    take_url = env("RUNPOD_WEBHOOK_GET_JOB").replace("$RUNPOD_POD_ID", pod).replace("$ID", pod)
    done_url = env("RUNPOD_WEBHOOK_POST_OUTPUT").replace("$RUNPOD_POD_ID", pod)
    ping_url = env("RUNPOD_WEBHOOK_PING").replace("$RUNPOD_POD_ID", pod)
    interval_s = max(0.05, int(env("RUNPOD_PING_INTERVAL", "10000")) / 1000)
    concurrency = int(env("WORKER_CONCURRENCY", "1"))
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())

    started = time.monotonic()
    decoder = load_pocketsphinx() if engine else None
    log("engine ready: %s, loaded in %.1f s" % (engine or "none", time.monotonic() - started))

    threading.Thread(target=heartbeat, args=(ping_url, key, interval_s), daemon=True).start()
    loops = [threading.Thread(target=take_loop, args=(take_url, done_url, key), daemon=True)
             for _ in range(concurrency)]
    for t in loops:
        t.start()
    while not stopping.wait(0.2):
        pass
    # like the product: finish what is held (a take is at most one long-poll away), then exit 0
    for t in loops:
        t.join(TAKE_TIMEOUT_S)
    del decoder
    log("worker stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
