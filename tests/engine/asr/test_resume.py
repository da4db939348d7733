"""A transcription killed half-way resumes from its last finished chunk."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.asr.score import script_text, speaker_accuracy, word_error_rate

from podium.engine.asr import TranscribeOptions, transcribe
from podium.engine.asr.transcribe import TranscribeStats

# The child slows itself down on every progress call so the parent can kill it
# between two chunks; the kill is SIGKILL, as when the OOM killer takes a worker.
CHILD = """
import sys, time
from pathlib import Path
from podium.engine.asr import TranscribeOptions, transcribe
transcribe(
    sys.argv[1],
    TranscribeOptions(model="tiny", chunk_seconds=8, checkpoint_dir=Path(sys.argv[2])),
    progress=lambda fraction, stage: time.sleep(0.5),
)
print("finished")
"""


def test_a_killed_run_resumes_from_its_checkpoints(clips, tmp_path):
    checkpoints = tmp_path / "checkpoints"
    root = Path(__file__).resolve().parents[3]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(clips.two_voices), str(checkpoints)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while not list(checkpoints.rglob("chunk-*.npz")):
        assert child.poll() is None, "the run ended before its first chunk was saved"
        assert time.monotonic() < deadline, "no chunk finished in 5 minutes"
        time.sleep(0.1)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert b"finished" not in child.stdout.read()
    saved = sorted(p.name for p in checkpoints.rglob("chunk-*.npz"))
    assert saved and len(saved) < 3, saved  # the clip is about 22 s: three chunks of 8 s

    stats = TranscribeStats()
    options = TranscribeOptions(model="tiny", chunk_seconds=8, checkpoint_dir=checkpoints)
    resumed = transcribe(clips.two_voices, options, stats=stats)
    assert stats.resumed_chunks == len(saved)
    assert stats.chunks > stats.resumed_chunks
    assert not list(checkpoints.rglob("chunk-*.npz")), "checkpoints are removed once done"

    # The same as a run that was never interrupted (8-second chunks are far shorter
    # than the default five minutes, so Whisper hears less context: WER is higher).
    fresh_stats = TranscribeStats()
    fresh = transcribe(
        clips.two_voices,
        TranscribeOptions(model="tiny", chunk_seconds=8, checkpoint_dir=tmp_path / "fresh"),
        stats=fresh_stats,
    )
    assert fresh_stats.resumed_chunks == 0 and fresh_stats.chunks == stats.chunks
    assert resumed.text == fresh.text
    assert [w.speaker for s in resumed.segments for w in s.words] == [
        w.speaker for s in fresh.segments for w in s.words
    ]
    assert word_error_rate(script_text(clips.lines), resumed.text) <= 0.3
    assert speaker_accuracy(clips.lines, resumed)[0] >= 0.9
    assert fresh_stats.audio_seconds > 15 and fresh_stats.peak_rss_mb > 0
    assert {"decode", "vad", "speech-to-text", "clustering"} <= set(fresh_stats.stages)
