"""Writers, and reading back what they write (to the millisecond where the format can)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podium.engine.errors import TranscriptError
from podium.engine.transcript import (
    FORMATS,
    Segment,
    Transcript,
    Word,
    format_transcript,
    parse_transcript,
    read_transcript,
    write_transcript,
)

SAMPLE = Transcript(
    segments=[
        Segment(0.0, 4.2, "Dana Whitfield", "Good evening & welcome: <panel> tonight."),
        Segment(4.2, 9.875, "Dana Whitfield", "Our speakers need no introduction."),
        Segment(
            10.5,
            12.25,
            "SPEAKER_01",
            "Thank you.",
            words=(
                Word(10.5, 11.0, "Thank", probability=0.91),
                Word(11.0, 12.25, "you.", "SPEAKER_01"),
            ),
        ),
        Segment(3725.125, 3731.0, "Eleanor Voss", "An hour in, the numbers still matter."),
    ],
    title="After the Party Congress",
    language="en",
)


def test_vtt_writer_uses_voice_tags_escapes_and_header():
    text = format_transcript(SAMPLE, "vtt")
    assert text.splitlines()[:5] == [
        "WEBVTT - After the Party Congress",
        "Language: en",
        "",
        "00:00:00.000 --> 00:00:04.200",
        "<v Dana Whitfield>Good evening &amp; welcome: &lt;panel&gt; tonight.",
    ]
    assert "01:02:05.125 --> 01:02:11.000\n<v Eleanor Voss>An hour in" in text


def test_srt_writer_numbers_cues_and_prefixes_speakers():
    text = format_transcript(SAMPLE, "srt")
    assert text.startswith(
        "1\n00:00:00,000 --> 00:00:04,200\nDana Whitfield: Good evening & welcome: <panel> tonight.\n\n2\n"
    )
    assert "4\n01:02:05,125 --> 01:02:11,000\nEleanor Voss: An hour in" in text


def test_json_writer_keeps_words():
    data = json.loads(format_transcript(SAMPLE, "json"))
    assert data["title"] == "After the Party Congress"
    assert data["segments"][2]["words"] == [
        {"start": 10.5, "end": 11.0, "text": "Thank", "probability": 0.91},
        {"start": 11.0, "end": 12.25, "text": "you.", "speaker": "SPEAKER_01"},
    ]
    assert "words" not in data["segments"][0]


def test_txt_writer_one_line_per_turn():
    assert format_transcript(SAMPLE, "txt") == (
        "After the Party Congress\n\n"
        "[0:00] Dana Whitfield: Good evening & welcome: <panel> tonight. Our speakers need no introduction.\n"
        "[0:10] SPEAKER_01: Thank you.\n"
        "[1:02:05] Eleanor Voss: An hour in, the numbers still matter.\n"
    )


def test_md_writer_headings_per_turn():
    assert format_transcript(SAMPLE, "md") == (
        "# After the Party Congress\n\n"
        "### Dana Whitfield · 0:00\n\n"
        "Good evening & welcome: <panel> tonight. Our speakers need no introduction.\n\n"
        "### SPEAKER_01 · 0:10\n\nThank you.\n\n"
        "### Eleanor Voss · 1:02:05\n\nAn hour in, the numbers still matter.\n"
    )


@pytest.mark.parametrize("fmt", ["vtt", "json"])
def test_round_trip_exact(fmt):
    back = parse_transcript(format_transcript(SAMPLE, fmt), format=fmt)
    if fmt == "vtt":  # WebVTT has no word timings
        expected = [Segment(s.start, s.end, s.speaker, s.text) for s in SAMPLE.segments]
    else:
        expected = SAMPLE.segments
    assert back.segments == expected
    assert (back.title, back.language) == (SAMPLE.title, SAMPLE.language)


def test_round_trip_srt_keeps_cues_and_speakers():
    plain = Transcript(
        [
            Segment(s.start, s.end, s.speaker, s.text.replace("<panel>", "panel"))
            for s in SAMPLE.segments
        ]
    )
    back = parse_transcript(format_transcript(plain, "srt"), format="srt")
    assert back.segments == plain.segments


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_round_trip_turns_to_the_second(fmt):
    back = parse_transcript(format_transcript(SAMPLE, fmt), format=fmt)
    assert back.title == SAMPLE.title
    assert [(t.speaker, int(t.start), t.text) for t in back.turns()] == [
        (t.speaker, int(t.start), t.text) for t in SAMPLE.turns()
    ]


@pytest.mark.parametrize(
    "name",
    [
        "panel.vtt",
        "panel.srt",
        "panel.json",
        "whisperx.json",
        "zoom_bom_crlf.vtt",
        "late_session.srt",
        "youtube_auto.vtt",
        "panel_headers.txt",
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_example_file_survives_every_writer(transcripts, tmp_path, name, fmt):
    original = read_transcript(transcripts / name)
    path = tmp_path / f"out.{fmt}"
    write_transcript(original, path)
    back = read_transcript(path)
    assert back.warnings == []
    if fmt == "json":
        assert back.segments == original.segments
    elif fmt in ("vtt", "srt"):
        assert [(s.start, s.end, s.speaker, s.text) for s in back.segments] == [
            (s.start, s.end, s.speaker, s.text) for s in original.segments
        ]
    else:
        assert [(t.speaker, int(t.start), t.text) for t in back.turns()] == [
            (t.speaker, int(t.start), t.text) for t in original.turns()
        ]


def test_write_needs_a_known_extension_or_format(tmp_path):
    with pytest.raises(TranscriptError, match="cannot tell the format from the name 'out.docx'"):
        write_transcript(SAMPLE, tmp_path / "out.docx")
    write_transcript(SAMPLE, tmp_path / "out.docx", format="md")
    assert (tmp_path / "out.docx").read_text(encoding="utf-8").startswith("# After the Party")


# --- property-based round trips ----------------------------------------------------

NAMES = ["Dana Whitfield", "Min-jun Park", "SPEAKER_01", "Dr. Eleanor O'Voss", "Samuel Okafor"]
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.,?!':", min_size=1, max_size=10)


@st.composite
def transcripts_(draw, alphabet_extra: bool):
    count = draw(st.integers(1, 8))
    clock = 0
    segments = []
    for _ in range(count):
        clock += draw(st.integers(0, 5000))
        length = draw(st.integers(0, 20000))
        text = " ".join(draw(st.lists(words, min_size=1, max_size=12)))
        if alphabet_extra:
            text += draw(st.sampled_from(["", " & co", " <b>not a tag</b>", " a -> b"]))
        segments.append(
            Segment(clock / 1000, (clock + length) / 1000, draw(st.sampled_from(NAMES)), text)
        )
        clock += length
    title = draw(st.one_of(st.none(), st.sampled_from(["Spring panel", "Sanctions and aid"])))
    return Transcript(segments=segments, title=title, language=draw(st.sampled_from([None, "en"])))


@settings(max_examples=60, deadline=None)
@given(transcripts_(alphabet_extra=True))
def test_vtt_and_json_round_trip_any_transcript(transcript):
    for fmt in ("vtt", "json"):
        back = parse_transcript(format_transcript(transcript, fmt), format=fmt)
        assert back.segments == transcript.segments
        assert back.title == transcript.title
        assert back.warnings == []


@settings(max_examples=60, deadline=None)
@given(transcripts_(alphabet_extra=False))
def test_srt_round_trip_any_transcript(transcript):
    back = parse_transcript(format_transcript(transcript, "srt"), format="srt")
    assert back.segments == transcript.segments


@settings(max_examples=60, deadline=None)
@given(transcripts_(alphabet_extra=True), st.sampled_from(["txt", "md"]))
def test_txt_and_md_round_trip_turns_of_any_transcript(transcript, fmt):
    back = parse_transcript(format_transcript(transcript, fmt), format=fmt)
    assert back.title == transcript.title
    assert [(t.speaker, int(t.start), t.text) for t in back.turns()] == [
        (t.speaker, int(t.start), t.text) for t in transcript.turns()
    ]


def test_arrows_cannot_break_a_written_file():
    odd = Transcript(
        [Segment(0.0, 1.0, "A --> B", "from a --> to b"), Segment(1.0, 2.0, "C", "fine")],
        title="Before --> after",  # the one line a header can hold
        language="en --> fr",
    )
    for fmt in FORMATS:
        back = parse_transcript(format_transcript(odd, fmt), format=fmt)
        assert [s.text.endswith("fine") for s in back.segments] == [False, True]
        assert back.warnings == []
