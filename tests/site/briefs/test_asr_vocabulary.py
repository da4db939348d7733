"""The event's vocabulary reaches speech-to-text: a recording uploaded on the site is
transcribed with the speakers' names, organisations, partners, topics and the staff's
word list as Whisper's prompt, so a name Whisper mishears alone comes out spelled right.

The upload goes through HTTP; the queued job is run by the real runner (`run_job`), which
calls the real engine on a clip spoken by espeak-ng (tiny model, as the site tests use).
Without the prompt, tiny writes "SunZia" as "sun's air" (tests/engine/asr/test_vocabulary.py).
"""

from __future__ import annotations

import pytest
from benchmarks.asr.synth import Line, render
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from podium.briefs.domain.content import event_vocabulary, load_transcript
from podium.briefs.domain.runners import run_job, transcribe_options
from podium.briefs.models import Job, TranscriptVersion
from podium.events.models import EventPartner, EventSpeaker, Organisation, Person, Topic
from tests.site.briefs.conftest import make_panel_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_tools")]

SENTENCE = "The SunZia transmission line will carry wind power from New Mexico to Arizona."


@pytest.fixture
def queue_only(settings):
    """Uploads queue their job and wait, so the test runs it through the runner itself."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.PODIUM_ASR_MODEL = "tiny"
    settings.PODIUM_ASR_LANGUAGE = "en"


@pytest.fixture
def sunzia_event(tmp_path, settings):
    event = make_panel_event(title="Transmission in the Desert Southwest")
    person = Person.objects.create(name="Ana Ruiz", slug="ana-ruiz")
    EventSpeaker.objects.create(
        event=event, person=person, role="panelist", organisation_name="SunZia Transmission"
    )
    partner = Organisation.objects.create(name="Pattern Energy", slug="pattern-energy")
    EventPartner.objects.create(event=event, organisation=partner, kind="sponsor")
    topic = Topic.objects.create(name="Grid Interconnection", slug="grid-interconnection")
    event.topics.add(topic)
    words = tmp_path / "staff-words.txt"
    words.write_text("# names the staff want spelled right\nTres Amigas  # a project\n")
    settings.PODIUM_ASR_VOCABULARY = str(words)
    return event


def test_the_vocabulary_is_built_from_the_event_and_the_staff_word_list(sunzia_event):
    terms = event_vocabulary(sunzia_event)
    for expected in (
        "Ana Ruiz",
        "SunZia Transmission",
        "Pattern Energy",
        "Grid Interconnection",
        "Desert Southwest",
        "Tres Amigas",
    ):
        assert expected in terms, (expected, terms)
    assert terms.index("Ana Ruiz") < terms.index("Tres Amigas"), "speakers come first"


def test_an_uploaded_recording_is_transcribed_with_the_event_vocabulary(
    client, editor, sunzia_event, queue_only, tmp_path, django_capture_on_commit_callbacks
):
    clip = tmp_path / "sunzia.wav"
    render([Line("speaker", "en-us", SENTENCE)], clip)
    client.force_login(editor)
    url = reverse("briefs_staff:upload_recording", kwargs={"slug": sunzia_event.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"file": SimpleUploadedFile("sunzia.wav", clip.read_bytes(), "audio/wav")}
        )
    assert response.status_code == 302
    job = Job.objects.get(event=sunzia_event, kind="transcribe")

    prompt = transcribe_options(job)["initial_prompt"]
    assert "Ana Ruiz, SunZia Transmission," in prompt and prompt.endswith("Tres Amigas.")

    assert run_job(job_id=job.pk) == "succeeded"
    job.refresh_from_db()
    text = load_transcript(TranscriptVersion.objects.get(pk=job.result["transcript"])).text
    assert "SunZia" in text, text


def test_a_missing_staff_word_list_fails_the_job_with_a_clear_message(
    sunzia_event, queue_only, settings, tmp_path
):
    from podium.briefs.domain.jobs import start_job
    from podium.briefs.models import Recording

    settings.PODIUM_ASR_VOCABULARY = str(tmp_path / "gone.txt")
    recording = Recording.objects.create(event=sunzia_event)
    job = start_job(
        event=sunzia_event, kind=Job.Kind.TRANSCRIBE, params={"recording": recording.pk}
    )
    assert run_job(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.message == "gone.txt: no such file", job.message
