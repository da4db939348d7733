"""Brief parsing and rendering speed: the seed page and a long synthetic brief.

Target: the seed parses and renders in well under 50 ms each, and a 200-section
brief parses in under a second, so the site can re-parse a brief on every edit.
"""

from __future__ import annotations

import time
import tracemalloc

from podium.demo import SEED_AFTER_EVENT
from podium.engine.brief import parse_brief, render_brief

TARGET_SEED_MS = 50.0
TARGET_LONG_S = 1.0


def _long_brief_text(sections: int = 200) -> str:
    seed = SEED_AFTER_EVENT.read_text(encoding="utf-8")
    brief = parse_brief(seed)
    body = list(brief.sections())
    lines = ["Program Brief", "A Long Program", "An intro paragraph."]
    for number in range(1, sections + 1):
        source = body[(number - 1) % len(body)]
        if number % 25 == 1:
            lines.append(f"Part {number // 25 + 1}: Block")
        lines.append(f"{number}. {source.title} ▶ [{number // 60}:{number % 60:02d}:00]")
        lines += source.summary
    lines += brief.closing
    lines += [
        "About the Speakers:",
        *(s for s in ("Keith Luse", "Rachel Minyoung Lee", "Ankit Panda", "Susan A. Thornton")),
    ]
    return "\n\n".join(lines)


def _time(fn, repeat: int) -> float:
    fn()  # warm up (pysbd, regexes)
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) / repeat


def main() -> int:
    seed = SEED_AFTER_EVENT.read_text(encoding="utf-8")
    brief = parse_brief(seed)
    rows = [("parse seed (txt page)", _time(lambda: parse_brief(seed), 50))]
    for layout in ("txt", "md", "json"):
        text = render_brief(brief, layout)
        rows.append((f"parse seed as {layout}", _time(lambda text=text: parse_brief(text), 50)))
    for layout in ("txt", "md", "html", "json"):
        rows.append(
            (
                f"render seed to {layout}",
                _time(lambda layout=layout: render_brief(brief, layout), 200),
            )
        )
    long_text = _long_brief_text()
    tracemalloc.start()
    long_seconds = _time(lambda: parse_brief(long_text), 3)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"{'operation':<28} {'ms':>9}")
    for name, seconds in rows:
        print(f"{name:<28} {seconds * 1000:>9.2f}")
    print(
        f"{'parse 200-section brief':<28} {long_seconds * 1000:>9.2f}   (peak {peak / 2**20:.1f} MiB)"
    )
    slow = [name for name, seconds in rows if seconds * 1000 > TARGET_SEED_MS]
    ok = not slow and long_seconds < TARGET_LONG_S
    print(
        f"targets: seed < {TARGET_SEED_MS:.0f} ms, 200 sections < {TARGET_LONG_S:.0f} s: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
