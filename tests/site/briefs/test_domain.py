"""The briefs workflow through its domain functions, on the panel transcript with the real verifier."""

from __future__ import annotations

import pytest

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain import transitions
from podium.briefs.domain.content import load_brief, load_transcript
from podium.briefs.domain.queries.public import event_recording
from podium.briefs.models import BriefVersion, Override, TranscriptVersion
from podium.demo.media import SCRIPT
from podium.engine.errors import TranscriptError
from podium.engine.timefmt import format_time
from tests.site.briefs.conftest import PANEL_MAP, make_panel_event, panel_transcript, panel_vtt

pytestmark = pytest.mark.django_db


def test_transcript_upload_is_stored_as_podium_json_and_reads_back(event, editor):
    version = workflow.add_transcript(
        event=event, text=panel_vtt(), filename="panel.vtt", user=editor
    )
    assert version.source_format == "vtt"
    assert version.segment_count == len(SCRIPT) and version.word_count > 400
    transcript = load_transcript(version)
    assert transcript.speakers == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02", "SPEAKER_03"]
    assert workflow.ensure_brief(event).transcript == version


def test_bad_transcript_names_the_line_and_stores_nothing(event, editor):
    bad = "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nBackwards cue\n"
    with pytest.raises(TranscriptError) as info:
        workflow.add_transcript(event=event, text=bad, filename="broken.vtt", user=editor)
    assert "broken.vtt" in str(info.value)
    assert not TranscriptVersion.objects.filter(event=event).exists()


def test_speaker_samples_and_map_are_saved_and_reapplied(event, editor):
    version = workflow.add_transcript(
        event=event, text=panel_vtt(), filename="panel.vtt", user=editor
    )
    samples = workflow.speaker_samples(version)
    assert [s.label for s in samples] == list(PANEL_MAP)
    moderator = samples[0]
    assert moderator.turns == sum(label == "SPEAKER_00" for label, _ in SCRIPT)
    assert moderator.first_start == pytest.approx(1.0)
    assert moderator.lines[0][1].startswith("Welcome to our panel")

    workflow.save_speaker_map(transcript_version=version, mapping=PANEL_MAP, user=editor)
    assert load_transcript(version).speakers[1] == "David Chen"

    again = workflow.add_transcript(
        event=event, text=panel_vtt(), filename="panel-v2.vtt", user=editor
    )
    assert again.speaker_map == PANEL_MAP, "a new upload keeps the map of the old one"


def test_speaker_map_refuses_names_that_are_not_event_speakers(event, editor):
    version = workflow.add_transcript(
        event=event, text=panel_vtt(), filename="panel.vtt", user=editor
    )
    with pytest.raises(workflow.WorkflowError, match="not a speaker of this event"):
        workflow.save_speaker_map(transcript_version=version, mapping={"SPEAKER_01": "Dave Chen"})


def test_imported_faithful_brief_is_verified_without_failures(reviewed_brief):
    version = reviewed_brief.current_version
    assert version.number == 1 and version.origin == BriefVersion.Origin.IMPORTED
    assert version.fail_count == 0 and version.ok_count >= 8
    checks = {f["check"] for f in version.report["findings"]}
    assert {"quote", "attribution", "timestamp", "claim"} <= checks
    assert load_brief(version).section(1).speakers == ["David Chen"]


def test_a_broken_quote_edit_fails_and_the_suggestion_fixes_it(reviewed_brief, editor):
    section = load_brief(reviewed_brief.current_version).section(1)
    broken = section.text.replace("already pump water", "already sell water")
    v2 = workflow.edit_section(brief=reviewed_brief, number=1, summary=broken, user=editor)
    assert v2.number == 2 and v2.fail_count >= 1
    fails = [
        (i, f)
        for i, f in enumerate(v2.report["findings"])
        if f["status"] == "fail" and f["check"] == "quote"
    ]
    assert fails and fails[0][1]["section"] == 1
    index, finding = fails[0]
    assert "already pump water" in finding["suggestion"]

    v3 = workflow.apply_suggestion(brief=reviewed_brief, index=index, user=editor)
    assert v3.number == 3 and v3.origin == BriefVersion.Origin.SUGGESTION
    assert v3.fail_count == 0
    assert "already pump water with too much salt" in load_brief(v3).section(1).text


