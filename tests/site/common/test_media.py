"""Uploaded files: pictures are public; recordings only for public events or staff."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from podium.events.models import Event
from tests.site.common.factories import make_event, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_pictures_are_served_and_recordings_of_drafts_are_not(client):
    event = make_event(title="Draft with a recording", status=Event.Status.DRAFT)
    event.image.save("picture.png", ContentFile(b"\x89PNG picture"), save=False)
    event.video_file.save("talk.mp4", ContentFile(b"video bytes"), save=False)
    event.save()
    assert client.get(event.image.url).status_code == 200
    assert client.get(event.video_file.url).status_code == 404
    assert client.get("/media/../settings.py").status_code in (400, 404)  # never served
    staff = Client()
    staff.force_login(make_user("editor"))
    assert staff.get(event.video_file.url).status_code == 200
    event.status = Event.Status.PUBLISHED
    event.save()
    response = client.get(event.video_file.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"video bytes"
