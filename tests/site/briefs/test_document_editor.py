"""The whole-document brief editor through HTTP: each operation is a new version made from the
version the form showed, re-verifies only what changed, refuses stale forms and bad input with a
sentence; autosaved drafts per user; the LLM writer only when an endpoint is configured."""

from __future__ import annotations

import pytest
from django.test import Client

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain.content import load_brief
from podium.briefs.models import EditorDraft, Job
from podium.engine.brief import render_brief
from podium.engine.brief.model import Brief, Part, Quote, Section
from tests.site.briefs.conftest import make_user, panel_transcript
from tests.site.briefs.test_views import staff_url

pytestmark = pytest.mark.django_db


def four_section_brief_md() -> str:
    """A faithful brief of the panel in two Parts; sections 1 and 3 have several sentences."""
    t = panel_transcript()
    return render_brief(
        Brief(
            title="Water Security in Coastal Cities",
            intro=["This program examined salt water in city aquifers, leaks and who pays."],
            closing=["This brief was drafted with AI assistance and checked by the editors."],
            parts=[
                Part(
                    "Part I: The Diagnosis",
                    [
                        Section(
                            1,
                            "Salt in the Aquifers",
                            t.segments[1].start,
                            ["David Chen"],
                            [
                                "David Chen said rising seas push salt water into aquifers. "
                                'In his study, "eight already pump water with too much salt." '
                                'He warned that "the cheapest water a city will ever have is the '
                                'fresh water it still has today."'
                            ],
                            [
                                Quote("eight already pump water with too much salt.", "David Chen"),
                                Quote(
                                    "the cheapest water a city will ever have is the fresh water "
                                    "it still has today.",
                                    "David Chen",
                                ),
                            ],
                        ),
                        Section(
                            2,
                            "Who Pays",
                            t.segments[3].start,
                            ["Amara Okafor"],
                            [
                                "Amara Okafor said the poorest neighbourhoods pay first: "
                                '"Families buy bottled water at ten times the price of tap water."'
                            ],
                            [
                                Quote(
                                    "Families buy bottled water at ten times the price of tap "
                                    "water.",
                                    "Amara Okafor",
                                )
                            ],
                        ),
                    ],
                ),
                Part(
                    "Part II: The Treatment Plan",
                    [
                        Section(
                            3,
                            "Desalination Last",
                            t.segments[5].start,
                            ["Lena Fischer"],
                            [
                                'Lena Fischer said that "Desalination is not a silver bullet." '
                                "She added that a large plant can use as much power as a small "
                                "town."
                            ],
                            [Quote("Desalination is not a silver bullet.", "Lena Fischer")],
                        ),
                        Section(
                            4,
                            "Measure First",
                            t.segments[8].start,
                            ["Lena Fischer"],
                            [
                                "Lena Fischer urged mayors to start with a water budget: "
                                '"You cannot manage what you do not measure."'
                            ],
                            [Quote("You cannot manage what you do not measure.", "Lena Fischer")],
                        ),
                    ],
                ),
            ],
        ),
        "md",
    )


@pytest.fixture
def document_brief(mapped_event, editor):
    workflow.import_brief(
        event=mapped_event, text=four_section_brief_md(), user=editor, source="four.md"
    )
    return workflow.ensure_brief(mapped_event)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client, brief, op: str, version: int | None = None, htmx: bool = True, **fields):
    brief.refresh_from_db()
    data = {"op": op, "version": version or brief.current_version.number, **fields}
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(staff_url("document", brief.event), data, **extra)


def current(brief):
    brief.refresh_from_db()
    return brief.current_version, load_brief(brief.current_version)


def outline(engine_brief) -> list[tuple[str, list[str]]]:
    return [(p.title, [f"{s.number}. {s.title}" for s in p.sections]) for p in engine_brief.parts]


def test_the_editor_page_lists_parts_and_sections_with_labelled_controls(document_brief, editor):
    page = signed_in(editor).get(staff_url("document", document_brief.event)).content.decode()
    assert '<label for="id_title">Brief title</label>' in page
    assert '<label for="id_closing">Disclosure and closing lines</label>' in page
    assert 'aria-label="Move section 2, Who Pays, down"' in page
    assert 'aria-label="Merge section 1, Salt in the Aquifers, with the next section"' in page
    assert 'value="Part II: The Treatment Plan"' in page
    assert page.count('name="version" value="1"') >= 10


