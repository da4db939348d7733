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
- ROUGE-1/2/L F1 (all words, lower case) of the brief's sections against
  the human "Summarize the whole meeting" answer ("general": the whole
  brief, intro included — the baseline has none), and of each
  section against the answers of the specific queries whose relevant turns
  hold the section's ▶ time ("specific", mean over the sections that have one);
  general ROUGE again with every method's text cut to the answer's length
  (the same budget for all), and the words of each brief and section;
- the writer's lint (`podium.engine.write.lint`): pronouns outside quotes,
  bad titles, intro sentences listing > 3 themes, quotes that are not
  complete clauses, fewer sections than asked without a reason — each must be 0;
- time per meeting (brief + verification, models loaded) and peak memory,
  and for the 90-minute case where the CPU time goes (MiniLM, spaCy, rest).

The baseline writer cuts the meeting into `SECTIONS` equal windows and makes
each a section from the window's main speaker's first two sentences (the
first one quoted), anchored at that speaker's first turn in the window: what
"no method" gives, so the table shows what segmentation, selection and
compression buy. Then the 90-minute case: the first 90 minutes of the longest
val meeting, brief + verify, timed with the models loaded.

Quick mode, to iterate on the writer without the 35-minute full run::

    python -m benchmarks.brief --split train --quick --vectors /tmp/podium-vectors.pkl

``--split train|val`` picks the QMSum split (default val); ``--quick`` takes every
third meeting of the split in name order (8 of the 24 train meetings: covid_0,
covid_3, covid_8, education_12, 16, 20, 24 and 6) and prints only the tables (no
docs/examples lint, no 90-minute case); ``--meetings a,b`` names meetings
instead; ``--vectors FILE`` keeps the sentence vectors between runs in a pickle
(MiniLM is most of the time, and the vectors do not change when only the
writer does). Choose on train, then read val once.
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
from collections import Counter
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
from podium.engine.write.lint import lint_brief

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
    rouge_general: tuple[float, float, float] = (0.0, 0.0, 0.0)
    rouge_specific: tuple[float, float, float] = (0.0, 0.0, 0.0)
    lint: dict[str, int] | None = None
    rouge_cut: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """General ROUGE with the text cut to the answer's length (the same budget for every method)."""
    words: tuple[float, float] = (0.0, 0.0)
    """Words of the text scored against the general answer, and per section."""


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


def _tokens(text: str) -> list[str]:
    return _norm(text).split()


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(overlap: float, ours: int, gold: int) -> float:
    if not overlap or not ours or not gold:
        return 0.0
    precision, recall = overlap / ours, overlap / gold
    return 2 * precision * recall / (precision + recall)


