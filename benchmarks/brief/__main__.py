"""Benchmark of the extractive brief writer on QMSum val committee meetings.

``python -m benchmarks.brief`` prints, per method:

- segmentation Pk and WindowDiff against the QMSum gold topics (linearised by
  `podium.engine.segment.metrics.qmsum_gold_labels`), with the no-boundary,
  random and fixed-window baselines;
- topic coverage: the share of QMSum topics that get a section (a section
  covers a topic when its ▶ time or one of its quotes falls in the topic's
  turn spans);
- the share of sections whose quotes all verify (`podium.engine.verify`),
  and sections with any `fail` left;
- ROUGE-1 F1 (content words) of the brief's sections against the human
  "Summarize the whole meeting" answer, as a rough content measure;
- time per meeting (brief + verification, models loaded) and peak memory.

The baseline writer cuts the meeting into `SECTIONS` equal windows and makes
each a section from the window's main speaker's first two sentences (the
first one quoted), anchored at that speaker's first turn in the window: what
"no method" gives, so the table shows what segmentation, selection and
compression buy. Then the 90-minute case: the first 90 minutes of the longest
val meeting, brief + verify, timed with the models loaded.
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import sys
import time
import tracemalloc
from bisect import bisect_right
from dataclasses import dataclass, replace

from benchmarks.qmsum import meetings
from podium.engine.brief.model import Brief, Part, Quote, Section
from podium.engine.embed import get_embedder
from podium.engine.segment import pk, qmsum_gold_labels, segment_topics, window_diff
from podium.engine.segment.metrics import labels_at_times, random_labels
from podium.engine.segment.units import split_sentences
from podium.engine.transcript.model import Transcript
from podium.engine.transcript.qmsum import Meeting
from podium.engine.verify import verify
from podium.engine.write import write_brief
from podium.engine.write.keyphrases import STOP

SECTIONS = 8
TARGET_90_MIN_SECONDS = 10.0


@dataclass
class Row:
    name: str
    pk: float
    wd: float
    coverage: float
    quotes_ok: float
    sections_failing: int
    sections: float
    rouge: float
    seconds: float
    cpu: float = 0.0


def _turn_index(meeting: Meeting, time_: float) -> int:
    starts = [a for a, _ in meeting.turn_times]
    return max(0, bisect_right(starts, time_ + 1e-6) - 1)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9£$%']+", text.lower().replace("’", "'")))


def coverage(meeting: Meeting, brief: Brief) -> float:
    """Share of gold topics with a section drawing on the topic's turns.

    A section draws on a turn when its ▶ time falls in it, or a quote or a
    summary sentence (the words after "… noted that", or a plain sentence) is
    found in it verbatim.
    """
    turn_texts = [_norm(" ".join(s.text for s in t.segments)) for t in _qmsum_turns(meeting)]
    hit_turns: set[int] = set()
    for section in brief.sections():
        if section.start is not None:
            hit_turns.add(_turn_index(meeting, section.start))
        pieces = [q.text for q in section.quotes]
        for paragraph in section.summary:
            for sentence in re.split(r"(?<=[.!?\"])\s+(?=[A-Z])", paragraph):
                pieces.append(re.sub(r"^.*? that |^[^\"]*: ", "", sentence, count=1))
        for piece in pieces:
            words = _norm(piece)
            if len(words.split()) >= 5:
                hit_turns.update(i for i, text in enumerate(turn_texts) if words in text)
    covered = [
        any(a <= turn <= b for a, b in topic.spans for turn in hit_turns)
        for topic in meeting.topics
    ]
    return sum(covered) / max(len(covered), 1)


def _qmsum_turns(meeting: Meeting):
    """Segments grouped by QMSum turn (by the synthesized turn times)."""

    @dataclass
    class _T:
        segments: list

    groups = [_T([]) for _ in meeting.turn_times]
    for segment in meeting.transcript.segments:
        groups[_turn_index(meeting, segment.start)].segments.append(segment)
    return groups


def rouge1(brief: Brief, reference: str) -> float:
    """ROUGE-1 F1 on content words (stop words removed), sections only."""
    ours = [w for w in _norm(" ".join(s.text for s in brief.sections())).split() if w not in STOP]
    gold = [w for w in _norm(reference).split() if w not in STOP]
    if not ours or not gold:
        return 0.0
    from collections import Counter

    a, b = Counter(ours), Counter(gold)
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / len(ours), overlap / len(gold)
    return 2 * precision * recall / (precision + recall)


def baseline_brief(transcript: Transcript, sections: int = SECTIONS) -> tuple[Brief, list[float]]:
    """Fixed-length windows; the main speaker's first two sentences; the first one quoted."""
    sentences = split_sentences(transcript)
    duration = transcript.duration
    edges = [duration * i / sections for i in range(sections)]
    turns = transcript.turns()
    part = Part("Part I: The Diagnosis")
    for start in edges:
        end = start + duration / sections
        inside = [s for s in sentences if start <= s.start < end]
        if not inside:
            continue
        words: dict[str, int] = {}
        for s in inside:
            words[s.speaker] = words.get(s.speaker, 0) + s.words
        speaker = max(words, key=lambda k: (words[k], k))
        own = [s for s in inside if s.speaker == speaker and s.words >= 6][:2]
        if not own:
            continue
        quote = own[0].text.strip()
        summary = f'{speaker} said: "{quote}"' + (f" {own[1].text}" if len(own) > 1 else "")
        first_turn = turns[own[0].turn]
        part.sections.append(
            Section(
                number=len(part.sections) + 1,
                title=" ".join(quote.split()[:4]).strip(",.;:").title(),
                start=first_turn.start,
                speakers=[speaker],
                summary=[summary],
                quotes=[Quote(quote, speaker)],
            )
        )
    brief = Brief(title=transcript.title or "Meeting", parts=[part])
    return brief, edges


