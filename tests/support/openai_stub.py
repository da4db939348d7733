"""A real HTTP server on 127.0.0.1 that speaks OpenAI chat completions, with scripted answers.

Tests start it, point the `openai` client at its base URL and script what it
says: good JSON, malformed JSON, a hallucinated quote, a wrong number, a
delay longer than the client's timeout, a 429 with Retry-After, a 500. The
whole path — HTTP client, retries, parsing, verification, fallback — runs
for real. Requests (bodies and headers) are recorded for assertions, and so
is the largest number of requests in flight at once.

An answer is a dict: ``{"content": str}`` (status 200), or ``{"status": 429,
"headers": {...}}``, optionally with ``"delay": seconds``. A `responder`
callable (request body -> answer) may replace the queue.

`faithful_answer` plays a careful model: it reads the prompt Podium sent
(the speaker, the naming rule, the required quotes, the transcript passage)
and writes a summary from the speaker's own sentences with every required
quote in place. Tests derive their "bad model" answers from it.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = dict[str, Any]


class OpenAIStub:
    def __init__(
        self, answers: list[Answer] | None = None, responder: Callable[[dict], Answer] | None = None
    ):
        self.answers: deque[Answer] = deque(answers or [])
        self.responder = responder
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                with stub._lock:
                    stub.in_flight += 1
                    stub.max_in_flight = max(stub.max_in_flight, stub.in_flight)
                try:
                    self._answer()
                finally:
                    with stub._lock:
                        stub.in_flight -= 1

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with stub._lock:
                    stub.requests.append(body)
                    stub.headers.append({k.lower(): v for k, v in self.headers.items()})
                    if stub.responder is not None:
                        answer = stub.responder(body)
                    elif stub.answers:
                        answer = stub.answers.popleft()
                    else:
                        answer = {"status": 500, "content": "no scripted answer left"}
                if answer.get("delay"):
                    time.sleep(answer["delay"])
                status = answer.get("status", 200)
                if status == 200:
                    payload = {
                        "id": f"chatcmpl-{len(stub.requests)}",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": body.get("model", "stub"),
                        "choices": [
                            {
                                "index": 0,
                                "message": {
                                    "role": "assistant",
                                    "content": answer.get("content", ""),
                                },
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {
                            "prompt_tokens": sum(
                                len(m.get("content", "").split()) for m in body.get("messages", [])
                            ),
                            "completion_tokens": len(answer.get("content", "").split()),
                            "total_tokens": 0,
                        },
                    }
                else:
                    payload = {
                        "error": {
                            "message": answer.get("content", "error"),
                            "type": "stub",
                            "code": status,
                        }
                    }
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for key, value in answer.get("headers", {}).items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> OpenAIStub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- reading Podium's prompts, as a model would ------------------------------------------

_LINE = re.compile(r"^\[(?P<time>[\d:]+)\] (?P<name>[^:]+): (?P<text>.*)$")
_QUOTE_LINE = re.compile(r'^- "(?P<text>.*)" \((?P<speaker>[^)]*)\)$')
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_PERSONAL = re.compile(r"(?i)\b(i|we|you|my|our|us|me|your|i'm|i've|we're|let|if)\b")


@dataclass
class PromptInfo:
    """What one request asked for."""

    kind: str
    """"section" or "intro"."""
    user: str
    speaker: str = ""
    others: list[str] = field(default_factory=list)
    name: str = ""
    """The name the naming rule asks for."""
    quotes: list[str] = field(default_factory=list)
    lines: list[tuple[str, str, str]] = field(default_factory=list)
    """(time, name, text) of the passage lines."""
    feedback: bool = False
    parts: int = 0
    titles: list[str] = field(default_factory=list)
    subject: str = ""
    """The extractive title the prompt's facts give (section.v2)."""

    @property
    def first_time(self) -> str:
        return self.lines[0][0] if self.lines else ""


