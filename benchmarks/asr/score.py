"""Scoring a transcript against the script it was synthesised from.

Word error rate comes from jiwer (after lower-casing and dropping
punctuation on both sides). Speaker-turn accuracy is the share of
recognised words whose speaker label, after the best one-to-one mapping of
labels to script speakers (scipy's Hungarian solver), is the speaker whose
line the word's time falls in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from benchmarks.asr.synth import Line
from podium.engine.transcript.model import Transcript, Word


def normalise(text: str) -> str:
    """Lower case, letters, digits and apostrophes only, single spaces."""
    text = text.lower().replace("-", " ")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return " ".join(text.split())


def word_error_rate(reference: str, hypothesis: str) -> float:
    import jiwer

    return float(jiwer.wer(normalise(reference), normalise(hypothesis) or "<empty>"))


def script_text(lines: Sequence[Line]) -> str:
    return " ".join(line.text for line in lines)


def words_of(transcript: Transcript) -> list[Word]:
    return [w for s in transcript.segments for w in s.words]


def line_at(lines: Sequence[Line], time: float) -> Line:
    """The script line spoken at `time`, or the nearest one."""
    return min(lines, key=lambda line: max(line.start - time, time - line.end, 0.0))


def speaker_accuracy(lines: Sequence[Line], transcript: Transcript) -> tuple[float, dict]:
    """Share of words with the right speaker after the best label mapping, and the mapping."""
    from scipy.optimize import linear_sum_assignment

    words = words_of(transcript)
    if not words:
        return 0.0, {}
    truth = [line_at(lines, (w.start + w.end) / 2).speaker for w in words]
    guessed = [w.speaker or "" for w in words]
    true_names = sorted(set(truth))
    labels = sorted(set(guessed))
    counts = np.zeros((len(true_names), len(labels)))
    for t, g in zip(truth, guessed, strict=True):
        counts[true_names.index(t), labels.index(g)] += 1
    rows, cols = linear_sum_assignment(-counts)
    mapping = {labels[c]: true_names[r] for r, c in zip(rows, cols, strict=True)}
    return float(counts[rows, cols].sum() / len(words)), mapping
