"""A second-stage re-ranker over the fused candidates, and other lexical rankings (measured, not shipped).

``python -m benchmarks.archive --rerank`` (with ``--train-only`` to stop before val):

- **Re-ranker.** For each query, the shipped hybrid's first `depth` passages
  (fusion and event prior, `qmsum.fused`) are described by features (`FEATURES`:
  the fused score and rank, the reciprocal ranks in the lexical, semantic and
  named-speaker rankings, the BM25 score, the cosine, the best sentence's cosine
  (max-sim, only for these candidates), the neighbouring passages' scores, the
  event's share of the fused top, the passage's length) and re-ordered by a model
  fitted on train: logistic regression on passages (pointwise), logistic
  regression on pairs of a relevant and an irrelevant passage of one query
  (pairwise, each query weighing the same), or a small gradient-boosted tree
  model (scikit-learn, query-balanced weights). Scored by 6-fold
  cross-validation on train, the folds grouped by meeting (a meeting's queries
  share passages). Val is read once, with the setting best on train.
- **Other lexical rankings** (train): FTS5 without the Porter stemmer, and FTS5
  over spaCy lemmas of the passages and the query (tagger and lemmatizer only),
  each as a fourth ranking beside the shipped three or instead of the Porter one.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

import numpy as np

from benchmarks.archive import qmsum
from podium.engine.search.fusion import (
    EVENT_TOP,
    EVENT_WEIGHT,
    FUSION_WEIGHTS,
    RRF_K,
    SPEAKER_WEIGHT,
    event_prior,
    reciprocal_rank_fusion,
)
from podium.engine.search.lexical import FTS5_TOKENIZE
from podium.engine.search.terms import content_query, parse_terms

BASE = ("prior_score", "rank", "lexical_rr", "semantic_rr", "speaker_rr", "cosine", "named")
"""What the fusion itself reads, plus the cosine."""
MORE = (
    "bm25",
    "best_sentence",
    "best_sentence_gap",
    "neighbour_cosine",
    "neighbour_bm25",
    "neighbour_score",
    "log_words",
    "event_share",
    "cosine_gap",
    "fused_score",
    "lemmas_covered",
)
FEATURES = {
    "fusion's own": BASE,
    "fusion's own + lemmas covered": (*BASE, "lemmas_covered"),
    "all": BASE + MORE,
}
DEPTHS = (10, 20, 30)
FOLDS = 6


@dataclass
class Query:
    """One query's rankings with their scores, and the shipped order."""

    lexical: list[tuple[int, float]]
    semantic: list[int]
    speaker: list[int]
    named: bool
    cosine: np.ndarray
    fused: dict[int, float]
    prior: dict[int, float]
    order: list[int]
    labels: list[bool]
    best_sentence: dict[int, float]
    lemmas: set[str]
    """The query content's lemmas (spaCy), stop words and punctuation left out."""


def prepare(split: qmsum.Split) -> list[Query]:
    """The shipped rankings of every query, with scores, and each candidate's best-sentence cosine."""
    from podium.engine.embed import embed

    archive = split.archive
    ranked = qmsum.rankings(split)
    contents = [content_query(q, archive.speakers) for _, q, _, _ in split.queries]
    query_vectors = embed(contents)
    _, query_lemmas = lemmatised(split)[2:]
    owners, texts = [], []
    for row, (_, passage) in enumerate(archive.entries):
        for piece in qmsum.sentence_pieces(passage.text, min_words=0):
            owners.append(row)
            texts.append(piece)
    sentence_vectors = qmsum.cached_embed(f"{split.name}-sentences0")(texts)
    owner = np.array(owners)
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    ends = np.r_[starts[1:], len(owner)]
    out = []
    for number, ((meeting, _, spans, _), content) in enumerate(
        zip(split.queries, contents, strict=True)
    ):
        lexical = archive.lexical.search(content, limit=qmsum.DEPTH)
        semantic, speaker = ranked["semantic"][number], ranked["speaker"][number]
        fused = reciprocal_rank_fusion(
            [[r for r, _ in lexical], semantic, speaker], weights=(*FUSION_WEIGHTS, SPEAKER_WEIGHT)
        )
        prior = event_prior(fused, lambda row: archive.entries[row][0])
        order = [row for row, _ in prior]
        vector = query_vectors[number]
        best = {
            row: float((sentence_vectors[starts[row] : ends[row]] @ vector).max())
            for row in order[: max(DEPTHS)]
        }
        out.append(
            Query(
                lexical=lexical,
                semantic=semantic,
                speaker=speaker,
                named=bool(speaker),
                cosine=archive.vectors @ vector,
                fused=dict(fused),
                prior=dict(prior),
                order=order,
                labels=[qmsum.relevant(split, row, meeting, spans) for row in order[: qmsum.DEPTH]],
                best_sentence=best,
                lemmas=query_lemmas[number],
            )
        )
    return out


