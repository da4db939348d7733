"""Per-chunk checkpoints, so a transcription that dies half-way resumes from its last chunk.

Owns where finished chunks are kept and how they are read back. Each chunk
of a recording (see `transcribe`) is saved, once done, as one ``.npz`` file
(numpy's zip of arrays, read back without pickle): its length, speech
regions, speaker windows and their embeddings, and Whisper's segments as
JSON text. Files are written to a temporary name and renamed, so a crash
never leaves half a checkpoint. The folder is named by a fingerprint of the
recording's content (size and its first and last megabyte, so a copy of the
same upload matches) and of the options that change the result; it is
removed when the transcript is complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from podium.engine.asr.vad import Region
from podium.engine.transcript.model import Word

_SAMPLE = 1 << 20


@dataclass(slots=True)
class ChunkResult:
    """What one chunk produced: enough to finish the transcript without its audio."""

    samples: int
    """Length of the chunk in samples (where the next one starts)."""
    regions: list[Region]
    segments: list[tuple[float, float, str, list[Word]]]
    windows: list[Region]
    embeddings: np.ndarray
    language: str | None


def fingerprint(media: Path, settings: dict) -> str:
    """A short hash of the recording's size, first and last megabyte, and `settings`."""
    digest = hashlib.sha256()
    size = media.stat().st_size
    digest.update(str(size).encode())
    with media.open("rb") as handle:
        digest.update(handle.read(_SAMPLE))
        if size > _SAMPLE:
            handle.seek(max(size - _SAMPLE, _SAMPLE))
            digest.update(handle.read(_SAMPLE))
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:20]


class Checkpoints:
    """The finished chunks of one transcription, in `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, index: int) -> Path:
        return self.folder / f"chunk-{index:05d}.npz"

    def load(self, index: int) -> ChunkResult | None:
        """Chunk `index` if it was finished before; None otherwise (or if the file is damaged)."""
        path = self._path(index)
        if not path.is_file():
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                segments = [
                    (start, end, text, [Word(**w) for w in words])
                    for start, end, text, words in json.loads(str(data["segments"]))
                ]
                language = str(data["language"]) or None
                return ChunkResult(
                    samples=int(data["samples"]),
                    regions=[Region(float(a), float(b)) for a, b in data["regions"]],
                    segments=segments,
                    windows=[Region(float(a), float(b)) for a, b in data["windows"]],
                    embeddings=data["embeddings"].astype(np.float32),
                    language=language,
                )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, index: int, result: ChunkResult) -> None:
        """Store chunk `index` (atomically: a temporary file renamed into place)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        segments = [
            (
                start,
                end,
                text,
                [
                    {"start": w.start, "end": w.end, "text": w.text, "probability": w.probability}
                    for w in words
                ],
            )
            for start, end, text, words in result.segments
        ]
        with tempfile.NamedTemporaryFile(
            dir=self.folder, prefix=".chunk-", suffix=".npz", delete=False
        ) as tmp:
            np.savez(
                tmp,
                samples=np.int64(result.samples),
                regions=np.array([(r.start, r.end) for r in result.regions]).reshape(-1, 2),
                windows=np.array([(w.start, w.end) for w in result.windows]).reshape(-1, 2),
                embeddings=result.embeddings,
                segments=np.array(json.dumps(segments)),
                language=np.array(result.language or ""),
            )
        os.replace(tmp.name, self._path(index))

    def clear(self) -> None:
        """Remove the folder once the transcript is complete."""
        shutil.rmtree(self.folder, ignore_errors=True)
