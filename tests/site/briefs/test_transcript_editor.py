"""The transcript editor through HTTP: word fixes, reassigned turns, split and merged labels.

Every edit is a new transcript version carrying its parent and author; a stale form
is refused with 409; the brief is re-verified by a background job into a new brief
version (old versions keep their findings); the archive index follows the edit.
The key case: a misheard word ("weight" for "wait") makes a correct quote fail, and
once the transcript is fixed the quote verifies.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.test import Client

from podium.archive.models import Passage
from podium.briefs.domain import briefs as workflow
from podium.briefs.domain.content import load_transcript
from podium.briefs.models import Brief, BriefVersion, Job, TranscriptVersion
from podium.engine.brief import parse_brief, render_brief
from podium.engine.brief.model import Quote, Section
from podium.engine.transcript import format_transcript
from tests.site.briefs.conftest import (
    PANEL_MAP,
    make_panel_event,
    make_user,
    panel_brief_md,
    panel_transcript,
)
from tests.site.briefs.test_views import staff_url

pytestmark = pytest.mark.django_db

SAID = "We cannot wait for a new plant to save us."
HEARD = "We cannot weight for a new plant to save us."
LEAKS_CUE = 6
"""The cue (and turn) of the panel where David Chen talks about leaks (one cue per turn)."""


def misheard_transcript(transcript=None):
    """The panel as speech-to-text heard it: David Chen's 'wait' written as 'weight'."""
    transcript = transcript or panel_transcript()
    segments = list(transcript.segments)
    leaks = segments[LEAKS_CUE]
    segments[LEAKS_CUE] = replace(leaks, text=f"{HEARD} {leaks.text}")
    return replace(transcript, segments=segments)


def brief_quoting_wait(markdown: str | None = None, transcript=None) -> str:
    """A faithful panel brief (`markdown`, default the two-section one) plus a section quoting
    David Chen's 'wait' correctly."""
    brief = parse_brief(markdown or panel_brief_md(), source="panel.md")
    start = misheard_transcript(transcript).segments[LEAKS_CUE].start
    brief.parts[-1].sections.append(
        Section(
            number=len(list(brief.sections())) + 1,
            title="Fix the Leaks First",
            start=start,
            speakers=["David Chen"],
            summary=[f'David Chen warned against waiting for desalination: "{SAID}"'],
            quotes=[Quote(SAID, "David Chen")],
        )
    )
    return render_brief(brief, "md")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit work (the re-verify job, the archive index) as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def misheard(editor, on_commit):
    """An event whose transcript has the misheard word and whose brief quotes it correctly."""
    with on_commit():
        event = make_panel_event()
        version = workflow.add_transcript(
            event=event,
            text=format_transcript(misheard_transcript(), "vtt"),
            filename="panel.vtt",
            user=editor,
        )
        workflow.save_speaker_map(transcript_version=version, mapping=PANEL_MAP, user=editor)
        workflow.import_brief(event=event, text=brief_quoting_wait(), user=editor, source="panel")
    return event


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def quote_findings(version: BriefVersion, subject: str) -> list[dict]:
    return [
        f for f in version.report["findings"] if f["check"] == "quote" and f["subject"] == subject
    ]


