"""A real HTTP server on 127.0.0.1 that speaks OpenAI chat completions, with scripted answers.

Tests start it, point the `openai` client at its base URL and script what it
says: good JSON, malformed JSON, a hallucinated quote, a wrong number, a
delay longer than the client's timeout, a 429 with Retry-After, a 500. The
whole path — HTTP client, retries, parsing, verification, fallback — runs
for real. Requests are recorded for assertions.

An answer is a dict: ``{"content": str}`` (status 200), or ``{"status": 429,
"headers": {...}}``, optionally with ``"delay": seconds``. A `responder`
callable (request body -> answer) may replace the queue.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = dict[str, Any]


class OpenAIStub:
    def __init__(self, answers: list[Answer] | None = None, responder: Callable[[dict], Answer] | None = None):
        self.answers: deque[Answer] = deque(answers or [])
        self.responder = responder
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with stub._lock:
                    stub.requests.append(body)
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
                                "message": {"role": "assistant", "content": answer.get("content", "")},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {
                            "prompt_tokens": sum(len(m.get("content", "").split()) for m in body.get("messages", [])),
                            "completion_tokens": len(answer.get("content", "").split()),
                            "total_tokens": 0,
                        },
                    }
                else:
                    payload = {"error": {"message": answer.get("content", "error"), "type": "stub", "code": status}}
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
