"""A deterministic corpus of mutated transcripts and briefs, for fuzzing the readers,
the brief parser and the verifier (issue 17: bad input ends in a result or one clean
error line, never a traceback or a hang).

`cases(seed, count)` starts from the committed test files (`SOURCES`) and applies
one or two mutations drawn with `random.Random(seed)`: byte flips, truncation,
other encodings, huge lines, NaN / negative / 1e400 / absurd times, nesting about
1,000 deep, garbage JSON shapes, spliced files, line shuffles, NUL bytes and stray
byte-order marks. The same seed and count give the same cases, byte for byte, so a
failure is reproduced by its case name (``00042-panel.vtt-times+truncate``).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEED = 17
"""The seed `make test` and `make bench` use (issue 17)."""
FULL_COUNT = 2400
"""Cases in the full corpus (benchmarks/fuzz)."""

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data"
SOURCES: dict[str, tuple[Path, ...]] = {
    "transcript": (
        *sorted((DATA / "transcripts").glob("*.*")),
        *sorted((DATA / "transcripts" / "bad").glob("*.*")),
        DATA / "verify" / "seed_000_transcript.vtt",
    ),
    "brief": (
        *sorted(p for p in (DATA / "briefs").glob("*.*") if p.suffix != ".yaml"),
        REPO / "src" / "podium" / "demo" / "seeds" / "000_b9ac5712361d871e.txt",
    ),
}
"""The committed files every case starts from, by what reads them."""

READ_FORMATS = (None, None, None, "vtt", "srt", "json", "qmsum", "txt", "md")
"""``--from`` values a transcript case is read with (mostly sniffed)."""


@dataclass(frozen=True)
class Case:
    """One fuzz input: bytes, what reads them, and the file name they are saved under."""

    name: str
    target: str
    """``transcript`` or ``brief``."""
    data: bytes
    suffix: str
    read_format: str | None = None
    """For transcripts: the format forced as ``--from`` would (None: sniffed)."""


@cache
def _source_bytes(path: Path) -> bytes:
    return path.read_bytes()


# --- mutations: (rng, data) -> data -------------------------------------------------

BAD_NUMBERS = (
    "NaN", "-NaN", "Infinity", "-Infinity", "1e400", "-1e400", "-1", "-0.5", "1e308",
    "99999999999999999999999", "-99999999999999999999", "0", "1e-400", "null", "true",
    '"12"', '"NaN"', '"-1"', '"1e400"', "[]", "{}", '"00:00:01.000"', '"soon"',
)  # fmt: skip
BAD_TIMES = (
    "-00:00:01.000", "99:99:99.999", "00:00:0x.000", "1e400", "NaN", "-1", "00:00:01.000000",
    "999999999999:00:00.000", "00:60:00.000", "00:00:61,000", "::", "00:00", "", "-0:01",
    "1:02:03:04", "00:00:01.-5", "٠٠:٠١:٠٠.٠٠٠",
)  # fmt: skip
_JSON_TIME = re.compile(
    rb'("(?:start|end|begin|time|timestamp|offset|duration|number)"\s*:\s*)'
    rb'(-?[\d.eE+-]+|"[^"]*")'
)
_CUE_TIME = re.compile(rb"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?")
_GARBAGE = (
    None, True, False, 0, -1, 1e308, "", "x" * 1000, [], {}, [[[]]], {"": None},
    ["a", 1, None], {"segments": None}, {"start": "NaN"}, "\u0000", "\ud800".encode(
        "utf-8", "surrogatepass").decode("utf-8", "replace"),
)  # fmt: skip


def byte_flips(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)] if data else data


def reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(
        ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis",
         "utf-8-sig", "utf-7", "koi8-r", "gb18030", "mac-roman"]
    )  # fmt: skip
    return text.encode(encoding, "replace")


def huge_line(rng: random.Random, data: bytes) -> bytes:
    size = rng.choice([10_000, 100_000, 300_000, 1_000_000])
    unit = rng.choice(
        [b"a", b"word ", b"\xc3\xa9", b"00:00:01.000 --> ", b"<b>", b"[", b"{", b"\t"]
    )
    line = (unit * (size // len(unit) + 1))[:size]
    lines = data.split(b"\n")
    lines.insert(rng.randrange(len(lines) + 1), line)
    return b"\n".join(lines)


def bad_times(rng: random.Random, data: bytes) -> bytes:
    json_hits = list(_JSON_TIME.finditer(data))
    if json_hits:
        chosen = rng.sample(json_hits, min(len(json_hits), rng.randint(1, 2)))
        out = data
        for hit in sorted(chosen, key=lambda m: m.start(), reverse=True):
            # Half the time one of the non-finite or negative numbers the issue names.
            value = rng.choice(BAD_NUMBERS[:7] if rng.random() < 0.5 else BAD_NUMBERS).encode()
            out = out[: hit.start(2)] + value + out[hit.end(2) :]
        return out
    cue_hits = list(_CUE_TIME.finditer(data))
    if cue_hits:
        chosen = rng.sample(cue_hits, min(len(cue_hits), rng.randint(1, 2)))
        out = data
        for hit in sorted(chosen, key=lambda m: m.start(), reverse=True):
            out = out[: hit.start()] + rng.choice(BAD_TIMES).encode() + out[hit.end() :]
        return out
    return data + b"\n00:00:01.000 --> " + rng.choice(BAD_TIMES).encode() + b"\nhello\n"


def deep_nesting(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([500, 1000, 1000, 3000, 100_000])
    kind = rng.randrange(5)
    if kind == 0:
        return b"[" * depth + b"]" * depth
    if kind == 1:
        return b'{"a":' * depth + b"1" + b"}" * depth
    if kind == 2:  # nested inside a real document, where a value would be
        hits = list(re.finditer(rb":\s*", data))
        if hits:
            at = rng.choice(hits).end()
            return data[:at] + b"[" * depth + b"1" + b"]" * depth + b"," + data[at:]
        return b"[" * depth + data
    if kind == 3:
        return b"> " * depth + data
    return data + b"\n" + b"<v A>" * depth + b"text"


def json_shape(rng: random.Random, data: bytes) -> bytes:
    """Replace one node of a JSON document with a value of the wrong shape."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return json.dumps(rng.choice(_GARBAGE)).encode()
    nodes: list[tuple[object, object]] = []
    pending = [document]
    while pending:  # every (container, key) pair, without recursion (documents may be deep)
        node = pending.pop()
        children = (
            node.items()
            if isinstance(node, dict)
            else enumerate(node)
            if isinstance(node, list)
            else ()
        )
        for key, value in children:
            nodes.append((node, key))
            pending.append(value)
    if not nodes:
        return json.dumps(rng.choice(_GARBAGE)).encode()
    parent, key = rng.choice(nodes)
    action = rng.randrange(5)
    if action == 0:
        parent[key] = rng.choice(_GARBAGE)
    elif action == 1:
        parent[key] = rng.choice([float("nan"), float("inf"), -float("inf"), -1.5, 10**30])
    elif action == 2 and isinstance(parent, dict):
        del parent[key]
    elif action == 3:
        parent[key] = [parent[key]] * rng.choice([2, 100, 5000])
    else:
        parent[key] = {"value": parent[key]} if rng.random() < 0.5 else [parent[key]]
    return json.dumps(document).encode()


