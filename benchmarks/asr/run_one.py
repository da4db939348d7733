"""One timed transcription in a fresh process, so peak memory is this run's alone.

    python -m benchmarks.asr.run_one MEDIA MODEL OUT.json [THREADS]

Writes the transcript (Podium JSON) to OUT.json and prints one JSON line:
seconds to load the model, seconds to transcribe (wall clock and CPU time),
audio seconds, peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from podium.engine.asr import TranscribeOptions, probe
from podium.engine.asr.models import load_whisper
from podium.engine.transcript import write_transcript


def main(argv: list[str]) -> int:
    media, model, out = Path(argv[0]), argv[1], Path(argv[2])
    threads = int(argv[3]) if len(argv) > 3 else 2
    from podium.engine.asr import transcribe

    started = time.perf_counter()
    load_whisper(model, threads=threads)
    loaded = time.perf_counter()
    cpu_before = _cpu()
    transcript = transcribe(media, TranscribeOptions(model=model, threads=threads))
    cpu = _cpu() - cpu_before
    finished = time.perf_counter()
    write_transcript(transcript, out, format="json")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "load": loaded - started,
                "transcribe": finished - loaded,
                "cpu": cpu,
                "audio": probe(media).duration,
                "peak_mb": peak_kib / 1024,
                "speakers": len(transcript.speakers),
            }
        )
    )
    return 0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