def test_a_wrong_time_is_flagged_and_the_suggested_time_applied(reviewed_brief, editor):
    segments = panel_transcript().segments
    elsewhere = segments[5].start + 5  # inside Lena Fischer's turn, far from Amara Okafor's
    v2 = workflow.edit_section(
        brief=reviewed_brief, number=2, start=format_time(elsewhere), user=editor
    )
    findings = [
        (i, f)
        for i, f in enumerate(v2.report["findings"])
        if f["check"] == "timestamp" and f["section"] == 2
    ]
    index, finding = findings[0]
    assert finding["status"] in {"warn", "fail"} and finding["suggestion"]
    v3 = workflow.apply_suggestion(brief=reviewed_brief, index=index, user=editor)
    assert abs(load_brief(v3).section(2).start - segments[3].start) < 6


def test_edit_section_title_speaker_and_bad_time(reviewed_brief, editor):
    v2 = workflow.edit_section(brief=reviewed_brief, number=1, title="Salt Water", user=editor)
    assert load_brief(v2).section(1).title == "Salt Water" and "title" in v2.note
    same = workflow.edit_section(brief=reviewed_brief, number=1, title="Salt Water", user=editor)
    assert same == v2, "no change, no new version"
    with pytest.raises(workflow.WorkflowError, match="not a time"):
        workflow.edit_section(brief=reviewed_brief, number=1, start="soon", user=editor)
    v3 = workflow.edit_section(brief=reviewed_brief, number=1, speaker="Lena Fischer", user=editor)
    attribution = [
        f for f in v3.report["findings"] if f["check"] == "attribution" and f["section"] == 1
    ]
    assert any(f["status"] == "fail" for f in attribution), (
        "the quote is David Chen's, not Lena Fischer's"
    )


def test_approving_a_failing_version_needs_a_written_override_and_publish_needs_approval(
    reviewed_brief, editor
):
    section = load_brief(reviewed_brief.current_version).section(1)
    workflow.edit_section(
        brief=reviewed_brief, number=1, summary=section.text.replace("eight", "nine"), user=editor
    )
    with pytest.raises(transitions.PublishBlocked):
        transitions.approve(brief=reviewed_brief, user=editor)
    with pytest.raises(workflow.WorkflowError, match="at least 10"):
        transitions.approve(brief=reviewed_brief, user=editor, override_reason="ok")
    with pytest.raises(workflow.WorkflowError, match="not approved yet"):
        transitions.publish(brief=reviewed_brief, user=editor)
    assert reviewed_brief.published_version is None and reviewed_brief.status == "in_review"

    transitions.approve(
        brief=reviewed_brief,
        user=editor,
        override_reason="The speaker corrected this figure by email.",
    )
    transitions.publish(brief=reviewed_brief, user=editor)
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.status == "published"
    assert reviewed_brief.published_version == reviewed_brief.current_version
    record = Override.objects.get()
    assert record.user == editor and record.fail_count >= 1 and "by email" in record.reason


def test_public_sees_only_the_published_version(reviewed_brief, editor):
    event = reviewed_brief.event
    assert event_recording(event).brief is None, "a draft is never public"
    transitions.approve(brief=reviewed_brief, user=editor)
    transitions.publish(brief=reviewed_brief, user=editor)
    shown = event_recording(event).brief
    assert shown.title == "Water Security in Coastal Cities"
    assert shown.parts[0].sections[0].time_label == format_time(
        panel_transcript().segments[1].start
    )

    workflow.edit_section(brief=reviewed_brief, number=1, title="A Newer Draft Title", user=editor)
    shown = event_recording(event).brief
    assert shown.parts[0].sections[0].title == "Salt in the Aquifers", (
        "edits wait for the next publish"
    )

    transitions.unpublish(brief=reviewed_brief, user=editor)
    assert event_recording(event).brief is None


