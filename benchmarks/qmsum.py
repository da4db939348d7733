"""QMSum meetings for benchmarks, and how fast transcripts are read and written.

Other benchmarks use `meetings(split)` to walk the QMSum committee meetings
(data/qmsum in this repository, MIT) as `Meeting`s with synthesized times and gold
topic spans; `load_meeting` is re-exported from
`podium.engine.transcript.qmsum`. Set ``PODIUM_QMSUM_DIR`` to read them from
elsewhere.

``python -m benchmarks.qmsum`` (or `main()`) converts every meeting to each
format and reads it back, and prints the time per format and the throughput.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from podium.engine.transcript import FORMATS, Transcript, format_transcript, parse_transcript
from podium.engine.transcript.qmsum import Meeting, load_meeting

__all__ = ["Meeting", "load_meeting", "meeting_paths", "meetings", "qmsum_dir", "main"]

SPLITS = ("train", "val")


def qmsum_dir() -> Path:
    """Where the QMSum splits are: ``$PODIUM_QMSUM_DIR`` or the repository's ``data/qmsum``."""
    configured = os.environ.get("PODIUM_QMSUM_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1] / "data" / "qmsum"


def meeting_paths(split: str = "val") -> list[Path]:
    """The meeting files of one split, sorted by name."""
    if split not in SPLITS:
        raise ValueError(f"unknown QMSum split {split!r} (choose {' or '.join(SPLITS)})")
    folder = qmsum_dir() / split
    if not folder.is_dir():
        raise FileNotFoundError(f"QMSum {split} split not found at {folder} (set PODIUM_QMSUM_DIR)")
    return sorted(folder.glob("*.json"))


def meetings(split: str = "val") -> Iterator[Meeting]:
    """Each meeting of the split, loaded with synthesized times (150 words a minute)."""
    for path in meeting_paths(split):
        yield load_meeting(path)


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    """Print a table: per format, the time to write and read back all QMSum meetings."""
    transcripts: list[Transcript] = []
    load_seconds = 0.0
    for split in SPLITS:
        for path in meeting_paths(split):
            meeting, seconds = _timed(load_meeting, path)
            transcripts.append(meeting.transcript)
            load_seconds += seconds
    segments = sum(len(t.segments) for t in transcripts)
    words = sum(t.word_count() for t in transcripts)
    hours = sum(t.duration for t in transcripts) / 3600
    print(
        f"QMSum train+val: {len(transcripts)} meetings, {segments} segments, {words} words, "
        f"{hours:.1f} h of synthesized speech; loaded in {load_seconds:.2f} s"
    )
    print()
    largest = max(transcripts, key=lambda t: len(t.segments))
    print(
        f"{'format':<6} {'write s':>8} {'read s':>8} {'MB':>6} {'segments/s read':>16} "
        f"{'peak MB reading largest':>24}"
    )
    for fmt in FORMATS:
        written, write_seconds = _timed(
            lambda f=fmt: [format_transcript(t, f) for t in transcripts]
        )
        read_seconds = 0.0
        for text in written:
            _, seconds = _timed(parse_transcript, text, format=fmt)
            read_seconds += seconds
        size = sum(len(text.encode("utf-8")) for text in written) / 1e6
        text = format_transcript(largest, fmt)
        tracemalloc.start()
        parse_transcript(text, format=fmt)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(
            f"{fmt:<6} {write_seconds:>8.2f} {read_seconds:>8.2f} {size:>6.1f} "
            f"{segments / read_seconds:>16,.0f} {peak:>24.1f}"
        )
    print(f"(largest meeting: {len(largest.segments)} segments, {largest.word_count()} words)")


if __name__ == "__main__":
    main()