def prompt_info(body: dict) -> PromptInfo:
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    feedback = "Your previous answer failed" in user
    if user.startswith("Event title:"):
        parts_block = user.split("Parts and the section titles in each:", 1)[1].split(
            "Your previous answer", 1
        )[0]
        parts = [
            line
            for line in parts_block.strip().splitlines()
            if ":" in line and not line.startswith("(")
        ]
        titles = [t.strip() for line in parts for t in line.split(":", 1)[1].split(";")]
        return PromptInfo("intro", user, feedback=feedback, parts=len(parts), titles=titles)
    info = PromptInfo("section", user, feedback=feedback)
    info.speaker = re.search(r"^Speaker: (.*)$", user, re.M).group(1)
    others = re.search(r"^Other speakers in this section: (.*)$", user, re.M).group(1)
    info.others = [] if others == "none" else others.split(", ")
    info.name = re.search(r'call the speaker "([^"]+)"', user).group(1)
    subject = re.search(r"^- subject \(the extractive title\): (.*)$", user, re.M)
    info.subject = subject.group(1).strip() if subject else ""
    body_text = user.split("Your previous answer failed", 1)[0]
    for line in body_text.splitlines():
        if m := _QUOTE_LINE.match(line):
            info.quotes.append(m.group("text"))
        elif m := _LINE.match(line):
            info.lines.append((m.group("time"), m.group("name"), m.group("text")))
    return info


def faithful_section(info: PromptInfo) -> dict[str, str]:
    """A summary from the speaker's own sentences, with the required quotes verbatim."""
    sentences = [
        s.strip()
        for _, name, text in info.lines
        if name == info.speaker
        for s in _SENTENCE.split(text)
    ]
    quoted = [q.lower().rstrip(".") for q in info.quotes]
    usable = [
        s
        for s in sentences
        if 6 <= len(s.split()) <= 40
        and not _PERSONAL.search(s)
        and not any(q[:25] in s.lower() for q in quoted)
        and not re.search(r"\b(um|uh)\b", s, re.I)
    ][:2]
    out = []
    for number, sentence in enumerate(usable):
        verb = "noted" if number == 0 else "added"
        out.append(f"{info.name} {verb} that {sentence[0].lower()}{sentence[1:]}")
    for quote in info.quotes:
        end = "" if quote[-1] in ".!?" else "."
        out.append(f'{info.name} said, "{quote}"{end}')
    words = [w for w in re.findall(r"[A-Za-z][a-z]{4,}", " ".join(usable))][:3] or ["Remarks"]
    title = info.subject or " ".join(w.capitalize() for w in words)  # a model follows the facts
    return {"title": title, "summary": " ".join(out)}


def faithful_intro(info: PromptInfo) -> dict[str, Any]:
    titles = [t.lower() for t in info.titles[:3]]
    topics = (", ".join(titles[:-1]) + " and " + titles[-1]) if len(titles) > 1 else "".join(titles)
    topics = topics or "the questions before the panel"
    headings = ["Problems Raised", "Proposals Made", "Further Questions", "Closing Thoughts"]
    return {"intro": f"This program examined {topics}.", "parts": headings[: info.parts]}


def faithful_answer(body: dict) -> Answer:
    info = prompt_info(body)
    data = faithful_section(info) if info.kind == "section" else faithful_intro(info)
    return {"content": json.dumps(data)}


# --- the archive's "ask" framing sentence (prompt framing.v1) --------------------------------


def faithful_framing(body: dict) -> Answer:
    """A careful model: the shortest quote's speaker and words from the prompt, as reported speech."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    quotes = re.findall(r'^- "(.*)" \(([^,]+),', user, re.M)
    text, speaker = min(quotes, key=lambda q: len(q[0]))
    return {"content": json.dumps({"framing": f"{speaker} said that {text.rstrip('….')}."})}


def invented_framing(body: dict) -> Answer:
    """A careless model: a person nobody quoted and a year nobody said."""
    return {"content": json.dumps({"framing": "Joe Bloggs said the offer would end in 2031."})}
