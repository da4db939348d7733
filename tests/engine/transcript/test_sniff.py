"""Choosing the reader: by extension, else by content (files copied without a name hint)."""

from __future__ import annotations

import shutil

import pytest

from podium.engine.transcript import parse_transcript, read_transcript
from podium.engine.transcript.sniff import format_from_path, sniff_format

EXAMPLES = {
    "panel.vtt": "vtt",
    "zoom_bom_crlf.vtt": "vtt",
    "panel.srt": "srt",
    "late_session.srt": "srt",
    "panel.json": "json",
    "segments_list.json": "json",
    "faster_whisper.json": "json",
    "whisperx.json": "json",
    "panel_headers.txt": "txt",
    "panel_lines.txt": "txt",
    "panel_rev.txt": "txt",
    "panel.md": "txt",
    "youtube_auto.vtt": "vtt",
    "youtube_transcript_panel.txt": "txt",
    "otter_export.txt": "txt",
    "name_time_lines.txt": "txt",
    "sonix.txt": "txt",
}


@pytest.mark.parametrize(("name", "expected"), EXAMPLES.items())
def test_content_sniffing(transcripts, name, expected):
    text = (transcripts / name).read_text(encoding="utf-8-sig")
    assert sniff_format(text) == expected


@pytest.mark.parametrize("name", EXAMPLES)
def test_file_without_extension_reads_like_the_original(transcripts, tmp_path, name):
    copy = tmp_path / "transcript"
    shutil.copyfile(transcripts / name, copy)
    original = read_transcript(transcripts / name)
    sniffed = read_transcript(copy)
    assert sniffed.segments == original.segments
    assert sniffed.source == str(copy)


def test_a_txt_file_holding_webvtt_is_read_as_webvtt(transcripts, tmp_path):
    copy = tmp_path / "captions.txt"
    shutil.copyfile(transcripts / "panel.vtt", copy)
    assert read_transcript(copy).segments == read_transcript(transcripts / "panel.vtt").segments


def test_extension_wins_over_content_for_specific_formats(transcripts, tmp_path):
    copy = tmp_path / "really-srt.vtt"
    shutil.copyfile(transcripts / "panel.srt", copy)
    with pytest.raises(Exception, match=r"really-srt.vtt:1: not a WebVTT file"):
        read_transcript(copy)
    assert (
        read_transcript(copy, format="srt").segments
        == read_transcript(transcripts / "panel.srt").segments
    )


def test_format_from_path():
    assert [format_from_path(p) for p in ("a.VTT", "b.srt", "c.json", "d.txt", "e.md", "f", "g.docx")] == [
        "vtt", "srt", "json", "txt", "md", None, None,
    ]  # fmt: skip


def test_text_that_starts_with_a_bracketed_time_is_not_json():
    t = parse_transcript("[00:00:05] Dana Whitfield: Welcome.\n[00:00:09] Min-jun Park: Thanks.\n")
    assert [(s.start, s.speaker) for s in t.segments] == [
        (5.0, "Dana Whitfield"),
        (9.0, "Min-jun Park"),
    ]


def test_headerless_cues_with_dots_are_read_as_srt(tmp_path):
    path = tmp_path / "captions"
    path.write_text(
        "00:00:01.000 --> 00:00:03.500\nDana Whitfield: Welcome.\n\n"
        "00:00:04.000 --> 00:00:06.000\nMin-jun Park: Thanks.\n",
        encoding="utf-8",
    )
    t = read_transcript(path)
    assert [(s.start, s.speaker) for s in t.segments] == [
        (1.0, "Dana Whitfield"),
        (4.0, "Min-jun Park"),
    ]


def test_headerless_bad_timings_are_reported_by_the_srt_reader(tmp_path):
    path = tmp_path / "captions"
    path.write_text("1\n00:00:0x,000 --> 00:00:03,500\nWelcome.\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"captions:2: bad cue start time '00:00:0x,000'"):
        read_transcript(path)
