"""The verification pipeline: run every check on every section and collect a report.

Order matters: the quote check locates the quotes, the claim check the
best-supporting passages; the timestamp check then asks whether the ▶ time
lands on those places. Names are checked last, over the whole brief.
"""

from __future__ import annotations

from collections.abc import Mapping

from podium.engine.brief.model import Brief
from podium.engine.progress import Progress, no_progress
from podium.engine.speakers import Speaker
from podium.engine.transcript.model import Transcript
from podium.engine.verify.attribution import check_quote_attribution
from podium.engine.verify.claim import ClaimChecker
from podium.engine.verify.context import Context
from podium.engine.verify.names import check_names
from podium.engine.verify.options import VerifyOptions
from podium.engine.verify.people import People
from podium.engine.verify.quote import check_quotes
from podium.engine.verify.report import Finding, Report
from podium.engine.verify.text import TranscriptIndex
from podium.engine.verify.timestamp import check_timestamp

CHECK_ORDER = {"quote": 0, "attribution": 1, "claim": 2, "timestamp": 3, "names": 4}


def build_context(
    transcript: Transcript,
    *,
    speakers: list[Speaker] | None = None,
    options: VerifyOptions | None = None,
) -> Context:
    """The shared state of one run (exposed for tools that verify section by section)."""
    options = options or VerifyOptions()
    index = TranscriptIndex.build(transcript, passage_words=options.passage_words)
    return Context(index=index, people=People.build(transcript, speakers), options=options)


def verify(
    brief: Brief,
    transcript: Transcript,
    *,
    speakers: list[Speaker] | None = None,
    options: VerifyOptions | None = None,
    progress: Progress | None = None,
    context: Context | None = None,
    reuse: Mapping[int, list[Finding]] | None = None,
) -> Report:
    """Check every quote, attribution, ▶ time, summary sentence and name of `brief`.

    `speakers` are the event's speakers (names, labels, aliases); without them
    the transcript's speaker labels are taken as the speakers' names. A
    `context` from `build_context` may be passed to verify several briefs (or
    edits of one) against the same transcript without indexing it again.

    `reuse` maps a section number to the quote, attribution, claim and ▶ time
    findings an earlier run made for exactly the same section content (the
    caller decides what "the same" is): those sections are not checked again.
    Every check of a section reads only that section and the transcript, so
    reused findings equal fresh ones. Names are always checked over the whole
    brief (they compare spellings across sections).
    """
    progress = progress or no_progress
    progress(0.0, "indexing transcript")
    ctx = context or build_context(transcript, speakers=speakers, options=options)
    ctx.located.clear()
    claims = None
    if ctx.options.check_claims:
        claims = ctx.cache.get("claims")
        if claims is None:
            claims = ctx.cache["claims"] = ClaimChecker(ctx)
    report = Report()
    sections = list(brief.sections())
    for number, section in enumerate(sections):
        progress(0.05 + 0.9 * number / max(len(sections), 1), f"verifying section {section.number}")
        if reuse is not None and section.number in reuse:
            report.findings.extend(f for f in reuse[section.number] if f.check != "names")
            continue
        findings, matches = check_quotes(section, ctx)
        findings += check_quote_attribution(section, ctx, matches)
        if claims is not None:
            findings += claims.check_section(section)
        findings += check_timestamp(section, ctx)
        findings.sort(key=lambda f: CHECK_ORDER[f.check])
        report.findings.extend(findings)
    progress(0.95, "checking names")
    names = check_names(brief, ctx)
    by_section: dict[int, list] = {}
    for finding in names:
        by_section.setdefault(finding.section, []).append(finding)
    ordered = by_section.pop(0, [])
    for section in sections:
        ordered.extend(f for f in report.findings if f.section == section.number)
        ordered.extend(by_section.pop(section.number, []))
    report.findings = ordered
    progress(1.0, "done")
    return report
