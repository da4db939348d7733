"""Which sentences a section reports, and how a committee's questions frame them.

The meetings here are written by hand: three topics of a committee hearing,
each a member's question and the witness's answer.
"""

from __future__ import annotations

import numpy as np

from podium.engine.segment.tiling import Segmentation, TopicSpan
from podium.engine.segment.units import Block, Sentence
from podium.engine.write import extractive
from podium.engine.write.extractive import Candidate, question_subject, section_keywords

TOPICS = [
    [
        ("Lynne Neagle", "How is the childcare offer reaching parents in rural areas?"),
        ("Huw Irranca-Davies", "The childcare offer now reaches parents in every county of Wales."),
        ("Huw Irranca-Davies", "Rural childcare providers told us that travel costs are high."),
        ("Huw Irranca-Davies", "We think the offer works well for parents across the country."),
    ],
    [
        ("Hefin David", "What is happening with capital funding for childcare buildings?"),
        ("Huw Irranca-Davies", "The capital fund pays for new childcare buildings in towns."),
        ("Huw Irranca-Davies", "Capital grants for buildings were agreed with every council."),
        ("Huw Irranca-Davies", "We think the offer works well for parents across the country."),
    ],
    [
        ("Llyr Gruffydd", "Is there enough Welsh-language childcare for the families who want it?"),
        ("Huw Irranca-Davies", "There is a shortage of Welsh-language childcare in the north."),
        ("Huw Irranca-Davies", "Welsh-language providers are training more Welsh-speaking staff."),
        ("Huw Irranca-Davies", "We think the offer works well for parents across the country."),
    ],
]


def _segmentation() -> Segmentation:
    sentences: list[Sentence] = []
    blocks: list[Block] = []
    topics: list[TopicSpan] = []
    turn = -1
    for number, lines in enumerate(TOPICS):
        first_block = len(blocks)
        previous = None
        for speaker, text in lines:
            if speaker != previous:
                turn += 1
                blocks.append(Block(len(blocks), speaker, turn, ()))
            previous = speaker
            index = len(sentences)
            sentence = Sentence(
                index, text, speaker, turn, index, index, 10.0 * index, 10.0 * index + 9
            )
            sentences.append(sentence)
            block = blocks[-1]
            blocks[-1] = Block(block.index, block.speaker, block.turn, (*block.sentences, sentence))
        topics.append(
            TopicSpan(
                number,
                blocks[first_block].first_segment,
                blocks[-1].last_segment,
                blocks[first_block].start,
                blocks[-1].end,
                ("Huw Irranca-Davies",),
                first_block,
                len(blocks) - 1,
            )
        )
    vectors = np.eye(len(sentences), dtype=np.float32)
    return Segmentation(topics, sentences, blocks, vectors, np.zeros(len(blocks)))


def _candidate(seg: Segmentation, topic: int) -> Candidate:
    own = [s for s in seg.topic_sentences(seg.topics[topic]) if s.speaker == "Huw Irranca-Davies"]
    vector = np.ones(len(seg.sentences), dtype=np.float32) / np.sqrt(len(seg.sentences))
    return Candidate(seg.topics[topic], own[0].speaker, own, sum(s.words for s in own), 0.0, vector)


def test_key_words_are_the_sections_own_not_the_whole_meetings():
    seg = _segmentation()
    keywords = section_keywords(_candidate(seg, 1), seg)
    assert abs(sum(keywords.values()) - 1.0) < 1e-9
    # said twice in this topic and nowhere else: the section's subject
    assert {"capital", "buildings"} <= set(keywords)
    # said in every topic ("childcare", "offer", "parents") weighs less than the subject
    assert all(
        keywords.get(w, 0.0) < keywords["capital"] for w in ("childcare", "offer", "parents")
    )
    # said once in the section: not a key word
    assert "council" not in keywords


def test_the_sentence_that_carries_the_key_words_leads(monkeypatch):
    seg = _segmentation()
    candidate = _candidate(seg, 2)
    monkeypatch.setattr(extractive, "KEYWORD_WEIGHT", 0.0)
    # centrality alone cannot tell them apart here (every sentence scores the same)
    plain = extractive.rank_spans(candidate, seg)
    monkeypatch.setattr(extractive, "KEYWORD_WEIGHT", 0.2)
    ranked = extractive.rank_spans(candidate, seg)
    assert "Welsh-language" in ranked[0].text
    assert "works well" in ranked[-1].text  # said in every topic: the least of this one
    assert ranked[0].score > next(s for s in plain if s.text == ranked[0].text).score
    # titles keep the centrality order: the score before key words is kept beside it
    assert {(s.text, s.base) for s in ranked} == {(s.text, s.score) for s in plain}


def test_the_question_names_what_the_answer_is_about():
    question = "Is there enough Welsh-language childcare for the families who want it?"
    answer = "There is a shortage of Welsh-language childcare in the north."
    assert (
        question_subject(question, "Shortage in the North", answer)
        .lower()
        .startswith("welsh-language childcare")
    )
    # nothing shared with the answer or the title: no frame from this question
    assert question_subject("What about the weather this week?", "Capital Funding", answer) == ""


def test_answer_openings_are_the_first_sentences_that_can_say_the_answer():
    """The turn after a member's question opens the answer; a polite opener is passed over
    and only the first `OPENING_SENTENCES` count. A turn that answers no question has none."""
    lines = [
        ("Lynne Neagle", "How is the childcare offer reaching parents in rural areas?"),
        ("Huw Irranca-Davies", "Thank you very much for that question, Chair."),
        ("Huw Irranca-Davies", "The childcare offer now reaches parents in every county of Wales."),
        ("Huw Irranca-Davies", "Rural childcare providers told us that travel costs are high."),
        ("Huw Irranca-Davies", "We think the offer works well for parents across the country."),
        ("Lynne Neagle", "Thank you, Minister."),
        ("Huw Irranca-Davies", "Capital grants for childcare buildings were agreed with councils."),
        ("Hefin David", "The capital fund pays for new childcare buildings in many towns."),
    ]
    sentences, turn, previous = [], -1, None
    for index, (speaker, text) in enumerate(lines):
        if speaker != previous:
            turn += 1
        previous = speaker
        sentences.append(Sentence(index, text, speaker, turn, index, index, 10.0 * index, 19.0))
    asking = extractive.asking_turns(sentences)
    assert asking == {0}
    places = extractive.answer_openings(sentences, asking)
    # the opener (1) is passed over; at most OPENING_SENTENCES of the answer; "Thank you,
    # Minister." is a short interjection, so the witness's next turn (6) still answers; a
    # member's remark that follows no question of someone else (7) does not
    assert places == {2: 0, 3: 1, 6: 0}
