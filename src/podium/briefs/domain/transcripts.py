"""The transcript editor: fix a cue's words, reassign turns, split or merge speaker labels.

Every change adds a `TranscriptVersion` (origin "edited", `parent` = the version
the editor saw, `created_by` = the editor); stored versions are never changed.
Each form carries the number of the version it was made from, and a change made
from an older version is refused (`StaleTranscript`, optimistic concurrency as
for the brief), checked under the brief's row lock. After a change the current
brief is re-verified against the new transcript by a background job
(`Job.Kind.VERIFY`, run by the task backend), which writes a new "re-verified"
brief version: old versions keep the report they were made with.

Turns and cues are numbered as in the version the editor saw: turn numbers are
positions in `Transcript.turns()` of the unmapped transcript (labels, not names),
cue numbers positions in its segment list. The engine's dataclasses
(`podium.engine.transcript.model`) are copied with `dataclasses.replace`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from django.db import transaction

from podium.briefs.domain.briefs import ensure_brief, store_transcript
from podium.briefs.domain.content import event_speakers, load_transcript
from podium.briefs.domain.errors import StaleVersion, WorkflowError
from podium.briefs.domain.jobs import start_job
from podium.briefs.models import Brief, Job, TranscriptVersion

log = logging.getLogger(__name__)


class StaleTranscript(StaleVersion):
    """The edit was made from a transcript version that is no longer the event's current one."""


def stale_transcript_message(current: TranscriptVersion | None) -> str:
    if current is None:
        return "This transcript changed since you opened it; reload."
    author = current.created_by
    name = (author.get_full_name() or author.get_username()) if author else "Podium"
    return (
        f"This transcript changed since you opened it (version {current.number} by {name}); reload."
    )


# --- what the editor shows ----------------------------------------------------------


@dataclass(slots=True)
class EditorCue:
    index: int
    start: float
    end: float
    text: str


@dataclass(slots=True)
class EditorTurn:
    index: int
    label: str
    name: str
    start: float
    end: float
    cues: list[EditorCue] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cues)


@dataclass(slots=True)
class EditorLabel:
    label: str
    name: str
    turns: int
    words: int


def editor_turns(version: TranscriptVersion) -> list[EditorTurn]:
    """The version's turns (labels as stored, names from the speaker map) with numbered cues."""
    transcript = load_transcript(version, mapped=False)
    names = version.speaker_map or {}
    turns, cue = [], 0
    for turn in transcript.turns():
        item = EditorTurn(
            index=turn.index,
            label=turn.speaker,
            name=names.get(turn.speaker, ""),
            start=turn.start,
            end=turn.end,
        )
        for segment in turn.segments:
            item.cues.append(EditorCue(cue, segment.start, segment.end, segment.text))
            cue += 1
        turns.append(item)
    return turns


def editor_labels(turns: list[EditorTurn]) -> list[EditorLabel]:
    labels: dict[str, EditorLabel] = {}
    for turn in turns:
        item = labels.setdefault(turn.label, EditorLabel(turn.label, turn.name, 0, 0))
        item.turns += 1
        item.words += len(turn.text.split())
    return list(labels.values())


# --- the edits --------------------------------------------------------------------------


def _edit(*, event, expected_version: int | None, user, change) -> TranscriptVersion:
    """Apply `change(transcript, speaker_map) -> (segments, speaker_map, note)` as a new version.

    `change` returns segments None when nothing changes (no version is added then).
    """
    with transaction.atomic():
        brief = Brief.objects.select_for_update().get(pk=ensure_brief(event).pk)
        current = brief.transcript
        if current is None:
            raise WorkflowError("There is no transcript yet: upload one first.")
        if expected_version is not None and current.number != expected_version:
            raise StaleTranscript(stale_transcript_message(current))
        transcript = load_transcript(current, mapped=False)
        segments, speaker_map, note = change(transcript, dict(current.speaker_map or {}))
        if segments is None:
            return current
        edited = replace(transcript, segments=segments, warnings=list(transcript.warnings))
        labels = set(edited.speakers)
        version = store_transcript(
            event=event,
            transcript=edited,
            origin=TranscriptVersion.Origin.EDITED,
            source_format=current.source_format,
            original_name=current.original_name,
            user=user,
            parent=current,
            note=note,
            speaker_map={k: v for k, v in speaker_map.items() if k in labels and v},
        )
        if brief.current_version_id:
            start_job(
                event=event, kind=Job.Kind.VERIFY, params={"transcript": version.pk}, user=user
            )
    log.info(
        "transcript %s of event %s: %s (by %s)",
        version.number,
        event.pk,
        note,
        getattr(user, "pk", None),
    )
    return version


