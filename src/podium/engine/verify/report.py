"""What verification returns: findings with evidence, grouped into a report.

Plain dataclasses. `Report.to_dict()` is the JSON shape other tools and the
site depend on (documented in docs/verification.md and covered by a test):

    {"summary": {"ok": N, "warn": N, "fail": N},
     "findings": [{"section": 3, "check": "quote", "status": "fail",
                   "subject": "...", "message": "...",
                   "evidence": [{"start": 2124.0, "end": 2161.5,
                                 "speaker": "Ankit Panda", "text": "..."}],
                   "suggestion": "..." or null}]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["ok", "warn", "fail"]
Check = Literal["quote", "attribution", "timestamp", "claim", "names"]

STATUSES: tuple[Status, ...] = ("ok", "warn", "fail")
CHECKS: tuple[Check, ...] = ("quote", "attribution", "timestamp", "claim", "names")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A stretch of the transcript that a finding rests on."""

    start: float
    end: float
    speaker: str
    text: str

    def to_dict(self) -> dict:
        return {
            "start": round(float(self.start), 3),
            "end": round(float(self.end), 3),
            "speaker": self.speaker,
            "text": self.text,
        }


@dataclass(slots=True)
class Finding:
    """The result of one check on one thing in the brief."""

    section: int
    """Section number in the brief; 0 for the title, intro, context and closing lines."""
    check: Check
    status: Status
    subject: str
    """The text checked: a quote, a sentence, a name or a time."""
    message: str
    """One human sentence saying what is wrong or right."""
    evidence: list[Evidence] = field(default_factory=list)
    suggestion: str | None = None
    """The corrected quote, speaker, name or time, when there is one."""

    def to_dict(self) -> dict:
        return {
            "section": self.section,
            "check": self.check,
            "status": self.status,
            "subject": self.subject,
            "message": self.message,
            "evidence": [e.to_dict() for e in self.evidence],
            "suggestion": self.suggestion,
        }


@dataclass(slots=True)
class Report:
    """Every finding of one verification run, in brief order."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for finding in self.findings:
            counts[finding.status] += 1
        return counts

    @property
    def failed(self) -> bool:
        """True when at least one finding is a `fail`."""
        return any(f.status == "fail" for f in self.findings)

    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "fail"]

    def for_section(self, number: int) -> list[Finding]:
        return [f for f in self.findings if f.section == number]

    def by_section(self) -> dict[int, list[Finding]]:
        """Findings grouped by section number, in the order sections first appear."""
        grouped: dict[int, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.section, []).append(finding)
        return grouped

    def to_dict(self) -> dict:
        return {
            "summary": self.summary,
            "findings": [f.to_dict() for f in self.findings],
        }
