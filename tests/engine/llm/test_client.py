"""The chat client against a real HTTP server speaking the OpenAI protocol."""

import time

import pytest

from podium.engine.llm import ChatClient, LLMError, LLMOptions
from podium.engine.llm.client import parse_json_object
from tests.support.openai_stub import OpenAIStub

MESSAGES = [{"role": "user", "content": "Write the section."}]


def options(stub: OpenAIStub, **overrides) -> LLMOptions:
    values = {"base_url": stub.base_url, "model": "stub-model", "backoff": 0.01, "timeout": 2.0}
    values.update(overrides)
    return LLMOptions(**values)


def test_json_answer_is_parsed_and_usage_counted():
    with OpenAIStub(
        [{"content": '{"title": "Deterrence Risks", "summary": "Panda warned."}'}]
    ) as stub:
        client = ChatClient(options(stub))
        reply = client.complete_json(MESSAGES, schema={"type": "object"})
    assert reply.data == {"title": "Deterrence Risks", "summary": "Panda warned."}
    assert client.usage.requests == 1 and client.usage.completion_tokens > 0
    assert stub.requests[0]["model"] == "stub-model"
    assert stub.requests[0]["response_format"]["type"] == "json_schema"


def test_429_and_500_are_retried_with_backoff_honouring_retry_after():
    answers = [
        {"status": 429, "headers": {"retry-after": "0.2"}},
        {"status": 500},
        {"content": '{"ok": true}'},
    ]
    with OpenAIStub(answers) as stub:
        client = ChatClient(options(stub, retries=3))
        started = time.perf_counter()
        reply = client.complete_json(MESSAGES)
        elapsed = time.perf_counter() - started
    assert reply.data == {"ok": True}
    assert len(stub.requests) == 3
    assert client.usage.failed_attempts == 2
    assert elapsed >= 0.2  # waited at least the Retry-After


def test_timeout_counts_as_a_failed_attempt_and_gives_up_after_retries():
    with OpenAIStub([{"content": "{}", "delay": 1.5}] * 2) as stub:
        client = ChatClient(options(stub, timeout=0.3, retries=1))
        with pytest.raises(LLMError, match=r"no answer after 2 attempts \(timed out\)"):
            client.complete(MESSAGES)


def test_client_error_is_not_retried():
    with OpenAIStub([{"status": 401, "content": "bad key"}, {"content": "{}"}]) as stub:
        client = ChatClient(options(stub))
        with pytest.raises(LLMError, match="answered 401"):
            client.complete(MESSAGES)
    assert len(stub.requests) == 1


def formats(stub: OpenAIStub) -> list[str | None]:
    return [r.get("response_format", {}).get("type") for r in stub.requests]


def test_server_without_structured_output_gets_the_request_again_without_it():
    def responder(body):
        if "response_format" in body:
            return {"status": 400, "content": "response_format is not supported"}
        return {"content": '```json\n{"summary": "ok"}\n```'}

    with OpenAIStub(responder=responder) as stub:
        client = ChatClient(options(stub, retries=0))  # stepping down is not a retry
        assert client.complete_json(MESSAGES, schema={"type": "object"}).data == {"summary": "ok"}
        client.complete_json(MESSAGES, schema={"type": "object"})
    assert formats(stub) == ["json_schema", "json_object", None, None]


def test_llama_cpp_python_server_refusing_json_schema_with_500_gets_json_mode():
    """llama-cpp-python 0.3's server answers 500 "Input should be 'text' or 'json_object'"."""
    schema = {"type": "object", "properties": {"summary": {"type": "string"}}}

    def responder(body):
        if body.get("response_format", {}).get("type") == "json_schema":
            message = "1 validation error: ('body', 'response_format', 'type') Input should be 'text' or 'json_object'"
            return {"status": 500, "content": message}
        assert body["response_format"] == {"type": "json_object", "schema": schema}
        return {"content": '{"summary": "ok"}'}

    with OpenAIStub(responder=responder) as stub:
        client = ChatClient(options(stub, retries=0))
        assert client.complete_json(MESSAGES, schema=schema).data == {"summary": "ok"}
        assert client.complete_json(MESSAGES, schema=schema).data == {"summary": "ok"}
    assert formats(stub) == ["json_schema", "json_object", "json_object"]
    assert client.usage.failed_attempts == 1


def test_a_500_about_something_else_is_retried_with_the_schema():
    answers = [{"status": 500, "content": "out of memory"}, {"content": '{"a": 1}'}]
    with OpenAIStub(answers) as stub:
        client = ChatClient(options(stub, retries=1))
        assert client.complete_json(MESSAGES, schema={"type": "object"}).data == {"a": 1}
    assert formats(stub) == ["json_schema", "json_schema"]


def test_request_budget_is_enforced():
    with OpenAIStub([{"content": "{}"}] * 3) as stub:
        client = ChatClient(options(stub, max_requests=2))
        client.complete(MESSAGES)
        client.complete(MESSAGES)
        with pytest.raises(LLMError, match="budget of 2"):
            client.complete(MESSAGES)
    assert len(stub.requests) == 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"a": 1}', {"a": 1}),
        ('Sure! Here it is:\n```json\n{"a": "x"}\n```', {"a": "x"}),
        ('Answer: {"a": [1, 2]} hope this helps', {"a": [1, 2]}),
        ('[1, 2] and then {"b": 2}', {"b": 2}),
    ],
)
def test_tolerant_parser_finds_the_object(text, expected):
    assert parse_json_object(text) == expected


@pytest.mark.parametrize("text", ["", "no json here", '{"a": 1', "[1, 2, 3]"])
def test_tolerant_parser_names_the_problem(text):
    with pytest.raises(LLMError, match="not a JSON object"):
        parse_json_object(text)


def test_options_never_show_the_key_and_need_endpoint_and_model(monkeypatch):
    opts = LLMOptions(base_url="http://x/v1", model="m", api_key="sk-secret")
    assert "sk-secret" not in repr(opts) and "sk-secret" not in str(opts.describe())
    monkeypatch.delenv("PODIUM_LLM_BASE_URL", raising=False)
    with pytest.raises(Exception, match="no endpoint"):
        LLMOptions.from_env(model="m")
    monkeypatch.setenv("PODIUM_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("PODIUM_LLM_MODEL", "llama")
    monkeypatch.setenv("PODIUM_LLM_TEMPERATURE", "0.7")
    opts = LLMOptions.from_env()
    assert (opts.base_url, opts.model, opts.temperature) == ("http://127.0.0.1:9/v1", "llama", 0.7)


@pytest.mark.parametrize(
    "url, recorded",
    [
        ("http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1"),
        (
            "https://user:sk-secret@llm.example.org:8443/v1?api-key=sk-secret#x",
            "https://llm.example.org:8443/v1",
        ),
        ("https://api.openai.com/v1", "https://api.openai.com/v1"),
    ],
)
def test_recorded_base_url_drops_credentials(url, recorded):
    described = LLMOptions(base_url=url, model="m").describe()
    assert described["llm_base_url"] == recorded and "sk-secret" not in str(described)


def test_server_refusing_json_schema_with_422_gets_the_request_again_without_it():
    def responder(body):
        if "response_format" in body:
            return {"status": 422, "content": "json_schema: field required"}
        return {"content": '{"summary": "ok"}'}

    with OpenAIStub(responder=responder) as stub:
        client = ChatClient(options(stub))
        assert client.complete_json(MESSAGES, schema={"type": "object"}).data == {"summary": "ok"}
    assert formats(stub) == ["json_schema", "json_object", None]
    assert client.usage.failed_attempts == 2
