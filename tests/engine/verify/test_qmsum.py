"""One QMSum committee meeting from the benchmark's evaluation set, end to end.

The faithful brief built from the meeting's gold topics verifies without a
`fail` against the realistic transcript (fillers, stutters, cue splits), and
every single-error variant fails with the check that owns that error.
"""

from __future__ import annotations

import json
import random

import pytest
from benchmarks.verify.dataset import VARIANTS, _sentences, build_case

from podium.engine.brief.model import Brief, Part
from podium.engine.verify import build_context, verify


@pytest.mark.slow
def test_a_committee_meeting_and_its_injected_errors(qmsum_dir):
    path = qmsum_dir / "val" / "education_0.json"
    other = (qmsum_dir / "train" / "covid_0.json").read_text(encoding="utf-8")

    other_sentences = [
        s
        for t in json.loads(other)["meeting_transcripts"]
        for s in _sentences(t["content"])
        if 12 <= len(s.split()) <= 40
    ]
    case = build_case(path, random.Random(4), other_sentences)
    assert case is not None and len(list(case.brief.sections())) >= 3
    ctx = build_context(case.transcript)
    report = verify(case.brief, case.transcript, context=ctx)
    assert not report.failed, [f.message for f in report.failures()]
    seen = set()
    for error, section in case.variants:
        single = Brief(title=case.brief.title, parts=[Part("", [section])])
        result = verify(single, case.transcript, context=ctx)
        expected = VARIANTS[error]
        assert any(f.status == "fail" and f.check == expected for f in result.findings), (
            error,
            section.summary,
            [(f.check, f.status, f.message) for f in result.findings],
        )
        seen.add(error)
    assert {
        "quote word changed",
        "quote fabricated",
        "quote by another speaker",
        "time moved far away",
        "speaker name misspelt",
    } <= seen
