"""Retrieval and answers of the archive on QMSum's specific queries (train and val splits).

Each QMSum specific query was written by a person together with the turn
spans of the meeting that answer it (`relevant_text_span`) and an answer.
Every meeting of a split goes into one archive (as the site holds every
event), and each query is run against the whole archive:

- recall@5: share of queries with a passage among the first five that is
  from the right meeting and overlaps a gold turn span; MRR: mean of
  1/rank of the first such passage (0 past 100);
- for lexical only (SQLite FTS5 BM25, the site's SQLite ranking), semantic
  only (MiniLM cosine) and hybrid (reciprocal-rank fusion);
- answers: the engine's "ask" (`build_answer`) on the hybrid ranking,
  ROUGE-1/2/L F1 (`rouge-score`, stemmed) of the quotes against the gold
  answer, and how many quotes were shown; every shown quote passed the
  verifier's quote and attribution checks (the builder drops the rest,
  counted as "rejected");
- with ``--sentences`` (`sentence_rankings`): a semantic ranking that scores
  a passage by its best-matching sentence (MiniLM max-sim over the passage's
  sentences, short ones merged into the next), alone and mixed with the
  passage's own vector, measured here and not shipped (see docs/archive.md).

Passage vectors are cached under ``benchmarks/out/`` (keyed by the texts).
"""

from __future__ import annotations

import bisect
import hashlib
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.qmsum import meetings
from podium.engine.search.answer import Candidate, build_answer
from podium.engine.search.files import FileArchive
from podium.engine.search.fusion import (
    EVENT_TOP,
    EVENT_WEIGHT,
    RRF_K,
    SPEAKER_WEIGHT,
    event_prior,
    reciprocal_rank_fusion,
)
from podium.engine.search.passages import sentences
from podium.engine.search.terms import content_query, mentioned_speakers
from podium.engine.transcript.qmsum import Meeting

OUT = Path(__file__).resolve().parents[1] / "out"
DEPTH = 100


@dataclass
class Split:
    name: str
    meetings: list[Meeting]
    archive: FileArchive
    turns: list[tuple[int, int]]
    """(first, last) QMSum turn of each archive entry."""
    queries: list[tuple[int, str, list[tuple[int, int]], str]]
    """(meeting, query, gold spans, gold answer)."""


def cached_embed(tag: str):
    """`embed` with an on-disk cache of the vectors of a whole list of texts."""
    from podium.engine.embed import embed

    def run(texts: list[str]) -> np.ndarray:
        if len(texts) < 50:
            return embed(texts)
        key = hashlib.sha256("\n\x00".join(texts).encode()).hexdigest()[:16]
        path = OUT / f"archive-vectors-{tag}-{key}.npy"
        if path.exists():
            return np.load(path)
        vectors = embed(texts)
        OUT.mkdir(exist_ok=True)
        np.save(path, vectors)
        return vectors

    return run


def load_split(name: str, *, passage_words: int = 80) -> Split:
    from podium.engine.embed import embed

    found = list(meetings(name))
    vectors = cached_embed(f"{name}-{passage_words}")
    archive = FileArchive(
        [m.transcript for m in found],
        names=[Path(m.transcript.source).stem for m in found],
        passage_words=passage_words,
        embed=embed,
        vectors=vectors(
            [
                p.text
                for m in found
                for p in FileArchive.passages_of(m.transcript, passage_words=passage_words)
            ]
        ),
    )
    turns = []
    for source, passage in archive.entries:
        starts = [start for start, _ in found[source].turn_times]
        first = max(bisect.bisect_right(starts, passage.start + 1e-6) - 1, 0)
        last = max(bisect.bisect_right(starts, max(passage.end - 0.3, passage.start)) - 1, first)
        turns.append((first, last))
    queries = []
    for number, meeting in enumerate(found):
        for query in meeting.queries:
            spans = [(int(a), int(b)) for a, b in query.get("relevant_text_span", [])]
            if spans:
                queries.append((number, query["query"], spans, query.get("answer", "")))
    return Split(name, found, archive, turns, queries)


def relevant(split: Split, row: int, meeting: int, spans: list[tuple[int, int]]) -> bool:
    source, _ = split.archive.entries[row]
    if source != meeting:
        return False
    first, last = split.turns[row]
    return any(first <= b and a <= last for a, b in spans)


@dataclass
class Scores:
    recall5: float
    mrr: float


def score(split: Split, rankings: list[list[int]]) -> Scores:
    hits5, reciprocal = [], []
    for (meeting, _, spans, _), ranking in zip(split.queries, rankings, strict=True):
        rank = next(
            (r for r, row in enumerate(ranking[:DEPTH], 1) if relevant(split, row, meeting, spans)),
            None,
        )
        hits5.append(rank is not None and rank <= 5)
        reciprocal.append(1.0 / rank if rank else 0.0)
    return Scores(statistics.mean(hits5), statistics.mean(reciprocal))


def union_recall(split: Split, *lists: list[list[int]], depth: int = 5) -> float:
    """Share of queries with a relevant passage in the first `depth` of any of `lists` (per query):
    the recall@5 a fusion of those rankings could reach at most if it picked the right five."""
    found = [
        any(
            relevant(split, row, meeting, spans) for ranking in per_query for row in ranking[:depth]
        )
        for (meeting, _, spans, _), *per_query in zip(split.queries, *lists, strict=True)
    ]
    return statistics.mean(found)


