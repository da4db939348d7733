"""Bad transcript files: one `TranscriptError` each, naming file, line and problem."""

from __future__ import annotations

import pytest

from podium.engine.errors import TranscriptError
from podium.engine.transcript import parse_transcript, read_transcript

CASES = [
    ("end_before_start.vtt", 57, "cue end 00:01:02.000 is before its start 00:01:05.000"),
    ("bad_time.vtt", 6, "bad cue end time '00:00:68.000' (expected hh:mm:ss.mmm)"),
    (
        "missing_arrow.vtt",
        6,
        "expected cue timings 'hh:mm:ss.mmm --> hh:mm:ss.mmm', found '00:00:05.000 -> 00:00:08.000'",
    ),
    (
        "no_header.vtt",
        1,
        "not a WebVTT file: the first line must be 'WEBVTT' (this looks like SRT: try --from srt)",
    ),
    ("garbage_timestamp.srt", 6, "bad cue start time '00:00:0x,500' (expected hh:mm:ss,mmm)"),
    ("truncated.json", 12, "not valid JSON: Expecting ':' delimiter (column 12)"),
    ("wrong_shape.json", 8, 'segments[3].start: expected a number of seconds, got "1:05"'),
    ("end_before_start.json", 3, "segments[1].end: 12 is before start 15.5"),
    ("missing_text.json", 3, "[1]: 'text' is missing"),
    ("bad_time.txt", 3, "bad time '00:61:10' (expected h:mm:ss or mm:ss)"),
    ("latin1.txt", 2, "not UTF-8 text (byte 0xe9); save the file as UTF-8"),
    ("binary.vtt", None, "binary file, not a transcript (expected text: vtt, srt, json or txt)"),
    ("empty.srt", None, "empty file, no transcript in it"),
    ("blank.vtt", None, "empty file, no transcript in it"),
    (
        "not_a_transcript.txt",
        None,
        "no transcript found: expected '[00:10:40] Name: text' lines or 'Name  00:10:40' "
        "header lines (or a vtt, srt or json file)",
    ),
]


@pytest.mark.parametrize(("name", "line", "reason"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_names_file_line_and_reason(bad, name, line, reason):
    path = bad / name
    with pytest.raises(TranscriptError) as caught:
        read_transcript(path)
    error = caught.value
    assert (error.source, error.line, error.reason) == (str(path), line, reason)
    where = f"{path}:{line}" if line else str(path)
    assert str(error) == f"{where}: {reason}"


def test_missing_file(tmp_path):
    with pytest.raises(TranscriptError, match="no such file"):
        read_transcript(tmp_path / "nowhere.vtt")


def test_directory_is_not_a_transcript(tmp_path):
    with pytest.raises(TranscriptError, match="is a directory"):
        read_transcript(tmp_path)


def test_unknown_format_name():
    with pytest.raises(TranscriptError) as caught:
        parse_transcript("WEBVTT\n", format="docx")
    assert caught.value.reason == "unknown format 'docx' (known: vtt, srt, json, qmsum, txt, md)"


def test_vtt_with_header_only_has_no_speech():
    with pytest.raises(TranscriptError) as caught:
        parse_transcript("WEBVTT\n\nNOTE nothing yet\n", source="draft.vtt")
    assert str(caught.value) == "draft.vtt: no speech found in this vtt file (no cues with text)"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('{"segments": {"start": 1}}', 1, "segments: expected a list of segments, got an object"),
        ('{"title": 5, "segments": []}', 1, "title: expected a string, got 5"),
        (
            '{"text": "hello"}',
            1,
            "expected a 'segments' list (Podium, faster-whisper or WhisperX "
            "JSON) or a QMSum meeting ('meeting_transcripts')",
        ),
        ("[\n 1,\n 2\n]", 2, "[0]: expected a segment object, got 1"),
        (
            '[\n {"start": -1, "end": 2, "text": "x"}\n]',
            2,
            "[0].start: must not be negative, got -1",
        ),
        (
            '[\n {"start": 0, "end": 2, "text": ["x"]}\n]',
            2,
            "[0].text: expected a string, got a list",
        ),
        (
            '[{"start": 0, "end": 2, "text": "x",\n  "words": [{"start": 0, "end": 1, "word": "x"},\n'
            '    {"start": 2, "end": 1, "word": "y"}]}]',
            3,
            "[0].words[1].end: 1 is before start 2",
        ),
        (
            '[{"start": 0, "end": true, "text": "x"}]',
            1,
            "[0].end: expected a number of seconds, got true",
        ),
        ('[{"end": 2, "text": "x"}]', 1, "[0]: 'start' is missing"),
        (
            '"just a string"',
            1,
            "expected an object with 'segments' or a list of segments, got \"just a string\"",
        ),
    ],
)
def test_json_shape_errors_name_the_path_and_line(text, line, reason):
    with pytest.raises(TranscriptError) as caught:
        parse_transcript(text, format="json", source="talk.json")
    assert (caught.value.line, caught.value.reason) == (line, reason)


def test_json_field_line_is_the_line_of_the_key_not_of_a_nested_one():
    text = (
        "[\n"
        "  {\n"
        '    "words": [{"start": 1.0, "end": 1.5, "word": "hi"}],\n'
        '    "text": "hi",\n'
        '    "start": "soon",\n'
        '    "end": 2.0\n'
        "  }\n"
        "]\n"
    )
    with pytest.raises(TranscriptError) as caught:
        parse_transcript(text, source="talk.json")
    assert str(caught.value) == 'talk.json:5: [0].start: expected a number of seconds, got "soon"'


def test_srt_text_before_the_first_cue_is_refused():
    text = "Panel transcript\n\n1\n00:00:01,000 --> 00:00:02,000\nHello.\n"
    with pytest.raises(TranscriptError) as caught:
        parse_transcript(text, format="srt", source="x.srt")
    assert str(caught.value) == "x.srt:1: text before the first cue: 'Panel transcript'"