def test_title_intro_context_and_closing_are_a_new_version_that_rechecks_no_section(
    document_brief, editor
):
    client = signed_in(editor)
    before, _ = current(document_brief)
    response = post(
        client,
        document_brief,
        "text",
        title="Salt, Leaks and Who Pays",
        intro="First paragraph.\r\n\r\nSecond paragraph.",
        context="Moderated by Maria Alvarez.",
        closing="This brief was written with AI assistance.\n\nThanks to Harbor Hall.",
    )
    assert response.status_code == 200
    assert "Saved as version 2: Title, intro, context, closing edited." in response.content.decode()
    version, brief = current(document_brief)
    assert version.number == 2 and version.note == "Title, intro, context, closing edited"
    assert brief.title == "Salt, Leaks and Who Pays"
    assert brief.intro == ["First paragraph.", "Second paragraph."]
    assert brief.context == ["Moderated by Maria Alvarez."]
    assert brief.closing == ["This brief was written with AI assistance.", "Thanks to Harbor Hall."]
    assert version.writer["verified"] == {"checked": [], "reused": [1, 2, 3, 4]}
    sections_of = lambda v: [f for f in v.report["findings"] if f["section"]]  # noqa: E731
    assert sections_of(version) == sections_of(before)

    # Saving the same text again changes nothing and makes no version.
    post(
        client,
        document_brief,
        "text",
        title="Salt, Leaks and Who Pays",
        intro="First paragraph.\n\nSecond paragraph.",
        context="Moderated by Maria Alvarez.",
        closing="This brief was written with AI assistance.\n\nThanks to Harbor Hall.",
    )
    assert document_brief.versions.count() == 2
    empty = post(client, document_brief, "text", title="  ")
    assert empty.status_code == 400 and "The brief needs a title." in empty.content.decode()


