"""`write_brief(writer="llm")` on a real committee meeting: the extractive writer, then the model.

QMSum val meeting education_10 (Welsh Assembly committee, 67 minutes); the
stub server plays a faithful model. Slow because the extractive writer
segments and verifies the whole meeting first.
"""

from __future__ import annotations

import re

import pytest

from podium.engine.llm import LLMOptions
from podium.engine.transcript.qmsum import load_meeting
from podium.engine.verify import verify
from podium.engine.write import write_brief
from tests.support.openai_stub import OpenAIStub, faithful_answer, prompt_info


@pytest.mark.slow
def test_write_brief_llm_on_a_committee_meeting(qmsum_dir, monkeypatch):
    transcript = load_meeting(qmsum_dir / "val" / "education_10.json").transcript
    monkeypatch.delenv("PODIUM_LLM_BASE_URL", raising=False)
    stages: list[float] = []
    with OpenAIStub(responder=faithful_answer) as stub:
        options = LLMOptions(base_url=stub.base_url, model="stub-model", concurrency=2)
        result = write_brief(
            transcript,
            sections=4,
            writer="llm",
            llm=options,
            progress=lambda f, s: stages.append(f),
        )
    brief = result.brief
    sections = list(brief.sections())
    assert len(sections) >= 3
    assert set(result.llm.sources) == {0, *(s.number for s in sections)}
    fallbacks = [n for n, source in result.llm.sources.items() if source == "extractive"]
    assert len(fallbacks) <= len(sections) // 2  # the stub model writes most sections ...
    for number in fallbacks:  # ... and the rest say why they kept the extractive text
        label = "intro" if number == 0 else f"section {number}"
        assert any(r.startswith(f"{label}: kept the extractive text") for r in result.repairs)
    assert result.report.summary["fail"] == 0
    assert verify(brief, transcript).summary["fail"] == 0  # an independent run agrees
    assert brief.metadata["writer"] == "llm"
    assert stages == sorted(stages) and stages[-1] == 1.0
    # Each section's prompt carried only its own speakers' lines, with its quotes.
    section_prompts = [prompt_info(r) for r in stub.requests if prompt_info(r).kind == "section"]
    assert len(section_prompts) == len(sections)
    for info in section_prompts:
        assert info.lines and {name for _, name, _ in info.lines} <= {info.speaker, *info.others}
        passage = " ".join(text for _, _, text in info.lines).lower()
        for quote in info.quotes:
            assert re.sub(r"\W+", " ", quote.lower()).strip()[:30] in re.sub(r"\W+", " ", passage)
    with pytest.raises(Exception, match="no endpoint given"):
        write_brief(transcript, writer="llm")  # nothing configured: refused before any work