_POSITIONS: dict[int, dict[tuple[int, int], int]] = {}


def _positions(archive) -> dict[tuple[int, int], int]:
    """(transcript, passage number) → entry, to find a passage's neighbours."""
    key = id(archive)
    if key not in _POSITIONS:
        _POSITIONS[key] = {(s, p.number): row for row, (s, p) in enumerate(archive.entries)}
    return _POSITIONS[key]


def features(split: qmsum.Split, query: Query, depth: int) -> dict[str, np.ndarray]:
    """Per feature, one value for each of the query's first `depth` fused passages."""
    archive = split.archive
    order = query.order[:depth]
    rows = np.array(order)
    places = {
        name: {row: n for n, row in enumerate(ranking, 1)}
        for name, ranking in (
            ("lexical", [r for r, _ in query.lexical]),
            ("semantic", query.semantic),
            ("speaker", query.speaker),
        )
    }
    bm25 = dict(query.lexical)
    top_bm25 = max(bm25.values(), default=1.0) or 1.0
    best = query.prior[order[0]]
    where = _positions(archive)

    def neighbours(row: int) -> list[int]:
        source, passage = archive.entries[row]
        found = (where.get((source, passage.number + d)) for d in (-1, 1))
        return [r for r in found if r is not None]

    head = order[:EVENT_TOP]
    total = sum(query.fused[r] for r in head)
    share: dict[int, float] = {}
    for row in head:
        event = archive.entries[row][0]
        share[event] = share.get(event, 0.0) + query.fused[row] / total
    cosine = query.cosine[rows]
    sentence = np.array([query.best_sentence[r] for r in order])
    passage_lemmas = lemmatised(split)[1]
    wanted = len(query.lemmas) or 1

    def reciprocal(name: str) -> np.ndarray:
        return np.array(
            [RRF_K / (RRF_K + places[name][r]) if r in places[name] else 0 for r in order]
        )

    return {
        "prior_score": np.array([query.prior[r] / best for r in order]),
        "fused_score": np.array([query.fused[r] / best for r in order]),
        "rank": 1.0 / (1 + np.arange(len(order))),
        "lexical_rr": reciprocal("lexical"),
        "semantic_rr": reciprocal("semantic"),
        "speaker_rr": reciprocal("speaker"),
        "bm25": np.array([bm25.get(r, 0.0) / top_bm25 for r in order]),
        "cosine": cosine,
        "cosine_gap": cosine - cosine.max(),
        "named": np.full(len(order), float(query.named)),
        "best_sentence": sentence,
        "best_sentence_gap": sentence - sentence.max(),
        "neighbour_cosine": np.array(
            [max((query.cosine[n] for n in neighbours(r)), default=0.0) for r in order]
        ),
        "neighbour_bm25": np.array(
            [max((bm25.get(n, 0.0) / top_bm25 for n in neighbours(r)), default=0.0) for r in order]
        ),
        "neighbour_score": np.array(
            [
                max((query.prior.get(n, 0.0) / best for n in neighbours(r)), default=0.0)
                for r in order
            ]
        ),
        "log_words": np.log1p([archive.entries[r][1].word_count for r in order]),
        "event_share": np.array([share.get(archive.entries[r][0], 0.0) for r in order]),
        "lemmas_covered": np.array([len(query.lemmas & passage_lemmas[r]) / wanted for r in order]),
    }


def matrix(split, queries, depth, names):
    """Features, labels, meeting (the fold group) and query number of every candidate."""
    x, y, groups, number = [], [], [], []
    for n, (query, (meeting, _, _, _)) in enumerate(zip(queries, split.queries, strict=True)):
        values = features(split, query, depth)
        x.append(np.column_stack([values[name] for name in names]))
        y.append(np.array(query.labels[:depth], dtype=int))
        groups.append(np.full(len(y[-1]), meeting))
        number.append(np.full(len(y[-1]), n))
    return np.vstack(x), np.concatenate(y), np.concatenate(groups), np.concatenate(number)


def scores(queries: list[Query], predicted: dict[int, np.ndarray] | None) -> qmsum.Scores:
    """Recall@5 and MRR with each query's first candidates re-ordered by `predicted` (None: as shipped)."""
    hits, reciprocal = [], []
    for n, query in enumerate(queries):
        labels = query.labels
        order = list(range(len(labels)))
        if predicted is not None:
            head = list(np.argsort(-predicted[n], kind="stable"))
            order = head + order[len(head) :]
        rank = next((r for r, i in enumerate(order, 1) if labels[i]), None)
        hits.append(rank is not None and rank <= 5)
        reciprocal.append(1 / rank if rank else 0.0)
    return qmsum.Scores(float(np.mean(hits)), float(np.mean(reciprocal)))


