"""Captions: the recording's <track> is the published transcript as WebVTT, with speakers as voices.

The track and the transcript under the player come only from the transcript
the published brief version was verified against (or one the editors chose to
show); a transcript uploaded while a newer version is in review stays private. The ▶ links carry labels a screen reader
can use ("Play from 0:09, section 1: Salt in the Aquifers").
"""

from __future__ import annotations

import io
import re

import pytest
import webvtt
from django.core.files import File
from django.urls import reverse

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain import transitions
from podium.engine.timefmt import format_time
from tests.site.accessibility import make_silent_video
from tests.site.briefs.conftest import PANEL_MAP, approve_and_publish, panel_transcript

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_video(reviewed_brief, tmp_path):
    video = make_silent_video(tmp_path / "short.webm", 2)
    with video.open("rb") as fh:
        workflow.add_recording(
            event=reviewed_brief.event, upload=File(fh, name="short.webm"), transcribe=False
        )
    return reviewed_brief


def captions_url(event) -> str:
    return reverse("briefs:captions", kwargs={"slug": event.slug})


def event_page(client, event) -> str:
    return client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.decode()


def test_no_captions_before_the_brief_is_published(client, with_video):
    event = with_video.event
    assert client.get(captions_url(event)).status_code == 404
    page = event_page(client, event)
    assert "<track" not in page and "data-turn" not in page


def test_published_brief_gives_the_video_english_captions_with_speaker_voices(
    client, with_video, editor
):
    event = with_video.event
    approve_and_publish(with_video, editor)
    page = event_page(client, event)
    track = re.search(r"<track [^>]*>", page).group(0)
    for attribute in ('kind="captions"', 'srclang="en"', 'label="English"', " default"):
        assert attribute in track
    assert f'src="{captions_url(event)}"' in track

    response = client.get(captions_url(event))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")
    assert "attachment" not in response.get("Content-Disposition", "")
    captions = webvtt.from_buffer(io.StringIO(response.content.decode()))
    expected = panel_transcript().renamed(PANEL_MAP).segments
    assert len(captions) == len(expected)
    assert [c.voice for c in captions] == [s.speaker for s in expected]
    hours, minutes, seconds = captions[1].start.split(":")
    start = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    assert start == pytest.approx(expected[1].start, abs=0.01)
    assert "SPEAKER_0" not in response.content.decode()

    # The transcript under the player: every turn with a labelled ▶ link, not live.
    assert 'aria-live="off"' in page
    first = expected[0]
    assert f'aria-label="Play from {format_time(first.start)}, {first.speaker}"' in page
    # The brief's ▶ links say what they play.
    salt = expected[1]
    assert (
        f'aria-label="Play from {format_time(salt.start)}, section 1: Salt in the Aquifers"' in page
    )


def test_captions_stay_on_the_published_version_while_a_new_one_is_in_review(
    client, with_video, editor
):
    """A new transcript checks the version in review; the public keeps the published one's."""
    event = with_video.event
    approve_and_publish(with_video, editor)
    before = client.get(captions_url(event)).content.decode()
    workflow.edit_section(
        brief=with_video, number=1, title="Salt Water in the Aquifers", user=editor
    )
    workflow.add_transcript(
        event=event,
        text="WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v SPEAKER_09>An unreviewed draft line.\n",
        filename="draft.vtt",
        user=editor,
    )
    after = client.get(captions_url(event)).content.decode()
    assert after == before and "unreviewed draft" not in after
    assert "unreviewed draft" not in event_page(client, event)


def test_unpublishing_takes_the_captions_away(client, with_video, editor):
    event = with_video.event
    approve_and_publish(with_video, editor)
    assert client.get(captions_url(event)).status_code == 200
    transitions.unpublish(brief=with_video, user=editor)
    assert client.get(captions_url(event)).status_code == 404
    assert "<track" not in event_page(client, event)
