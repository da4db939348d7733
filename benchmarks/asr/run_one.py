"""One timed transcription in a fresh process, so peak memory is this run's alone.

    python -m benchmarks.asr.run_one MEDIA MODEL OUT.json [THREADS [CHECKPOINT_DIR]]

Writes the transcript (Podium JSON) to OUT.json and prints one JSON line:
where the time went (`TranscribeStats`), audio seconds, chunks resumed from
an earlier run's checkpoints, peak RSS. The 2-hour case of the benchmark
kills one of these mid-run and starts another to resume.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from podium.engine.asr import TranscribeOptions
from podium.engine.asr.transcribe import TranscribeStats
from podium.engine.transcript import write_transcript


def main(argv: list[str]) -> int:
    media, model, out = Path(argv[0]), argv[1], Path(argv[2])
    threads = int(argv[3]) if len(argv) > 3 else 2
    checkpoints = Path(argv[4]) if len(argv) > 4 else None
    from podium.engine.asr import transcribe

    stats = TranscribeStats()
    options = TranscribeOptions(model=model, threads=threads, checkpoint_dir=checkpoints)
    transcript = transcribe(media, options, stats=stats)
    write_transcript(transcript, out, format="json")
    print(
        json.dumps(
            {**asdict(stats), "speakers": len(transcript.speakers), "summary": stats.summary()}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
