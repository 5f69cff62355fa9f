"""Speech engine sidecar of yt-whisper-worker: ``python3 -m ytw_sidecar`` (see protocol.py)."""
