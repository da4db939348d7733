"""The knobs of verification, one dataclass with a docstring per field.

Defaults were tuned on the QMSum benchmark (benchmarks/verify): they catch
at least 98 % of injected errors with at most 2 % false alarms on faithful
briefs. Change them only with the benchmark at hand.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class VerifyOptions:
    """Thresholds and windows for the five checks."""

    ellipsis_gap_words: int = 250
    """At most this many transcript words may lie between two pieces of a quote
    joined by an editorial ellipsis ("…")."""

    insertion_words: int = 6
    """A bracketed insertion ("[the U.S.]") stands for up to this many transcript words."""

    near_miss_similarity: float = 0.6
    """Word-level similarity (0–1) above which a quote not found verbatim is reported
    as a near miss with the exact difference; below it the quote is "not found"."""

    turn_lead_seconds: float = 30.0
    """A section time may fall this long before the turn that carries its content."""

    timestamp_warn_seconds: float = 120.0
    """A section time within this distance of the content's turn is a `warn`, not a `fail`."""

    passage_words: int = 60
    """Length of the transcript passages (inside one turn) that claims are checked against."""

    retrieve_passages: int = 12
    """How many passages BM25 shortlists per summary sentence before embeddings rerank."""

    embed_passages: int = 6
    """Of those, how many (the lexically best) are embedded and reranked per sentence."""

    lexical_sure: float = 0.9
    """When the lexically best passage holds at least this share of a sentence's content
    words, only `evidence_passages` passages (not `embed_passages`) are embedded: the
    reranking cannot change which passage supports it, only the score."""

    sure_words: int = 4
    """A lexically sure sentence (above) of at least this many content words is not embedded
    at all: its candidates are ranked, and its support scored, by the share of its words
    they hold (at least `lexical_sure`, so it is `ok`). Embeddings are most of the CPU time
    of a verification; a short sentence stays embedded, as a word or two found proves
    little. A very large value embeds every sentence."""

    evidence_passages: int = 3
    """How many of the best passages form the evidence window of a sentence."""

    align_coverage: float = 0.4
    """The aligned transcript sentences (align.py) must hold at least this weighted share of
    a summary sentence's content words and numbers before the consistency checks
    (negation, antonyms, quantities, entities, doers) may fail it against them."""

    answer_coverage: float = 0.7
    """A sentence aligned to a question and its answer ("Will fees rise?" — "No.") counts as
    supported by the answering speaker when the pair holds this share of its words."""

    support_ok: float = 0.5
    """Combined support score (embedding cosine and word overlap) at or above which a
    sentence is `ok`."""

    support_warn: float = 0.3
    """Below `support_ok` but at or above this: `warn` (weak support). Below it: `warn`
    saying no support was found (a summary may generalise; only facts fail)."""

    other_speaker_margin: float = 0.2
    """A summary sentence is attributed to someone else only when that person's best
    passage beats the named speaker's by this much and the named speaker's is weak."""

    name_similarity: float = 85.0
    """rapidfuzz ratio (0–100) at or above which a name that is not exactly a speaker's
    is taken for a misspelling of that speaker."""

    check_claims: bool = True
    """Run the claim check (the only one that loads the embedding model)."""
