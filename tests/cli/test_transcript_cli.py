"""`podium transcript convert|show` end to end.

Most tests run the real entry point (`podium.cli.main`, which turns engine
errors into one line and exit code 2) in this process, to stay fast; two run
the installed `podium` script in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from podium.engine.transcript import read_transcript

DATA = Path(__file__).resolve().parents[1] / "data" / "transcripts"
PODIUM = Path(sys.executable).with_name("podium")


def podium_script(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PODIUM), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"COLUMNS": "120", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        timeout=60,
    )


def test_convert_by_extension(podium, tmp_path):
    out = tmp_path / "panel.srt"
    result = podium("transcript", "convert", DATA / "panel.vtt", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"wrote {out}"
    assert out.read_text(encoding="utf-8").startswith(
        "1\n00:10:31,200 --> 00:10:38,900\nDana Whitfield: Let's turn to Pyongyang's own agenda."
    )
    assert [s.text for s in read_transcript(out).segments] == [
        s.text for s in read_transcript(DATA / "panel.vtt").segments
    ]


def test_convert_to_stdout_with_speaker_map(podium):
    result = podium(
        "transcript", "convert", DATA / "panel.json", "-", "--to", "txt",
        "--speaker-map", DATA / "speaker_map.yaml",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "After the Party Congress: Options for Engagement with Pyongyang"
    assert lines[2].startswith("[10:31] Dana Whitfield: Let's turn to Pyongyang's own agenda.")
    assert lines[3].startswith("[10:40] Min-jun Park: What stood out")
    assert "SPEAKER_0" not in result.stdout


def test_convert_qmsum_needs_no_hint(podium, qmsum_dir, tmp_path):
    out = tmp_path / "meeting.vtt"
    result = podium(
        "transcript",
        "convert",
        qmsum_dir / "val" / sorted(p.name for p in (qmsum_dir / "val").glob("*.json"))[0],
        out,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("WEBVTT")


def test_convert_reports_repairs_as_warnings(podium, tmp_path):
    result = podium("transcript", "convert", DATA / "unsorted_overlap.vtt", tmp_path / "fixed.json")
    assert result.returncode == 0
    source = DATA / "unsorted_overlap.vtt"
    assert (
        f"warning: {source}:12: cue at 00:00:12.000 starts before the cue above it" in result.stderr
    )
    assert f"warning: {source}:3: cue ends at 00:00:06.500" in result.stderr
    starts = [s["start"] for s in json.loads((tmp_path / "fixed.json").read_text())["segments"]]
    assert starts == sorted(starts)


def test_show_table(podium):
    result = podium("transcript", "show", DATA / "panel.vtt")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "After the Party Congress: Options for Engagement with Pyongyang"
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:6]]
            for line in out.splitlines() if line.startswith("│")}  # fmt: skip
    assert rows["Dana Whitfield"][0] == "4"  # turns
    assert rows["Eleanor Voss"][:2] == ["2", "86"]  # turns, words
    assert rows["Total"][:2] == ["11", "274"]
    assert (
        "panel.vtt: 4 speakers, 11 turns, 13 segments, 274 words, duration 2:20 (10:31–12:52), language en"
        in out
    )
    assert result.stderr == ""


def test_show_turns_and_unknown_speakers(podium):
    result = podium("transcript", "show", DATA / "faster_whisper.json", "--turns")
    assert result.returncode == 0, result.stderr
    assert "(unknown)" in result.stdout
    flowing = " ".join(result.stdout.split())
    assert "0:00 Good evening and welcome. Tonight's panel asks what comes after" in flowing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", DATA / "bad" / "end_before_start.vtt"],
         f"error: {DATA / 'bad' / 'end_before_start.vtt'}:57: cue end 00:01:02.000 is before its start 00:01:05.000"),
        (["show", DATA / "bad" / "wrong_shape.json"],
         f'error: {DATA / "bad" / "wrong_shape.json"}:8: segments[3].start: expected a number of seconds, got "1:05"'),
        (["convert", DATA / "bad" / "binary.vtt", "out.srt"],
         f"error: {DATA / 'bad' / 'binary.vtt'}: binary file, not a transcript"),
        (["convert", DATA / "panel.vtt", "panel.docx"],
         "error: cannot tell the output format from 'panel.docx': give --to"),
        (["convert", DATA / "panel.vtt", "-", "--to", "pdf"],
         "error: unknown format 'pdf' (known: vtt, srt, json, txt, md)"),
        (["show", DATA / "panel.vtt", "--from", "docx"],
         f"error: {DATA / 'panel.vtt'}: unknown format 'docx'"),
        (["show", DATA / "missing.vtt"], f"error: {DATA / 'missing.vtt'}: no such file"),
        (["convert", DATA / "panel.json", "-", "--to", "txt", "--speaker-map", DATA / "panel.json"],
         f"error: {DATA / 'panel.json'}: speaker 'segments': expected a name or a mapping"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(podium, tmp_path, args, message):
    result = podium("transcript", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_help_shows_examples(podium):
    result = podium("transcript", "convert", "--help")
    assert result.returncode == 0
    assert "podium transcript convert panel.vtt panel.srt" in result.stdout
    assert "--speaker-map" in result.stdout


def test_installed_script_shows_a_transcript():
    result = podium_script("transcript", "show", DATA / "panel_headers.txt")
    assert result.returncode == 0, result.stderr
    assert "panel_headers.txt: 4 speakers, 6 turns, 6 segments" in result.stdout


def test_installed_script_bad_file_exit_2_without_traceback():
    bad = DATA / "bad" / "truncated.json"
    result = podium_script("transcript", "convert", bad, "-", "--to", "md")
    assert result.returncode == 2
    assert (
        result.stderr == f"error: {bad}:12: not valid JSON: Expecting ':' delimiter (column 12)\n"
    )
    assert result.stdout == ""


def test_markup_in_names_is_printed_as_written(podium, tmp_path):
    path = tmp_path / "[odd].vtt"
    path.write_text(
        "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\n<v [bold]X>late\n\n"
        "00:00:01.000 --> 00:00:02.000\n<v [red]Y[/]>early\n",
        encoding="utf-8",
    )
    result = podium("transcript", "show", path)
    assert result.returncode == 0
    assert "│ [red]Y[/] " in result.stdout
    assert "[odd].vtt: 2 speakers" in result.stdout
    assert f"warning: {path}:6: cue at 00:00:01.000 starts before" in result.stderr


def test_missing_argument_is_a_usage_error(podium):
    result = podium("transcript", "convert", DATA / "panel.vtt")
    assert result.returncode == 2
    assert "Missing argument 'OUT'" in result.stderr
    assert "Traceback" not in result.stderr


def test_docs_show_example_is_the_real_output(podium, monkeypatch):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "transcripts.md").read_text()
    block = docs.split("$ podium transcript show panel.vtt\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(DATA)
    result = podium("transcript", "show", "panel.vtt")
    assert result.stdout == block
