"""Uploaded files over HTTP: owner checks, content checks, safe headers, byte ranges.

The attacks come from issue 17's review: a draft recording reached through
`/media//recordings/…`, `/media/%2frecordings/…` and `/media/./recordings/…`;
an editor's `.html` "report" (and HTML named `.pdf`) served inline from the
site's origin; a scripted SVG as a picture. Files stored before the checks
existed (names like `recordings/2026/11/talk.mp4`) are written straight to
storage, as they would be on an upgraded site.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from podium.briefs.models import Recording
from podium.common.domain.ranges import RangeNotSatisfiable, byte_range
from podium.common.views.files import VISIBILITY, protected_fields
from podium.events.models import Event, Person
from podium.publications.models import Publication
from tests.site.common.factories import make_event, make_person, make_publication, make_user

pytestmark = pytest.mark.django_db

UPLOADS = Path(__file__).resolve().parents[2] / "data" / "uploads"
SCRIPTED_HTML = b"<!doctype html><html><body><script>fetch('/admin/')</script></body></html>"
SCRIPTED_SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes() -> bytes:
    """The smallest package Word recognises: its content types and a document part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 40, 80)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor_client() -> Client:
    client = Client()
    client.force_login(make_user("editor"))
    return client


def legacy_file(obj, field: str, name: str, data: bytes) -> str:
    """Store `data` under `name` exactly, as uploads did before this change, and point `field` at it."""
    stored = default_storage.save(name, ContentFile(data))
    getattr(obj, field).name = stored
    obj.save()
    return stored


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- owners and visibility --------------------------------------------------------------


