"""Normalisation and the transcript word index (verify.text)."""

from __future__ import annotations

from podium.engine.verify.text import TranscriptIndex, words

from .conftest import make_transcript


def test_case_punctuation_and_curly_quotes_are_ignored():
    assert words("“North Korea’s” — Pyongyang!") == words('"north korea\'s" pyongyang')


def test_fillers_and_asides_are_dropped():
    assert words("an, um, extremely, uh, low threshold") == ["an", "extremely", "low", "threshold"]
    assert words("there is no reason, you know, why") == ["there", "is", "no", "reason", "why"]
    assert words("I mean, we don't know what I mean") == ["we", "dont", "know", "what", "i", "mean"]


def test_repeated_words_collapse():
    assert words("the the North Korean people") == words("the North Korean people")
    assert words("I think I think it works") == words("I think it works")


def test_numbers_as_digits_or_words_are_the_same():
    assert words("100,000 separated families") == words("one hundred thousand separated families")
    assert words("a hundred thousand families") == words("100000 families")
    assert (
        words("25% of them")
        == words("twenty-five per cent of them")
        == ["25", "percent", "of", "them"]
    )
    assert words("$5 million") == words("five million")


def test_a_number_run_into_the_word_before_it_is_read_as_a_number():
    # QMSum train/covid_7: "they are losing29%"; "less than 30%of their revenues"
    assert words("they are losing29%.") == words("they are losing 29%.")
    assert words("they are losing29%.")[-2:] == ["29", "percent"]
    assert words("since2015, section91") == ["since", "2015", "section", "91"]
    # a name keeps its digits: capitals, or a hyphen before them
    assert words("COVID19 and iPhone15") == ["covid19", "and", "iphone15"]
    assert words("post-16 learners") == ["post16", "learners"]


def test_abbreviations_and_hyphens():
    assert words("U.S.-ROK coordination") == words("US ROK coordination")
    assert words("people-to-people") == ["people", "to", "people"]


def test_index_spans_cues_and_maps_back_to_segments():
    transcript = make_transcript(
        (0.0, "Ann", "We have an extremely low"),
        (10.0, "Bob", "threshold is what you said"),
        words_per_cue=3,
    )
    index = TranscriptIndex.build(transcript)
    assert index.joined.strip() == "we have an extremely low threshold is what you said"
    span = index.find_all(__import__("re").compile(r"(?<= )extremely low threshold(?= )"))
    assert span == [(3, 6)]
    assert index.speaker(3) == "Ann" and index.speaker(5) == "Bob"
    assert 0.0 <= index.time(3) < index.time(5)
    assert [s.text for s in index.segments_between(3, 6)] == ["extremely low", "threshold is what"]


def test_number_split_over_two_cues_still_merges():
    transcript = make_transcript(
        (0.0, "Ann", "It affects a hundred thousand separated families"), words_per_cue=4
    )
    index = TranscriptIndex.build(transcript)
    assert "100000" in index.joined.split()
