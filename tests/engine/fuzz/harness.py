"""Run one fuzz case the way the CLI does, and say how it ended.

A transcript case is saved under its source's extension and read with
`read_transcript` (``--from`` as the case says), then written in every format;
a brief case is read with `read_text` and `parse_brief_and_page`, then
rendered in every format; `verify_case` checks a parsed brief against a parsed
transcript. Each must end in a result or a `PodiumError` whose message is one
line; anything else is a crash (with its traceback), and more than
`TIME_LIMIT` seconds is a hang (a SIGALRM timer interrupts it).
"""

from __future__ import annotations

import contextlib
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from podium.engine.errors import PodiumError
from tests.engine.fuzz.corpus import Case

TIME_LIMIT = 30.0


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so no `except Exception` in the code swallows it."""


@dataclass
class Outcome:
    name: str
    status: str
    """``ok`` (a result), ``error`` (a clean PodiumError), ``crash`` or ``hang``."""
    seconds: float
    detail: str = ""
    """The error line, or the traceback of a crash."""
    result: Any = None


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(signum, frame):
        raise Hang(f"still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(name: str, work: Callable[[], Any], limit: float = TIME_LIMIT) -> Outcome:
    started = time.perf_counter()
    try:
        with time_limit(limit):
            result = work()
    except Hang as hang:
        return Outcome(name, "hang", time.perf_counter() - started, str(hang))
    except PodiumError as error:
        message = str(error)
        seconds = time.perf_counter() - started
        if not message.strip() or "\n" in message or "Traceback" in message:
            return Outcome(name, "crash", seconds, f"not one clean line: {message!r}")
        return Outcome(name, "error", seconds, message)
    except BaseException:  # noqa: BLE001 - a crash is what the fuzzer looks for
        return Outcome(name, "crash", time.perf_counter() - started, traceback.format_exc())
    return Outcome(name, "ok", time.perf_counter() - started, result=result)


def save(case: Case, folder: Path) -> Path:
    path = folder / f"{case.name.split('-', 1)[0]}{case.suffix or '.txt'}"
    path.write_bytes(case.data)
    return path


def read_case(case: Case, folder: Path) -> Outcome:
    """Read (and write back, or render) one case; `Outcome.result` is the parsed object."""
    path = save(case, folder)
    try:
        if case.target == "transcript":
            return run(case.name, lambda: _transcript(path, case.read_format))
        return run(case.name, lambda: _brief(path))
    finally:
        path.unlink(missing_ok=True)


def _transcript(path: Path, read_format: str | None):
    from podium.engine.transcript import FORMATS, format_transcript, read_transcript

    transcript = read_transcript(path, format=read_format)
    for name in FORMATS:
        format_transcript(transcript, name)
    transcript.turns()
    return transcript


def _brief(path: Path):
    from podium.engine.brief import FORMATS, render_brief
    from podium.engine.brief.parse import parse_brief_and_page, read_text

    brief, _page = parse_brief_and_page(read_text(path), source=str(path))
    for name in FORMATS:
        render_brief(brief, name)
    return brief


def verify_case(name: str, brief, transcript) -> Outcome:
    """`verify` on a parsed brief and transcript, and the report's JSON."""
    from podium.engine.verify import verify

    def work():
        report = verify(brief, transcript)
        report.to_dict()
        return report

    return run(name, work)
