"""Re-verifying only what changed: ``python -m benchmarks.brief_reuse``.

The committed example (docs/examples/childcare-offer-brief.md against
childcare-offer-committee.vtt) is verified in full, then one section's
summary is changed and the brief verified twice in the same process: in full,
and with every other section's findings reused (`verify(reuse=…)`, what the
site's `save_version` does after an edit). Prints CPU seconds (this process)
and wall seconds, the ratio against the full run measured in the same run, and
whether the two reports agree. The transcript index is built once beforehand
(the site keeps it per process), so the rows compare verification work only.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

from podium.engine.brief import parse_brief
from podium.engine.transcript import parse_transcript
from podium.engine.verify import build_context, verify

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"


def timed(fn):
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def main() -> int:
    transcript = parse_transcript(
        (EXAMPLES / "childcare-offer-committee.vtt").read_text(encoding="utf-8"),
        source="childcare-offer-committee.vtt",
    )
    brief = parse_brief(
        (EXAMPLES / "childcare-offer-brief.md").read_text(encoding="utf-8"),
        source="childcare-offer-brief.md",
    )
    context, index_cpu, index_wall = timed(lambda: build_context(transcript))
    first, warm_cpu, warm_wall = timed(lambda: verify(brief, transcript, context=context))
    edited = copy.deepcopy(brief)
    target = next(s for s in edited.sections() if s.summary)
    target.summary[0] = target.summary[0] + " The committee asked for a written answer."
    reuse = {
        s.number: [f for f in first.findings if f.section == s.number]
        for s in edited.sections()
        if s.number != target.number
    }
    full, full_cpu, full_wall = timed(lambda: verify(edited, transcript, context=context))
    partial, part_cpu, part_wall = timed(
        lambda: verify(edited, transcript, context=context, reuse=reuse)
    )
    sections = len(list(edited.sections()))
    rows = [
        ("index the transcript (once per process)", index_cpu, index_wall, ""),
        (f"verify all {sections} sections (warm-up)", warm_cpu, warm_wall, ""),
        ("after a one-section edit: full verification", full_cpu, full_wall, "1.00"),
        (
            "after a one-section edit: changed section only",
            part_cpu,
            part_wall,
            f"{part_cpu / full_cpu:.2f}" if full_cpu else "",
        ),
    ]
    print(f"{'measure':50} {'CPU s':>7} {'wall s':>7} {'CPU ratio':>9}")
    for name, cpu, wall, ratio in rows:
        print(f"{name:50} {cpu:7.2f} {wall:7.2f} {ratio:>9}")
    same = full.to_dict() == partial.to_dict()
    print(f"reports identical: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