def test_history_diff_and_restore(reviewed_brief, editor):
    v1 = reviewed_brief.current_version
    v2 = workflow.edit_section(brief=reviewed_brief, number=2, title="Who Pays First", user=editor)
    lines = workflow.diff_versions(v1, v2)
    assert ("-", "2. Who Pays ▶ [0:25]") in lines or any(
        k == "-" and "Who Pays" in line for k, line in lines
    )
    assert any(k == "+" and "Who Pays First" in line for k, line in lines)

    v3 = workflow.restore_version(brief=reviewed_brief, version=v1, user=editor)
    assert v3.number == 3 and v3.origin == BriefVersion.Origin.RESTORED and "version 1" in v3.note
    assert load_brief(v3).section(2).title == "Who Pays"
    assert workflow.diff_versions(v1, v3) == []
    other = make_panel_event()
    other_brief = workflow.ensure_brief(other)
    with pytest.raises(workflow.WorkflowError):
        workflow.restore_version(brief=other_brief, version=v1, user=editor)


def test_changing_the_speaker_map_reverifies_the_current_version(reviewed_brief, editor):
    transcript = reviewed_brief.transcript
    swapped = {**PANEL_MAP, "SPEAKER_01": "Lena Fischer", "SPEAKER_03": "David Chen"}
    workflow.save_speaker_map(transcript_version=transcript, mapping=swapped, user=editor)
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.current_version.fail_count >= 1


def test_a_brief_imported_before_its_transcript_is_verified_when_the_transcript_arrives(
    event, editor, client
):
    from django.urls import reverse

    from tests.site.briefs.conftest import panel_brief_md

    version = workflow.import_brief(event=event, text=panel_brief_md(), user=editor)
    assert version.report == {} and version.fail_count == 0
    client.force_login(editor)
    review = client.get(
        reverse("briefs_staff:review", kwargs={"slug": event.slug})
    ).content.decode()
    assert "Not verified" in review
    transcript = workflow.add_transcript(
        event=event, text=panel_vtt(), filename="panel.vtt", user=editor
    )
    version.refresh_from_db()
    assert version.report == {}, "the unverified version stays as it was written"
    verified = workflow.ensure_brief(event).current_version
    assert verified.number == 2 and verified.origin == "reverified"
    assert verified.report["findings"] and verified.transcript == transcript
    workflow.save_speaker_map(transcript_version=transcript, mapping=PANEL_MAP, user=editor)
    mapped = workflow.ensure_brief(event).current_version
    assert mapped.number == 3 and mapped.fail_count == 0 and mapped.ok_count >= 8


def test_a_brief_without_sections_is_never_stored(reviewed_brief, editor):
    from podium.engine.brief.model import Brief as EngineBrief
    from podium.engine.brief.model import Part

    empty = EngineBrief(title="Nothing", parts=[Part(title="")])
    with pytest.raises(workflow.WorkflowError, match="no sections"):
        workflow.save_version(
            brief=reviewed_brief, engine_brief=empty, origin="generated", user=editor
        )
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.versions.count() == 1 and reviewed_brief.current_version.number == 1


def test_evidence_excerpts_show_the_words_the_finding_is_about():
    from podium.briefs.domain.queries.review import EXCERPT, excerpt

    turn = (
        "Filler words come first in this long turn. " * 8
        + "Every dry summer the fresh water table falls."
    )
    shown = excerpt(turn, "every dry summer the fresh water table falls")
    assert "Every dry summer the fresh water table falls." in shown and shown.startswith("…")
    assert len(shown) <= EXCERPT + 2
    assert excerpt("A short turn.", "anything") == "A short turn."


def test_reverification_reuses_the_transcript_index_and_agrees_with_a_fresh_run(
    reviewed_brief, editor
):
    from podium.briefs.domain.content import event_speakers
    from podium.engine.verify import verify

    event = reviewed_brief.event
    section = load_brief(reviewed_brief.current_version).section(1)
    edited = workflow.edit_section(
        brief=reviewed_brief,
        number=1,
        summary=section.text.replace("pump water", "sell water"),
        user=editor,
    )
    fresh = verify(
        load_brief(edited),
        load_transcript(reviewed_brief.transcript),
        speakers=event_speakers(event),
    ).to_dict()
    assert edited.report == fresh
    assert len(workflow._CONTEXTS) >= 1
