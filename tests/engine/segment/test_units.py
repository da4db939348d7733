"""Sentences and blocks (segment/units.py) on hand-built transcripts: every expected value
is counted by hand from the input written here."""

from __future__ import annotations

from podium.engine.segment import Sentence, make_blocks, split_sentences
from podium.engine.transcript.model import Segment, Transcript


def transcript(*cues: tuple[float, float, str, str]) -> Transcript:
    return Transcript([Segment(start, end, speaker, text) for start, end, speaker, text in cues])


def sentence(index: int, words: int, turn: int, speaker: str = "A", start: float = 0.0):
    text = " ".join(["word"] * (words - 1) + ["end."])
    return Sentence(index, text, speaker, turn, index, index, start + index, start + index + 1)


def test_a_sentence_cut_by_caption_cues_is_one_sentence_from_its_first_cue():
    spoken = transcript(
        (0.0, 2.0, "Dana", "Good morning and"),
        (2.0, 4.0, "Dana", "welcome to the panel. Our first"),
        (4.0, 6.0, "Dana", "speaker is Min-jun Park."),
    )
    sentences = split_sentences(spoken)
    assert [s.text for s in sentences] == [
        "Good morning and welcome to the panel.",
        "Our first speaker is Min-jun Park.",
    ]
    first, second = sentences
    assert (first.segment, first.end_segment, first.start, first.end) == (0, 1, 0.0, 4.0)
    assert (second.segment, second.end_segment, second.start, second.end) == (1, 2, 2.0, 6.0)
    assert [s.index for s in sentences] == [0, 1]
    assert {s.speaker for s in sentences} == {"Dana"} and {s.turn for s in sentences} == {0}


def test_a_change_of_speaker_ends_a_sentence_even_without_a_full_stop():
    spoken = transcript(
        (0.0, 3.0, "Dana", "So what do you make of it"),
        (3.0, 6.0, "Park", "I think it matters. A lot."),
        (6.0, 8.0, "Dana", "Thank you"),
    )
    sentences = split_sentences(spoken)
    assert [(s.speaker, s.turn, s.text) for s in sentences] == [
        ("Dana", 0, "So what do you make of it"),
        ("Park", 1, "I think it matters."),
        ("Park", 1, "A lot."),
        ("Dana", 2, "Thank you"),
    ]
    assert [s.words for s in sentences] == [7, 4, 2, 2]


def test_cues_without_words_give_no_sentence_and_abbreviations_do_not_split():
    spoken = transcript(
        (0.0, 1.0, "A", "..."),
        (1.0, 2.0, "A", "   "),
        (2.0, 5.0, "A", "Mr. Lee met U.S. officials on 4.5 percent growth."),
    )
    sentences = split_sentences(spoken)
    assert [s.text for s in sentences] == ["Mr. Lee met U.S. officials on 4.5 percent growth."]
    assert sentences[0].segment == 2 and sentences[0].start == 2.0


def test_blocks_follow_turns_and_cut_long_turns_near_max_words():
    # Turn 0: five sentences of 50 words; turn 1: one of 10 words.
    sentences = [sentence(i, 50, turn=0) for i in range(5)] + [sentence(5, 10, turn=1, speaker="B")]
    blocks = make_blocks(sentences, max_words=120)
    # 50 + 50 = 100 fits, a third would make 150 > 120: blocks of 2, 2, 1 sentences, then turn 1.
    assert [[s.index for s in b.sentences] for b in blocks] == [[0, 1], [2, 3], [4], [5]]
    assert [b.index for b in blocks] == [0, 1, 2, 3]
    assert [b.words for b in blocks] == [100, 100, 50, 10]
    assert [(b.speaker, b.turn) for b in blocks] == [("A", 0)] * 3 + [("B", 1)]


def test_a_sentence_longer_than_max_words_is_a_block_of_its_own():
    sentences = [sentence(0, 5, 0), sentence(1, 300, 0), sentence(2, 5, 0)]
    blocks = make_blocks(sentences, max_words=120)
    assert [[s.index for s in b.sentences] for b in blocks] == [[0], [1], [2]]
    assert make_blocks([], max_words=120) == []


def test_block_properties_come_from_its_first_and_last_sentences():
    spoken = transcript(
        (0.0, 2.0, "A", "One two three."),
        (2.0, 4.0, "A", "Four five"),
        (4.0, 7.0, "A", "six. Seven."),
    )
    (block,) = make_blocks(split_sentences(spoken))
    assert block.text == "One two three. Four five six. Seven."
    assert (block.start, block.end) == (0.0, 7.0)
    assert (block.first_segment, block.last_segment) == (0, 2)
    assert block.words == 7
