"""Fuzzing the readers, the brief parser and the verifier: a bounded slice of the corpus.

The full corpus (`corpus.FULL_COUNT` cases, seed `corpus.SEED`) runs in
``python -m benchmarks.fuzz`` (``make bench``); here the first `SLICE` cases go
through the readers and the parser, and the first `VERIFY_SLICE` that parse go
through the verifier. Every case must end in a result or one clean error line
(`harness.run`): no traceback, no hang over 30 s.
"""

from __future__ import annotations

from collections import Counter

import pytest

from podium.engine.brief import read_brief
from podium.engine.transcript import read_transcript
from tests.engine.fuzz.corpus import FULL_COUNT, MUTATIONS, SEED, cases
from tests.engine.fuzz.harness import read_case, verify_case

SLICE = 1000
VERIFY_SLICE = 16


def test_the_corpus_is_deterministic_and_large_enough():
    first = [(c.name, c.data, c.read_format) for c in cases(SEED, 40)]
    again = [(c.name, c.data, c.read_format) for c in cases(SEED, 40)]
    assert first == again
    longer = [(c.name, c.data, c.read_format) for c in cases(SEED, 60)]
    assert longer[:40] == first  # case i does not depend on how many are drawn
    assert [c.name for c in cases(SEED + 1, 40)] != [name for name, _, _ in first]
    full = list(cases(SEED, FULL_COUNT))
    assert len(full) >= 2000
    used = Counter(m for c in full for m in c.name.split("-", 2)[2].split("+"))
    assert set(used) == set(MUTATIONS), "every mutation appears in the full corpus"
    assert Counter(c.target for c in full).keys() == {"transcript", "brief"}


def test_readers_and_parser_end_in_a_result_or_one_clean_error(tmp_path):
    outcomes = [read_case(case, tmp_path) for case in cases(SEED, SLICE)]
    bad = [f"{o.name}: {o.status}\n{o.detail}" for o in outcomes if o.status not in ("ok", "error")]
    assert bad == []
    statuses = Counter(o.status for o in outcomes)
    assert statuses["ok"] > 50 and statuses["error"] > 500  # the slice exercises both paths


@pytest.fixture
def references(data_dir):
    return (
        read_transcript(data_dir / "transcripts" / "panel.vtt"),
        read_brief(data_dir / "briefs" / "water_security.md"),
    )


def test_the_verifier_ends_in_a_report_on_mutated_input_that_parses(tmp_path, references):
    transcript, brief = references
    verified = []
    for case in cases(SEED, SLICE):
        parsed = read_case(case, tmp_path)
        if parsed.status != "ok":
            continue
        pair = (parsed.result, transcript) if case.target == "brief" else (brief, parsed.result)
        verified.append(verify_case(case.name, *pair))
        if len(verified) == VERIFY_SLICE:
            break
    assert len(verified) == VERIFY_SLICE
    assert [f"{o.name}: {o.status}\n{o.detail}" for o in verified if o.status != "ok"] == []
