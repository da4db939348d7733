"""The claim check embeds fewer passages when one passage holds (nearly) every word of a
summary sentence (`VerifyOptions.lexical_sure`), and gives the same verdict."""

from __future__ import annotations

from podium.engine.verify import build_context, verify
from podium.engine.verify.options import VerifyOptions

from .conftest import make_brief, make_transcript, section

TURNS = [
    (
        60.0 * n,
        "Ann Cole",
        f"On item {n} the committee discussed the budget for schools, the transport "
        f"plan and the housing strategy for the county over the next few years, and "
        f"members asked about the consultation on proposal number {n}.",
    )
    for n in range(1, 13)
]
TURNS.append(
    (
        900.0,
        "Ann Cole",
        "The council rejected the proposal to close the library in Millbrook because "
        "nobody had asked the readers what they wanted.",
    )
)
TRANSCRIPT = make_transcript(*TURNS)
SENTENCE = (
    "Cole said the council rejected the proposal to close the library in Millbrook "
    "because nobody had asked the readers what they wanted."
)


def _run(options: VerifyOptions):
    ctx = build_context(TRANSCRIPT, options=options)
    report = verify(
        make_brief(section(speaker="Ann Cole", summary=SENTENCE)), TRANSCRIPT, context=ctx
    )
    claim = next(f for f in report.findings if f.check == "claim")
    return claim.status, len(ctx.embeddings)


def test_a_sentence_found_word_for_word_embeds_only_its_evidence_passages():
    sure_status, sure_embedded = _run(VerifyOptions(embed_passages=6, evidence_passages=3))
    full_status, full_embedded = _run(VerifyOptions(embed_passages=6, lexical_sure=1.01))
    assert sure_status == full_status == "ok"
    assert sure_embedded <= 3 < full_embedded
