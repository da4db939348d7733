"""Which span makes a section's claim: the best that can be reported, looked for past the
shortlist before the section falls back to "<Name> addressed <subject>."

The section here is written by hand: a member's question, then a witness whose
best-ranked sentences all say "we" with no institution known for it (they can be
quoted, not reported), and one plain statement ranked further down.
"""

from __future__ import annotations

import numpy as np

from podium.engine.segment.tiling import Segmentation, TopicSpan
from podium.engine.segment.units import Block, Sentence
from podium.engine.transcript.model import Segment, Transcript
from podium.engine.write import extractive
from podium.engine.write.extractive import Candidate, Plan, spans_of

WITNESS = "Huw Irranca-Davies"
PLACES = [
    "Cardiff", "Swansea", "Newport", "Wrexham", "Bangor", "Aberystwyth", "Llanelli", "Barry",
    "Merthyr", "Caerphilly", "Bridgend", "Neath", "Rhyl", "Pembroke", "Monmouth", "Brecon",
    "Conwy", "Cardigan", "Tenby", "Ruthin", "Llandudno", "Flint", "Mold", "Chepstow",
    "Abergavenny", "Welshpool", "Newtown", "Holyhead",
]  # fmt: skip
STATEMENT = "The capital fund pays for new childcare buildings in every county of Wales."


def _section(statement_at: int) -> tuple[Plan, Candidate, list]:
    """A question, then the witness: "we" sentences with the statement at rank `statement_at`."""
    texts = [("Hefin David", "What is happening with capital funding for childcare buildings?")]
    answers = [
        f"We have to support the childcare providers of {place} through the long winter."
        for place in PLACES
    ]
    answers.insert(statement_at, STATEMENT)
    texts += [(WITNESS, text) for text in answers]
    sentences, segments = [], []
    for index, (speaker, text) in enumerate(texts):
        turn = 0 if speaker != WITNESS else 1
        start = 10.0 * index
        sentences.append(Sentence(index, text, speaker, turn, index, index, start, start + 9))
        segments.append(Segment(start, start + 9, speaker, text))
    blocks = [
        Block(0, "Hefin David", 0, tuple(sentences[:1])),
        Block(1, WITNESS, 1, tuple(sentences[1:])),
    ]
    topic = TopicSpan(
        0, 0, len(sentences) - 1, 0.0, sentences[-1].end, ("Hefin David", WITNESS), 0, 1
    )
    vectors = np.eye(len(sentences), dtype=np.float32)
    seg = Segmentation([topic], sentences, blocks, vectors, np.zeros(len(blocks)))
    own = sentences[1:]
    candidate = Candidate(
        topic, WITNESS, own, sum(s.words for s in own), 0.0, np.ones(len(sentences)) / 5
    )
    # ranked as the answer is ordered: the statement at rank `statement_at`
    spans = [span for s in own for span in spans_of(s, 1.0) if span.text == s.text]
    for rank, span in enumerate(spans):
        span.score = 1.0 - rank / 100
    transcript = Transcript(segments)
    plan = Plan(transcript, seg, {}, set(), [], set(), {})
    return plan, candidate, spans


def test_the_sentences_rank_as_the_test_needs():
    plan, _, spans = _section(extractive.SHORTLIST + 1)
    assert spans[extractive.SHORTLIST + 1].text == STATEMENT
    assert all(s.clean and s.quotable for s in spans)
    # the "we" sentences can be quoted but not reported: no institution is known for "we"
    assert plan.reported(spans[0]) is None
    assert plan.reported(spans[extractive.SHORTLIST + 1]) is not None


def test_a_claim_past_the_shortlist_is_better_than_none():
    plan, candidate, spans = _section(extractive.SHORTLIST + 1)
    draft = extractive._draft(candidate, spans, plan, "Capital Funding", set())
    assert draft is not None
    first = draft.lines[0]
    assert first.form == "clause" and first.span.text == STATEMENT
    assert first.text.lower().startswith("the capital fund pa")
    # the quote is still the best quotable sentence, the speaker's own words
    assert draft.lines[-1].form == "quote" and draft.lines[-1].span is spans[0]


def test_the_search_for_a_claim_stops_after_two_shortlists():
    plan, candidate, spans = _section(2 * extractive.SHORTLIST + 1)
    draft = extractive._draft(candidate, spans, plan, "Capital Funding", set())
    assert draft is not None
    assert [line.form for line in draft.lines] == ["frame", "quote"]


def test_a_framed_section_without_a_claim_opens_on_the_question_not_on_addressed():
    """QMSum train read "Williams addressed the Home Office. Asked by …" never: the frame was
    dropped behind the "addressed" sentence; the question says what the quote answers."""
    plan, candidate, spans = _section(2 * extractive.SHORTLIST + 1)
    draft = extractive._draft(candidate, spans, plan, "Capital Funding", set())
    assert draft is not None and [line.form for line in draft.lines] == ["frame", "quote"]
    draft.phrase = "capital funding"
    draft.asker, draft.about = "Hefin David", "capital funding for childcare buildings"
    summary = extractive.render_drafts(plan, [draft])[0].sections[0].summary[0]
    assert summary.startswith(
        f"Asked by Hefin David about capital funding for childcare buildings, {WITNESS} "
    ), summary
    assert "addressed" not in summary
    # a question that named nothing: "In reply to" says too little, "addressed" stays
    draft.about = ""
    summary = extractive.render_drafts(plan, [draft])[0].sections[0].summary[0]
    assert summary.startswith(f"{WITNESS} addressed capital funding. "), summary
    assert "In reply to Hefin David" not in summary