def _report_numbers(report, brief: Brief) -> tuple[float, int]:
    numbers = [s.number for s in brief.sections()]
    quote_fail = {f.section for f in report.findings if f.check == "quote" and f.status == "fail"}
    any_fail = {f.section for f in report.findings if f.status == "fail" and f.section}
    ok = sum(1 for n in numbers if n not in quote_fail) / max(len(numbers), 1)
    return ok, len(any_fail)


def evaluate() -> tuple[list[Row], float, int]:
    get_embedder()  # models loaded before timing, as on a running server
    rows: dict[str, list[Row]] = {
        "no boundary": [],
        "random": [],
        "fixed windows + first sentences": [],
        "podium extractive": [],
    }
    peak_python = 0
    for meeting in meetings("val"):
        transcript = meeting.transcript
        gold = qmsum_gold_labels(meeting)
        turn_starts = [a for a, _ in meeting.turn_times]
        k = len(set(gold))
        none = [0] * len(gold)
        rand = [random_labels(len(gold), k, seed=s) for s in range(20)]
        rows["no boundary"].append(
            Row("", pk(gold, none), window_diff(gold, none), 0, 0, 0, 0, 0, 0)
        )
        rows["random"].append(
            Row(
                "",
                statistics.mean(pk(gold, r) for r in rand),
                statistics.mean(window_diff(gold, r) for r in rand),
                0, 0, 0, 0, 0, 0,
            )
        )  # fmt: skip

        started, cpu_started = time.perf_counter(), time.process_time()
        base, edges = baseline_brief(transcript)
        base_report = verify(base, transcript)
        base_seconds = time.perf_counter() - started
        base_cpu = time.process_time() - cpu_started
        hyp = labels_at_times(turn_starts, edges)
        ok, failing = _report_numbers(base_report, base)
        rows["fixed windows + first sentences"].append(
            Row("", pk(gold, hyp), window_diff(gold, hyp), coverage(meeting, base), ok, failing,
                len(list(base.sections())), rouge1(base, meeting.summary), base_seconds, base_cpu)
        )  # fmt: skip

        tracemalloc.start()
        started, cpu_started = time.perf_counter(), time.process_time()
        result = write_brief(transcript, sections=SECTIONS)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        peak_python = max(peak_python, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        seg = segment_topics(transcript)  # the segmentation write_brief starts from (cached model)
        hyp = labels_at_times(turn_starts, [t.start_time for t in seg.topics])
        ok, failing = _report_numbers(result.report, result.brief)
        rows["podium extractive"].append(
            Row("", pk(gold, hyp), window_diff(gold, hyp), coverage(meeting, result.brief), ok,
                failing, len(list(result.brief.sections())), rouge1(result.brief, meeting.summary),
                seconds, cpu)
        )  # fmt: skip
        print(
            f"  {os.path.basename(transcript.source or '')}: {transcript.duration / 60:.0f} min, "
            f"Pk {rows['podium extractive'][-1].pk:.3f}, "
            f"{len(list(result.brief.sections()))} sections, {seconds:.1f} s",
            flush=True,
        )
    table = []
    for name, values in rows.items():
        table.append(
            Row(
                name,
                statistics.mean(r.pk for r in values),
                statistics.mean(r.wd for r in values),
                statistics.mean(r.coverage for r in values),
                statistics.mean(r.quotes_ok for r in values),
                sum(r.sections_failing for r in values),
                statistics.mean(r.sections for r in values),
                statistics.mean(r.rouge for r in values),
                statistics.mean(r.seconds for r in values),
                statistics.mean(r.cpu for r in values),
            )
        )
    return table, peak_python / 1e6, len(rows["podium extractive"])


def ninety_minutes() -> tuple[float, float, float, int, int]:
    """Brief + verify on the first 90 minutes of the longest val meeting (models loaded)."""
    longest = max(meetings("val"), key=lambda m: m.transcript.duration)
    transcript = longest.transcript
    cut = replace(
        transcript,
        segments=[s for s in transcript.segments if s.end <= 90 * 60],
        warnings=[],
    )
    get_embedder()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = write_brief(cut, sections=SECTIONS)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return seconds, cpu, cut.duration / 60, cut.word_count(), result.report.summary["fail"]


def main() -> int:
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    table, peak_mb, count = evaluate()
    print(f"\nQMSum val, {count} committee meetings, {SECTIONS} sections asked:\n")
    print(
        "| method | Pk ↓ | WindowDiff ↓ | topic coverage ↑ | sections with verified quotes | "
        "sections with a fail | sections | ROUGE-1 F1 | s / meeting | CPU s / meeting |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in table:
        writes = row.sections > 0
        print(
            f"| {row.name} | {row.pk:.3f} | {row.wd:.3f} | "
            + (
                f"{row.coverage:.0%} | {row.quotes_ok:.0%} | {row.sections_failing} | "
                f"{row.sections:.1f} | {row.rouge:.3f} | {row.seconds:.1f} | {row.cpu:.1f} |"
                if writes
                else "– | – | – | – | – | – | – |"
            )
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\npeak memory: {rss:.0f} MB resident (process), {peak_mb:.0f} MB Python heap in write_brief"
    )
    seconds, cpu, minutes, words, fails = ninety_minutes()
    cores = min(os.cpu_count() or 1, 2)
    verdict = "ok" if cpu / cores < TARGET_90_MIN_SECONDS else "over target"
    print(
        f"90-minute transcript ({minutes:.0f} min, {words} words): brief + verify {seconds:.1f} s "
        f"wall at load average {os.getloadavg()[0]:.1f}, {cpu:.1f} CPU s "
        f"(= {cpu / cores:.1f} s on {cores} idle cores; target < {TARGET_90_MIN_SECONDS:.0f} s: "
        f"{verdict}), {fails} fail"
    )
    podium = table[-1]
    return 0 if podium.quotes_ok == 1.0 and podium.sections_failing == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