def test_fixing_a_misheard_word_makes_the_correct_quote_verify(misheard, editor, on_commit):
    event = misheard
    brief = Brief.objects.get(event=event)
    before = brief.current_version
    (failing,) = quote_findings(before, SAID)
    assert failing["status"] == "fail"
    assert "weight" in failing["suggestion"], "Apply would put the recognition error back"
    transcript = brief.transcript
    client = signed_in(editor)

    page = client.get(staff_url("transcript_editor", event) + f"?cue={LEAKS_CUE}")
    html = page.content.decode()
    assert page.status_code == 200 and f'data-cue-form="{LEAKS_CUE}"' in html
    assert HEARD in html and f'name="transcript_version" value="{transcript.number}"' in html
    cue_text = load_transcript(transcript).segments[LEAKS_CUE].text
    with on_commit():
        response = client.post(
            staff_url("transcript_cue", event, index=LEAKS_CUE),
            {"text": cue_text.replace("weight", "wait"), "transcript_version": transcript.number},
        )
    assert response.status_code == 302

    brief.refresh_from_db()
    fixed = brief.transcript
    assert fixed.number == transcript.number + 1 and fixed.parent == transcript
    assert fixed.origin == TranscriptVersion.Origin.EDITED and fixed.created_by == editor
    assert "weight" in fixed.note and "wait" in fixed.note
    assert SAID in load_transcript(fixed).segments[LEAKS_CUE].text
    assert fixed.speaker_map == transcript.speaker_map, "the speaker map is carried over"
    assert HEARD in load_transcript(transcript).segments[LEAKS_CUE].text, "old version unchanged"

    job = Job.objects.get(event=event, kind=Job.Kind.VERIFY)
    assert job.status == Job.Status.SUCCEEDED and job.created_by == editor
    after = brief.current_version
    assert after.number == before.number + 1 and after.origin == BriefVersion.Origin.REVERIFIED
    assert after.content == before.content and after.transcript == fixed
    assert [f["status"] for f in quote_findings(after, SAID)] == ["ok"]
    assert after.fail_count < before.fail_count
    before.refresh_from_db()
    assert quote_findings(before, SAID)[0]["status"] == "fail", "history is not rewritten"
    assert before.transcript == transcript

    history = client.get(staff_url("history", event)).content.decode()
    assert f"against transcript v{fixed.number}" in history
    assert f"against transcript v{transcript.number}" in history
    review = client.get(staff_url("review", event)).content.decode()
    assert f"against transcript v{fixed.number}" in review
    assert "weight" not in review, "no suggestion puts the recognition error back"
    editor_page = client.get(staff_url("transcript_editor", event)).content.decode()
    assert "See the new findings" in editor_page and f"transcript version {fixed.number}" in (
        editor_page
    )


def test_an_edit_made_from_an_old_transcript_version_is_refused_with_409(misheard, on_commit):
    event = misheard
    ada = make_user("editor", "ada")
    ada.first_name, ada.last_name = "Ada", "Lovelace"
    ada.save()
    first, second = signed_in(ada), signed_in(make_user("editor", "bob"))
    seen = Brief.objects.get(event=event).transcript.number
    with on_commit():
        done = first.post(
            staff_url("transcript_cue", event, index=0),
            {"text": "Welcome to our panel.", "transcript_version": seen},
        )
    assert done.status_code == 302
    stale = (
        f"This transcript changed since you opened it (version {seen + 1} by Ada Lovelace); reload."
    )
    late = second.post(
        staff_url("transcript_cue", event, index=1),
        {"text": "Something else.", "transcript_version": seen},
        HTTP_HX_REQUEST="true",
    )
    assert late.status_code == 409 and late.content.decode() == stale
    page = second.post(
        staff_url("transcript_reassign", event),
        {"first": 2, "speaker": "SPEAKER_00", "transcript_version": seen},
    )
    assert page.status_code == 409 and stale in page.content.decode()
    assert TranscriptVersion.objects.filter(event=event).count() == 2


def labels_of(event) -> list[str]:
    return [
        t.speaker
        for t in load_transcript(Brief.objects.get(event=event).transcript, mapped=False).turns()
    ]


def test_reassigning_a_turn_and_a_range_of_turns(misheard, editor, on_commit):
    event = misheard
    client = signed_in(editor)
    number = Brief.objects.get(event=event).transcript.number
    assert labels_of(event)[:4] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_02"]
    with on_commit():
        one = client.post(
            staff_url("transcript_reassign", event),
            {"first": 3, "speaker": "SPEAKER_01", "transcript_version": number},
        )
    assert one.status_code == 302
    brief = Brief.objects.get(event=event)
    assert brief.transcript.note == "Turn 3 reassigned to David Chen"
    # turn 3 now joins David Chen's turns 2 and 3 into one turn: the turns are renumbered
    assert labels_of(event)[:3] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02"]
    with on_commit():
        many = client.post(
            staff_url("transcript_reassign", event),
            {"first": 4, "last": 5, "speaker": "Lena Fischer", "transcript_version": number + 1},
        )
    assert many.status_code == 302
    brief.refresh_from_db()
    assert brief.transcript.note == "Turns 4–5 reassigned to Lena Fischer"
    turns = load_transcript(brief.transcript).turns()
    assert turns[3].speaker == "Lena Fischer" and "desalination" in turns[3].text.lower()
    assert "Desalination is not a silver bullet" in turns[3].text
    assert brief.current_version.transcript == brief.transcript
    assert brief.current_version.origin == BriefVersion.Origin.REVERIFIED


