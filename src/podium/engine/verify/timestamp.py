"""The timestamp check: the section's ▶ time lands where its speaker says its content.

"Where" is the turns of the section's speaker(s) that carry the section's
content: the turns where its quotes were found (quote check), or else the
turn of the best-supporting passage of its summary (claim check). The time is
`ok` inside such a turn or up to `turn_lead_seconds` before it, `warn` within
`timestamp_warn_seconds`, else `fail` with the start of the best turn as the
suggestion (formatted by `podium.engine.timefmt`). Pure Python.
"""

from __future__ import annotations

from podium.engine.brief.model import Section
from podium.engine.timefmt import format_time
from podium.engine.verify.context import Context
from podium.engine.verify.report import Evidence, Finding


def check_timestamp(section: Section, ctx: Context) -> list[Finding]:
    if section.start is None:
        return []
    options = ctx.options
    subject = f"▶ [{format_time(section.start)}]"
    located = ctx.located.get(section.number, [])
    quotes = [loc for loc in located if loc.kind == "quote"]
    claims = sorted((loc for loc in located if loc.kind == "claim"), key=lambda loc: -loc.score)
    speakers = ctx.section_speakers(section)
    labels = ctx.people.labels_of(speakers) if speakers else set()
    places = quotes or claims[:1]
    turns = []
    for loc in places:
        for token in (loc.start_token, max(loc.end_token - 1, loc.start_token)):
            turn = ctx.index.turn(token)
            if (not labels or turn.speaker in labels) and turn not in turns:
                turns.append(turn)
    if not turns:
        return [
            Finding(
                section.number,
                "timestamp",
                "warn",
                subject,
                "Could not locate this section's content in the transcript to check its time.",
            )
        ]

    def distance(turn) -> float:
        if turn.start - options.turn_lead_seconds <= section.start <= turn.end:
            return 0.0
        if section.start < turn.start:
            return turn.start - options.turn_lead_seconds - section.start
        return section.start - turn.end

    best = min(turns, key=distance)
    gap = distance(best)
    speaker = ctx.people.name_of(best.speaker)
    evidence = [Evidence(best.start, best.end, speaker, _opening(best.text))]
    what = "quotes are" if quotes else "summary's best evidence is"
    if gap == 0.0:
        return [
            Finding(
                section.number,
                "timestamp",
                "ok",
                subject,
                f"{speaker} speaks from {format_time(best.start)}; the section's "
                f"{what} in that turn.",
                evidence,
            )
        ]
    # suggest where the content actually is: the turn start, or the passage if the turn is long
    content = places[0]
    content_time = ctx.index.time(content.start_token)
    suggestion_time = best.start if content_time - best.start <= 120 else content_time
    status = "warn" if gap <= options.timestamp_warn_seconds else "fail"
    return [
        Finding(
            section.number,
            "timestamp",
            status,
            subject,
            f"The section's {what} at {format_time(content_time)} "
            f"({speaker}, turn from {format_time(best.start)}); "
            f"{format_time(section.start)} is {_duration(gap)} off.",
            evidence,
            format_time(suggestion_time),
        )
    ]


def _opening(text: str, words: int = 40) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, secs = divmod(seconds, 60)
    return f"{minutes} min {secs:02d} s"