def test_an_edited_section_is_the_only_one_checked_and_agrees_with_a_full_verification(
    document_brief, editor
):
    client = signed_in(editor)
    response = client.post(
        staff_url("section_edit", document_brief.event, number=2),
        {
            "title": "Who Pays",
            "start": "",
            "speaker": "Amara Okafor",
            "summary": 'Amara Okafor said families "buy bottled water at twenty times the price."',
            "version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    version, brief = current(document_brief)
    assert version.writer["verified"] == {"checked": [2], "reused": [1, 3, 4]}
    fresh = workflow.verify_against(brief, document_brief.transcript, document_brief.event)
    assert version.report == fresh.to_dict()
    assert any(
        f["section"] == 2 and f["check"] == "quote" and f["status"] == "fail"
        for f in version.report["findings"]
    )


def test_parts_are_added_renamed_and_removed_without_losing_sections(document_brief, editor):
    client = signed_in(editor)
    post(client, document_brief, "add_part", title="Part II: Who Pays", number=2)
    _, brief = current(document_brief)
    assert outline(brief) == [
        ("Part I: The Diagnosis", ["1. Salt in the Aquifers"]),
        ("Part II: Who Pays", ["2. Who Pays"]),
        ("Part II: The Treatment Plan", ["3. Desalination Last", "4. Measure First"]),
    ]
    post(client, document_brief, "rename_part", part=2, title="Part III: The Treatment Plan")
    version, brief = current(document_brief)
    assert [p.title for p in brief.parts][2] == "Part III: The Treatment Plan"
    assert version.writer["verified"]["checked"] == []
    post(client, document_brief, "remove_part", part=1)
    version, brief = current(document_brief)
    assert outline(brief) == [
        ("Part I: The Diagnosis", ["1. Salt in the Aquifers", "2. Who Pays"]),
        ("Part III: The Treatment Plan", ["3. Desalination Last", "4. Measure First"]),
    ]
    assert version.number == 4 and "removed; its sections kept" in version.note
    refused = post(client, document_brief, "rename_part", part=1, title="")
    assert refused.status_code == 400
    assert "A Part after the first needs a heading" in refused.content.decode()
    no_title = post(client, document_brief, "add_part", title="", number=3)
    assert (
        no_title.status_code == 400 and "Give the new Part a heading" in no_title.content.decode()
    )


def test_sections_are_added_deleted_and_moved_across_parts(document_brief, editor):
    client = signed_in(editor)
    post(
        client,
        document_brief,
        "add_section",
        part=0,
        title="Fix the Leaks",
        start="",
        speaker="David Chen",
        summary='David Chen said "We should fix the leaks before we build new plants."',
    )
    version, brief = current(document_brief)
    assert outline(brief)[0][1] == ["1. Salt in the Aquifers", "2. Who Pays", "3. Fix the Leaks"]
    added = brief.section(3)
    assert [(q.text, q.speaker) for q in added.quotes] == [
        ("We should fix the leaks before we build new plants.", "David Chen")
    ]
    assert version.writer["verified"] == {"checked": [3], "reused": [1, 2, 4, 5]}

    # Down at the end of Part I crosses into Part II; up brings it back.
    post(client, document_brief, "move_section", number=3, direction="down")
    _, brief = current(document_brief)
    assert outline(brief)[1][1] == ["3. Fix the Leaks", "4. Desalination Last", "5. Measure First"]
    post(client, document_brief, "move_section", number=3, direction="up")
    post(client, document_brief, "move_section", number=1, direction="down")
    version, brief = current(document_brief)
    assert outline(brief)[0][1] == ["1. Who Pays", "2. Salt in the Aquifers", "3. Fix the Leaks"]
    assert version.writer["verified"] == {"checked": [], "reused": [1, 2, 3, 4, 5]}
    first = post(client, document_brief, "move_section", number=1, direction="up")
    assert first.status_code == 400 and "Section 1 is already the first." in first.content.decode()

    post(client, document_brief, "delete_section", number=3)
    version, brief = current(document_brief)
    assert [s.title for s in brief.sections()] == [
        "Who Pays",
        "Salt in the Aquifers",
        "Desalination Last",
        "Measure First",
    ]
    assert version.note == "Section 3 (“Fix the Leaks”) deleted"
    no_summary = post(client, document_brief, "add_section", part=1, title="Empty", summary=" ")
    assert no_summary.status_code == 400
    assert "The new section needs a summary." in no_summary.content.decode()
    bad_time = post(
        client, document_brief, "add_section", part=1, title="T", summary="S.", start="soon"
    )
    assert "“soon” is not a time: write m:ss or h:mm:ss." in bad_time.content.decode()


def test_two_sections_are_merged_and_one_is_split_at_a_sentence(document_brief, editor):
    client = signed_in(editor)
    page = client.get(staff_url("document", document_brief.event)).content.decode()
    assert "He warned that “the cheapest water" not in page  # sentences are shown as written
    assert "He warned that &quot;the cheapest water a city will ever have" in page

    post(client, document_brief, "split_section", number=1, at=2, title="The Cheapest Water")
    version, brief = current(document_brief)
    assert [s.title for s in brief.sections()][:2] == ["Salt in the Aquifers", "The Cheapest Water"]
    one, two = brief.section(1), brief.section(2)
    assert one.summary == [
        "David Chen said rising seas push salt water into aquifers. "
        'In his study, "eight already pump water with too much salt."'
    ]
    assert two.summary[0].startswith('He warned that "the cheapest water')
    assert [q.text for q in one.quotes] == ["eight already pump water with too much salt."]
    assert [q.speaker for q in two.quotes] == ["David Chen"]
    assert two.start == one.start and two.speakers == ["David Chen"]
    assert version.writer["verified"] == {"checked": [1, 2], "reused": [3, 4, 5]}
    assert version.fail_count == 0

    post(client, document_brief, "merge_sections", number=1)
    version, brief = current(document_brief)
    merged = brief.section(1)
    assert merged.title == "Salt in the Aquifers" and len(list(brief.sections())) == 4
    assert len(merged.summary) == 2 and len(merged.quotes) == 2
    assert version.note == "Sections 1 and 2 merged (“Salt in the Aquifers”)"

    # Merging the last section of Part I takes in the first of Part II.
    post(client, document_brief, "merge_sections", number=2)
    _, brief = current(document_brief)
    assert merged.speakers == ["David Chen"]
    assert brief.section(2).speakers == ["Amara Okafor", "Lena Fischer"]
    last = post(client, document_brief, "merge_sections", number=3)
    assert "is the last: there is no next section to merge" in last.content.decode()
    bad = post(client, document_brief, "split_section", number=2, at=0)
    assert bad.status_code == 400
    assert "Choose a sentence after the first one" in bad.content.decode()


def test_the_last_section_cannot_be_deleted_and_unknown_actions_are_refused(document_brief, editor):
    client = signed_in(editor)
    gone = post(client, document_brief, "delete_section", number=9)
    assert "There is no section 9; reload the page." in gone.content.decode()
    for _ in range(3):
        post(client, document_brief, "delete_section", number=1)
    only = post(client, document_brief, "delete_section", number=1)
    assert only.status_code == 400
    assert "A brief needs at least one section" in only.content.decode()
    unknown = post(client, document_brief, "explode")
    assert unknown.status_code == 400 and "Unknown document action" in unknown.content.decode()
    missing = post(client, document_brief, "move_section", direction="up")
    assert "The form was incomplete" in missing.content.decode()


def test_a_stale_document_form_is_refused_and_changes_nothing(document_brief, editor):
    ada = make_user("editor", "ada-doc")
    ada.first_name, ada.last_name = "Ada", "Lovelace"
    ada.save()
    first, second = signed_in(ada), signed_in(editor)
    post(first, document_brief, "move_section", number=1, direction="down", version=1)
    stale = "This brief changed since you opened it (version 2 by Ada Lovelace); reload to see it."
    refused = post(second, document_brief, "delete_section", number=4, version=1)
    assert refused.status_code == 409 and refused.content.decode() == stale
    plain = post(second, document_brief, "text", version=1, htmx=False, title="X")
    assert plain.status_code == 302
    assert stale in second.get(plain["Location"]).content.decode()
    assert document_brief.versions.count() == 2


def test_staff_who_may_not_edit_get_403(document_brief, events_staff):
    client = signed_in(events_staff)
    assert client.get(staff_url("document", document_brief.event)).status_code == 403
    assert post(client, document_brief, "delete_section", number=1).status_code == 403
    assert client.post(staff_url("draft", document_brief.event, key="document")).status_code == 403
    assert document_brief.versions.count() == 1


def test_drafts_are_kept_per_user_restored_and_discarded_on_save(document_brief, editor):
    client, other = signed_in(editor), signed_in(make_user("editor"))
    event = document_brief.event
    kept = client.post(
        staff_url("draft", event, key="section-2"),
        {"title": "Who Pays", "summary": "Half-typed sentence about", "version": 1},
        HTTP_X_PODIUM_AUTOSAVE="1",
    )
    assert kept.status_code == 200 and kept.content.decode() == "Draft saved"
    draft = EditorDraft.objects.get(brief=document_brief, key="section-2")
    assert draft.user == editor and draft.base_version == 1

    mine = client.get(staff_url("section_edit", event, number=2)).content.decode()
    assert "Restored your unsaved text" in mine and "Half-typed sentence about</textarea>" in mine
    theirs = other.get(staff_url("section_edit", event, number=2)).content.decode()
    assert "Restored your unsaved text" not in theirs and "Half-typed" not in theirs

    client.post(
        staff_url("section_edit", event, number=2),
        {
            "title": "Who Pays",
            "start": "",
            "speaker": "Amara Okafor",
            "summary": "Amara Okafor said the poorest neighbourhoods pay first.",
            "version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    assert not EditorDraft.objects.filter(key="section-2").exists()

    client.post(staff_url("draft", event, key="document"), {"title": "Unsaved title"})
    assert "Unsaved title" in client.get(staff_url("document", event)).content.decode()
    discarded = client.post(
        staff_url("draft", event, key="document"),
        {"discard": "1", "next": staff_url("document", event)},
    )
    assert discarded.status_code == 302
    assert not EditorDraft.objects.filter(key="document").exists()
    bad = client.post(staff_url("draft", event, key="password"), {"title": "x"})
    assert bad.status_code == 400
    assert bad.content.decode() == "“password” is not a field of the brief editor."


def test_quote_speakers_are_set_one_by_one_in_the_section_form(document_brief, editor):
    client = signed_in(editor)
    section = load_brief(document_brief.current_version).section(1)
    form = client.get(staff_url("section_edit", document_brief.event, number=1)).content.decode()
    assert "Who said each quote" in form and 'id="quote-speaker-2"' in form
    client.post(
        staff_url("section_edit", document_brief.event, number=1),
        {
            "title": section.title,
            "start": "",
            "speaker": "David Chen",
            "summary": "\n\n".join(section.summary),
            "quote_text": [q.text for q in section.quotes],
            "quote_speaker": ["David Chen", "Amara Okafor"],
            "version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    version, brief = current(document_brief)
    assert [q.speaker for q in brief.section(1).quotes] == ["David Chen", "Amara Okafor"]
    assert version.note == "Section 1: quote speakers edited"
    assert any(
        f["section"] == 1 and f["check"] == "attribution" and f["status"] == "fail"
        for f in version.report["findings"]
    )


def test_the_llm_writer_is_offered_and_accepted_only_when_an_endpoint_is_configured(
    reviewed_brief, editor, monkeypatch
):
    monkeypatch.delenv("PODIUM_LLM_BASE_URL", raising=False)
    monkeypatch.delenv("PODIUM_LLM_MODEL", raising=False)
    client, event = signed_in(editor), reviewed_brief.event
    page = client.get(staff_url("overview", event)).content.decode()
    assert 'value="extractive"' in page and 'value="llm"' not in page
    refused = client.post(
        staff_url("generate", event), {"writer": "llm", "sections": 4}, follow=True
    )
    assert "The language-model writer is not configured on this site" in refused.content.decode()
    assert not Job.objects.filter(event=event, kind=Job.Kind.GENERATE).exists()

    monkeypatch.setenv("PODIUM_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("PODIUM_LLM_MODEL", "test-model")
    page = client.get(staff_url("overview", event)).content.decode()
    assert 'value="llm"' in page
    job = workflow.generate_brief(event=event, user=editor, writer="llm", enqueue=False)
    assert job.params["writer"] == "llm"
