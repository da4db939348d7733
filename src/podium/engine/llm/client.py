"""A small chat client over the `openai` package, for any compatible endpoint.

What it adds to `openai.OpenAI(base_url=...)`: our own retry loop (timeouts,
connection errors, 429 and 5xx, with exponential backoff that honours
Retry-After) so attempts count against a per-brief request budget; token and
time accounting; structured JSON answers (``response_format`` with a JSON
schema; for servers that refuse it JSON mode, then nothing) read by a
tolerant parser that accepts code fences and prose around the object.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from podium.engine.errors import PodiumError
from podium.engine.llm.options import LLMOptions


class LLMError(PodiumError):
    """The endpoint could not give a usable answer (after retries, or over budget)."""


class MalformedAnswer(LLMError):
    """The endpoint answered, but not with the JSON object asked for (worth asking again)."""


@dataclass
class Usage:
    """What the writer spent: requests, tokens in and out, seconds waiting."""

    requests: int = 0
    failed_attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(
        self, *, prompt: int = 0, completion: int = 0, seconds: float = 0.0, failed: bool = False
    ) -> None:
        with self._lock:
            self.requests += 1
            self.failed_attempts += int(failed)
            self.prompt_tokens += prompt
            self.completion_tokens += completion
            self.seconds += seconds


@dataclass
class ChatReply:
    data: dict[str, Any]
    text: str


_SCHEMA_WORDS = ("response_format", "json_schema", "json_object", "schema")
"""Words in an error answer that say the server refused our structured-output request."""
_FORMATS: tuple[str | None, ...] = ("json_schema", "json_object", None)
"""Structured output, most precise first: a JSON schema (OpenAI, vLLM, Ollama, llama.cpp's
llama-server), JSON mode (llama-cpp-python's server), none (the tolerant parser copes)."""
_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


def parse_json_object(text: str) -> dict[str, Any]:
    """The first JSON object in `text`: bare, inside a code fence, or amid prose.

    Raises LLMError naming the problem when there is none.
    """
    candidates = [m.group(1) for m in _FENCE.finditer(text)] + [text]
    decoder = json.JSONDecoder()
    for candidate in candidates:
        start = candidate.find("{")
        while start != -1:
            try:
                value, _ = decoder.raw_decode(candidate, start)
            except json.JSONDecodeError:
                start = candidate.find("{", start + 1)
                continue
            if isinstance(value, dict):
                return value
            start = candidate.find("{", start + 1)
    snippet = " ".join(text.split())[:80]
    raise MalformedAnswer(f"the model's answer is not a JSON object: {snippet!r}")


class ChatClient:
    """Sends chat requests with retries, a request budget and usage accounting."""

    def __init__(self, options: LLMOptions, *, usage: Usage | None = None):
        import openai

        self.options = options
        self.usage = usage or Usage()
        self._openai = openai
        self._client = openai.OpenAI(
            base_url=options.base_url,
            api_key=options.api_key,
            timeout=options.timeout,
            max_retries=0,
        )
        self._format_step = 0
        self._budget_lock = threading.Lock()
        self._sent = 0

    def _take_budget(self) -> None:
        """Reserve one request of the budget (threads share it; a reservation is never returned)."""
        with self._budget_lock:
            if self._sent >= self.options.max_requests:
                raise LLMError(f"request budget of {self.options.max_requests} per brief is spent")
            self._sent += 1

    def complete_json(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        name: str = "answer",
    ) -> ChatReply:
        """Ask for a JSON object; retry transient failures; parse the answer tolerantly."""
        text = self.complete(messages, schema=schema, name=name)
        return ChatReply(data=parse_json_object(text), text=text)

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        name: str = "answer",
    ) -> str:
        """The answer's text. Transient failures are retried (`options.retries` times);
        a server that refuses the structured-output request is asked again with the
        next simpler form (`_FORMATS`), which does not count as a retry."""
        openai = self._openai
        delay = self.options.backoff
        last_error = "no attempt made"
        failures = 0
        while failures <= self.options.retries:
            self._take_budget()
            started = time.perf_counter()
            kwargs: dict[str, Any] = {}
            form = self._format if schema is not None else None
            if form == "json_schema":
                kwargs["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": name, "schema": schema, "strict": False},
                }
            elif form == "json_object":  # llama.cpp servers read "schema"; others ignore it
                kwargs["response_format"] = {"type": "json_object", "schema": schema}
            try:
                response = self._client.chat.completions.create(
                    model=self.options.model,
                    messages=messages,
                    temperature=self.options.temperature,
                    max_tokens=self.options.max_tokens,
                    **kwargs,
                )
            except (openai.APITimeoutError, openai.APIConnectionError) as error:
                self.usage.add(seconds=time.perf_counter() - started, failed=True)
                last_error = (
                    "timed out"
                    if isinstance(error, openai.APITimeoutError)
                    else "connection failed"
                )
            except openai.APIStatusError as error:
                self.usage.add(seconds=time.perf_counter() - started, failed=True)
                if form is not None and _refuses_format(error):
                    self._step_down(form)  # e.g. llama-cpp-python: 500 "'text' or 'json_object'"
                    continue
                if error.status_code != 429 and error.status_code < 500:
                    raise LLMError(
                        f"the endpoint answered {error.status_code}: {_short(error)}"
                    ) from None
                last_error = f"HTTP {error.status_code}"
                retry_after = error.response.headers.get("retry-after") if error.response else None
                if retry_after:
                    with contextlib.suppress(ValueError):
                        delay = max(delay, min(float(retry_after), 60.0))
            else:
                seconds = time.perf_counter() - started
                usage = response.usage
                self.usage.add(
                    prompt=getattr(usage, "prompt_tokens", 0) or 0,
                    completion=getattr(usage, "completion_tokens", 0) or 0,
                    seconds=seconds,
                )
                if not response.choices:
                    raise LLMError("the endpoint answered with no choices")
                return response.choices[0].message.content or ""
            failures += 1
            if failures <= self.options.retries:
                time.sleep(delay)
                delay *= 2
        raise LLMError(f"no answer after {self.options.retries + 1} attempts ({last_error})")

    @property
    def _format(self) -> str | None:
        return _FORMATS[self._format_step]

    def _step_down(self, form: str) -> None:
        with self._budget_lock:
            if _FORMATS[self._format_step] == form:  # another thread may have stepped already
                self._format_step += 1


def _refuses_format(error: Exception) -> bool:
    """A 400/422/500 whose message is about the response_format we sent."""
    status = getattr(error, "status_code", 0)
    text = str(error).lower()
    return status in (400, 422, 500) and any(w in text for w in _SCHEMA_WORDS)


def _short(error: Exception) -> str:
    return " ".join(str(error).split())[:160]