def test_splitting_a_label_between_two_people(misheard, editor, on_commit):
    event = misheard
    client = signed_in(editor)
    brief = Brief.objects.get(event=event)
    number = brief.transcript.number
    form = client.get(staff_url("transcript_editor", event) + "?split=SPEAKER_00").content.decode()
    assert "data-split-form" in form and 'data-split-turn="0"' in form
    moderator_turns = [i for i, label in enumerate(labels_of(event)) if label == "SPEAKER_00"]
    last = moderator_turns[-1]
    with on_commit():
        response = client.post(
            staff_url("transcript_split", event),
            {
                "label": "SPEAKER_00",
                "turn": [last],
                "new_label": "SPEAKER_09",
                "transcript_version": number,
            },
        )
    assert response.status_code == 302
    brief.refresh_from_db()
    labels = labels_of(event)
    assert labels[last] == "SPEAKER_09" and labels[0] == "SPEAKER_00"
    assert labels.count("SPEAKER_00") == len(moderator_turns) - 1
    assert brief.transcript.note == "Maria Alvarez split: 1 turn to SPEAKER_09"
    assert "SPEAKER_09" not in brief.transcript.speaker_map
    refused = client.post(
        staff_url("transcript_split", event),
        {"label": "SPEAKER_00", "turn": [1], "new_label": "X", "transcript_version": number + 1},
    )
    assert refused.status_code == 400 and "Turn 2 is not a turn of SPEAKER_00" in (
        refused.content.decode()
    )


def test_merging_two_labels(misheard, editor, on_commit):
    event = misheard
    client = signed_in(editor)
    number = Brief.objects.get(event=event).transcript.number
    with on_commit():
        response = client.post(
            staff_url("transcript_merge", event),
            {"label": "SPEAKER_03", "into": "SPEAKER_01", "transcript_version": number},
        )
    assert response.status_code == 302
    brief = Brief.objects.get(event=event)
    assert "SPEAKER_03" not in labels_of(event)
    assert brief.transcript.note == "Lena Fischer merged into David Chen"
    assert "SPEAKER_03" not in brief.transcript.speaker_map


def test_the_archive_index_follows_a_transcript_edit(misheard, editor, on_commit):
    event = misheard
    assert Passage.objects.filter(event=event, text__contains="weight for a new plant").exists()
    brief = Brief.objects.get(event=event)
    cue = load_transcript(brief.transcript).segments[LEAKS_CUE].text
    with on_commit():
        signed_in(editor).post(
            staff_url("transcript_cue", event, index=LEAKS_CUE),
            {"text": cue.replace("weight", "wait"), "transcript_version": brief.transcript.number},
        )
    brief.refresh_from_db()
    passages = Passage.objects.filter(event=event, kind=Passage.Kind.TRANSCRIPT)
    assert passages.exists() and {p.transcript_id for p in passages} == {brief.transcript_id}
    assert passages.filter(text__contains=SAID).exists()
    assert not passages.filter(text__contains="weight").exists()


def test_only_editors_change_the_transcript_and_bad_input_is_refused(misheard, editor):
    event = misheard
    number = Brief.objects.get(event=event).transcript.number
    viewer = signed_in(make_user("events_staff"))
    page = viewer.get(staff_url("transcript_editor", event)).content.decode()
    assert (
        "data-cue-form" not in page
        and "data-edit-cue" not in page
        and "data-reassign-form" not in page
    )
    denied = viewer.post(
        staff_url("transcript_cue", event, index=0), {"text": "x", "transcript_version": number}
    )
    assert denied.status_code == 403
    client = signed_in(editor)
    empty = client.post(
        staff_url("transcript_cue", event, index=0), {"text": "  ", "transcript_version": number}
    )
    assert empty.status_code == 400 and "A cue cannot be empty" in empty.content.decode()
    missing = client.post(
        staff_url("transcript_cue", event, index=999), {"text": "Hi.", "transcript_version": number}
    )
    assert missing.status_code == 400 and "There is no cue 1000" in missing.content.decode()
    unknown = client.post(
        staff_url("transcript_merge", event),
        {"label": "NOBODY", "into": "SPEAKER_01", "transcript_version": number},
    )
    assert unknown.status_code == 400 and "is not a speaker label" in unknown.content.decode()
    assert TranscriptVersion.objects.filter(event=event).count() == 1
