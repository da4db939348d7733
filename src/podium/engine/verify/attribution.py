"""The attribution check: the person the brief names is the one who said it.

For quotes it uses where the quote check found the words (`find_quote`
prefers the named speaker's turns, so a quote both people said passes). For
summary sentences the claim check hands over the named speaker's and the best
other speaker's support, and this module decides. Pure Python.
"""

from __future__ import annotations

from podium.engine.brief.model import Section
from podium.engine.verify.context import Context
from podium.engine.verify.report import Evidence, Finding


def check_quote_attribution(section: Section, ctx: Context, matches: list[tuple]) -> list[Finding]:
    """One finding per quote that was found (verbatim or as a near miss)."""
    findings = []
    for quote, match, labels in matches:
        if match is None or (not match.exact and not match.differences):
            continue  # not found: the quote check already failed it
        speakers = ctx.section_speakers(section)
        named = quote.speaker or (speakers[0] if speakers else None)
        if not named:
            continue
        counts = ctx.index.speakers_between(match.start, match.end)
        label = max(counts, key=counts.get)
        speaker = ctx.people.name_of(label)
        evidence = ctx.evidence(match.start, match.end)
        canonical = ctx.people.resolve(named, prefer=speakers) or named

        if label in labels:
            findings.append(
                Finding(
                    section.number,
                    "attribution",
                    "ok",
                    quote.text,
                    f"Spoken by {speaker} at {ctx.at(match.start)}.",
                    evidence,
                )
            )
        else:
            findings.append(
                Finding(
                    section.number,
                    "attribution",
                    "fail",
                    quote.text,
                    f"Said by {speaker} at {ctx.at(match.start)}, not by {canonical}.",
                    evidence,
                    speaker,
                )
            )
    return findings


def claim_attribution(
    section: Section,
    ctx: Context,
    sentence: str,
    named: list[str],
    own_score: float,
    other: tuple[str, float, list[Evidence]] | None,
) -> Finding | None:
    """A `fail` when someone else clearly said what a summary sentence gives to `named`."""
    if other is None or not named:
        return None
    other_speaker, other_score, evidence = other
    options = ctx.options
    if own_score >= options.support_warn or other_score < options.support_ok:
        return None
    if other_score - own_score < options.other_speaker_margin:
        return None
    who = " and ".join(ctx.people.resolve(n) or n for n in named)
    return Finding(
        section.number,
        "attribution",
        "fail",
        sentence,
        f"This is what {other_speaker} said, not {who}.",
        evidence,
        other_speaker,
    )
