"""The LLM writer against a real HTTP server speaking the OpenAI protocol.

The input is a verified brief and its transcript (the seed page's brief and
the transcript written for it, tests/data/verify); the stub server plays the
model, answering from the prompt Podium sends (`faithful_answer`) or with the
scripted failures each test needs. Nothing of ours is mocked: HTTP client,
retries, parsing, the checks, verification and fallback all run.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable

import pytest

from podium.demo import SEED_AFTER_EVENT
from podium.engine.brief import parse_brief, read_brief, render_brief
from podium.engine.llm import LLMOptions
from podium.engine.transcript import read_transcript
from podium.engine.verify import build_context, verify
from podium.engine.write.llm import rewrite_brief
from tests.support.openai_stub import (
    Answer,
    OpenAIStub,
    PromptInfo,
    faithful_answer,
    faithful_section,
    prompt_info,
)

SECRET = "sk-podium-test-0123456789abcdef"


@pytest.fixture(scope="module")
def seed(request):
    from tests.conftest import DATA

    transcript = read_transcript(DATA / "verify" / "seed_000_transcript.vtt")
    brief = read_brief(SEED_AFTER_EVENT)
    context = build_context(transcript)
    assert not verify(brief, transcript, context=context).failed  # the input is a verified brief
    return brief, transcript, context


def options(stub: OpenAIStub, **overrides) -> LLMOptions:
    values = {
        "base_url": stub.base_url,
        "model": "stub-model",
        "backoff": 0.01,
        "timeout": 5.0,
        "api_key": SECRET,
    }
    values.update(overrides)
    return LLMOptions(**values)


def scripted(overrides: dict[str, Callable[[PromptInfo, int], Answer]]) -> Callable[[dict], Answer]:
    """Faithful answers, except for the sections (keyed by their passage's first time) in `overrides`."""
    counts: Counter[str] = Counter()

    def responder(body: dict) -> Answer:
        info = prompt_info(body)
        key = info.first_time if info.kind == "section" else "intro"
        counts[key] += 1
        if key in overrides:
            return overrides[key](info, counts[key])
        return faithful_answer(body)

    return responder


def section_requests(stub: OpenAIStub, first_time: str) -> list[str]:
    users = [
        next(m["content"] for m in r["messages"] if m["role"] == "user") for r in stub.requests
    ]
    return [u for u in users if f"\n[{first_time}] " in u]


def rewrite(seed, stub, **overrides):
    brief, transcript, context = seed
    return rewrite_brief(brief, transcript, options=options(stub, **overrides), context=context)


def test_happy_path_every_section_from_the_model_and_verified(seed):
    brief, transcript, _ = seed
    with OpenAIStub(responder=faithful_answer) as stub:
        result = rewrite(seed, stub)
    assert result.sources == dict.fromkeys(range(9), "llm")
    assert result.report.summary["fail"] == 0
    # The engine's decisions are untouched: numbers, parts, speakers, times, quotes.
    old, new = list(brief.sections()), list(result.brief.sections())
    assert [(s.number, s.start, s.speakers) for s in new] == [
        (s.number, s.start, s.speakers) for s in old
    ]
    assert [[s.number for s in p.sections] for p in result.brief.parts] == [
        [s.number for s in p.sections] for p in brief.parts
    ]
    for before, after in zip(old, new, strict=True):
        assert [(q.text, q.speaker) for q in after.quotes] == [
            (q.text, q.speaker) for q in before.quotes
        ]
        assert after.summary != before.summary
        for quote in before.quotes:
            assert f'"{quote.text}"' in after.text
    assert [p.title for p in result.brief.parts] == [
        "Part I: Problems Raised",
        "Part II: Proposals Made",
    ]
    assert result.brief.intro[0] != brief.intro[0]
    assert result.brief.intro[0].startswith("This program examined")
    assert result.brief.intro[1:] == brief.intro[1:]  # only the opening paragraph is the model's
    # The brief as written, read back from Markdown, still verifies with 0 fails.
    again = parse_brief(render_brief(result.brief, "md"))
    assert verify(again, transcript).summary["fail"] == 0
    assert result.usage.requests == 9 == len(stub.requests)
    assert result.usage.prompt_tokens > 0 and result.usage.completion_tokens > 0
    assert all(r["response_format"]["type"] == "json_schema" for r in stub.requests)
    assert result.repairs == []


def test_malformed_json_is_asked_again_then_falls_back(seed):
    brief, _, _ = seed
    broken = {"content": 'Sure! Here is the section: {"title": "Deterrence", summary: Panda warned'}
    fixed_later = {
        "35:24": lambda info, n: broken,  # section 3: malformed twice
        "10:40": lambda info, n: (
            broken if n == 1 else {"content": json.dumps(faithful_section(info))}
        ),  # section 1
    }
    with OpenAIStub(responder=scripted(fixed_later)) as stub:
        result = rewrite(seed, stub)
    assert result.sources[3] == "extractive" and result.sources[1] == "llm"
    assert result.brief.section(3).summary == brief.section(3).summary
    asked = section_requests(stub, "35:24")
    assert (
        len(asked) == 2 and "not a JSON object" in asked[1] and "not a JSON object" not in asked[0]
    )
    assert any(r.startswith("section 3: kept the extractive text") for r in result.repairs)
    assert "section 1: written by the model on the second try" in result.repairs
    assert result.report.summary["fail"] == 0


def test_hallucinated_quote_fails_verification_and_the_findings_fix_it(seed):
    def hallucinate(info: PromptInfo, n: int) -> Answer:
        data = faithful_section(info)
        if n == 1:
            data["summary"] += (
                f' {info.name} said, "North Korea will test a nuclear weapon next month."'
            )
        return {"content": json.dumps(data)}

    with OpenAIStub(responder=scripted({"35:24": hallucinate})) as stub:
        result = rewrite(seed, stub)
    first, second = section_requests(stub, "35:24")
    assert "Not found in the transcript" not in first
    assert "Not found in the transcript" in second  # the verifier's finding, sent back to the model
    assert (
        "North Korea will test a nuclear weapon next month." in second
    )  # with the answer it refers to
    assert result.sources[3] == "llm"
    section = result.brief.section(3)
    assert "nuclear weapon next month" not in section.text
    assert [q.text for q in section.quotes] == ["extremely low threshold"]
    assert result.report.summary["fail"] == 0


def test_wrong_number_fails_twice_and_falls_back_to_the_extractive_text(seed):
    brief, _, _ = seed

    def wrong_number(info: PromptInfo, n: int) -> Answer:
        summary = (
            "Keith Luse noted that the prospects for Track 2 engagement are limited. "
            "He warned that the divided families issue affects 200,000 separated families."
        )
        return {"content": json.dumps({"title": "Divided Families", "summary": summary})}

    with OpenAIStub(responder=scripted({"39:21": wrong_number})) as stub:
        result = rewrite(seed, stub)
    asked = section_requests(stub, "39:21")
    assert len(asked) == 2
    assert (
        'says "200,000 separated"; the transcript says "a hundred thousand separated"' in asked[1]
    )
    assert result.sources[4] == "extractive"
    assert result.brief.section(4).summary == brief.section(4).summary
    assert "200,000" not in render_brief(result.brief, "txt")
    assert [n for n, s in result.sources.items() if s == "extractive"] == [4]
    assert result.report.summary["fail"] == 0


def test_missing_quote_and_unnamed_speaker_are_asked_again(seed):
    def careless(info: PromptInfo, n: int) -> Answer:
        data = faithful_section(info)
        if n == 1:
            data["summary"] = (
                "The speaker noted that coordination between the allies has been reasonably good."
            )
        return {"content": json.dumps(data)}

    with OpenAIStub(responder=scripted({"14:16": careless})) as stub:
        result = rewrite(seed, stub)
    second = section_requests(stub, "14:16")[1]
    assert 'the required quote "denuclearization" is missing' in second
    assert 'the required quote "pacemaker" is missing' in second
    assert "must name the speaker as Susan A. Thornton" in second
    assert result.sources[2] == "llm"


def test_timeout_and_429_are_retried_and_the_sections_still_come_from_the_model(seed):
    def slow_first(info: PromptInfo, n: int) -> Answer:
        answer = faithful_answer_for(info)
        return {**answer, "delay": 2.0} if n == 1 else answer

    def limited_first(info: PromptInfo, n: int) -> Answer:
        if n == 1:
            return {"status": 429, "headers": {"retry-after": "0.2"}, "content": "rate limited"}
        return faithful_answer_for(info)

    with OpenAIStub(responder=scripted({"10:40": slow_first, "14:16": limited_first})) as stub:
        result = rewrite(seed, stub, timeout=0.8, retries=2)
    assert result.sources[1] == result.sources[2] == "llm"
    assert len(section_requests(stub, "10:40")) == 2 and len(section_requests(stub, "14:16")) == 2
    assert result.usage.failed_attempts == 2
    assert result.usage.requests == 11
    assert result.report.summary["fail"] == 0


def test_endpoint_down_for_a_section_falls_back_without_crashing(seed):
    def down(info: PromptInfo, n: int) -> Answer:
        return {"status": 503, "content": "overloaded"}

    with OpenAIStub(responder=scripted({"36:10": down})) as stub:
        result = rewrite(seed, stub, retries=1)
    assert result.sources[5] == "extractive"
    assert any(
        "section 5: kept the extractive text (no answer after 2 attempts (HTTP 503))" in r
        for r in result.repairs
    )
    assert result.report.summary["fail"] == 0


def test_spent_budget_leaves_the_remaining_sections_extractive(seed):
    brief, _, _ = seed
    with OpenAIStub(responder=faithful_answer) as stub:
        result = rewrite(seed, stub, max_requests=3, concurrency=1)
    assert len(stub.requests) == 3 == result.usage.requests
    assert [n for n in range(1, 9) if result.sources[n] == "llm"] == [1, 2, 3]
    assert result.sources[0] == "extractive" and result.brief.intro == brief.intro
    for number in range(4, 9):
        assert result.brief.section(number).summary == brief.section(number).summary
    assert sum("request budget of 3 per brief is spent" in r for r in result.repairs) == 6
    assert result.report.summary["fail"] == 0


@pytest.mark.parametrize("concurrency", [1, 3])
def test_sections_are_written_concurrently_within_the_bound(seed, concurrency):
    def slow(body: dict) -> Answer:
        return {**faithful_answer(body), "delay": 0.3}

    with OpenAIStub(responder=slow) as stub:
        result = rewrite(seed, stub, concurrency=concurrency)
    assert stub.max_in_flight == concurrency
    assert result.sources == dict.fromkeys(range(9), "llm")


def test_metadata_records_how_the_brief_was_written_but_never_the_key(seed):
    with OpenAIStub(responder=faithful_answer) as stub:
        result = rewrite(seed, stub, temperature=0.3)
    assert stub.headers[0]["authorization"] == f"Bearer {SECRET}"  # the key was used ...
    meta = result.brief.metadata
    assert meta["writer"] == "llm" and meta["llm_model"] == "stub-model"
    assert meta["llm_base_url"] == stub.base_url and meta["llm_temperature"] == "0.3"
    assert meta["llm_prompts"] == "section.v2, intro.v1"
    assert meta["llm_sources"].startswith("intro: llm, 1: llm")
    assert meta["llm_usage"].startswith("requests 9, tokens in ")
    for form in ("md", "json", "html", "txt"):  # ... and is nowhere in what is written
        assert SECRET not in render_brief(result.brief, form)
    assert SECRET not in repr(result) and SECRET not in json.dumps(meta)


def test_intro_with_a_number_not_in_the_material_keeps_the_extractive_intro(seed):
    brief, _, _ = seed

    def invent(info: PromptInfo, n: int) -> Answer:
        return {
            "content": json.dumps(
                {"intro": "The program examined 12 scenarios for 2031.", "parts": ["A", "B"]}
            )
        }

    with OpenAIStub(responder=scripted({"intro": invent})) as stub:
        result = rewrite(seed, stub)
    assert result.sources[0] == "extractive"
    assert result.brief.intro == brief.intro and [p.title for p in result.brief.parts] == [
        p.title for p in brief.parts
    ]
    intro_requests = [r for r in stub.requests if "Event title:" in r["messages"][1]["content"]]
    assert (
        len(intro_requests) == 2
        and "'2031' is not in the material" in intro_requests[1]["messages"][1]["content"]
    )


def faithful_answer_for(info: PromptInfo) -> Answer:
    return {"content": json.dumps(faithful_section(info))}


def test_budget_holds_when_threads_race_for_it(seed):
    with OpenAIStub(
        responder=lambda body: {"status": 503, "content": "down", "delay": 0.05}
    ) as stub:
        result = rewrite(seed, stub, max_requests=5, concurrency=4, retries=3)
    assert len(stub.requests) == 5 == result.usage.requests == result.usage.failed_attempts
    assert set(result.sources.values()) == {"extractive"}
    assert result.report.summary["fail"] == 0


def test_whole_brief_check_puts_back_the_extractive_text_of_a_failing_model_section(seed):
    import copy

    from podium.engine.write.llm import revert_failures

    brief, transcript, context = seed
    new = copy.deepcopy(brief)
    new.section(4).summary = [new.section(4).summary[0].replace("100,000", "300,000")]
    new.section(1).summary = ["Rachel Minyoung Lee outlined how Pyongyang's priorities shifted."]
    sources = {0: "extractive", 1: "llm", 4: "llm"}
    repairs: list[str] = []
    report = revert_failures(new, brief, transcript, None, context, sources, repairs)
    assert report.summary["fail"] == 0
    assert sources == {0: "extractive", 1: "llm", 4: "extractive"}
    assert new.section(4).summary == brief.section(4).summary
    assert new.section(1).summary != brief.section(1).summary
    assert repairs == [
        "section 4: kept the extractive text (failed verification within the whole brief)"
    ]


UNSUPPORTED = " Panda noted that the weather in Geneva was pleasant during the negotiations."


def test_doubtful_claim_is_asked_again_and_the_better_answer_kept(seed):
    def doubtful_first(info: PromptInfo, n: int) -> Answer:
        data = faithful_section(info)
        if n == 1:
            data["summary"] += UNSUPPORTED
        return {"content": json.dumps(data)}

    with OpenAIStub(responder=scripted({"35:24": doubtful_first})) as stub:
        result = rewrite(seed, stub)
    first, second = section_requests(stub, "35:24")
    assert "Geneva" not in first and "Geneva" in second
    assert re.search(r"No clear support|Not mentioned in the transcript", second)
    assert result.sources[3] == "llm" and "Geneva" not in result.brief.section(3).text
    assert "section 3: written by the model on the second try" in result.repairs


def test_a_failing_second_answer_keeps_the_first_one_that_had_only_doubts(seed):
    def worse_second(info: PromptInfo, n: int) -> Answer:
        data = faithful_section(info)
        data["summary"] += UNSUPPORTED if n == 1 else ' Panda said, "Deterrence is dead."'
        return {"content": json.dumps(data)}

    with OpenAIStub(responder=scripted({"35:24": worse_second})) as stub:
        result = rewrite(seed, stub)
    assert len(section_requests(stub, "35:24")) == 2
    assert result.sources[3] == "llm" and "Geneva" in result.brief.section(3).text
    assert any(r.startswith("section 3: kept the model's first answer") for r in result.repairs)
    assert result.report.summary["fail"] == 0


def test_intro_without_part_headings_keeps_the_engine_headings(seed):
    brief, _, _ = seed

    def no_parts(info: PromptInfo, n: int) -> Answer:
        return {"content": json.dumps({"intro": "This program examined deterrence and diplomacy."})}

    with OpenAIStub(responder=scripted({"intro": no_parts})) as stub:
        result = rewrite(seed, stub)
    assert result.sources[0] == "llm"
    assert result.brief.intro[0] == "This program examined deterrence and diplomacy."
    assert [p.title for p in result.brief.parts] == [p.title for p in brief.parts]
    assert len([r for r in stub.requests if "Event title:" in r["messages"][1]["content"]]) == 1
