"""What the public event page shows after the event: the player and the published brief.

The brief is stored as the engine's JSON rendering; `podium.engine.brief.parse_brief`
turns it back into the engine's `Brief`, and this module shapes it for the
template (formatted ▶ times and the no-script link of each time).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from podium.briefs.domain.queries.media import Player, player_for_event
from podium.engine.timefmt import format_time

DEFAULT_DISCLOSURE = (
    "This brief was generated using artificial intelligence technology and has been "
    "reviewed and edited by our editors for accuracy, context, and editorial standards. "
    "All content has been verified against the program transcript."
)

UNVERIFIED_DISCLOSURE = (
    "This brief was generated using artificial intelligence technology and has been "
    "reviewed and edited by our editors. Not everything in it could be verified against the "
    "program transcript: the statements below were published without that check, for the "
    "reason our editors give."
)
"""Replaces any "all verified" line when the published version carries overrides."""


@dataclass(slots=True)
class SectionView:
    number: int
    title: str
    start: float | None
    time_label: str
    link: str
    paragraphs: list[str]
    speakers: list[str]


@dataclass(slots=True)
class PartView:
    title: str
    sections: list[SectionView] = field(default_factory=list)


@dataclass(slots=True)
class BriefView:
    title: str
    intro: list[str]
    context: list[str]
    parts: list[PartView]
    closing: list[str]
    disclosure: str
    unverified: list[str] = field(default_factory=list)
    """The statements an editor published despite a failing check ("Section 3: “…”")."""
    override_reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class EventRecording:
    player: Player | None
    brief: BriefView | None
    brief_id: int | None = None
    show_transcript: bool = False
    turns: list = field(default_factory=list)
    """The published transcript's turns (speaker map applied), shown under the player."""
    captions: bool = False
    """The player gets a captions track (`briefs:captions`) made from the published transcript."""
    transcript_downloads: bool = False
    """The editors chose to show the transcript: its downloads and own page are public."""


def published_transcript(brief_row):
    """The `TranscriptVersion` the public may read, or None.

    It is the transcript of the published brief version (the one its lines were
    verified against; the brief's current transcript if that version has none), or
    the brief's transcript when the editors chose to show it. Captions, the
    transcript under the player and its downloads all come from it, so a draft
    transcript never reaches the public.
    """
    if brief_row is None:
        return None
    if brief_row.published_version_id:
        return brief_row.published_version.transcript or brief_row.transcript
    if brief_row.show_transcript:
        return brief_row.transcript
    return None


def brief_view(brief, player: Player | None) -> BriefView:
    """Shape an engine `Brief` for templates; ▶ links fall back to the player's plain link."""
    parts = []
    for part in brief.parts:
        view = PartView(title=part.title)
        for section in part.sections:
            if section.start is None:
                label, link = "", ""
            else:
                label = format_time(section.start)
                link = player.link_at(section.start) if player else f"#t={int(section.start)}"
            view.sections.append(
                SectionView(
                    number=section.number,
                    title=section.title,
                    start=section.start,
                    time_label=label,
                    link=link,
                    paragraphs=list(section.summary),
                    speakers=list(section.speakers),
                )
            )
        parts.append(view)
    closing = list(brief.closing)
    has_disclosure = any("artificial intelligence" in line.lower() for line in closing)
    return BriefView(
        title=brief.title,
        intro=list(brief.intro),
        context=list(brief.context),
        parts=parts,
        closing=closing,
        disclosure="" if has_disclosure else DEFAULT_DISCLOSURE,
    )


def disclose_overrides(view: BriefView, version) -> None:
    """When `version` was published over failing checks, say so: which statements and why.

    Closing lines that claim everything was verified are dropped (they would be false).
    """
    reasons = [o.reason for o in version.overrides.order_by("created_at")]
    if not reasons:
        return
    view.closing = [line for line in view.closing if "verified" not in line.lower()]
    view.disclosure = UNVERIFIED_DISCLOSURE
    view.override_reasons = reasons
    view.unverified = [
        (f"Section {f['section']}: " if f.get("section") else "")
        + (f"“{f['subject']}”" if f.get("subject") else f.get("message", ""))
        + f" ({f.get('check')})"
        for f in (version.report or {}).get("findings", [])
        if f.get("status") == "fail"
    ]


def event_recording(event) -> EventRecording:
    """The player and the published brief of `event` (None parts when there are none).

    Only a published version is ever returned: drafts never reach the public.
    """
    from podium.briefs.domain.content import load_brief

    player = player_for_event(event)
    brief_row = getattr(event, "brief", None) if _has_brief(event) else None
    view = None
    if brief_row is not None and brief_row.published_version_id:
        view = brief_view(load_brief(brief_row.published_version), player)
        sponsor = " ".join((getattr(event, "sponsor_text", "") or "").split())
        if sponsor:  # the event page prints its own sponsor line
            view.closing = [line for line in view.closing if " ".join(line.split()) != sponsor]
        disclose_overrides(view, brief_row.published_version)
    transcript_version = published_transcript(brief_row)
    turns = []
    if transcript_version is not None:
        from podium.briefs.domain.content import load_transcript

        turns = load_transcript(transcript_version).turns()
    return EventRecording(
        player=player,
        brief=view,
        brief_id=brief_row.pk if brief_row else None,
        show_transcript=bool(turns),
        turns=turns,
        captions=bool(turns) and player is not None and player.kind in ("video", "audio"),
        transcript_downloads=bool(brief_row and brief_row.show_transcript and turns),
    )


def _has_brief(event) -> bool:
    from podium.briefs.models import Brief

    try:
        event.brief  # noqa: B018
    except Brief.DoesNotExist:
        return False
    return True