def _lcs(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge(text: str, reference: str) -> tuple[float, float, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 over lower-cased words (no stemming, stop words kept)."""
    ours, gold = _tokens(text), _tokens(reference)
    scores = []
    for n in (1, 2):
        a, b = _ngrams(ours, n), _ngrams(gold, n)
        scores.append(_f1(sum((a & b).values()), sum(a.values()), sum(b.values())))
    scores.append(_f1(_lcs(ours, gold), len(ours), len(gold)))
    return scores[0], scores[1], scores[2]


def section_text(section: Section) -> str:
    return " ".join([section.title, *section.summary])


def general_text(brief: Brief) -> str:
    return " ".join([*brief.intro, *(section_text(s) for s in brief.sections())])


def rouge_general(brief: Brief, meeting: Meeting) -> tuple[float, float, float]:
    """The whole brief (intro and sections; the baseline has no intro) against the answer."""
    return rouge(general_text(brief), meeting.summary)


def rouge_general_cut(brief: Brief, meeting: Meeting) -> tuple[float, float, float]:
    """`rouge_general` with the brief's text cut to as many words as the answer has.

    The same length budget for every method, so a longer text is not paid for
    (precision) nor rewarded (recall) for its length: the first words must carry it.
    """
    budget = len(_tokens(meeting.summary))
    return rouge(" ".join(_tokens(general_text(brief))[:budget]), meeting.summary)


def lengths(brief: Brief) -> tuple[float, float]:
    """Words scored against the general answer, and mean words a section (title + summary)."""
    sections = [len(_tokens(section_text(s))) for s in brief.sections()]
    return len(_tokens(general_text(brief))), statistics.mean(sections) if sections else 0.0


def rouge_specific(brief: Brief, meeting: Meeting) -> tuple[float, float, float]:
    """Mean over sections of ROUGE against the specific answers whose turns hold the ▶ time."""
    scores = []
    for section in brief.sections():
        if section.start is None:
            continue
        turn = _turn_index(meeting, section.start)
        answers = [
            q["answer"]
            for q in meeting.queries
            if any(
                int(a) <= turn <= int(b)
                for a, b in (q.get("relevant_text_span") or [])
                if str(a).isdigit() and str(b).isdigit()
            )
        ]
        if answers:
            scores.append(
                max((rouge(section_text(section), a) for a in answers), key=lambda r: r[0])
            )
    if not scores:
        return 0.0, 0.0, 0.0
    return tuple(statistics.mean(s[i] for s in scores) for i in range(3))  # type: ignore[return-value]


LINT_KINDS = ("pronoun", "title", "intro", "quote", "sections")


def lint_counts(
    brief: Brief, asked: int | None = None, reason: str | None = None
) -> dict[str, int]:
    issues = lint_brief(brief, asked=asked, reason=reason)
    return {kind: sum(1 for i in issues if i.kind == kind) for kind in LINT_KINDS}


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


def evaluate(chosen: list[Meeting] | None = None) -> tuple[list[Row], float, int]:
    get_embedder()  # models loaded before timing, as on a running server
    rows: dict[str, list[Row]] = {
        "no boundary": [],
        "random": [],
        "fixed windows + first sentences": [],
        "podium extractive": [],
    }
    peak_python = 0
    for meeting in chosen if chosen is not None else meetings("val"):
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
                len(list(base.sections())), rouge1(base, meeting.summary), base_seconds, base_cpu,
                rouge_general(base, meeting), rouge_specific(base, meeting), None, rouge_general_cut(base, meeting), lengths(base))
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
                seconds, cpu, rouge_general(result.brief, meeting),
                rouge_specific(result.brief, meeting),
                lint_counts(result.brief, SECTIONS, result.reason),
                rouge_general_cut(result.brief, meeting), lengths(result.brief))
        )  # fmt: skip
        for issue in lint_brief(result.brief, asked=SECTIONS, reason=result.reason):
            print(f"    lint: {issue}", flush=True)
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
                _mean3([r.rouge_general for r in values]),
                _mean3([r.rouge_specific for r in values]),
                _sum_lint([r.lint for r in values]),
                _mean3([r.rouge_cut for r in values]),
                (
                    statistics.mean(r.words[0] for r in values),
                    statistics.mean(r.words[1] for r in values),
                ),
            )
        )
    return table, peak_python / 1e6, len(rows["podium extractive"])


def _mean3(values: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return tuple(statistics.mean(v[i] for v in values) for i in range(3))  # type: ignore[return-value]


def _sum_lint(values: list[dict[str, int] | None]) -> dict[str, int] | None:
    if any(v is None for v in values):
        return None
    return {k: sum(v[k] for v in values) for k in LINT_KINDS}  # type: ignore[index]


class _Timer:
    """CPU seconds spent inside one function (patched on its module while measuring)."""

    def __init__(self, module, name: str) -> None:
        self.module, self.name, self.cpu, self.calls = module, name, 0.0, 0
        self.original = getattr(module, name)
        self.by_caller: Counter = Counter()
        """CPU seconds per calling module (its last dotted part)."""

    def __enter__(self):
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return self.original(*args, **kwargs)
            finally:
                spent = time.process_time() - started
                self.cpu += spent
                self.calls += 1
                caller = sys._getframe(1).f_globals.get("__name__", "?").rsplit(".", 1)[-1]
                self.by_caller[caller] += spent

        setattr(self.module, self.name, timed)
        return self

    def __exit__(self, *exc) -> None:
        setattr(self.module, self.name, self.original)


def ninety_minutes() -> tuple[float, float, float, int, int, dict[str, float]]:
    """Brief + verify on the first 90 minutes of the longest val meeting (models loaded)."""
    import podium.engine.embed as embed_module
    import podium.engine.nlp as nlp_module

    longest = max(meetings("val"), key=lambda m: m.transcript.duration)
    transcript = longest.transcript
    cut = replace(
        transcript,
        segments=[s for s in transcript.segments if s.end <= 90 * 60],
        warnings=[],
    )
    get_embedder()
    nlp_module.get_nlp()
    nlp_module.clear_cache()
    embed_module.clear_memo()  # a cold run: nothing embedded by the val meetings above
    started, cpu_started = time.perf_counter(), time.process_time()
    with _Timer(embed_module, "embed") as minilm, _Timer(nlp_module, "parse_many") as spacy_:
        result = write_brief(cut, sections=SECTIONS)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    callers = {"tiling": "segmentation", "claim": "verification"}
    where = {
        f"MiniLM for {callers.get(caller, caller)}": spent
        for caller, spent in minilm.by_caller.most_common()
    }
    where["spaCy parsing"] = spacy_.cpu
    where["the rest (segmentation, writing, verification)"] = cpu - minilm.cpu - spacy_.cpu
    return seconds, cpu, cut.duration / 60, cut.word_count(), result.report.summary["fail"], where


def examples_lint() -> dict[str, int]:
    """The lint of the brief written from docs/examples (transcript + event file)."""
    from pathlib import Path

    from podium.cli.brief import load_event
    from podium.engine.transcript import read_transcript

    folder = Path(__file__).resolve().parents[2] / "docs" / "examples"
    transcript = read_transcript(folder / "childcare-offer-committee.vtt")
    event = load_event(folder / "childcare-offer-event.yaml")
    result = write_brief(transcript, event=event, sections=SECTIONS)
    return lint_counts(result.brief, SECTIONS, result.reason)


def choose_meetings(split: str, quick: bool, names: str | None) -> list[Meeting]:
    """The meetings of one split: all, every third (``quick``) or the ones named."""
    from benchmarks.qmsum import load_meeting, meeting_paths

    paths = meeting_paths(split)
    if names:
        wanted = {n.strip() for n in names.split(",") if n.strip()}
        paths = [p for p in paths if p.stem in wanted]
    elif quick:
        paths = paths[::3]
    return [load_meeting(p) for p in paths]


def _load_vectors(path: str | None) -> None:
    import pickle

    import podium.engine.embed as embed_module

    embed_module.MEMO_SIZE = 10**7
    if path and os.path.exists(path):
        with open(path, "rb") as handle:
            embed_module._memo.update(pickle.load(handle))


def _save_vectors(path: str | None) -> None:
    import pickle

    import podium.engine.embed as embed_module

    if path:
        with open(path, "wb") as handle:
            pickle.dump(dict(embed_module._memo), handle)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.brief", description=__doc__)
    parser.add_argument("--split", choices=("train", "val"), default="val")
    parser.add_argument("--quick", action="store_true", help="every third meeting, tables only")
    parser.add_argument(
        "--meetings", help="comma-separated meeting names (e.g. covid_0,education_5)"
    )
    parser.add_argument("--vectors", help="pickle file keeping sentence vectors between runs")
    args = parser.parse_args(argv)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    chosen = choose_meetings(args.split, args.quick, args.meetings)
    if args.vectors:
        _load_vectors(args.vectors)
    table, peak_mb, count = evaluate(chosen)
    if args.vectors:
        _save_vectors(args.vectors)
    print(f"\nQMSum {args.split}, {count} committee meetings, {SECTIONS} sections asked:\n")
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
    print("\nROUGE F1 (R-1 / R-2 / R-L) against QMSum's answers, and the writer's lint:\n")
    print(
        "| method | general R-1 | R-2 | R-L | general at the answer's length R-1 | R-2 | R-L | "
        "specific R-1 | R-2 | R-L | words: brief / section | "
        "lint (pronoun/title/intro/quote/sections) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in table:
        if row.sections <= 0:
            continue
        g, sp = row.rouge_general, row.rouge_specific
        lint = "/".join(str(row.lint[k]) for k in LINT_KINDS) if row.lint else "–"
        print(
            f"| {row.name} | {g[0]:.3f} | {g[1]:.3f} | {g[2]:.3f} | "
            f"{row.rouge_cut[0]:.3f} | {row.rouge_cut[1]:.3f} | {row.rouge_cut[2]:.3f} | "
            f"{sp[0]:.3f} | {sp[1]:.3f} | {sp[2]:.3f} | {row.words[0]:.0f} / {row.words[1]:.0f} | "
            f"{lint} |"
        )
    if args.quick or args.meetings:
        podium = table[-1]
        return 0 if podium.quotes_ok == 1.0 and podium.sections_failing == 0 else 1
    example = examples_lint()
    print(
        "\ndocs/examples lint (pronoun/title/intro/quote/sections): "
        + "/".join(str(example[k]) for k in LINT_KINDS)
    )
    seconds, cpu, minutes, words, fails, where = ninety_minutes()
    cores = min(os.cpu_count() or 1, 2)
    verdict = "ok" if cpu / cores < TARGET_90_MIN_SECONDS else "over target"
    print(
        f"90-minute transcript ({minutes:.0f} min, {words} words): brief + verify {seconds:.1f} s "
        f"wall at load average {os.getloadavg()[0]:.1f}, {cpu:.1f} CPU s "
        f"(= {cpu / cores:.1f} s on {cores} idle cores; target < {TARGET_90_MIN_SECONDS:.0f} s: "
        f"{verdict}), {fails} fail"
    )
    print(
        "where the CPU time goes: "
        + ", ".join(
            f"{name} {value:.1f} s ({value / max(cpu, 1e-9):.0%})" for name, value in where.items()
        )
    )
    podium = table[-1]
    return 0 if podium.quotes_ok == 1.0 and podium.sections_failing == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
