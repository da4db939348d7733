"""`podium render` end to end, as a user runs it (a real process, real files)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from podium.engine.brief import parse_brief, read_brief


def podium(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "podium", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_render_seed_to_markdown_on_stdout(seed_brief_path):
    result = podium("render", str(seed_brief_path), "--to", "md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Prospects for Relations with North Korea\n")
    assert "### 6. Black Swan Scenarios ▶ [1:20:48]" in result.stdout
    assert parse_brief(result.stdout) == read_brief(seed_brief_path)
    assert result.stderr == ""


@pytest.mark.parametrize(
    "suffix, start", [(".html", "<!DOCTYPE html>"), (".json", "{"), (".txt", "Program Brief")]
)
def test_output_file_picks_the_format_from_its_extension(seed_brief_path, tmp_path, suffix, start):
    out = tmp_path / f"brief{suffix}"
    result = podium("render", str(seed_brief_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith(start)
    assert f"wrote {out}" in result.stderr.replace("\n", "")


def test_json_output_carries_speakers_from_a_speakers_file(data_dir):
    briefs = data_dir / "briefs"
    result = podium(
        "render",
        str(briefs / "water_security.md"),
        "--to",
        "json",
        "--speakers",
        str(briefs / "water_speakers.yaml"),
    )
    assert result.returncode == 0, result.stderr
    sections = [s for part in json.loads(result.stdout)["parts"] for s in part["sections"]]
    assert sections[3]["speakers"] == ["Daniel K. Whitfield"]  # "Bill Whitfield" is an alias
    assert sections[3]["quotes"] == [
        {"text": "more than half the water we take", "speaker": "Daniel K. Whitfield"}
    ]


def test_warnings_go_to_stderr_and_the_brief_still_renders(data_dir):
    path = data_dir / "briefs" / "seed_like_no_bios.txt"
    result = podium("render", str(path), "--to", "txt")
    assert result.returncode == 0
    assert "warning:" in result.stderr and "section numbered 3 renumbered 2" in result.stderr
    assert "2. Insurance Retreats ▶ [9:45]" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["briefs/bad_time.txt", "--to", "md"],
            "briefs/bad_time.txt:15: section 3: '[35:84]' is not a time",
        ),
        (
            ["briefs/bad_shape.json"],
            "briefs/bad_shape.json: parts[0].sections[1].start: expected seconds",
        ),
        (["briefs/no_sections.txt"], "briefs/no_sections.txt: no numbered sections found"),
        (["briefs/missing.txt"], "briefs/missing.txt: no such file"),
        (["briefs/water_security.md", "--to", "pdf"], "--to pdf: unknown format"),
        (["briefs/water_security.md", "--speakers", "briefs/bad_time.txt"], "briefs/bad_time.txt"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(data_dir, args, message):
    result = podium("render", *args, cwd=data_dir)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
    assert message in result.stderr.replace("\n", "")
    assert result.stdout == ""


def test_help_shows_examples():
    result = podium("render", "--help")
    assert result.returncode == 0
    assert "podium render page.txt --to html -o brief.html" in result.stdout
    assert "txt|md|html|json" in result.stdout


def test_reads_standard_input_with_a_dash(seed_brief_path):
    as_json = podium("render", str(seed_brief_path), "--to", "json").stdout
    result = subprocess.run(
        [sys.executable, "-m", "podium", "render", "-", "--to", "txt"],
        input=as_json,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert parse_brief(result.stdout) == read_brief(seed_brief_path)