def rankings(split: Split) -> dict[str, list[list[int]]]:
    """Per query: the lexical, semantic and named-speaker rankings (`FileArchive.rankings`, which
    read the query without its scaffolding), and ``lexical (whole query)``: FTS5 on the query as
    typed, the baseline of the issue's goal."""
    out: dict[str, list[list[int]]] = {
        "lexical": [],
        "semantic": [],
        "speaker": [],
        "lexical (whole query)": [],
    }
    for _, query, _, _ in split.queries:
        ranked = split.archive.rankings(query, pool=DEPTH)
        for name in ("lexical", "semantic", "speaker"):
            out[name].append(ranked[name])
        whole = split.archive.lexical.search(query, limit=DEPTH)
        out["lexical (whole query)"].append([row for row, _ in whole])
    return out


def sentence_pieces(text: str, *, min_words: int = 0) -> list[str]:
    """`text` cut into sentences (`passages.sentences`), each short one joined to the next until
    the piece has `min_words` words; a short tail joins the last piece."""
    out: list[str] = []
    current: list[str] = []
    for sentence in sentences(text):
        current.append(sentence)
        if len(" ".join(current).split()) >= min_words:
            out.append(" ".join(current))
            current = []
    if current:
        if out and min_words:
            out[-1] = f"{out[-1]} {' '.join(current)}"
        else:
            out.append(" ".join(current))
    return out or [text]


def sentence_rankings(
    split: Split, *, min_words: int = 8, alpha: float = 0.0
) -> dict[str, list[list[int]]]:
    """Per query, the ``semantic`` and ``speaker`` rankings with a passage scored by
    ``alpha × cosine(query, passage) + (1 − alpha) × max over its sentences of cosine(query,
    sentence)`` (max-sim), for the same query content as `rankings`. The sentences' vectors are
    cached like the passages'."""
    owners, texts = [], []
    for row, (_, passage) in enumerate(split.archive.entries):
        for piece in sentence_pieces(passage.text, min_words=min_words):
            owners.append(row)
            texts.append(piece)
    vectors = cached_embed(f"{split.name}-sentences{min_words}")(texts)
    owner = np.array(owners)
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    speakers = split.archive.speakers
    questions = [query for _, query, _, _ in split.queries]
    from podium.engine.embed import embed

    query_vectors = embed([content_query(q, speakers) for q in questions])
    best = np.maximum.reduceat(query_vectors @ vectors.T, starts, axis=1)
    scores = alpha * (query_vectors @ split.archive.vectors.T) + (1 - alpha) * best
    spoken_by = np.array([p.speaker for _, p in split.archive.entries])
    out: dict[str, list[list[int]]] = {"semantic": [], "speaker": []}
    for question, row in zip(questions, scores, strict=True):
        out["semantic"].append(np.argsort(-row, kind="stable")[:DEPTH].tolist())
        named = mentioned_speakers(question, speakers)
        ranked: list[int] = []
        if named:
            masked = np.where(np.isin(spoken_by, named), row, -np.inf)
            order = np.argsort(-masked, kind="stable")[:DEPTH]
            ranked = [int(i) for i in order if np.isfinite(masked[i])]
        out["speaker"].append(ranked)
    return out


def fused(
    split: Split,
    ranked: dict[str, list[list[int]]],
    weights: tuple[float, float],
    *,
    speaker: bool = True,
    k: int = RRF_K,
    speaker_weight: float = SPEAKER_WEIGHT,
    event_weight: float = EVENT_WEIGHT,
    event_top: int = EVENT_TOP,
):
    """Reciprocal-rank fusion of lexical and semantic (and the named speaker's ranking), then
    the event prior (`event_weight` 0 leaves it out; a meeting is an event)."""
    out = []
    for lex, sem, spk in zip(ranked["lexical"], ranked["semantic"], ranked["speaker"], strict=True):
        lists, w = [lex, sem], list(weights)
        if speaker:
            lists.append(spk)
            w.append(speaker_weight)
        scored = reciprocal_rank_fusion(lists, weights=w, k=k)
        scored = event_prior(
            scored, lambda row: split.archive.entries[row][0], top=event_top, weight=event_weight
        )
        out.append([row for row, _ in scored])
    return out


def answers(split: Split, ranked_hybrid: list[list[int]], *, limit: int | None = None) -> dict:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    archive = split.archive
    contexts: dict = {}
    rows = []
    started, cpu = time.perf_counter(), time.process_time()
    for (_, query, _, gold), ranking in list(zip(split.queries, ranked_hybrid, strict=True))[
        :limit
    ]:
        candidates = [
            Candidate(
                passage=archive.entries[row][1],
                transcript=archive.transcripts[archive.entries[row][0]],
                source=archive.names[archive.entries[row][0]],
            )
            for row in ranking[:20]
        ]
        answer = build_answer(query, candidates, contexts=contexts)
        text = " ".join(q.text for q in answer.quotes)
        scores = scorer.score(gold, text) if text else None
        rows.append(
            {
                "answered": answer.answered,
                "quotes": len(answer.quotes),
                "rejected": answer.rejected,
                "r1": scores["rouge1"].fmeasure if scores else 0.0,
                "r2": scores["rouge2"].fmeasure if scores else 0.0,
                "rl": scores["rougeL"].fmeasure if scores else 0.0,
            }
        )
    count = len(rows)
    return {
        "queries": count,
        "answered": sum(r["answered"] for r in rows) / count,
        "quotes": statistics.mean(r["quotes"] for r in rows),
        "rejected": sum(r["rejected"] for r in rows),
        "rouge1": statistics.mean(r["r1"] for r in rows),
        "rouge2": statistics.mean(r["r2"] for r in rows),
        "rougeL": statistics.mean(r["rl"] for r in rows),
        "seconds": (time.perf_counter() - started) / count,
        "cpu": (time.process_time() - cpu) / count,
    }
