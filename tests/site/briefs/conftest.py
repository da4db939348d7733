"""Fixtures for brief tests: a past event with the demo panel's speakers, users per role."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.text import slugify

from podium.accounts.domain.roles import assign_role
from podium.demo.media import SCRIPT, speakers_of_panel, tools_available
from podium.engine.transcript import format_transcript
from podium.engine.transcript.model import Segment, Transcript
from podium.events.models import Event, EventSpeaker, Person

_counter = itertools.count(1)


@pytest.fixture
def media_tools() -> None:
    """Fail (never skip) when the tools that make the test recording are missing."""
    if not tools_available():
        pytest.fail(
            "espeak-ng and ffmpeg are needed to make the test recording: "
            "sudo apt-get install -y espeak-ng ffmpeg (`make test` installs them)"
        )


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    """Jobs run in-process unless a test starts real workers; media go to a temporary folder."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = str(tmp_path / "media")


def make_panel_event(**fields) -> Event:
    """A published past event whose speakers are the demo panel's."""
    n = next(_counter)
    defaults = {
        "title": f"Water Security in Coastal Cities {n}",
        "slug": f"water-{n}",
        "status": Event.Status.PUBLISHED,
        "starts_at": timezone.now() - dt.timedelta(days=3),
        "time_zone": "America/New_York",
        "venue_name": "Harbor Hall",
        "summary": "A panel on salt water, leaks and who pays.",
    }
    defaults.update(fields)
    event = Event.objects.create(**defaults)
    for order, (_, name, role) in enumerate(speakers_of_panel()):
        person, _ = Person.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        EventSpeaker.objects.create(event=event, person=person, role=role, order=order)
    return event


def panel_transcript() -> Transcript:
    """The demo panel's script as a transcript with synthetic, ordered times (no audio needed)."""
    segments, clock = [], 1.0
    for label, text in SCRIPT:
        seconds = len(text.split()) / 2.6
        segments.append(
            Segment(start=round(clock, 2), end=round(clock + seconds, 2), speaker=label, text=text)
        )
        clock += seconds + 0.5
    return Transcript(segments=segments, title="panel")


def panel_vtt() -> str:
    return format_transcript(panel_transcript(), "vtt")


PANEL_MAP = {label: name for label, name, _ in speakers_of_panel()}


def make_user(role: str | None, username: str | None = None) -> User:
    user = User.objects.create_user(
        username or f"{role or 'nobody'}-{next(_counter)}", password="pw-12345678"
    )
    if role:
        assign_role(user, role=role)
    return user


@pytest.fixture
def event(db):
    return make_panel_event()


@pytest.fixture
def editor(db):
    return make_user("editor")


@pytest.fixture
def events_staff(db):
    return make_user("events_staff")


def panel_brief_md() -> str:
    """A faithful two-section brief of the panel (quotes verbatim, times at the speakers' turns)."""
    from podium.engine.brief import render_brief
    from podium.engine.brief.model import Brief, Part, Quote, Section

    t = panel_transcript()
    brief = Brief(
        title="Water Security in Coastal Cities",
        intro=["This program examined salt water in city aquifers, leaks and who pays."],
        parts=[
            Part(
                title="Part I: The Diagnosis",
                sections=[
                    Section(
                        number=1,
                        title="Salt in the Aquifers",
                        start=t.segments[1].start,
                        speakers=["David Chen"],
                        summary=[
                            "David Chen said that rising seas push salt water into aquifers, "
                            'noting that "eight already pump water with too much salt."'
                        ],
                        quotes=[
                            Quote("eight already pump water with too much salt.", "David Chen")
                        ],
                    ),
                    Section(
                        number=2,
                        title="Who Pays",
                        start=t.segments[3].start,
                        speakers=["Amara Okafor"],
                        summary=[
                            "Amara Okafor said the poorest neighbourhoods pay first: "
                            '"Families buy bottled water at ten times the price of tap water."'
                        ],
                        quotes=[
                            Quote(
                                "Families buy bottled water at ten times the price of tap water.",
                                "Amara Okafor",
                            )
                        ],
                    ),
                ],
            )
        ],
    )
    return render_brief(brief, "md")


@pytest.fixture
def mapped_event(event, editor):
    """The event with the panel transcript uploaded and its speakers mapped."""
    from podium.briefs.domain import briefs as workflow

    version = workflow.add_transcript(
        event=event, text=panel_vtt(), filename="panel.vtt", user=editor
    )
    workflow.save_speaker_map(transcript_version=version, mapping=PANEL_MAP, user=editor)
    return event


@pytest.fixture
def reviewed_brief(mapped_event, editor):
    """The event's brief with one faithful imported version (verified)."""
    from podium.briefs.domain import briefs as workflow

    workflow.import_brief(event=mapped_event, text=panel_brief_md(), user=editor, source="panel.md")
    return workflow.ensure_brief(mapped_event)


def approve_and_publish(brief, user):
    """Approve the current version (with a written reason if it has fails), then publish it:
    publishing needs an approved version."""
    from podium.briefs.domain import transitions

    brief = transitions.approve(
        brief=brief, user=user, override_reason="Checked by hand against the recording."
    )
    return transitions.publish(brief=brief, user=user)
