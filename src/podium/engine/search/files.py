"""Search and ask over transcript files, with no database: what `podium ask` runs.

Reads each file with the engine's transcript readers, cuts passages, ranks
them with FTS5 (`lexical.py`) and MiniLM vectors (`semantic.py`), fuses the
two rankings (`fusion.py`) and builds verified answers (`answer.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from podium.engine.search.answer import Answer, Candidate, ContextCache, build_answer
from podium.engine.search.fusion import (
    FUSION_WEIGHTS,
    SPEAKER_WEIGHT,
    event_prior,
    reciprocal_rank_fusion,
)
from podium.engine.search.lexical import LexicalIndex
from podium.engine.search.passages import PASSAGE_WORDS, Passage, make_passages
from podium.engine.search.semantic import rank_by_similarity
from podium.engine.search.terms import content_query, mentioned_speakers
from podium.engine.transcript.model import Transcript

MODES = ("hybrid", "lexical", "semantic")
POOL = 100
"""How deep each ranking goes before fusion."""


@dataclass(frozen=True, slots=True)
class Hit:
    source: int
    """Index of the transcript in the archive."""
    passage: Passage
    score: float


class FileArchive:
    """Transcripts held in memory, searchable lexically, semantically or both."""

    def __init__(
        self,
        transcripts: Sequence[Transcript],
        *,
        names: Sequence[str] | None = None,
        passage_words: int = PASSAGE_WORDS,
        embed: Callable[[list[str]], np.ndarray] | None = None,
        vectors: np.ndarray | None = None,
    ):
        if embed is None:
            from podium.engine.embed import embed as default_embed

            embed = default_embed
        self._embed = embed
        self.transcripts = list(transcripts)
        self.names = list(
            names
            or [
                t.title or t.source or f"transcript {i + 1}" for i, t in enumerate(self.transcripts)
            ]
        )
        self.entries: list[tuple[int, Passage]] = [
            (number, passage)
            for number, transcript in enumerate(self.transcripts)
            for passage in make_passages(transcript, max_words=passage_words)
        ]
        texts = [p.text for _, p in self.entries]
        self.speakers = sorted({p.speaker for _, p in self.entries if p.speaker})
        self.lexical = LexicalIndex(texts)
        self.vectors = vectors if vectors is not None else embed(texts)
        self._contexts: ContextCache = {}

    @staticmethod
    def passages_of(transcript: Transcript, *, passage_words: int = PASSAGE_WORDS) -> list[Passage]:
        return make_passages(transcript, max_words=passage_words)

    @classmethod
    def from_files(cls, paths: Sequence[str | Path], **kwargs) -> FileArchive:
        """Read each file with the engine's readers (errors name the file and line)."""
        from podium.engine.transcript import read_transcript

        transcripts = [read_transcript(path) for path in paths]
        return cls(transcripts, names=[Path(p).name for p in paths], **kwargs)

    def rankings(self, query: str, *, pool: int = POOL) -> dict[str, list[int]]:
        """Entry numbers best first, per ranking: ``lexical``, ``semantic`` and ``speaker``.

        ``speaker`` holds the passages of the speakers the query names, by meaning
        (empty when it names nobody). Both the full-text and the meaning-based
        rankings read the query without its question scaffolding and the named
        speakers' names (`content_query`).
        """
        content = content_query(query, self.speakers)
        lexical = [row for row, _ in self.lexical.search(content, limit=pool)]
        vector = self._embed([content])[0]
        semantic = [row for row, _ in rank_by_similarity(vector, self.vectors, limit=pool)]
        named = set(mentioned_speakers(query, self.speakers))
        speaker: list[int] = []
        if named:
            mask = np.array([p.speaker in named for _, p in self.entries], dtype=bool)
            ranked = rank_by_similarity(vector, self.vectors, limit=pool, mask=mask)
            speaker = [row for row, _ in ranked]
        return {"lexical": lexical, "semantic": semantic, "speaker": speaker}

    def search(
        self,
        query: str,
        *,
        mode: str = "hybrid",
        limit: int = 10,
        weights: tuple[float, float] = FUSION_WEIGHTS,
    ) -> list[Hit]:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r} (known: {', '.join(MODES)})")
        ranked = self.rankings(query)
        if mode == "hybrid":
            fused = reciprocal_rank_fusion(
                [ranked["lexical"], ranked["semantic"], ranked["speaker"]],
                weights=(*weights, SPEAKER_WEIGHT),
            )
            fused = event_prior(fused, lambda row: self.entries[row][0])
        else:
            fused = [(row, 1.0 / (rank + 1)) for rank, row in enumerate(ranked[mode])]
        return [
            Hit(self.entries[row][0], self.entries[row][1], score) for row, score in fused[:limit]
        ]

    def ask(self, question: str, **kwargs) -> Answer:
        hits = self.search(question, limit=20)
        candidates = [
            Candidate(
                passage=hit.passage,
                transcript=self.transcripts[hit.source],
                source=self.names[hit.source],
                key=hit.source,
            )
            for hit in hits
        ]
        return build_answer(
            question, candidates, embed=self._embed, contexts=self._contexts, **kwargs
        )
