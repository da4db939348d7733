"""`podium brief` end to end: files in, a verified brief out, clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podium.engine.brief import read_brief

DATA = Path(__file__).resolve().parents[1] / "data"
SEED_TRANSCRIPT = DATA / "verify" / "seed_000_transcript.vtt"


@pytest.fixture(autouse=True)
def _wide(wide_terminal):
    """Reports here are asserted on unwrapped lines."""


def test_brief_with_event_file_writes_a_brief_that_verify_passes(podium, tmp_path):
    event = tmp_path / "event.yaml"
    event.write_text(
        "title: Prospects for Relations with North Korea\n"
        "date: 2026-02-03\n"
        "moderator: Jonathan Corrado\n"
        "co-organisers: [The APEC Study Center at Columbia University]\n"
        "sponsor: This program was made possible by the Korea Foundation.\n",
        encoding="utf-8",
    )
    out = tmp_path / "brief.md"
    result = podium("brief", SEED_TRANSCRIPT, "--event", event, "--sections", "4", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # the brief went to the file
    assert "verified: 0 fail" in result.stderr
    brief = read_brief(out)
    assert brief.title == "Prospects for Relations with North Korea"
    assert 1 <= len(list(brief.sections())) <= 4
    assert brief.closing[-1] == "This program was made possible by the Korea Foundation."
    assert brief.metadata.get("date") == "2026-02-03"
    check = podium("verify", out, SEED_TRANSCRIPT)
    assert check.returncode == 0, check.stdout


def test_brief_to_stdout_in_each_format(podium):
    txt = podium("brief", SEED_TRANSCRIPT, "--to", "txt", "--sections", "3")
    assert txt.returncode == 0, txt.stderr
    assert txt.stdout.startswith("Program Brief\n")
    assert "\nPart I: " in txt.stdout and "▶ [" in txt.stdout
    as_json = podium("brief", SEED_TRANSCRIPT, "--to", "json", "--sections", "3")
    data = json.loads(as_json.stdout)
    # The same transcript gives the same brief, whichever format shows it.
    heads = [
        f"{s['number']}. {s['title']} ▶ [{s['time']}]" for p in data["parts"] for s in p["sections"]
    ]
    assert heads == [line for line in txt.stdout.splitlines() if "▶ [" in line]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title: A\nvenue_name: Hall 2\n", "unknown field 'venue_name'"),
        ("co_organisers: {a: 1}\n", "field 'co_organisers': expected a list of names"),
        ("- just\n- a list\n", "expected a mapping of event fields"),
        ("title: [unclosed\n", "event.yaml:2"),
    ],
)
def test_bad_event_file_is_one_clear_line_and_exit_2(podium, tmp_path, content, message):
    event = tmp_path / "event.yaml"
    event.write_text(content, encoding="utf-8")
    out = tmp_path / "brief.md"
    result = podium("brief", SEED_TRANSCRIPT, "--event", event, "-o", out)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_bad_transcript_and_options_exit_2(podium, tmp_path):
    missing = podium("brief", tmp_path / "nope.vtt")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    empty = tmp_path / "empty.vtt"
    empty.write_text("WEBVTT\n\n", encoding="utf-8")
    assert podium("brief", empty).returncode == 2
    fmt = podium("brief", SEED_TRANSCRIPT, "--to", "docx")
    assert fmt.returncode == 2 and "unknown format" in fmt.stderr + fmt.stdout
    writer = podium("brief", SEED_TRANSCRIPT, "--writer", "gpt")
    assert writer.returncode == 2 and "unknown writer" in writer.stderr + writer.stdout


def test_the_committed_example_brief_verifies_against_its_transcript(podium):
    examples = Path(__file__).resolve().parents[2] / "docs" / "examples"
    brief_path = examples / "childcare-offer-brief.md"
    transcript = examples / "childcare-offer-committee.vtt"
    result = podium("verify", brief_path, transcript, "--format", "json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    statuses = [f["status"] for f in report["findings"]]
    assert "fail" not in statuses and statuses.count("ok") > 20
    brief = read_brief(brief_path)
    assert brief.title == "The Welsh Government's Childcare Offer"
    # Parts are titled from their content; the Minister made no recommendations: no Part II
    assert len(brief.parts) == 1 and brief.parts[0].title.startswith("Part I: The Evidence")
    # what the editor sent back in issue 15 does not occur in the committed example
    from podium.engine.write.lint import lint_brief

    assert lint_brief(brief) == []


def test_speakers_file_turns_labels_into_names(podium, tmp_path):
    transcripts = DATA / "transcripts"
    out = tmp_path / "brief.json"
    result = podium(
        "brief", transcripts / "panel.json", "--speakers", transcripts / "speaker_map.yaml",
        "--to", "json", "-o", out,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    speakers = {name for p in data["parts"] for s in p["sections"] for name in s["speakers"]}
    assert speakers and speakers <= {
        "Dana Whitfield",
        "Min-jun Park",
        "Eleanor Voss",
        "Samuel Okafor",
    }
    text = json.dumps(data)
    assert "SPEAKER_0" not in text
    assert "Min-jun Park (Institute for Korean Affairs)" in " ".join(data["intro"])
    check = podium(
        "verify", out, transcripts / "panel.json", "--speakers", transcripts / "speaker_map.yaml"
    )
    assert check.returncode == 0, check.stdout
