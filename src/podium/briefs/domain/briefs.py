"""The editorial workflow of a brief: transcripts, speaker maps, versions, review, publishing.

Every action is a plain function with keyword-only arguments; views, the demo
loader and tests call these, never the models directly. Versions are written
whole (the engine's JSON rendering of the brief plus the verification report
of exactly that text); editing, applying a suggestion and restoring add a new
version, so the history is complete. The engine does the heavy lifting:
`podium.engine.transcript` (reading), `podium.engine.verify.verify`,
`podium.engine.brief` (parse / render); `difflib` makes the history diffs.
"""

from __future__ import annotations

import copy
import difflib
import json
import logging
import re
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from podium.briefs.domain.content import (
    dump_brief,
    dump_transcript,
    event_speakers,
    load_brief,
    load_transcript,
)
from podium.briefs.domain.errors import LLM_NOT_CONFIGURED, StaleVersion, WorkflowError
from podium.briefs.domain.jobs import start_job
from podium.briefs.domain.transitions import check_version, new_version_state, stale_message
from podium.briefs.models import Brief, BriefVersion, Job, Recording, TranscriptVersion
from podium.engine.brief.model import EventDetails, Quote
from podium.engine.timefmt import format_time, parse_time

log = logging.getLogger(__name__)

INCOMING_TRANSCRIPTS = "transcripts/incoming"
"""Where raw transcripts wait for the job that reads them (owned by no model: never served)."""


def max_transcript_bytes() -> int:
    """The limit of an uploaded or pasted transcript: `PODIUM_MAX_UPLOAD_MB["transcript"]`."""
    limits = getattr(settings, "PODIUM_MAX_UPLOAD_MB", {}) or {}
    return int(float(limits.get("transcript", 20)) * 2**20)


# --- the brief row ------------------------------------------------------------


def ensure_brief(event) -> Brief:
    brief, _ = Brief.objects.get_or_create(event=event)
    return brief


def event_details(event) -> EventDetails:
    """What the writer may know about the event (title, date, venue, moderator, partners)."""
    speakers = list(event.speakers.select_related("person"))
    moderator = next(
        (s.person.name for s in speakers if (s.role or "").lower().startswith("moderat")), None
    )
    partners = getattr(event, "partners", None)
    co_organisers = (
        [
            p.organisation.name
            for p in partners.select_related("organisation")
            if p.kind == "co-organiser"
        ]
        if partners is not None
        else []
    )
    local = timezone.localtime(event.starts_at, event.tz)
    return EventDetails(
        title=event.title,
        description=event.summary or None,
        date=local.strftime("%A, %B %-d, %Y"),
        venue=event.venue_name or None,
        moderator=moderator,
        co_organisers=co_organisers,
        sponsor=event.sponsor_text or None,
    )


# --- recordings and transcripts ----------------------------------------------


def add_recording(*, event, upload=None, video_url: str = "", user=None, transcribe: bool = True):
    """Store an uploaded recording (Django storage) and/or a video link; queue speech-to-text.

    Returns `(recording, job)`; `job` is None when there is no file to transcribe.
    """
    if upload is None and not video_url:
        raise WorkflowError("Choose a recording file or paste a video link.")
    recording = Recording(event=event, video_url=video_url, created_by=user)
    if upload is not None:
        recording.original_name = upload.name[:300]
        recording.media.save(upload.name, upload, save=False)
    recording.save()
    ensure_brief(event)
    job = None
    if upload is not None and transcribe:
        count = event.speakers.count()
        options = {"speakers": count} if count > 1 else {}
        job = start_job(
            event=event,
            kind=Job.Kind.TRANSCRIBE,
            params={"recording": recording.pk, "options": options},
            user=user,
        )
    log.info("recording %s added to event %s", recording.pk, event.pk)
    return recording, job


