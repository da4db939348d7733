"""The claim check embeds fewer passages when one passage holds (nearly) every word of a
summary sentence (`VerifyOptions.lexical_sure`), none at all when that sentence is long
enough (`VerifyOptions.sure_words`), and gives the same verdict."""

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


def _run(options: VerifyOptions, sentence: str = SENTENCE):
    ctx = build_context(TRANSCRIPT, options=options)
    report = verify(
        make_brief(section(speaker="Ann Cole", summary=sentence)), TRANSCRIPT, context=ctx
    )
    claim = next(f for f in report.findings if f.check == "claim")
    return claim, len(ctx.embeddings)


def test_a_sentence_found_word_for_word_embeds_only_its_evidence_passages():
    always = 1000  # sure_words: embed every sentence
    sure, sure_embedded = _run(VerifyOptions(embed_passages=6, sure_words=always))
    full, full_embedded = _run(VerifyOptions(embed_passages=6, lexical_sure=1.01))
    assert sure.status == full.status == "ok"
    assert 0 < sure_embedded <= 3 < full_embedded


def test_a_long_sentence_found_word_for_word_embeds_nothing_with_the_same_verdict():
    lexical, embedded = _run(VerifyOptions())
    assert embedded == 0
    embedding, _ = _run(VerifyOptions(sure_words=1000))
    assert lexical.status == embedding.status == "ok"
    for claim in (lexical, embedding):
        assert any("library in Millbrook" in e.text for e in claim.evidence)


def test_a_short_sentence_is_embedded_even_when_its_words_are_found():
    # "Cole said the council rejected it": two content words, found together
    claim, embedded = _run(VerifyOptions(), "Cole said the council rejected the proposal.")
    assert embedded > 0


def test_a_wrong_fact_still_fails_when_nothing_is_embedded():
    wrong = SENTENCE.replace("rejected", "approved")
    claim, embedded = _run(VerifyOptions(), wrong.replace("nobody", "nobody at all"))
    # "approved" is not in the passage: lexical coverage drops below sure, so it is embedded
    assert embedded > 0
    number, embedded = _run(
        VerifyOptions(), SENTENCE.replace("in Millbrook", "in Millbrook, 37 years ago,")
    )
    assert embedded == 0  # numbers are not content words: every word is still there
    assert number.status == "fail" and '"37 years"' in number.message