def _pairs(x, y, number):
    """Differences relevant − irrelevant within each query (and their negatives), each query
    weighing the same in all."""
    diffs, weights = [], []
    for n in np.unique(number):
        rows = np.flatnonzero(number == n)
        good, bad = rows[y[rows] == 1], rows[y[rows] == 0]
        if len(good) and len(bad):
            d = (x[good][:, None, :] - x[bad][None, :, :]).reshape(-1, x.shape[1])
            diffs.append(d)
            weights.append(np.full(len(d), 1.0 / len(d)))
    d, w = np.vstack(diffs), np.concatenate(weights)
    return np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))], np.r_[w, w]


TREES = {"trees (50, depth 2)": (50, 2), "trees (150, depth 3)": (150, 3)}
"""Gradient-boosted trees: (iterations, depth)."""
MODELS = ("pointwise LR", "pairwise LR", *TREES)


def fit(model: str, x, y, number):
    """A function scoring candidates, fitted on (x, y)."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    mean, spread = x.mean(0), x.std(0) + 1e-9
    scaled = (x - mean) / spread
    if model == "pointwise LR":
        lr = LogisticRegression(max_iter=3000).fit(scaled, y)
        return lambda z: lr.decision_function((z - mean) / spread)
    if model == "pairwise LR":
        px, py, pw = _pairs(scaled, y, number)
        lr = LogisticRegression(max_iter=3000, fit_intercept=False)
        lr.fit(px, py, sample_weight=pw * len(np.unique(number)))
        return lambda z: ((z - mean) / spread) @ lr.coef_[0]
    iterations, depth = TREES[model]
    positives = {n: max(1, int(y[number == n].sum())) for n in np.unique(number)}
    counts = {n: int((number == n).sum()) for n in np.unique(number)}
    weight = np.array(
        [1 / positives[n] if label else 1 / counts[n] for n, label in zip(number, y, strict=True)]
    )
    trees = HistGradientBoostingClassifier(
        max_depth=depth,
        learning_rate=0.05,
        max_iter=iterations,
        min_samples_leaf=40,
        random_state=0,
    ).fit(x, y, sample_weight=weight)
    return lambda z: trees.predict_proba(z)[:, 1]


def cross_validated(queries, table, model) -> qmsum.Scores:
    """Recall@5 and MRR of `model` fitted fold by fold on `table` (`matrix`), folds grouped by meeting."""
    from sklearn.model_selection import GroupKFold

    x, y, groups, number = table
    predicted = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        predicted[test] = fit(model, x[train], y[train], number[train])(x[test])
    return scores(queries, {n: predicted[number == n] for n in range(len(queries))})


def reranker(train: qmsum.Split, val: qmsum.Split | None) -> None:
    """The cross-validated table on train; with `val`, the best train setting read once on val."""
    started, cpu = time.perf_counter(), time.process_time()
    queries = prepare(train)
    shipped = scores(queries, None)
    print(
        f"\ntrain, re-ranking the shipped hybrid's first passages ({FOLDS}-fold cross-validation "
        f"grouped by meeting; shipped: recall@5 {shipped.recall5:.3f}, MRR {shipped.mrr:.3f}, its "
        "settings chosen on the whole of train)\n"
    )
    print("| candidates | features | " + " | ".join(MODELS) + " |")
    print("| --- | --- |" + " --- |" * len(MODELS))
    results = []
    for depth in DEPTHS:
        for label, names in FEATURES.items():
            cells = []
            table = matrix(train, queries, depth, names)
            for model in MODELS:
                s = cross_validated(queries, table, model)
                cells.append(f"{s.recall5:.3f} / {s.mrr:.3f}")
                results.append(((s.recall5, s.mrr), depth, label, model))
            print(f"| top {depth} | {label} | " + " | ".join(cells) + " |", flush=True)
    (recall, mrr), depth, label, model = max(results)
    print(
        f"\nbest on train: top {depth}, {label} features, {model}: {recall:.3f} / {mrr:.3f} "
        f"({time.perf_counter() - started:.0f} s wall, {time.process_time() - cpu:.0f} s CPU)"
    )
    if val is None:
        return
    x, y, _, number = matrix(train, queries, depth, FEATURES[label])
    score = fit(model, x, y, number)
    held = prepare(val)
    vx, _, _, vnumber = matrix(val, held, depth, FEATURES[label])
    predicted = score(vx)
    after = scores(held, {n: predicted[vnumber == n] for n in range(len(held))})
    before = scores(held, None)
    print(
        f"val (read once, fitted on all of train): shipped {before.recall5:.3f} / {before.mrr:.3f}, "
        f"re-ranked {after.recall5:.3f} / {after.mrr:.3f}\n",
        flush=True,
    )


def _fts5(texts: list[str], tokenize: str) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE passage USING fts5(text, tokenize='{tokenize}')")
    db.executemany("INSERT INTO passage(rowid, text) VALUES (?, ?)", enumerate(texts))
    return db


def _search(db: sqlite3.Connection, query: str) -> list[int]:
    terms = parse_terms(query)
    if terms.empty:
        return []
    return [
        row
        for (row,) in db.execute(
            "SELECT rowid FROM passage WHERE passage MATCH ? ORDER BY bm25(passage) LIMIT ?",
            (terms.fts5(), qmsum.DEPTH),
        )
    ]


_LEMMAS: dict[str, tuple] = {}
LEMMA_CPU: dict[str, float] = {}
"""CPU seconds `lemmatised` took, per split."""


def lemmatised(split: qmsum.Split) -> tuple[list[str], list[set[str]], list[str], list[set[str]]]:
    """The split's passages and query contents as spaCy lemmas (lower-case; tagger and
    lemmatizer only, no parse): each as text, and as its set of content lemmas (no stop word,
    no punctuation). Computed once per split."""
    if split.name not in _LEMMAS:
        from podium.engine.nlp import get_nlp

        nlp = get_nlp()
        keep = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
        texts = [p.text for _, p in split.archive.entries]
        contents = [content_query(q, split.archive.speakers) for _, q, _, _ in split.queries]
        cpu = time.process_time()
        with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep]):
            docs = list(nlp.pipe(texts + contents, batch_size=128))
        LEMMA_CPU[split.name] = time.process_time() - cpu
        words = [" ".join(t.lemma_.lower() for t in doc if not t.is_space) for doc in docs]
        content = [
            {t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop and len(t.text) > 1}
            for doc in docs
        ]
        n = len(texts)
        _LEMMAS[split.name] = (words[:n], content[:n], words[n:], content[n:])
    return _LEMMAS[split.name]


def lexical_variants(split: qmsum.Split) -> None:
    """Unstemmed and lemmatised FTS5 rankings, alone, beside the shipped three and instead of
    the Porter one (train)."""
    archive = split.archive
    ranked = qmsum.rankings(split)
    texts = [p.text for _, p in archive.entries]
    contents = [content_query(q, archive.speakers) for _, q, _, _ in split.queries]
    plain = _fts5(texts, FTS5_TOKENIZE.removeprefix("porter "))
    passage_lemmas, _, query_lemmas, _ = lemmatised(split)
    by_lemma = _fts5(passage_lemmas, FTS5_TOKENIZE.removeprefix("porter "))
    variants = {
        "FTS5 without stemming": [_search(plain, c) for c in contents],
        "FTS5 over spaCy lemmas": [_search(by_lemma, q) for q in query_lemmas],
    }
    print(
        f"\n{split.name}: other lexical rankings (spaCy lemmas of {len(texts)} passages and the "
        f"queries: {LEMMA_CPU[split.name]:.0f} CPU s)\n"
    )
    print(
        "| ranking | alone R@5 / MRR | as a 4th ranking, weight 0.5 / 1 / 2 | instead of Porter's |"
    )
    print("| --- | --- | --- | --- |")
    shipped = qmsum.score(split, qmsum.fused(split, ranked, FUSION_WEIGHTS))
    alone = qmsum.score(split, ranked["lexical"])
    print(
        f"| FTS5 Porter (shipped) | {alone.recall5:.3f} / {alone.mrr:.3f} | hybrid "
        f"{shipped.recall5:.3f} / {shipped.mrr:.3f} | |"
    )
    for name, lists in variants.items():
        alone = qmsum.score(split, lists)
        beside = []
        for weight in (0.5, 1.0, 2.0):
            fused = []
            for lex, sem, spk, extra in zip(
                ranked["lexical"], ranked["semantic"], ranked["speaker"], lists, strict=True
            ):
                scored = reciprocal_rank_fusion(
                    [lex, sem, spk, extra], weights=(*FUSION_WEIGHTS, SPEAKER_WEIGHT, weight)
                )
                scored = event_prior(
                    scored,
                    lambda row: archive.entries[row][0],
                    top=EVENT_TOP,
                    weight=EVENT_WEIGHT,
                )
                fused.append([row for row, _ in scored])
            s = qmsum.score(split, fused)
            beside.append(f"{s.recall5:.3f} / {s.mrr:.3f}")
        instead = qmsum.score(
            split, qmsum.fused(split, dict(ranked) | {"lexical": lists}, FUSION_WEIGHTS)
        )
        print(
            f"| {name} | {alone.recall5:.3f} / {alone.mrr:.3f} | {' ; '.join(beside)} | "
            f"{instead.recall5:.3f} / {instead.mrr:.3f} |",
            flush=True,
        )