def test_draft_recordings_do_not_leak_through_any_media_spelling(client):
    event = make_event(title="Draft panel", status=Event.Status.DRAFT)
    recording = Recording.objects.create(event=event)
    data = (UPLOADS / "panel.mp4").read_bytes()
    stored = legacy_file(recording, "media", "recordings/2026/11/talk.mp4", data)
    assert stored == "recordings/2026/11/talk.mp4"
    for url in (
        "/media/recordings/2026/11/talk.mp4",
        "/media//recordings/2026/11/talk.mp4",
        "/media/%2frecordings/2026/11/talk.mp4",
        "/media/%2Frecordings/2026/11/talk.mp4",
        "/media/./recordings/2026/11/talk.mp4",
        "/media/recordings/2026/11/../11/talk.mp4",
        recording.media.url,
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 404, url
        assert data[:64] not in body(response), url
    staff = Client()
    staff.force_login(make_user("editor"))
    assert body(staff.get(recording.media.url)) == data
    event.status = Event.Status.PUBLISHED
    event.save()
    assert body(client.get(recording.media.url)) == data


def test_event_video_of_a_draft_is_private_and_old_links_redirect_once_public(client):
    event = make_event(title="Draft with a video", status=Event.Status.DRAFT)
    data = (UPLOADS / "panel.webm").read_bytes()
    legacy_file(event, "video_file", "recordings/talk.webm", data)
    assert client.get("/media/recordings/talk.webm").status_code == 404
    assert client.get("/media//recordings/talk.webm").status_code == 404
    assert client.get(event.video_file.url).status_code == 404
    event.status = Event.Status.PUBLISHED
    event.save()
    old_link = client.get("/media/recordings/talk.webm")
    assert old_link.status_code == 302 and old_link["Location"] == event.video_file.url
    assert event.video_file.url.startswith(f"/files/events.event/{event.pk}/video_file/")
    assert body(client.get(event.video_file.url)) == data


def test_files_of_draft_publications_are_not_public(client):
    publication = make_publication("Draft report", status=Publication.Status.DRAFT)
    legacy_file(publication, "file", "publications/report.pdf", MINIMAL_PDF)
    assert client.get("/media/publications/report.pdf").status_code == 404
    assert client.get(publication.file.url).status_code == 404
    editor = Client()
    editor.force_login(make_user("editor"))
    assert body(editor.get(publication.file.url)) == MINIMAL_PDF
    publication.status = Publication.Status.PUBLISHED
    publication.save()
    assert body(client.get(publication.file.url)) == MINIMAL_PDF


def test_a_file_url_must_name_the_owners_current_file(client):
    person = make_person("Ada Lovelace")
    person.photo.save("ada.png", ContentFile(png_bytes()))
    url = person.photo.url
    assert client.get(url).status_code == 200
    assert client.get(url.replace("/photo/", "/bio/")).status_code == 404
    assert client.get(url.rsplit("/", 1)[0] + "/other.png").status_code == 404
    assert client.get(url.replace("events.person", "auth.user")).status_code == 404
    assert client.get(url.replace(f"/{person.pk}/", "/999999/")).status_code == 404
    assert client.get("/media/").status_code == 404
    assert client.get("/media/../settings.py").status_code in (400, 404)


def test_every_protected_file_field_has_an_owner_rule():
    labels = {field.model._meta.label_lower for field in protected_fields()}
    assert labels == set(VISIBILITY), "a file field without a visibility rule is never served"
    assert {"briefs.recording", "publications.publication", "events.event"} <= labels


# --- uploads checked by content ---------------------------------------------------------


def publication_post(**files) -> dict:
    return {
        "title": "Annual report",
        "kind": "report",
        "published_on": "2026-11-01",
        "summary": "What we did.",
        "image_alt": "A cover",
        **files,
    }


def test_an_editor_cannot_upload_an_html_report(editor_client):
    html = SimpleUploadedFile("report.html", SCRIPTED_HTML, content_type="text/html")
    response = editor_client.post(reverse("staff:publication_create"), publication_post(file=html))
    assert response.status_code == 200
    page = response.content.decode()
    assert "File: report.html is not one of the accepted documents" in page
    assert "HTML" in page, "the message says what the content looks like"
    assert not Publication.objects.exists()


def test_html_named_pdf_is_refused_by_its_content(editor_client):
    smuggled = SimpleUploadedFile("report.pdf", SCRIPTED_HTML, content_type="application/pdf")
    response = editor_client.post(
        reverse("staff:publication_create"), publication_post(file=smuggled)
    )
    assert response.status_code == 200
    assert "report.pdf is not one of the accepted documents" in response.content.decode()
    assert not Publication.objects.exists()


def test_an_svg_with_a_script_is_refused_as_a_picture(editor_client):
    svg = SimpleUploadedFile("portrait.png", SCRIPTED_SVG, content_type="image/png")
    response = editor_client.post(
        reverse("staff:person_create"), {"name": "Grace Hopper", "photo": svg}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "portrait.png is not a PNG, JPEG, GIF or WebP picture" in page
    assert "Scalable Vector Graphics" in page


def test_accepted_documents_get_random_names_and_safe_headers(editor_client, client):
    for name, data, content_type in (
        ("Annual Report.pdf", MINIMAL_PDF, "application/pdf"),
        (
            "notes.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ):
        Publication.objects.all().delete()
        upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        response = editor_client.post(
            reverse("staff:publication_create"), publication_post(file=upload)
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        publication = Publication.objects.get()
        stored = publication.file.name
        assert stored.startswith("publications/") and "Report" not in stored
        assert len(Path(stored).stem) >= 20 and stored.endswith(Path(name).suffix)
        publication.status = Publication.Status.PUBLISHED
        publication.save()
        served = client.get(publication.file.url)
        assert served.status_code == 200 and body(served) == data
        assert served["Content-Type"] == content_type
        assert served["Content-Disposition"].startswith("attachment;")
        assert served["X-Content-Type-Options"] == "nosniff"
        assert served["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_an_html_file_stored_before_the_checks_is_only_ever_downloaded(client):
    publication = make_publication("Old report")
    legacy_file(publication, "file", "publications/old-report.html", SCRIPTED_HTML)
    response = client.get(publication.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_pictures_are_verified_and_served_inline(editor_client, client):
    photo = SimpleUploadedFile("ada.jpeg", png_bytes(), content_type="image/jpeg")
    response = editor_client.post(
        reverse("staff:person_create"), {"name": "Ada Lovelace", "photo": photo}
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Ada Lovelace")
    assert person.photo.name.endswith(".png"), "the extension follows the content, not the name"
    served = client.get(person.photo.url)
    assert served["Content-Type"] == "image/png"
    assert served["Content-Disposition"].startswith("inline;")
    assert served["X-Content-Type-Options"] == "nosniff"
    truncated = SimpleUploadedFile("broken.png", png_bytes()[:40], content_type="image/png")
    response = editor_client.post(
        reverse("staff:person_create"), {"name": "Broken", "photo": truncated}
    )
    assert "broken.png" in response.content.decode() and response.status_code == 200


def test_size_limits_name_the_field_and_the_limit(editor_client, settings):
    settings.PODIUM_MAX_UPLOAD_MB = {**settings.PODIUM_MAX_UPLOAD_MB, "document": 0.0001}
    data = MINIMAL_PDF + b"%" * 400
    upload = SimpleUploadedFile("big.pdf", data)
    response = editor_client.post(
        reverse("staff:publication_create"), publication_post(file=upload)
    )
    assert response.status_code == 200
    message = f"File: big.pdf is {len(data)} bytes; documents may be at most 104 bytes."
    assert message in response.content.decode()
    assert not Publication.objects.exists()


# --- recordings: types and byte ranges ----------------------------------------------------


def recording_upload(editor_client, event, name: str, data: bytes):
    url = reverse("briefs_staff:upload_recording", kwargs={"slug": event.slug})
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return editor_client.post(url, {"file": upload})


def test_recordings_accept_audio_and_video_and_refuse_documents(editor_client, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    event = make_event(title="Panel")
    for name in ("panel.webm", "panel.mp4", "talk.mp3"):
        response = recording_upload(editor_client, event, name, (UPLOADS / name).read_bytes())
        assert response.status_code == 302, name
    stored = sorted(Path(r.media.name).suffix for r in Recording.objects.all())
    assert stored == [".mp3", ".mp4", ".webm"]
    refused = recording_upload(editor_client, event, "panel.webm", MINIMAL_PDF)
    assert refused.status_code == 400
    assert "panel.webm is not one of the accepted recordings" in refused.content.decode()


def test_recordings_seek_with_byte_ranges(client, editor_client, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    event = make_event(title="Seekable panel")
    data = (UPLOADS / "panel.webm").read_bytes()
    assert recording_upload(editor_client, event, "panel.webm", data).status_code == 302
    url = Recording.objects.get(event=event).media.url
    size = len(data)
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Type"] == "video/webm" and whole["Content-Length"] == str(size)
    assert whole["Content-Disposition"].startswith("inline;")
    assert body(whole) == data
    for header, start, end in (
        ("bytes=0-99", 0, 99),
        ("bytes=1000-1499", 1000, 1499),
        ("bytes=200-", 200, size - 1),
        ("bytes=-300", size - 300, size - 1),
        (f"bytes={size - 10}-{size + 500}", size - 10, size - 1),
    ):  # a player seeking back and forth
        part = client.get(url, HTTP_RANGE=header)
        assert part.status_code == 206, header
        assert part["Content-Range"] == f"bytes {start}-{end}/{size}"
        assert part["Content-Length"] == str(end - start + 1)
        assert body(part) == data[start : end + 1]
        assert part["X-Content-Type-Options"] == "nosniff"
    past_the_end = client.get(url, HTTP_RANGE=f"bytes={size}-")
    assert past_the_end.status_code == 416 and past_the_end["Content-Range"] == f"bytes */{size}"
    several = client.get(url, HTTP_RANGE="bytes=0-1,5-6")
    assert several.status_code == 200 and body(several) == data


def test_event_videos_seek_too(client, editor_client):
    event = make_event(title="Event with its own video")
    data = (UPLOADS / "panel.mp4").read_bytes()
    event.video_file.save("panel.mp4", ContentFile(data))
    part = client.get(event.video_file.url, HTTP_RANGE="bytes=16-31")
    assert part.status_code == 206 and body(part) == data[16:32]
    assert part["Content-Type"] == "video/mp4"
    workspace = reverse("briefs_staff:overview", kwargs={"slug": event.slug})
    page = editor_client.get(workspace).content.decode()
    assert f'src="{event.video_file.url}"' in page, "the player streams through the checked view"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("bytes=0-0", (0, 0)),
        ("bytes=5-", (5, 99)),
        ("bytes=-1", (99, 99)),
        ("bytes=-500", (0, 99)),
        ("bytes=90-1000", (90, 99)),
        ("Bytes = 1 - 2", (1, 2)),
        ("bytes=5-2", None),
        ("bytes=0-1,4-5", None),
        ("items=0-1", None),
        ("bytes=-", None),
        ("bytes=abc", None),
    ],
)
def test_byte_range_parsing(header, expected):
    assert byte_range(header, 100) == expected


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=500-600", "bytes=-0"])
def test_byte_ranges_past_the_end(header):
    with pytest.raises(RangeNotSatisfiable):
        byte_range(header, 100)


def test_demo_sample_files_are_for_staff_and_always_downloads(client, editor_client):
    from podium.briefs.domain.queries.media import sample_path

    event = make_event(title="Recorded panel")
    name = "panel.vtt"
    default_storage.save(
        sample_path(event, name), ContentFile(b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n")
    )
    url = reverse("briefs_staff:demo_sample", kwargs={"slug": event.slug, "filename": name})
    assert client.get(url).status_code == 302, "anonymous visitors are sent to sign in"
    served = editor_client.get(url)
    assert served.status_code == 200 and body(served).startswith(b"WEBVTT")
    assert served["Content-Type"] == "application/octet-stream"
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["X-Content-Type-Options"] == "nosniff"
    other = reverse("briefs_staff:demo_sample", kwargs={"slug": event.slug, "filename": "x.vtt"})
    assert editor_client.get(other).status_code == 404
