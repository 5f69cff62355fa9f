#!/bin/sh
# The images' entrypoint: checks what the worker needs from the machine, then becomes the worker.
#
#   entrypoint.sh <worker command> [args...]
#
# The images pass the worker command (/app/worker, or java ... -jar /app/quarkus-run.jar) and
# append the container's arguments, e.g. --rp_serve_api.
#
# Why a script: without these checks a missing GPU, cuDNN or model shows up late and cryptically.
# cuDNN, for one, is loaded by the first transcription, so a worker without it would take a job
# and fail it. Here each problem stops the start at once (exit 1) with a message naming the fix;
# Runpod then marks the worker unhealthy and its log says why.
#
# Reads WORKER_ENGINE (auto), WORKER_DEVICE (cuda), WORKER_MODEL (large-v3; checked when it is a
# path), WORKER_PYTHON (python3), WORKER_SKIP_PREFLIGHT (false; true starts without checks) and
# WORKER_SELFCHECK (false; true also runs python -m ytw_sidecar --selfcheck when a GPU is present).
set -eu

# What CTranslate2 4.6.x (built with CUDA 12.4 and cuDNN 9) loads on the GPU; keep in step with
# the versions pinned in Dockerfile.native and Dockerfile.jvm.
cuda_libs="libcublas.so.12 libcudnn_ops.so.9 libcudnn_cnn.so.9"

say() { printf 'ytw-entrypoint: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

if [ $# -eq 0 ]; then
    say "usage: entrypoint.sh <worker command> [args...]"
    exit 2
fi
if [ "${WORKER_SKIP_PREFLIGHT:-false}" = true ]; then
    say "WORKER_SKIP_PREFLIGHT=true: starting without checks"
    exec "$@"
fi

engine=${WORKER_ENGINE:-auto}
device=${WORKER_DEVICE:-cuda}
model=${WORKER_MODEL:-large-v3}
python=${WORKER_PYTHON:-python3}

case $engine in
    auto | faster-whisper | pocketsphinx) ;;
    *) fail "WORKER_ENGINE=$engine is not an engine; use faster-whisper, pocketsphinx or auto" ;;
esac
command -v "$python" >/dev/null 2>&1 \
    || fail "WORKER_PYTHON=$python is not an executable; point it at the Python that has the engine (the images use /opt/venv/bin/python3)"

gpu=false
if [ "$engine" = faster-whisper ]; then
    case $model in
        */*)
            # Without tokenizer.json faster-whisper fetches a tokenizer from the network; without
            # preprocessor_config.json it assumes 80 mel bins, where large-v3 needs 128.
            for file in model.bin config.json tokenizer.json preprocessor_config.json; do
                [ -f "$model/$file" ] \
                    || fail "WORKER_MODEL=$model has no $file: the image's model folder is missing or incomplete; rebuild the image (build argument MODEL) or set WORKER_MODEL to a folder holding a complete faster-whisper model (model.bin, config.json, tokenizer.json, preprocessor_config.json)"
            done ;;
    esac
    if [ "$device" = cuda ]; then
        gpu=true
        command -v nvidia-smi >/dev/null 2>&1 \
            || fail "no NVIDIA GPU: nvidia-smi is not on PATH. Give the container a GPU (docker run --gpus all; compose: the GPU reservation; Runpod: a GPU endpoint), or set WORKER_DEVICE=cpu and WORKER_COMPUTE_TYPE=int8 for a slow CPU run"
        gpus=$(nvidia-smi -L 2>&1) || fail "no usable NVIDIA GPU: nvidia-smi -L failed: $gpus"
        case $gpus in
            *GPU*) say "$gpus" ;;
            *) fail "no NVIDIA GPU: nvidia-smi -L lists none${gpus:+ ($gpus)}" ;;
        esac
    fi
fi

# One Python run for the rest: the CUDA libraries as the dynamic loader finds them (as CTranslate2
# loads them), then the engine's import, then CTranslate2's own view of the GPU.
# shellcheck disable=SC2086 # cuda_libs is a list
problem=$("$python" - "$engine" "$gpu" $cuda_libs 2>&1 <<'PY'
import ctypes
import sys

engine, gpu, libs = sys.argv[1], sys.argv[2] == "true", sys.argv[3:]


def import_error(module):
    try:
        __import__(module)
    except Exception as e:  # a broken CUDA install raises more than ImportError
        return f"{type(e).__name__}: {e}"
    return None


if gpu:
    for lib in libs:
        try:
            ctypes.CDLL(lib)
        except OSError as e:
            sys.exit(f"{lib} cannot be loaded ({e}): the CUDA/cuDNN in this image does not match "
                     "what CTranslate2 needs (CUDA 12 with cuDNN 9); build from Dockerfile.native, "
                     "whose nvidia/cuda base carries both")
modules = {"faster-whisper": ["faster_whisper"], "pocketsphinx": ["pocketsphinx"],
           "auto": ["faster_whisper", "pocketsphinx"]}[engine]
errors = [f"{m}: {error}" for m in modules if (error := import_error(m))]
if len(errors) == len(modules):
    sys.exit(f"WORKER_ENGINE={engine}: the engine does not import with {sys.executable} "
             f"({'; '.join(errors)}); set WORKER_PYTHON to the Python that has it installed")
if gpu:
    import ctranslate2
    if ctranslate2.get_cuda_device_count() < 1:
        sys.exit("CTranslate2 sees no CUDA device although nvidia-smi lists one: the host driver is "
                 "probably too old for CUDA 12.4 (needs driver 550 or newer; on Runpod allow only "
                 "CUDA 12.4 and newer in the endpoint settings)")
PY
) || fail "$problem"

# The engine's speed and accuracy on this GPU (bundled clip, batch 1 and the default batch):
# worth a few seconds of start-up on a new GPU type, not on every cold start, so opt-in.
if [ "$gpu" = true ] && [ "${WORKER_SELFCHECK:-false}" = true ]; then
    "$python" -m ytw_sidecar --selfcheck >&2 \
        || fail "WORKER_SELFCHECK=true: the engine is too slow or inaccurate on this GPU (figures above); see DEPLOYMENT.md, GPU choice"
fi

say "checks passed (engine=$engine, device=$device, model=$model); starting $1"
exec "$@"
