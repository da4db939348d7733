"""Brief writers: a program brief from a transcript, verified before it is returned.

`write_brief(transcript, *, event=None, speakers=None, sections=8,
writer="extractive", progress=None) -> WriteResult` segments the transcript,
lets the writer draft the sections (extractive.py: the speakers' own
sentences, offline and deterministic), then runs the verifier
(`podium.engine.verify`) and repairs every `fail`:

- a quote, attribution or claim that fails: the sentence it came from is ruled
  out and the section is rebuilt from the speaker's next-best sentences;
- a ▶ time that fails: re-anchored to the time the verifier suggests;
- a name that fails: the section is rebuilt without the sentence naming it;
- a section still failing after `MAX_ROUNDS` rounds is dropped.

`WriteResult.repairs` says, one line each, what was done; `WriteResult.report`
is the verification report of the returned brief (no `fail` in it).

``writer="llm"`` first writes and verifies the extractive brief, then lets a
language model rewrite its prose (`podium.engine.write.llm.rewrite_brief`,
configured by `LLMOptions` or the ``PODIUM_LLM_*`` environment); quotes,
times, sections and parts stay the extractive writer's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from podium.engine.brief.model import Brief, EventDetails
from podium.engine.errors import PodiumError
from podium.engine.llm.options import LLMOptions
from podium.engine.progress import Progress, no_progress
from podium.engine.segment import SegmentOptions, segment_topics
from podium.engine.segment.tiling import finer
from podium.engine.speakers import Speaker, label_map
from podium.engine.timefmt import format_time, parse_time
from podium.engine.transcript.model import Transcript
from podium.engine.write.extractive import Draft, Plan, assemble, plan_brief, redraft

WRITERS = ("extractive", "llm")
MAX_ROUNDS = 3


@dataclass(slots=True)
class WriteResult:
    """A verified brief, its verification report and what was repaired to get there."""

    brief: Brief
    report: object
    """The `podium.engine.verify.Report` of `brief` against the transcript."""
    repairs: list[str] = field(default_factory=list)
    llm: object = None
    """With ``writer="llm"``: the `podium.engine.write.llm.LLMResult` (usage, sources)."""
    asked: int = 0
    """How many sections were asked for."""
    reason: str | None = None
    """Why the brief has fewer sections than asked for (None when it has as many)."""

    @property
    def found(self) -> int:
        """How many sections the brief has."""
        return sum(len(p.sections) for p in self.brief.parts)


def write_brief(
    transcript: Transcript,
    *,
    event: EventDetails | None = None,
    speakers: list[Speaker] | None = None,
    sections: int = 8,
    writer: str = "extractive",
    progress: Progress | None = None,
    segment_options: SegmentOptions | None = None,
    llm: LLMOptions | None = None,
) -> WriteResult:
    """Write and verify a brief of about `sections` sections from `transcript`.

    ``writer="llm"`` writes the extractive brief, then has the model `llm`
    points at (default: ``PODIUM_LLM_*`` from the environment) rewrite its
    prose, verified section by section (`podium.engine.write.llm`).
    """
    llm_options = None
    if writer == "llm":
        llm_options = llm or LLMOptions.from_env()  # fail before any work when unconfigured
    if writer not in WRITERS:
        raise PodiumError(f"unknown writer {writer!r}; choose one of: {', '.join(WRITERS)}")
    if sections < 1:
        raise PodiumError(f"sections must be at least 1, not {sections}")
    if not transcript.segments or not transcript.text.strip():
        raise PodiumError(f"{transcript.source or 'transcript'}: the transcript has no text")
    progress = progress or no_progress
    outer = progress
    if llm_options is not None:  # the extractive brief takes the first 40 % of the bar
        progress = lambda fraction, label: outer(0.4 * fraction, label)  # noqa: E731
    if speakers:
        names = label_map(speakers)
        if names:
            transcript = transcript.renamed(names)

    def stage(start: float, width: float):
        return lambda fraction, label: progress(start + width * fraction, label)

    segmentation = segment_topics(transcript, segment_options, progress=stage(0.0, 0.45))
    segmentation = finer(transcript, segmentation, segment_options, min_topics=sections + 2)
    progress(0.5, "writing")
    moderator = _moderator_label(event, speakers, transcript)
    plan = plan_brief(
        transcript, segmentation, sections=sections, speakers=speakers, moderator=moderator
    )
    drafts = list(plan.drafts)
    progress(0.6, "verifying")
    brief, report, repairs = verify_and_repair(
        plan, drafts, event, transcript, speakers, progress=stage(0.6, 0.4)
    )
    progress(1.0, "done")
    reason = _reason(plan, brief, sections, repairs)
    if llm_options is not None:
        from podium.engine.write.llm import rewrite_brief

        rewritten = rewrite_brief(
            brief,
            transcript,
            options=llm_options,
            speakers=speakers,
            progress=lambda fraction, label: outer(0.4 + 0.6 * fraction, label),
        )
        return WriteResult(
            rewritten.brief,
            rewritten.report,
            repairs + rewritten.repairs,
            llm=rewritten,
            asked=sections,
            reason=reason,
        )
    return WriteResult(brief, report, repairs, asked=sections, reason=reason)


def _reason(plan: Plan, brief: Brief, asked: int, repairs: list[str]) -> str | None:
    """Why `brief` has fewer than `asked` sections: the plan's reason and any dropped section."""
    found = sum(len(p.sections) for p in brief.parts)
    if found >= asked:
        return None
    reasons = [plan.reason] if plan.reason else []
    dropped = sum(1 for r in repairs if ": dropped, " in r)
    if dropped:
        reasons.append(f"{dropped} section(s) dropped because verification still failed")
    if not reasons:
        reasons.append(f"{found} of {asked} sections were written")
    return "; ".join(reasons)


