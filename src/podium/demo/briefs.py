"""Demo briefs: seed 000's brief, the committee session's generated brief, a recorded panel.

`load_demo_briefs()` is called by `podium.demo.load` after the demo events
exist (found by the slugs in `podium.demo`). It is idempotent: what exists is
left alone. It makes

- seed 000: the seed page's own brief, read by the engine's parser and
  published on its event (no transcript ships with it, so it is unverified);
- the committee session: its transcript (`podium.demo.COMMITTEE_TRANSCRIPT`),
  a brief written and verified by the engine's extractive writer, published;
- the recorded demo panel "Water Security in Coastal Cities": a past event
  with four speakers, a three-minute video made on the spot (espeak-ng + ffmpeg,
  `demo_media`) stored through Django's storage, and its transcript with
  unmapped SPEAKER_0N labels — left for an editor to map, generate, review
  and publish in the browser. The same video and a WebVTT transcript are
  also stored under `samples/<slug>/` for trying the upload steps.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain import transitions
from podium.briefs.domain.queries.media import UPLOAD_SAMPLES_DIR
from podium.briefs.domain.runners import run_job
from podium.briefs.models import Brief, TranscriptVersion
from podium.demo import (
    COMMITTEE_EVENT_SLUG,
    COMMITTEE_TRANSCRIPT,
    SEED_AFTER_EVENT,
    SEED_AFTER_SLUG,
)
from podium.demo.media import (
    TITLE,
    make_demo_recording,
    speakers_of_panel,
    tools_available,
)
from podium.engine.errors import PodiumError
from podium.engine.transcript import format_transcript
from podium.events.domain.events import (
    add_speaker,
    get_or_create_organisation,
    save_event,
    save_person,
)
from podium.events.domain.transitions import publish_event
from podium.events.models import Event, Person

log = logging.getLogger(__name__)

RECORDED_EVENT_SLUG = "water-security-in-coastal-cities"
DEMO_VIDEO = f"{UPLOAD_SAMPLES_DIR}/{RECORDED_EVENT_SLUG}/water-security-panel.webm"
DEMO_TRANSCRIPT = f"{UPLOAD_SAMPLES_DIR}/{RECORDED_EVENT_SLUG}/water-security-panel.vtt"
"""Sample files the workspace offers for trying the upload steps (see `upload_samples`)."""


def load_demo_briefs() -> dict[str, str]:
    """Create the demo briefs that are missing; return what was done per event slug."""
    done: dict[str, str] = {}
    done[SEED_AFTER_SLUG] = _seed_brief(SEED_AFTER_SLUG)
    done[COMMITTEE_EVENT_SLUG] = _committee_brief(COMMITTEE_EVENT_SLUG)
    done[RECORDED_EVENT_SLUG] = _recorded_panel()
    return done


def _editor():
    return get_user_model().objects.filter(groups__name="Editors").order_by("pk").first()


def _seed_brief(slug: str) -> str:
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        return "event missing"
    brief = workflow.ensure_brief(event)
    if brief.versions.exists():
        return "exists"
    workflow.import_brief(
        event=event,
        text=SEED_AFTER_EVENT.read_text(encoding="utf-8"),
        user=_editor(),
        source=SEED_AFTER_EVENT.name,
        note="Imported from the seed page",
    )
    transitions.approve(brief=Brief.objects.get(pk=brief.pk), user=_editor())
    transitions.publish(brief=Brief.objects.get(pk=brief.pk), user=_editor())
    return "seed brief imported and published"


def _committee_brief(slug: str) -> str:
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        return "event missing"
    brief = workflow.ensure_brief(event)
    if brief.versions.exists():
        return "exists"
    if brief.transcript_id is None:
        workflow.add_transcript(
            event=event,
            text=COMMITTEE_TRANSCRIPT.read_text(encoding="utf-8"),
            filename=COMMITTEE_TRANSCRIPT.name,
            origin=TranscriptVersion.Origin.DEMO,
        )
    return _generate_and_publish(event, publish=True)


def _generate_and_publish(event, *, publish: bool) -> str:
    editor = _editor()
    try:
        job = workflow.generate_brief(event=event, user=editor, enqueue=False)
    except workflow.WorkflowError as error:
        return f"not generated: {error}"
    status = run_job(job_id=job.pk)
    job.refresh_from_db()
    if status != "succeeded":
        return f"not generated: {job.message}"
    brief = Brief.objects.get(event=event)
    if publish and editor is not None:
        reason = (
            "Demo: generated brief published as written, for comparison with the review screen."
        )
        transitions.approve(
            brief=brief,
            user=editor,
            override_reason=reason if brief.current_version.fail_count else "",
        )
        transitions.publish(brief=brief, user=editor)
    v = brief.current_version
    return f"brief generated ({v.fail_count} fail, {v.warn_count} warn, {v.ok_count} ok){' and published' if publish else ''}"


def _recorded_panel() -> str:
    event = Event.objects.filter(slug=RECORDED_EVENT_SLUG).first()
    if event is None:
        starts = (
            timezone.now().astimezone(dt.UTC).replace(hour=17, minute=0, second=0, microsecond=0)
        )
        event = Event(
            slug=RECORDED_EVENT_SLUG,
            title=TITLE,
            summary="A short recorded panel on salt water in city aquifers, leaking pipes and who pays: "
            "the demo of Podium's brief workflow from recording to published brief.",
            description="Four voices, three minutes: a panel made for the demo with a speech synthesizer. "
            "Editors can map its speakers, generate the program brief, review each line against the "
            "recording and publish it here.",
            starts_at=starts - dt.timedelta(days=7),
            ends_at=starts - dt.timedelta(days=7) + dt.timedelta(hours=1),
            time_zone="America/New_York",
            venue_name="Harbor Hall",
            venue_address="1 Pier Street\nBoston, MA 02110",
        )
        save_event(event)
        for order, (_, name, role) in enumerate(speakers_of_panel()):
            person = Person.objects.filter(name=name).first()
            if person is None:
                person = save_person(
                    Person(
                        name=name,
                        title="Demo speaker",
                        organisation=get_or_create_organisation("Podium Demo Institute"),
                    )
                )
            add_speaker(event, person=person, role=role, order=order)
        publish_event(event)
    if event.recordings.exists():
        return "exists"
    if not tools_available():
        return "skipped: espeak-ng and ffmpeg are needed to make the demo recording"

    with tempfile.TemporaryDirectory() as tmp:
        made = make_demo_recording(Path(tmp))
        with made.video.open("rb") as fh:
            recording, _ = workflow.add_recording(
                event=event, upload=File(fh, name="water-security-panel.webm"), transcribe=False
            )
        recording.duration = made.duration
        recording.save(update_fields=["duration"])
        for name in (DEMO_VIDEO, DEMO_TRANSCRIPT):
            if default_storage.exists(name):
                default_storage.delete(name)
        with made.video.open("rb") as fh:
            default_storage.save(DEMO_VIDEO, File(fh))
        vtt = format_transcript(made.transcript, "vtt")
        default_storage.save(DEMO_TRANSCRIPT, ContentFile(vtt.encode("utf-8")))
    try:
        version = workflow.store_transcript(
            event=event,
            transcript=made.transcript,
            origin=TranscriptVersion.Origin.DEMO,
            source_format="vtt",
            original_name="water-security-panel.vtt",
            recording=recording,
        )
    except PodiumError as error:  # pragma: no cover - the transcript is made above
        return f"transcript not stored: {error}"
    # The synthesized transcript is exact, so the demo names its speakers and shows it on
    # the event page: the recording plays with captions and the transcript below it, while
    # the brief itself waits for an editor to generate, review and publish.
    workflow.save_speaker_map(
        transcript_version=version,
        mapping={label: name for label, name, _ in speakers_of_panel()},
    )
    workflow.set_transcript_visibility(brief=workflow.ensure_brief(event), show=True)
    return "recording captioned from its transcript; the brief is ready for an editor"