def _recording_busy(recording) -> bool:
    return Job.objects.filter(
        event=recording.event_id,
        kind=Job.Kind.TRANSCRIBE,
        params__recording=recording.pk,
        status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
    ).exists()


def remove_recording(*, recording: Recording, user=None) -> None:
    """Delete a recording and its stored file (a failed upload, a wrong file).

    Transcripts made from it stay (they lose the link). Refused while speech-to-text
    is still reading it.
    """
    if _recording_busy(recording):
        raise WorkflowError(
            "Speech-to-text is still reading this recording; wait until it ends, then remove it."
        )
    name = recording.media.name if recording.media else ""
    pk = recording.pk
    recording.delete()
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))
    log.info("recording %s removed by %s", pk, getattr(user, "pk", None))


def replace_recording(*, recording: Recording, upload, user=None):
    """Swap a recording's file for another (the old one is removed); queue speech-to-text."""
    if _recording_busy(recording):
        raise WorkflowError(
            "Speech-to-text is still reading this recording; wait until it ends, then replace it."
        )
    with transaction.atomic():
        new, job = add_recording(
            event=recording.event, upload=upload, video_url=recording.video_url, user=user
        )
        remove_recording(recording=recording, user=user)
    return new, job


def store_transcript(
    *,
    event,
    transcript,
    origin: str,
    source_format: str = "",
    original_name: str = "",
    recording=None,
    user=None,
    parent: TranscriptVersion | None = None,
    note: str = "",
    speaker_map: dict[str, str] | None = None,
) -> TranscriptVersion:
    """Save an engine `Transcript` as the event's current transcript, re-applying the speaker map.

    `parent` is the version an edit was made from; `speaker_map` (an edit's own map)
    replaces the map carried over from the previous version.
    """
    previous = TranscriptVersion.objects.filter(event=event).first()
    if speaker_map is None:
        labels = [label for label in transcript.speakers if label]
        names = {s.name for s in event_speakers(event)}
        speaker_map = {}
        for label in labels:
            if previous and previous.speaker_map.get(label):
                speaker_map[label] = previous.speaker_map[label]
            elif label in names:
                speaker_map[label] = label
    number = (
        TranscriptVersion.objects.filter(event=event).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    version = TranscriptVersion.objects.create(
        event=event,
        number=number,
        parent=parent,
        note=note[:500],
        recording=recording if recording is not None else getattr(parent, "recording", None),
        origin=origin,
        source_format=source_format,
        original_name=original_name[:300],
        content=dump_transcript(transcript),
        speaker_map=speaker_map,
        duration=transcript.duration,
        segment_count=len(transcript.segments),
        word_count=transcript.word_count(),
        warnings=list(transcript.warnings),
        created_by=user,
    )
    brief = ensure_brief(event)
    brief.transcript = version
    brief.save(update_fields=["transcript", "updated_at"])
    log.info("transcript %s stored for event %s (%s)", version.pk, event.pk, origin)
    return version


def read_transcript(*, text: str, filename: str = "", format: str | None = None):
    """Parse a transcript in any format the engine knows (seconds for 100k cues: run it in a job).

    Raises the engine's `TranscriptError` (file, line, reason) on bad input.
    """
    from podium.engine.errors import TranscriptError
    from podium.engine.transcript import parse_transcript

    source = filename or "pasted text"
    transcript = parse_transcript(text, format=format or None, source=source)
    if not transcript.segments:
        raise TranscriptError("no speech found in the transcript", source=source)
    return transcript


def add_parsed_transcript(
    *, event, transcript, filename: str = "", format: str | None = None, user=None, origin="upload"
) -> TranscriptVersion:
    """Make a parsed transcript the event's current one and re-check the current brief against it."""
    source_format = format or (filename.rsplit(".", 1)[-1].lower() if "." in filename else "")
    version = store_transcript(
        event=event,
        transcript=transcript,
        origin=origin,
        source_format=source_format,
        original_name=filename,
        user=user,
    )
    brief = ensure_brief(event)
    if brief.current_version_id:  # the current brief is checked against the new transcript
        reverify_current(brief=brief, user=user)
    return version


def add_transcript(
    *, event, text: str, filename: str = "", format: str | None = None, user=None, origin="upload"
) -> TranscriptVersion:
    """Read a transcript and make it the event's current one, in this process (CLI, demo, tests).

    The site queues the reading instead (`queue_transcript`). Raises the engine's
    `TranscriptError` (file, line, reason) on bad input.
    """
    transcript = read_transcript(text=text, filename=filename, format=format)
    return add_parsed_transcript(
        event=event,
        transcript=transcript,
        filename=filename,
        format=format,
        user=user,
        origin=origin,
    )


def queue_transcript(
    *, event, data: bytes, filename: str, format: str | None = None, user=None, origin="upload"
) -> Job:
    """Store a raw transcript (file bytes or pasted text) and queue the job that reads it.

    Reading 100k cues takes many seconds, so it never happens inside a web request.
    """
    limit = max_transcript_bytes()
    if len(data) > limit:
        raise WorkflowError(
            f"{filename}: {len(data) / 2**20:.1f} MB; transcripts may be at most "
            f"{limit / 2**20:g} MB."
        )
    stored = default_storage.save(
        f"{INCOMING_TRANSCRIPTS}/{uuid.uuid4().hex}.txt", ContentFile(data)
    )
    job = start_job(
        event=event,
        kind=Job.Kind.READ,
        params={"source": stored, "filename": filename, "format": format or "", "origin": origin},
        user=user,
    )
    if job.params.get("source") != stored:  # another transcript is still being read
        default_storage.delete(stored)
        raise WorkflowError(
            "Another transcript of this event is still being read; "
            "wait until it is done, then upload again."
        )
    return job


def decode_transcript(data: bytes) -> str:
    """The text of a transcript file (UTF-8, with or without BOM; else Latin-1)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_upload(upload) -> bytes:
    """The bytes of an uploaded transcript, refused over the limit before reading them."""
    limit = max_transcript_bytes()
    if upload.size > limit:
        raise WorkflowError(
            f"{upload.name}: {upload.size / 2**20:.1f} MB; transcripts may be at most "
            f"{limit / 2**20:g} MB."
        )
    return upload.read()


# --- speaker map ----------------------------------------------------------------


@dataclass(slots=True)
class SpeakerSample:
    label: str
    first_start: float
    turns: int
    words: int
    lines: list[tuple[float, str]] = field(default_factory=list)
    mapped_to: str = ""


def speaker_samples(
    transcript_version: TranscriptVersion, *, lines: int = 3
) -> list[SpeakerSample]:
    """Each transcript label with its first turn time, volume and a few sample lines."""
    transcript = load_transcript(transcript_version, mapped=False)
    samples: dict[str, SpeakerSample] = {}
    for turn in transcript.turns():
        sample = samples.get(turn.speaker)
        if sample is None:
            sample = samples[turn.speaker] = SpeakerSample(
                label=turn.speaker,
                first_start=turn.start,
                turns=0,
                words=0,
                mapped_to=transcript_version.speaker_map.get(turn.speaker, ""),
            )
        sample.turns += 1
        sample.words += len(turn.text.split())
        if len(sample.lines) < lines and len(turn.text.split()) >= 4:
            text = turn.text if len(turn.text) <= 220 else turn.text[:217].rsplit(" ", 1)[0] + " …"
            sample.lines.append((turn.start, text))
    return list(samples.values())


def save_speaker_map(*, transcript_version: TranscriptVersion, mapping: dict[str, str], user=None):
    """Save label -> speaker name (names must be the event's speakers, or empty); re-verify."""
    allowed = {s.name for s in event_speakers(transcript_version.event)}
    transcript = load_transcript(transcript_version, mapped=False)
    labels = set(transcript.speakers)
    clean = {}
    for label, name in mapping.items():
        name = (name or "").strip()
        if label not in labels:
            raise WorkflowError(f"{label!r} is not a speaker label of this transcript")
        if name and allowed and name not in allowed:
            raise WorkflowError(f"{name!r} is not a speaker of this event")
        if name:
            clean[label] = name
    transcript_version.speaker_map = clean
    transcript_version.save(update_fields=["speaker_map"])
    brief = ensure_brief(transcript_version.event)
    if brief.current_version and brief.transcript_id == transcript_version.pk:
        reverify_current(brief=brief, user=user, note="Re-verified after the speaker map changed")
    log.info(
        "speaker map of transcript %s saved by %s", transcript_version.pk, getattr(user, "pk", None)
    )
    return transcript_version


# --- generating and verifying -----------------------------------------------------


def llm_configured() -> bool:
    """True when an LLM endpoint and model are configured (`PODIUM_LLM_BASE_URL`, `PODIUM_LLM_MODEL`,
    read by `podium.engine.llm.options.LLMOptions.from_env`)."""
    from podium.engine.errors import PodiumError
    from podium.engine.llm.options import LLMOptions

    try:
        LLMOptions.from_env()
    except PodiumError:
        return False
    return True


def generate_brief(
    *, event, user=None, writer: str = "extractive", sections: int = 8, enqueue: bool = True
) -> Job:
    """Queue the brief-writing job on the event's current transcript."""
    brief = ensure_brief(event)
    if brief.transcript_id is None:
        raise WorkflowError("Upload a transcript (or a recording to transcribe) first.")
    if writer == "llm" and not llm_configured():
        raise WorkflowError(LLM_NOT_CONFIGURED)
    return start_job(
        event=event,
        kind=Job.Kind.GENERATE,
        params={"transcript": brief.transcript_id, "writer": writer, "sections": sections},
        user=user,
        enqueue=enqueue,
    )


_CONTEXTS: OrderedDict[tuple, tuple[threading.Lock, object, object]] = OrderedDict()
_CONTEXTS_LOCK = threading.Lock()
CONTEXT_CACHE_SIZE = 4
"""Transcripts kept indexed (word index, sentence embeddings) per process, so edits re-verify fast."""


def verify_against(
    engine_brief, transcript_version: TranscriptVersion | None, event, *, reuse=None
):
    """The engine's verification `Report` of `engine_brief` against the transcript (or None).

    `reuse` (section number -> findings, from `reusable_findings`) skips the
    per-section checks of sections that did not change.

    The engine's verification context (the transcript's index and embeddings,
    `podium.engine.verify.build_context`) is kept for the last few transcript
    versions and speaker maps, so re-verifying an edit does not index the
    transcript again.
    """
    if transcript_version is None:
        return None
    from podium.engine.verify import build_context, verify

    speakers = event_speakers(event) or None
    key = (
        transcript_version.pk,
        transcript_version.created_at,  # ids are reused after a rollback (tests): not alone a key
        json.dumps(transcript_version.speaker_map or {}, sort_keys=True),
        tuple((s.name, s.role, s.organisation) for s in speakers or ()),
    )
    with _CONTEXTS_LOCK:
        entry = _CONTEXTS.get(key)
        if entry is None:
            entry = (threading.Lock(), None, None)
            _CONTEXTS[key] = entry
        _CONTEXTS.move_to_end(key)
        while len(_CONTEXTS) > CONTEXT_CACHE_SIZE:
            _CONTEXTS.popitem(last=False)
    lock, transcript, context = entry
    with lock:  # one verification at a time per context (it keeps per-run state)
        if context is None:
            transcript = load_transcript(transcript_version)
            context = build_context(transcript, speakers=speakers)
            with _CONTEXTS_LOCK:
                if key in _CONTEXTS:
                    _CONTEXTS[key] = (lock, transcript, context)
        return verify(engine_brief, transcript, speakers=speakers, context=context, reuse=reuse)


def section_fingerprint(section) -> str:
    """Everything the per-section checks read of a section (not its number)."""
    return json.dumps(
        [
            section.title,
            section.start,
            list(section.speakers),
            list(section.summary),
            [[q.text, q.speaker] for q in section.quotes],
        ],
        ensure_ascii=False,
    )


def reusable_findings(engine_brief, base: BriefVersion | None, transcript) -> dict[int, list]:
    """Section number of `engine_brief` -> the engine findings `base` already has for it.

    Only sections whose fingerprint equals a section of `base`, and only when
    `base` was verified against the same transcript version, are reused (the
    speaker map is already applied to `base`: `reverify_current` refreshes the
    current version whenever it changes). Names findings are never reused.
    """
    from podium.engine.verify.report import Evidence, Finding

    if base is None or not base.report or transcript is None or base.transcript_id != transcript.pk:
        return {}
    old_brief = load_brief(base)
    by_number: dict[int, list[dict]] = {}
    for finding in findings_of(base):
        by_number.setdefault(int(finding.get("section") or 0), []).append(finding)
    old = {section_fingerprint(s): s.number for s in old_brief.sections()}
    reuse = {}
    for section in engine_brief.sections():
        number = old.get(section_fingerprint(section))
        if number is None:
            continue
        reuse[section.number] = [
            Finding(
                section=section.number,
                check=f["check"],
                status=f["status"],
                subject=f.get("subject") or "",
                message=f.get("message") or "",
                evidence=[Evidence(**e) for e in f.get("evidence") or []],
                suggestion=f.get("suggestion"),
            )
            for f in by_number.get(number, [])
            if f.get("check") != "names"
        ]
    return reuse


def _report_dict(report) -> dict:
    if report is None:
        return {}
    return report if isinstance(report, dict) else report.to_dict()


def save_version(
    *,
    brief: Brief,
    engine_brief,
    origin: str,
    user=None,
    note: str = "",
    report=None,
    transcript: TranscriptVersion | None = None,
    writer: dict | None = None,
    expected_version: int | None = None,
    action: dict | None = None,
) -> BriefVersion:
    """Write a new version (brief JSON + its verification) and make it current, atomically.

    `expected_version` is the version the editor's form was made from: if another
    version became current meanwhile the save is refused (`StaleVersion`), checked
    again under the row lock so two racing requests cannot both win. `action` names
    the editor's action (kept with the version); repeating the same action from the
    same version (a double click) returns the version it already made.
    """
    transcript = transcript or brief.transcript
    if not any(True for _ in engine_brief.sections()):
        raise WorkflowError("The brief has no sections: nothing was saved.")
    content = dump_brief(engine_brief)
    from podium.engine.brief import parse_brief

    parse_brief(content, source="new version")  # what is stored must read back (BriefError if not)
    writer = dict(writer or {})
    if report is None:
        reuse = reusable_findings(engine_brief, brief.current_version, transcript)
        report = verify_against(engine_brief, transcript, brief.event, reuse=reuse)
        if transcript is not None:
            numbers = [s.number for s in engine_brief.sections()]
            writer["verified"] = {
                "checked": [n for n in numbers if n not in reuse],
                "reused": [n for n in numbers if n in reuse],
            }
    data = _report_dict(report)
    summary = data.get("summary", {})
    with transaction.atomic():
        locked = Brief.objects.select_for_update().get(pk=brief.pk)
        replayed = _replayed(locked, expected_version=expected_version, user=user, action=action)
        if replayed is not None:
            return replayed
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = BriefVersion.objects.create(
            brief=locked,
            number=number,
            origin=origin,
            content=content,
            report=data,
            ok_count=summary.get("ok", 0),
            warn_count=summary.get("warn", 0),
            fail_count=summary.get("fail", 0),
            transcript=transcript,
            note=note[:500],
            writer={**writer, **({"action": action} if action else {})},
            author=user,
        )
        locked.current_version = version
        new_version_state(locked, version=version, user=user)
    brief.refresh_from_db()
    log.info("brief %s version %s (%s) by %s", brief.pk, number, origin, getattr(user, "pk", None))
    return version


def _replayed(brief: Brief, *, expected_version: int | None, user, action: dict | None):
    """The version this very action already made from `expected_version`, or None if still fresh.

    Raises `StaleVersion` when the brief moved on for any other reason.
    """
    current = brief.current_version
    if expected_version is None or (current and current.number == expected_version):
        return None
    if (
        action
        and current is not None
        and current.writer.get("action") == action
        and current.author_id == getattr(user, "pk", None)
    ):
        return current
    raise StaleVersion(stale_message(current))


def reverify_current(*, brief: Brief, user=None, note: str = "") -> BriefVersion | None:
    """Verify the current version against the brief's transcript; a changed result is a new version.

    History is never rewritten: when the transcript (or its speaker map) changed the
    findings, the same text is saved again as a "re-verified" version carrying the
    new report and the transcript version it was checked against. Returns the
    current version afterwards (unchanged when the result is the same).
    """
    for _ in range(5):
        brief.refresh_from_db()
        version = brief.current_version
        if version is None:
            return None
        transcript = brief.transcript
        engine_brief = load_brief(version)
        data = json.loads(
            json.dumps(_report_dict(verify_against(engine_brief, transcript, brief.event)))
        )
        if version.transcript_id == getattr(transcript, "pk", None) and version.report == data:
            return version
        number = transcript.number if transcript else None
        try:
            return save_version(
                brief=brief,
                engine_brief=engine_brief,
                origin=BriefVersion.Origin.REVERIFIED,
                user=user,
                note=note
                or (
                    f"Re-verified against transcript version {number}"
                    if number
                    else "Re-verified against the transcript"
                ),
                report=data,
                transcript=transcript,
                expected_version=version.number,
            )
        except StaleVersion:  # an editor saved meanwhile: verify their version instead
            continue
    raise WorkflowError("The brief kept changing while it was re-verified; try again.")


def import_brief(*, event, text: str, user=None, source: str = "imported brief", note: str = ""):
    """Parse a brief written elsewhere (seed layout, Markdown or JSON) and add it as a version."""
    from podium.engine.brief import parse_brief

    engine_brief = parse_brief(text, speakers=event_speakers(event) or None, source=source)
    brief = ensure_brief(event)
    return save_version(
        brief=brief,
        engine_brief=engine_brief,
        origin=BriefVersion.Origin.IMPORTED,
        user=user,
        note=note or f"Imported from {source}",
    )


# --- editing ------------------------------------------------------------------------


def quotes_in(paragraphs: list[str], speaker: str | None) -> list[Quote]:
    """The double-quoted spans of a section's paragraphs (the engine's rules), attributed to `speaker`."""
    from podium.engine.brief.quotes import find_quotes

    return [
        Quote(text=span.text, speaker=speaker) for p in paragraphs for span in find_quotes(p)[0]
    ]


def _current(brief: Brief):
    if brief.current_version is None:
        raise WorkflowError("This brief has no version yet: generate or import one first.")
    return load_brief(brief.current_version)


def edit_section(
    *,
    brief: Brief,
    number: int,
    user=None,
    title: str | None = None,
    start: str | float | None = None,
    summary: str | None = None,
    speaker: str | None = None,
    quote_speakers: dict[str, str] | None = None,
    expected_version: int | None = None,
) -> BriefVersion:
    """Change a section's title, ▶ time, summary (quotes follow it), main speaker or who each
    quote is attributed to (`quote_speakers`: quote text -> name); re-verify what changed.

    Saving discards the editor's autosaved draft of this section.
    """
    from podium.briefs.domain.editor import _requote, discard_draft

    check_version(brief, expected_version)
    engine_brief = copy.deepcopy(_current(brief))
    try:
        section = engine_brief.section(number)
    except KeyError:
        raise WorkflowError(f"There is no section {number}.") from None
    changed = []
    if title is not None and title.strip() and title.strip() != section.title:
        section.title = title.strip()
        changed.append("title")
    if start is not None and start != "":
        try:
            seconds = parse_time(start) if isinstance(start, str) else float(start)
        except ValueError:
            raise WorkflowError(f"“{start}” is not a time: write m:ss or h:mm:ss.") from None
        if section.start is None or abs(seconds - section.start) >= 1:
            section.start = seconds
            changed.append("time")
    if speaker is not None and speaker.strip():
        speaker = speaker.strip()
        if not section.speakers or section.speakers[0] != speaker:
            section.speakers = [speaker] + [s for s in section.speakers if s != speaker]
            for quote in section.quotes:
                quote.speaker = speaker
            changed.append("speaker")
    if summary is not None:
        paragraphs = [
            p.strip() for p in re.split(r"\n\s*\n", summary.replace("\r\n", "\n")) if p.strip()
        ]
        if paragraphs != list(section.summary):
            section.summary = paragraphs
            changed.append("summary")
    before = [(q.text, q.speaker) for q in section.quotes]
    if "speaker" in changed:
        quote_speakers = None  # a new main speaker takes every quote (as before)
        for quote in section.quotes:
            quote.speaker = section.speakers[0]
    _requote(section, quote_speakers)
    if [(q.text, q.speaker) for q in section.quotes] != before and "summary" not in changed:
        changed.append("quote speakers")
    if not changed:
        discard_draft(brief=brief, user=user, key=f"section-{number}")
        return brief.current_version
    version = save_version(
        brief=brief,
        engine_brief=engine_brief,
        origin=BriefVersion.Origin.EDITED,
        user=user,
        note=f"Section {number}: {', '.join(changed)} edited",
        expected_version=expected_version,
    )
    discard_draft(brief=brief, user=user, key=f"section-{number}")
    return version


MECHANICAL_CHECKS = frozenset({"quote", "timestamp", "attribution", "names"})
"""Checks whose suggestion is a mechanical fix (quote text, ▶ time, speaker, name spelling).
A claim's suggestion is evidence for the editor, not a replacement sentence: it is never applied."""


def findings_of(version: BriefVersion) -> list[dict]:
    return list((version.report or {}).get("findings", []))


def apply_suggestion(
    *, brief: Brief, index: int, user=None, expected_version: int | None = None
) -> BriefVersion:
    """Apply the suggested fix of finding `index` of the current version; re-verify.

    Applying the same finding again from the same version (a double click) returns
    the version the first click made instead of adding another.
    """
    action = {"apply": index, "from": expected_version} if expected_version is not None else None
    replayed = _replayed(brief, expected_version=expected_version, user=user, action=action)
    if replayed is not None:
        return replayed
    findings = findings_of(brief.current_version) if brief.current_version else []
    if not 0 <= index < len(findings):
        raise WorkflowError("That finding no longer exists; reload the page.")
    finding = findings[index]
    if finding.get("check") not in MECHANICAL_CHECKS:
        raise WorkflowError(
            f"A {finding.get('check')} finding has no mechanical fix: "
            "read the evidence and edit the section by hand."
        )
    suggestion = finding.get("suggestion")
    if not suggestion:
        raise WorkflowError("This finding has no suggested fix.")
    engine_brief = copy.deepcopy(_current(brief))
    number = int(finding.get("section") or 0)
    check = finding.get("check")
    subject = finding.get("subject") or ""
    if number == 0:
        targets = None
    else:
        try:
            targets = engine_brief.section(number)
        except KeyError:
            raise WorkflowError(f"There is no section {number}.") from None
    if check == "timestamp" and targets is not None:
        try:
            targets.start = parse_time(str(suggestion))
        except ValueError:
            targets.start = float(suggestion)
        what = f"time set to {format_time(targets.start)}"
    elif check == "attribution" and targets is not None:
        changed = False
        for quote in targets.quotes:
            if (
                not subject
                or quote.text == subject
                or quote.text in subject
                or subject in quote.text
            ):
                quote.speaker = suggestion
                changed = True
        if not changed or not targets.quotes:
            old = targets.speakers[0] if targets.speakers else None
            targets.speakers = [suggestion] + [s for s in targets.speakers if s != suggestion]
            if old:
                targets.summary = [_replace_name(p, old, suggestion) for p in targets.summary]
        what = f"attributed to {suggestion}"
    else:
        if not subject:
            raise WorkflowError("This finding does not say which words to replace.")
        replaced = _replace_everywhere(engine_brief, targets, subject, str(suggestion))
        if not replaced:
            raise WorkflowError(
                f"“{subject[:80]}” no longer appears in the section; edit it by hand."
            )
        what = f"{check} fixed"
    return save_version(
        brief=brief,
        engine_brief=engine_brief,
        origin=BriefVersion.Origin.SUGGESTION,
        user=user,
        note=f"Section {number}: suggestion applied ({what})",
        expected_version=expected_version,
        action=action,
    )


def _replace_name(text: str, old: str, new: str) -> str:
    text = text.replace(old, new)
    old_surname, new_surname = old.split()[-1], new.split()[-1]
    return re.sub(rf"\b{re.escape(old_surname)}\b", new_surname, text)


def _replace_everywhere(engine_brief, section, old: str, new: str) -> bool:
    """Replace `old` by `new` in one section (or the title/intro/closing when section is None)."""
    found = False
    if section is None:
        if old in engine_brief.title:
            engine_brief.title = engine_brief.title.replace(old, new)
            found = True
        for attr in ("intro", "context", "closing"):
            lines = getattr(engine_brief, attr)
            for i, line in enumerate(lines):
                if old in line:
                    lines[i] = line.replace(old, new)
                    found = True
        return found
    if old in section.title:
        section.title = section.title.replace(old, new)
        found = True
    for i, paragraph in enumerate(section.summary):
        if old in paragraph:
            section.summary[i] = paragraph.replace(old, new)
            found = True
    for quote in section.quotes:
        if old in quote.text or quote.text == old:
            quote.text = quote.text.replace(old, new)
            found = True
    return found


# --- approving and publishing ----------------------------------------------------------


def set_transcript_visibility(*, brief: Brief, show: bool, user=None) -> Brief:
    brief.show_transcript = show
    brief.save(update_fields=["show_transcript", "updated_at"])
    return brief


# --- history ------------------------------------------------------------------------------


def restore_version(
    *, brief: Brief, version: BriefVersion, user=None, expected_version: int | None = None
) -> BriefVersion:
    """Make an old version current again, as a new version (history is never rewritten)."""
    if version.brief_id != brief.pk:
        raise WorkflowError("That version belongs to another brief.")
    check_version(brief, expected_version)
    return save_version(
        brief=brief,
        engine_brief=load_brief(version),
        origin=BriefVersion.Origin.RESTORED,
        user=user,
        note=f"Restored version {version.number}",
        expected_version=expected_version,
    )


def diff_versions(old: BriefVersion, new: BriefVersion) -> list[tuple[str, str]]:
    """Line diff of two versions' Markdown renderings: (kind, line) with kind in ' +-@'."""
    from podium.engine.brief import render_brief

    a = render_brief(load_brief(old), "md").splitlines()
    b = render_brief(load_brief(new), "md").splitlines()
    lines = []
    for line in difflib.unified_diff(
        a, b, f"version {old.number}", f"version {new.number}", n=2, lineterm=""
    ):
        if line.startswith(("---", "+++")):
            continue
        kind = line[:1] if line[:1] in "+-@" else " "
        lines.append((kind, line[1:] if kind in "+- " else line))
    return lines
