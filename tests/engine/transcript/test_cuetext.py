"""Speaker markers and tags inside cues, on small inline documents."""

from __future__ import annotations

import pytest

from podium.engine.transcript import parse_transcript
from podium.engine.transcript.cuetext import split_cue


@pytest.mark.parametrize(
    ("raw", "pieces"),
    [
        ("<v Dana Whitfield>Welcome.", [("Dana Whitfield", "Welcome.")]),
        ("<v.loud.first Dana Whitfield>Welcome.</v>", [("Dana Whitfield", "Welcome.")]),
        ("<v Ann &amp; Bo>Hi", [("Ann & Bo", "Hi")]),
        ("<v A>Hi</v> <v B>Hello</v>", [("A", "Hi"), ("B", "Hello")]),
        (">> Eleanor Voss: Thank you.", [("Eleanor Voss", "Thank you.")]),
        ("[Samuel Okafor] Five years.", [("Samuel Okafor", "Five years.")]),
        ("[Samuel Okafor]\nFive years.", [("Samuel Okafor", "Five years.")]),
        ("[inaudible] five years.", [(None, "[inaudible] five years.")]),
        ("[Background Noise]", [(None, "[Background Noise]")]),
        ("Here's the thing: it failed.", [(None, "Here's the thing: it failed.")]),
        ("SPEAKER_02: Yes.", [("SPEAKER_02", "Yes.")]),
        ("Dr. Anna O'Neil-Smith: Yes.", [("Dr. Anna O'Neil-Smith", "Yes.")]),
        ('{\\an8}<font color="#fff">Top line</font>', [(None, "Top line")]),
        ("a &lt;b&gt; c", [(None, "a <b> c")]),
    ],
)
def test_split_cue(raw, pieces):
    assert split_cue(raw) == pieces


def test_srt_without_cue_numbers_and_with_shortened_times():
    text = (
        "00:00:01,000 --> 00:00:03,500\nDana Whitfield: Welcome.\n\n"
        "0:00:04.25 --> 0:00:06\nMin-jun Park: Thanks.\n"
    )
    t = parse_transcript(text, format="srt", source="x.srt")
    assert [(s.start, s.end, s.speaker, s.text) for s in t.segments] == [
        (1.0, 3.5, "Dana Whitfield", "Welcome."),
        (4.25, 6.0, "Min-jun Park", "Thanks."),
    ]


def test_vtt_region_block_and_cue_without_blank_line_after_note():
    text = (
        "WEBVTT\n\nREGION\nid:fred\nwidth:40%\n\n"
        "00:00:01.000 --> 00:00:02.000 region:fred\n<v A>One.\n\n"
        "NOTE two cues follow\n\n"
        "00:00:02.000 --> 00:00:03.000\nTwo.\n"
    )
    t = parse_transcript(text, source="x.vtt")
    assert [(s.speaker, s.text) for s in t.segments] == [("A", "One."), ("A", "Two.")]


def test_text_lines_that_start_with_a_time_but_name_nobody():
    text = (
        "[00:00:05] Dana Whitfield: We started late.\n"
        "10:30 is when we started: the doors opened then.\n"
        "[00:00:09] the panel went on: three speakers.\n"
        "\n"
        "We met at 10:40\n"
    )
    t = parse_transcript(text, format="txt")
    assert [(s.start, s.speaker, s.text) for s in t.segments] == [
        (5.0, "Dana Whitfield",
         "We started late. 10:30 is when we started: the doors opened then."),
        (9.0, "Dana Whitfield", "the panel went on: three speakers. We met at 10:40"),
    ]  # fmt: skip


def test_names_with_accents_and_particles():
    assert split_cue("Élise de la Croix: Merci.") == [("Élise de la Croix", "Merci.")]
    assert split_cue("[Ludwig van Beethoven] Yes.") == [("Ludwig van Beethoven", "Yes.")]
