"""Settings of the LLM writer: endpoint, model, key, sampling, retries, budget.

Read from keyword arguments or the environment (``PODIUM_LLM_*``). The API key
is never part of `repr()` or of anything the brief records.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from urllib.parse import urlsplit, urlunsplit

from podium.engine.errors import PodiumError


@dataclass(frozen=True)
class LLMOptions:
    base_url: str
    """The endpoint's OpenAI-compatible base URL, e.g. ``http://127.0.0.1:11434/v1`` (Ollama)."""
    model: str
    """The model name the endpoint knows, e.g. ``gpt-4o-mini`` or ``llama3.1:8b``."""
    api_key: str = field(default="not-needed", repr=False)
    """Bearer key; local servers usually accept anything. Never logged."""
    temperature: float = 0.2
    """Sampling temperature; low keeps prose close to the transcript."""
    timeout: float = 60.0
    """Seconds to wait for one answer before it counts as a failed attempt."""
    retries: int = 3
    """Further attempts after a timeout, a connection error, a 429 or a 5xx."""
    backoff: float = 1.0
    """Seconds before the first retry; doubles each time (a Retry-After header wins)."""
    max_requests: int = 40
    """Request budget per brief; the writer falls back to extractive text beyond it."""
    concurrency: int = 4
    """Sections written at the same time."""
    max_tokens: int = 700
    """Upper bound on the tokens of one answer."""

    def __post_init__(self) -> None:
        if not self.base_url:
            raise PodiumError("LLM writer: no endpoint given (--base-url or PODIUM_LLM_BASE_URL)")
        if not self.model:
            raise PodiumError("LLM writer: no model given (--model or PODIUM_LLM_MODEL)")
        if self.retries < 0 or self.max_requests < 1 or self.concurrency < 1:
            raise PodiumError("LLM writer: retries must be >= 0, max_requests and concurrency >= 1")

    @classmethod
    def from_env(cls, **overrides: object) -> LLMOptions:
        """Options from ``PODIUM_LLM_<FIELD>`` variables, then `overrides` (None = unset).

        ``OPENAI_API_KEY`` is used when ``PODIUM_LLM_API_KEY`` is not set.
        """
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"PODIUM_LLM_{f.name.upper()}")
            if raw is None and f.name == "api_key":
                raw = os.environ.get("OPENAI_API_KEY")
            if raw is not None:
                values[f.name] = _coerce(f.name, raw, f.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        values.setdefault("base_url", "")
        values.setdefault("model", "")
        return cls(**values)  # type: ignore[arg-type]

    def describe(self) -> dict[str, str]:
        """What a brief records about how it was written (no key, no credentials in the URL)."""
        return {
            "llm_base_url": public_url(self.base_url),
            "llm_model": self.model,
            "llm_temperature": str(self.temperature),
        }


def public_url(url: str) -> str:
    """`url` without user, password, query or fragment (where keys sometimes hide)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return (
        urlunsplit((parts.scheme, host, parts.path, "", "")) if parts.scheme else url.split("?")[0]
    )


def _coerce(name: str, raw: str, kind: object) -> object:
    kind = str(kind)
    try:
        if "float" in kind:
            return float(raw)
        if "int" in kind:
            return int(raw)
    except ValueError:
        raise PodiumError(f"PODIUM_LLM_{name.upper()}: {raw!r} is not a number") from None
    return raw
