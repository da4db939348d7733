"""Unreadable input ends in one red line and exit code 2, never a traceback or exit 1.

Exit 1 is `podium verify`'s "a finding failed"; a brief or transcript it cannot
read is bad input (2). These are the inputs issue 17 found crashing: brief
JSON with NaN, 1e400 or deep nesting, YAML front matter nested too deep,
a time 999,999 hours in.
"""

from __future__ import annotations

import json

import pytest

BRIEF = {
    "version": 1,
    "title": "Water",
    "parts": [{"title": "", "sections": [{"number": 1, "title": "Rivers", "start": 65}]}],
}


def brief_with_start(start: str) -> str:
    return json.dumps(BRIEF).replace('"start": 65', f'"start": {start}')


BAD_BRIEFS = {
    "nan-start": (brief_with_start("NaN"), "sections[0].start: expected seconds"),
    "infinite-start": (brief_with_start("1e400"), "sections[0].start: expected seconds"),
    "huge-start": (brief_with_start("1e300"), "sections[0].start: expected seconds"),
    "nested-json": ("[" * 1000 + "]" * 1000, "expected an object, got a list"),
    "nested-title": (
        json.dumps(BRIEF).replace('"Water"', "[" * 1000 + "]" * 1000),
        "title: expected text, got a list",
    ),
    "very-nested-json": ("[" * 100_000 + "]" * 100_000, "not valid JSON: nested too deeply"),
    "nested-front-matter": ("---\na: " + "[" * 100_000 + "\n---\n# T\n", "nested too deeply"),
    "huge-time": ("Program Brief\n\nT\n\n1. Rivers ▶ [999999:00:00]\n\nLee said so.\n", ""),
    "huge-paragraph": (
        "# T\n\n### 1. Rivers ▶ [1:05]\n\n" + "word " * 3000 + "\n",
        "a brief paragraph has at most 10,000",
    ),
}


@pytest.mark.parametrize("name", BAD_BRIEFS)
@pytest.mark.parametrize("command", ["verify", "render"])
def test_an_unreadable_brief_exits_2_with_one_line(podium, tmp_path, data_dir, name, command):
    text, expected = BAD_BRIEFS[name]
    brief = tmp_path / ("brief.json" if text.startswith(("{", "[")) else "brief.md")
    brief.write_text(text, encoding="utf-8")
    args = [brief, data_dir / "transcripts" / "panel.vtt"] if command == "verify" else [brief]
    result = podium(command, *args, columns=400)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: {brief}")
    assert expected in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("late.vtt", "WEBVTT\n\n999999:00:00.000 --> 999999:00:01.000\nhello\n"),
        ("nan.json", '{"segments": [{"start": NaN, "end": 1, "text": "hi"}]}'),
        ("huge.json", '{"segments": [{"start": 0, "end": 1e300, "text": "hi"}]}'),
        ("deep.json", '{"segments": ' + "[" * 1000 + "]" * 1000 + "}"),
        ("late.txt", "[999999:00:00] Dana: hello\n"),
    ],
)
def test_an_unreadable_transcript_exits_2_for_verify_and_convert(
    podium, tmp_path, data_dir, name, text
):
    transcript = tmp_path / name
    transcript.write_text(text, encoding="utf-8")
    brief = data_dir / "briefs" / "water_security.md"
    for args in (
        ["verify", brief, transcript],
        ["transcript", "convert", transcript, "-", "--to", "vtt"],
    ):
        result = podium(*args, columns=400)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert result.stderr.startswith(f"error: {transcript}"), result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