def splice(rng: random.Random, data: bytes) -> bytes:
    other = _source_bytes(rng.choice([p for paths in SOURCES.values() for p in paths]))
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


def line_shuffle(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    action = rng.randrange(4)
    if action == 0:
        rng.shuffle(lines)
    elif action == 1 and lines:
        i = rng.randrange(len(lines))
        lines[i:i] = [lines[i]] * rng.choice([2, 50, 2000])
    elif action == 2 and lines:
        del lines[rng.randrange(len(lines))]
    else:
        return data.replace(
            b"\n", rng.choice([b"\r", b"\r\n", b"\r\r\n", b"\n\n\n", "\u2028".encode()])
        )
    return b"\n".join(lines)


def odd_bytes(rng: random.Random, data: bytes) -> bytes:
    insert = rng.choice([b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x1b[31m", b"\r",
                         b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x7f", b"\x0c"])  # fmt: skip
    at = rng.randrange(len(data) + 1)
    return data[:at] + insert * rng.randint(1, 3) + data[at:]


def nearly_empty(rng: random.Random, data: bytes) -> bytes:
    return rng.choice(
        [b"", b" ", b"\n\n", b"\xef\xbb\xbf", b"WEBVTT", b"WEBVTT\n\n", b"{}", b"[]", b"null",
         b"#", b"---\n---\n", b"1\n", b"\x00" * 10, b'{"segments": []}', b'{"parts": []}']
    )  # fmt: skip


MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "flip": byte_flips,
    "truncate": truncate,
    "encoding": reencode,
    "huge-line": huge_line,
    "times": bad_times,
    "nesting": deep_nesting,
    "json-shape": json_shape,
    "splice": splice,
    "lines": line_shuffle,
    "bytes": odd_bytes,
    "empty": nearly_empty,
}
WEIGHTS = {"flip": 3, "truncate": 2, "times": 4, "json-shape": 3, "empty": 0.3}
"""Relative frequency of each mutation (1 when not listed)."""


def _is_bad(path: Path) -> bool:
    """A source file that is already broken (they are picked less often than good ones)."""
    return "bad" in path.parts or path.stem.startswith(("bad_", "truncated", "no_sections"))


def cases(seed: int = SEED, count: int = FULL_COUNT) -> Iterator[Case]:
    """`count` cases, the same for the same seed; case i is the same whatever `count` is."""
    names = list(MUTATIONS)
    weights = [WEIGHTS.get(n, 1) for n in names]
    for i in range(count):
        rng = random.Random(f"{seed}:{i}")
        target = rng.choices(["transcript", "brief"], weights=[3, 2])[0]
        paths = SOURCES[target]
        path = rng.choices(paths, weights=[1 if _is_bad(p) else 3 for p in paths])[0]
        data = _source_bytes(path)
        applied = rng.choices(names, weights=weights, k=rng.choice([1, 1, 2]))
        for mutation in applied:
            data = MUTATIONS[mutation](rng, data)
        if rng.random() < 0.05:  # sometimes a brief read as a transcript, or the reverse
            target = "brief" if target == "transcript" else "transcript"
        read_format = rng.choice(READ_FORMATS) if target == "transcript" else None
        yield Case(
            name=f"{i:05d}-{path.name}-{'+'.join(applied)}",
            target=target,
            data=data,
            suffix=path.suffix,
            read_format=read_format,
        )