def _moderator_label(
    event: EventDetails | None, speakers: list[Speaker] | None, transcript: Transcript
) -> str | None:
    if not event or not event.moderator:
        return None
    wanted = event.moderator.strip().lower()
    for label in transcript.speakers:
        if label.lower() == wanted:
            return label
    for person in speakers or []:
        if person.name.lower() == wanted or wanted in (a.lower() for a in person.aliases):
            return person.name
    return None


def verify_and_repair(
    plan: Plan,
    drafts: list[Draft],
    event: EventDetails | None,
    transcript: Transcript,
    speakers: list[Speaker] | None,
    *,
    progress: Progress | None = None,
) -> tuple[Brief, object, list[str]]:
    """Verify the brief; rebuild, re-anchor or drop what fails until nothing does."""
    from podium.engine.verify import build_context, verify

    progress = progress or no_progress
    context = build_context(transcript, speakers=speakers)
    repairs: list[str] = []
    for round_number in range(MAX_ROUNDS + 1):
        brief = assemble(plan, drafts, event)
        report = verify(brief, transcript, speakers=speakers, context=context)
        progress(min(1.0, (round_number + 1) / (MAX_ROUNDS + 1)), "verifying")
        failures = [f for f in report.findings if f.status == "fail"]
        if not failures:
            return brief, report, repairs
        numbered = dict(enumerate(drafts, start=1))
        rebuilt: dict[int, Draft | None] = {}
        for finding in failures:
            draft = numbered.get(finding.section)
            if draft is None:
                continue  # a brief-level finding (intro); handled below
            current = rebuilt.get(finding.section, draft)
            if current is None:
                continue
            what = f"section {finding.section} ({draft.title})"
            if finding.check == "timestamp" and finding.suggestion:
                try:
                    new_start = parse_time(finding.suggestion)
                except ValueError:
                    new_start = None
                if new_start is not None and round_number < MAX_ROUNDS:
                    repairs.append(
                        f"{what}: time {format_time(current.start)} re-anchored to "
                        f"{format_time(new_start)} ({finding.message})"
                    )
                    current.start = new_start
                    rebuilt[finding.section] = current
                    continue
            bad = _source_sentences(current, finding.subject)
            if bad and round_number < MAX_ROUNDS:
                replacement = redraft(current, plan, bad)
                if replacement is not None:
                    repairs.append(
                        f"{what}: {finding.check} failed ({finding.message}); "
                        "rebuilt from the speaker's next-best sentences"
                    )
                    rebuilt[finding.section] = replacement
                    continue
            repairs.append(f"{what}: dropped, {finding.check} failed ({finding.message})")
            rebuilt[finding.section] = None
        if not rebuilt:
            # Failures outside any section (intro names): drop nothing, stop here.
            repairs.append(
                "brief: failures outside the sections remain: "
                + "; ".join(f.message for f in failures)
            )
            return brief, report, repairs
        drafts = [rebuilt.get(i, d) for i, d in numbered.items()]
        drafts = [d for d in drafts if d is not None]
    brief = assemble(plan, drafts, event)
    report = verify(brief, transcript, speakers=speakers, context=context)
    return brief, report, repairs


def _source_sentences(draft: Draft, subject: str) -> set[int]:
    """The transcript sentences behind the summary sentence or quote a finding names."""
    subject_words = {w.strip('.,;:!?"“”').lower() for w in subject.split()}
    best: set[int] = set()
    best_overlap = 0
    for line in draft.lines:
        words = {w.strip('.,;:!?"“”').lower() for w in line.span.text.split()}
        overlap = len(words & subject_words)
        if overlap > best_overlap:
            best, best_overlap = {line.span.sentence.index}, overlap
    return best


__all__ = ["WRITERS", "WriteResult", "write_brief"]