def edit_cue(
    *, event, index: int, text: str, user=None, expected_version: int | None = None
) -> TranscriptVersion:
    """Replace the words of cue `index` (a misheard word, a wrong name); times stay."""
    text = " ".join((text or "").split())
    if not text:
        raise WorkflowError("A cue cannot be empty: write what was said.")

    def change(transcript, speaker_map):
        if not 0 <= index < len(transcript.segments):
            raise WorkflowError(f"There is no cue {index + 1}; reload the transcript.")
        segment = transcript.segments[index]
        if segment.text == text:
            return None, speaker_map, ""
        new_words = text.split()
        words = ()
        if segment.words and len(segment.words) == len(new_words):  # keep the word timings
            words = tuple(replace(w, text=t) for w, t in zip(segment.words, new_words, strict=True))
        segments = list(transcript.segments)
        segments[index] = replace(segment, text=text, words=words)
        return (
            segments,
            speaker_map,
            f"Cue {index + 1} edited: “{_short(segment.text)}” → “{_short(text)}”",
        )

    return _edit(event=event, expected_version=expected_version, user=user, change=change)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _resolve_speaker(target: str, transcript, speaker_map: dict[str, str], event) -> str:
    """The label turns go to: an existing label, the label mapped to an event speaker, or a new one.

    A new label that is an event speaker's name is mapped to that speaker.
    """
    target = (target or "").strip()
    if not target:
        raise WorkflowError("Choose who is speaking.")
    labels = [label for label in transcript.speakers if label]
    if target in labels:
        return target
    names = {s.name for s in event_speakers(event)}
    for label in labels:
        if speaker_map.get(label) == target:
            return label
    if target in names:
        speaker_map[target] = target
    return target


def _name(label: str, speaker_map: dict[str, str]) -> str:
    return speaker_map.get(label) or label or "(no label)"


def reassign_turns(
    *,
    event,
    first: int,
    last: int | None = None,
    speaker: str,
    user=None,
    expected_version: int | None = None,
) -> TranscriptVersion:
    """Give turns `first`..`last` (one turn when `last` is None) to another speaker."""
    last = first if last is None else last
    if last < first:
        first, last = last, first

    def change(transcript, speaker_map):
        turns = transcript.turns()
        if not (0 <= first < len(turns) and 0 <= last < len(turns)):
            raise WorkflowError(
                f"There is no turn {max(first, last) + 1}: the transcript has {len(turns)} turns."
            )
        label = _resolve_speaker(speaker, transcript, speaker_map, event)
        chosen = {id(s) for turn in turns[first : last + 1] for s in turn.segments}
        if all(turn.speaker == label for turn in turns[first : last + 1]):
            return None, speaker_map, ""
        segments = [
            replace(s, speaker=label, words=tuple(replace(w, speaker=label) for w in s.words))
            if id(s) in chosen
            else s
            for s in transcript.segments
        ]
        which = f"Turn {first + 1}" if first == last else f"Turns {first + 1}–{last + 1}"
        return segments, speaker_map, f"{which} reassigned to {_name(label, speaker_map)}"

    return _edit(event=event, expected_version=expected_version, user=user, change=change)


def split_label(
    *,
    event,
    label: str,
    turns: list[int],
    speaker: str,
    user=None,
    expected_version: int | None = None,
) -> TranscriptVersion:
    """Split a label between two people: the chosen turns of `label` go to `speaker`."""
    chosen_turns = sorted(set(turns))
    if not chosen_turns:
        raise WorkflowError("Tick the turns that belong to the other person.")

    def change(transcript, speaker_map):
        all_turns = transcript.turns()
        if label not in transcript.speakers:
            raise WorkflowError(f"{label!r} is not a speaker label of this transcript.")
        for index in chosen_turns:
            if not 0 <= index < len(all_turns) or all_turns[index].speaker != label:
                raise WorkflowError(f"Turn {index + 1} is not a turn of {label}; reload.")
        target = _resolve_speaker(speaker, transcript, speaker_map, event)
        if target == label:
            raise WorkflowError("Choose another person than the one being split.")
        chosen = {id(s) for i in chosen_turns for s in all_turns[i].segments}
        segments = [
            replace(s, speaker=target, words=tuple(replace(w, speaker=target) for w in s.words))
            if id(s) in chosen
            else s
            for s in transcript.segments
        ]
        count = len(chosen_turns)
        return (
            segments,
            speaker_map,
            f"{_name(label, speaker_map)} split: {count} turn{'s' if count != 1 else ''} "
            f"to {_name(target, speaker_map)}",
        )

    return _edit(event=event, expected_version=expected_version, user=user, change=change)


def merge_labels(
    *, event, label: str, into: str, user=None, expected_version: int | None = None
) -> TranscriptVersion:
    """Merge label `label` into `into` (two labels that are one person)."""

    def change(transcript, speaker_map):
        labels = transcript.speakers
        for name in (label, into):
            if name not in labels:
                raise WorkflowError(f"{name!r} is not a speaker label of this transcript.")
        if label == into:
            raise WorkflowError("Choose two different labels to merge.")
        segments = [
            replace(s, speaker=into, words=tuple(replace(w, speaker=into) for w in s.words))
            if s.speaker == label
            else s
            for s in transcript.segments
        ]
        note = f"{_name(label, speaker_map)} merged into {_name(into, speaker_map)}"
        speaker_map.pop(label, None)
        return segments, speaker_map, note

    return _edit(event=event, expected_version=expected_version, user=user, change=change)


def transcript_versions(event, *, limit: int = 20) -> list[TranscriptVersion]:
    return list(
        TranscriptVersion.objects.filter(event=event)
        .select_related("created_by", "parent")
        .order_by("-number", "-id")[:limit]
    )


def latest_verification(event) -> Job | None:
    return Job.objects.filter(event=event, kind=Job.Kind.VERIFY).first()
