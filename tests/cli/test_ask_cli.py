"""`podium ask` on the committed example transcript (docs/examples): verified quotes, JSON, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podium.engine.transcript import read_transcript
from tests.support.openai_stub import OpenAIStub, faithful_framing, invented_framing

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
VTT = EXAMPLES / "childcare-offer-committee.vtt"

pytestmark = pytest.mark.slow


def spoken_by(speaker: str) -> str:
    return " ".join(s.text for s in read_transcript(VTT).segments if s.speaker == speaker)


def test_ask_prints_a_framing_sentence_and_verbatim_attributed_quotes(podium):
    result = podium("ask", "What have parents said about the childcare offer?", VTT, "-F", "json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["framing"].startswith("On “What have parents said about the childcare offer”")
    assert 2 <= len(answer["quotes"]) <= 5
    for quote in answer["quotes"]:
        assert quote["source"] == VTT.name
        assert quote["text"].rstrip("…") in spoken_by(quote["speaker"])
        assert quote["checks"][0].startswith("Found verbatim")
    text = podium(
        "ask", "What have parents said about the childcare offer?", VTT, "-n", "2", columns=200
    )
    assert text.returncode == 0
    assert answer["quotes"][0]["speaker"] in text.stdout and "▶" in text.stdout
    assert "Passages" in text.stdout


def test_nothing_to_quote_exits_1(podium, tmp_path):
    tiny = tmp_path / "tiny.vtt"
    tiny.write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ann>Hello there, everyone.\n", encoding="utf-8"
    )
    result = podium("ask", "What is the price of desalinated water?", tiny)
    assert result.returncode == 1
    assert "Nothing in the archive answers" in result.stdout


def test_a_bad_file_is_one_line_naming_it(podium, tmp_path):
    bad = tmp_path / "broken.vtt"
    bad.write_text("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nbackwards\n", encoding="utf-8")
    result = podium("ask", "anything", bad)
    assert result.returncode == 2
    assert "broken.vtt" in result.stderr and "Traceback" not in result.stderr


def test_with_an_llm_the_framing_is_the_models_only_when_it_passes_the_checks(podium):
    question = "What have parents said about the childcare offer?"
    answers = iter([invented_framing, faithful_framing])
    with OpenAIStub(responder=lambda body: next(answers)(body)) as stub:
        result = podium(
            "ask",
            question,
            VTT,
            "-F",
            "json",
            "--llm",
            "--base-url",
            stub.base_url,
            "--model",
            "stub",
        )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert len(stub.requests) == 2, "one more try after the checks refused the first sentence"
    second = stub.requests[1]["messages"][1]["content"]
    assert "Joe Bloggs" in second and "2031" in second, "the feedback names what failed"
    assert answer["framed_by"] == "llm"
    first = min(answer["quotes"], key=lambda q: len(q["text"]))
    assert answer["framing"] == f"{first['speaker']} said that {first['text'].rstrip('….')}."
    assert any("Joe Bloggs" in p for p in answer["framing_problems"])

    with OpenAIStub(responder=invented_framing) as stub:
        result = podium(
            "ask",
            question,
            VTT,
            "--llm",
            "--base-url",
            stub.base_url,
            "--model",
            "stub",
            columns=200,
        )
    assert result.returncode == 0
    assert len(stub.requests) == 2
    assert "did not pass the checks" in result.stdout
    assert "On “What have parents said about the childcare offer”" in result.stdout
    assert "Joe Bloggs" not in result.stdout
