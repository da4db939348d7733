"""`podium brief --writer llm` end to end against a real OpenAI-compatible HTTP server.

The stub server (tests/support/openai_stub.py) plays the model; the
extractive writer, the LLM rewrite, verification and the CLI's report all
run for real. The key comes from the environment and must show up nowhere.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from podium.engine.brief import read_brief
from tests.support.openai_stub import OpenAIStub, faithful_answer

SEED_TRANSCRIPT = (
    Path(__file__).resolve().parents[1] / "data" / "verify" / "seed_000_transcript.vtt"
)
SECRET = "sk-podium-cli-test-9876543210"


@pytest.fixture(autouse=True)
def _wide(wide_terminal):
    """Reports here are asserted on unwrapped lines."""


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in (
        "BASE_URL",
        "MODEL",
        "API_KEY",
        "TEMPERATURE",
        "TIMEOUT",
        "RETRIES",
        "BACKOFF",
        "MAX_REQUESTS",
    ):
        monkeypatch.delenv(f"PODIUM_LLM_{name}", raising=False)
    monkeypatch.delenv("PODIUM_LLM_CONCURRENCY", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)


def test_writer_llm_writes_a_verified_brief_and_reports_usage_and_sources(
    podium, tmp_path, monkeypatch
):
    monkeypatch.setenv("PODIUM_LLM_API_KEY", SECRET)
    out = tmp_path / "brief.md"
    with OpenAIStub(responder=faithful_answer) as stub:
        result = podium(
            "brief", SEED_TRANSCRIPT, "--writer", "llm", "--base-url", stub.base_url, "--model", "stub-model",
            "--concurrency", "2", "--temperature", "0.1", "-o", out,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert stub.requests and stub.headers[0]["authorization"] == f"Bearer {SECRET}"
    assert all(r["model"] == "stub-model" and r["temperature"] == 0.1 for r in stub.requests)
    # The report on stderr: requests, tokens in and out, time, and where each section came from.
    usage = re.search(
        r"LLM: (\d+) requests .*?(\d+) tokens in, (\d+) tokens out, [\d.]+ s", result.stderr
    )
    assert usage and int(usage.group(1)) == len(stub.requests) and int(usage.group(2)) > 0
    sources = re.search(r"LLM sections: (.*)", result.stderr).group(1)
    brief = read_brief(out)
    numbers = [s.number for s in brief.sections()]
    assert sources.split(", ")[0] == "intro: llm"
    assert [int(p.split(":")[0]) for p in sources.split(", ")[1:]] == numbers
    # The faithful stub writes from the prompt; a section it cannot write well enough falls
    # back, and stderr then says why. Most sections must come from the model.
    extractive = [p.split(":")[0] for p in sources.split(", ") if p.endswith("extractive")]
    assert len(extractive) <= len(numbers) // 2
    for number in extractive:
        assert f"section {number}: kept the extractive text" in result.stderr
    assert brief.metadata["writer"] == "llm" and brief.metadata["llm_model"] == "stub-model"
    for text in (out.read_text(), result.stdout, result.stderr):
        assert SECRET not in text
    # What was written verifies with 0 fails.
    check = podium("verify", out, SEED_TRANSCRIPT)
    assert check.returncode == 0, check.stdout


def test_endpoint_down_still_gives_the_extractive_brief_and_says_so(podium, tmp_path, monkeypatch):
    monkeypatch.setenv("PODIUM_LLM_BACKOFF", "0.01")
    out = tmp_path / "brief.md"
    with OpenAIStub(responder=lambda body: {"status": 503, "content": "down"}) as stub:
        result = podium(
            "brief", SEED_TRANSCRIPT, "--writer", "llm", "--base-url", stub.base_url, "--model", "m",
            "--max-requests", "4", "--retries", "1", "-o", out,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(stub.requests) == 4  # the budget holds across sections and retries
    sources = re.search(r"LLM sections: (.*)", result.stderr).group(1)
    assert "llm" not in sources.replace("LLM", "")
    assert "request budget of 4 per brief is spent" in result.stderr
    assert podium("verify", out, SEED_TRANSCRIPT).returncode == 0


def test_writer_llm_needs_an_endpoint_and_a_model(podium, tmp_path):
    result = podium(
        "brief", SEED_TRANSCRIPT, "--writer", "llm", "--model", "m", "-o", tmp_path / "b.md"
    )
    assert result.returncode == 2
    assert "no endpoint given" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "b.md").exists()


def test_the_key_is_not_a_command_line_option(podium, tmp_path):
    result = podium(
        "brief", SEED_TRANSCRIPT, "--writer", "llm", "--api-key", SECRET, "-o", tmp_path / "b.md"
    )
    assert result.returncode == 2 and "No such option" in result.stderr + result.stdout
