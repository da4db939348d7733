"""The demo's briefs, loaded the way `podium demo` loads them (slow: it writes the committee brief)."""

from __future__ import annotations

import pytest

from podium.briefs.domain.content import load_brief
from podium.briefs.models import Brief
from podium.demo import COMMITTEE_EVENT_SLUG, SEED_AFTER_SLUG
from podium.demo.briefs import (
    DEMO_TRANSCRIPT,
    DEMO_VIDEO,
    RECORDED_EVENT_SLUG,
    load_demo_briefs,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.usefixtures("media_tools"),
]


def test_demo_briefs_are_made_once(settings, client):
    from django.core.files.storage import default_storage

    from podium.demo.load import load_demo

    summary = load_demo()
    assert summary["briefs"][SEED_AFTER_SLUG] == "seed brief imported and published"

    seed = Brief.objects.get(event__slug=SEED_AFTER_SLUG)
    brief = load_brief(seed.published_version)
    assert [p.title for p in brief.parts] == [
        "Part I: The Diagnosis",
        "Part II: The Treatment Plan",
    ]
    assert [s.start for s in brief.sections()][:2] == [640, 856]

    committee = Brief.objects.get(event__slug=COMMITTEE_EVENT_SLUG)
    assert committee.published_version is not None
    assert committee.published_version.fail_count == 0 and committee.published_version.ok_count > 10
    assert committee.published_version.origin == "generated"

    recorded = Brief.objects.get(event__slug=RECORDED_EVENT_SLUG)
    assert recorded.transcript is not None and recorded.current_version is None
    assert recorded.event.recordings.get().media
    assert default_storage.exists(DEMO_VIDEO) and default_storage.exists(DEMO_TRANSCRIPT)

    # The recorded panel plays with captions (its exact transcript, speakers named) while
    # its brief waits for an editor.
    page = client.get(f"/events/{RECORDED_EVENT_SLUG}/").content.decode()
    assert '<track kind="captions" srclang="en"' in page
    captions = client.get(f"/briefs/{RECORDED_EVENT_SLUG}/captions.vtt")
    assert captions.status_code == 200
    vtt = captions.content.decode()
    assert vtt.startswith("WEBVTT") and "<v " in vtt and "SPEAKER_0" not in vtt

    assert set(load_demo_briefs().values()) == {"exists"}
    assert Brief.objects.get(event__slug=COMMITTEE_EVENT_SLUG).versions.count() == 1
