"""The review screen's data: each section of a version beside its verification findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from podium.briefs.domain.content import load_brief
from podium.engine.timefmt import format_time

STATUS_ORDER = {"fail": 0, "warn": 1, "ok": 2}


@dataclass(slots=True)
class FindingView:
    index: int
    section: int
    check: str
    status: str
    subject: str
    message: str
    evidence: list[dict]
    suggestion: str | None


@dataclass(slots=True)
class ReviewSection:
    number: int
    part: str
    title: str
    start: float | None
    time_label: str
    speakers: list[str]
    paragraphs: list[str]
    findings: list[FindingView] = field(default_factory=list)

    @property
    def worst(self) -> str:
        """The section's status: the worst of its findings, or "none" when it was not verified."""
        if not self.findings:
            return "none"
        return min(
            (f.status for f in self.findings), key=lambda s: STATUS_ORDER.get(s, 3), default="ok"
        )

    @property
    def problems(self) -> list[FindingView]:
        return [f for f in self.findings if f.status != "ok"]

    @property
    def passed(self) -> list[FindingView]:
        return [f for f in self.findings if f.status == "ok"]


@dataclass(slots=True)
class Review:
    title: str
    intro: list[str]
    context: list[str]
    closing: list[str]
    general: list[FindingView]
    sections: list[ReviewSection]


EXCERPT = 260


def excerpt(text: str, *anchors: str | None) -> str:
    """At most ~EXCERPT characters of `text`, around the first anchor found in it (a quote, a fix)."""
    if len(text) <= EXCERPT:
        return text
    lowered = text.lower()
    for anchor in anchors:
        words = (anchor or "").lower().split()[:4]
        at = lowered.find(" ".join(words)) if words else -1
        if at >= 0:
            start = max(0, at - 60)
            if start:  # begin and end on word boundaries
                start = text.find(" ", start) + 1 or start
            end = min(len(text), start + EXCERPT)
            if end < len(text):
                end = text.rfind(" ", start, end) if " " in text[start:end] else end
            return (
                ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
            )
    return text[:EXCERPT].rstrip() + "…"


def finding_views(report: dict) -> list[FindingView]:
    views = []
    for index, f in enumerate(report.get("findings", [])):
        evidence = [
            {
                **e,
                "label": format_time(float(e.get("start") or 0)),
                "excerpt": excerpt(e.get("text") or "", f.get("suggestion"), f.get("subject")),
            }
            for e in f.get("evidence") or []
        ]
        views.append(
            FindingView(
                index=index,
                section=int(f.get("section") or 0),
                check=f.get("check", ""),
                status=f.get("status", "ok"),
                subject=f.get("subject") or "",
                message=f.get("message") or "",
                evidence=evidence,
                suggestion=f.get("suggestion"),
            )
        )
    views.sort(key=lambda v: (STATUS_ORDER.get(v.status, 3), v.index))
    return views


def review_of(version) -> Review:
    brief = load_brief(version)
    findings = finding_views(version.report or {})
    sections = []
    for part in brief.parts:
        for s in part.sections:
            sections.append(
                ReviewSection(
                    number=s.number,
                    part=part.title,
                    title=s.title,
                    start=s.start,
                    time_label=format_time(s.start) if s.start is not None else "",
                    speakers=list(s.speakers),
                    paragraphs=list(s.summary),
                    findings=[f for f in findings if f.section == s.number],
                )
            )
    numbers = {s.number for s in sections}
    return Review(
        title=brief.title,
        intro=list(brief.intro),
        context=list(brief.context),
        closing=list(brief.closing),
        general=[f for f in findings if f.section not in numbers],
        sections=sections,
    )
