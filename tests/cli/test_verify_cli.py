"""`podium verify` end to end: every transcript format, exit codes, the JSON shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from podium.demo import SEED_AFTER_EVENT
from podium.engine.transcript import FORMATS, read_transcript, write_transcript

VERIFY_DATA = Path(__file__).resolve().parents[1] / "data" / "verify"
SEED_TRANSCRIPT = VERIFY_DATA / "seed_000_transcript.vtt"
PODIUM = Path(sys.executable).with_name("podium")


@pytest.fixture(scope="module")
def transcripts(tmp_path_factory) -> dict[str, Path]:
    """The seed transcript written in every format Podium writes."""
    folder = tmp_path_factory.mktemp("formats")
    transcript = read_transcript(SEED_TRANSCRIPT)
    paths = {}
    for format in FORMATS:
        path = folder / f"seed.{format}"
        write_transcript(transcript, path, format=format)
        paths[format] = path
    return paths


@pytest.mark.parametrize("format", FORMATS)
def test_faithful_seed_exits_0_in_every_transcript_format(podium, transcripts, format):
    result = podium("verify", SEED_AFTER_EVENT, transcripts[format], "--format", "json")
    assert result.returncode == 0, result.stdout[-2000:]
    report = json.loads(result.stdout)
    assert report["summary"]["fail"] == 0
    assert report["summary"]["ok"] > 30


def test_injected_error_exits_1_with_the_finding_in_text(podium, tmp_path):
    brief = tmp_path / "brief.txt"
    brief.write_text(
        SEED_AFTER_EVENT.read_text(encoding="utf-8").replace(
            '"extremely low threshold"', '"extremely high threshold"'
        ),
        encoding="utf-8",
    )
    result = podium("verify", brief, SEED_TRANSCRIPT)
    assert result.returncode == 1
    assert "Section 3" in result.stdout and "FAIL" in result.stdout
    assert "extremely low threshold" in result.stdout  # the transcript's wording
    assert "suggestion:" in result.stdout
    assert "1 fail" in result.stdout


def test_json_report_has_exactly_the_documented_shape(podium, tmp_path):
    brief = tmp_path / "brief.txt"
    brief.write_text(
        SEED_AFTER_EVENT.read_text(encoding="utf-8").replace(
            "Deterrence Risks ▶ [35:24]", "Deterrence Risks ▶ [55:24]"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "report.json"
    result = podium("verify", brief, SEED_TRANSCRIPT, "--format", "json", "-o", out)
    assert result.returncode == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) == {"summary", "findings"}
    assert set(report["summary"]) == {"ok", "warn", "fail"}
    assert sum(report["summary"].values()) == len(report["findings"])
    for finding in report["findings"]:
        assert set(finding) == {
            "section",
            "check",
            "status",
            "subject",
            "message",
            "evidence",
            "suggestion",
        }
        assert isinstance(finding["section"], int)
        assert finding["check"] in {"quote", "attribution", "timestamp", "claim", "names"}
        assert finding["status"] in {"ok", "warn", "fail"}
        assert isinstance(finding["subject"], str) and isinstance(finding["message"], str)
        assert finding["suggestion"] is None or isinstance(finding["suggestion"], str)
        for evidence in finding["evidence"]:
            assert set(evidence) == {"start", "end", "speaker", "text"}
            assert isinstance(evidence["start"], float) and isinstance(evidence["end"], float)
    [fail] = [f for f in report["findings"] if f["status"] == "fail"]
    assert fail == {
        "section": 3,
        "check": "timestamp",
        "status": "fail",
        "subject": "▶ [55:24]",
        "message": fail["message"],
        "evidence": fail["evidence"],
        "suggestion": "35:24",
    }
    assert fail["evidence"][0]["speaker"] == "Ankit Panda"
    assert fail["evidence"][0]["start"] == pytest.approx(2124.0)


def test_speakers_file_maps_labels(podium, tmp_path):
    transcript = read_transcript(SEED_TRANSCRIPT)
    names = transcript.speakers
    labelled = transcript.renamed({name: f"SPEAKER_{i:02d}" for i, name in enumerate(names)})
    path = tmp_path / "labels.json"
    write_transcript(labelled, path, format="json")
    speakers = tmp_path / "speakers.yaml"
    speakers.write_text(
        "".join(f"SPEAKER_{i:02d}: {name}\n" for i, name in enumerate(names)), encoding="utf-8"
    )
    result = podium("verify", SEED_AFTER_EVENT, path, "--speakers", speakers, "-F", "json")
    assert result.returncode == 0, result.stdout[-2000:]


def test_bad_input_is_one_red_line_and_exit_2(tmp_path):
    broken = tmp_path / "broken.vtt"
    broken.write_text("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nhello\n", encoding="utf-8")
    result = subprocess.run(
        [str(PODIUM), "verify", str(SEED_AFTER_EVENT), str(broken)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "broken.vtt" in result.stderr and "Traceback" not in result.stderr
    missing = subprocess.run(
        [str(PODIUM), "verify", str(tmp_path / "nope.txt"), str(SEED_TRANSCRIPT)],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "nope.txt" in missing.stderr


def test_text_report_to_a_file(podium, tmp_path):
    brief = tmp_path / "brief.txt"
    brief.write_text(
        SEED_AFTER_EVENT.read_text(encoding="utf-8").replace(
            "Susan Thornton evaluated", "Susan Thorton evaluated"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "report.txt"
    result = podium("verify", brief, SEED_TRANSCRIPT, "--problems", "-o", out)
    assert result.returncode == 1
    text = out.read_text(encoding="utf-8")
    assert "Section 2" in text and "Thorton" in text and "suggestion: Susan A. Thornton" in text
    assert "ok   " not in text  # --problems leaves the ok lines out


def test_the_command_ends_its_process_early_with_its_exit_code_and_whole_output(tmp_path):
    """``podium verify`` ends with `os._exit` (no interpreter tear-down, ~0.25 CPU s saved):
    the exit code, the whole report on a pipe and the `atexit` handlers must survive that."""
    bad = tmp_path / "brief.txt"
    bad.write_text(
        SEED_AFTER_EVENT.read_text(encoding="utf-8").replace(
            '"extremely low threshold"', '"extremely high threshold"'
        ),
        encoding="utf-8",
    )
    for brief, code in ((SEED_AFTER_EVENT, 0), (bad, 1)):
        for command in ([str(PODIUM)], [sys.executable, "-m", "podium"]):
            result = subprocess.run(
                [*command, "verify", str(brief), str(SEED_TRANSCRIPT), "-F", "json"],
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert result.returncode == code, result.stderr[-2000:]
            assert json.loads(result.stdout)["summary"]["fail"] == code  # all of it arrived
    program = (
        "import atexit, runpy, sys\n"
        "atexit.register(lambda: print('exit handler ran', file=sys.stderr))\n"
        "sys.argv = ['podium', 'verify', sys.argv[1], sys.argv[2], '--problems']\n"
        "try:\n"
        "    runpy.run_module('podium', run_name='__main__', alter_sys=True)\n"
        "except SystemExit:\n"
        "    print('still running', file=sys.stderr)  # a normal exit gets here\n"
        "    raise\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program, str(bad), str(SEED_TRANSCRIPT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "1 fail" in result.stdout
    assert "exit handler ran" in result.stderr and "still running" not in result.stderr


def test_main_called_in_process_raises_instead_of_ending_the_process(monkeypatch):
    """Tests (and any program) calling `podium.cli.main` keep their process."""
    from podium.cli import _ends_process_now

    monkeypatch.setattr(sys, "argv", ["podium", "verify", "a", "b"])
    assert not _ends_process_now()  # __main__ is pytest here
