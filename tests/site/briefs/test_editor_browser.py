"""The whole-document editor, autosave, the J/K/A/E keys and two racing editors, in Chromium.

Set PODIUM_SCREENSHOTS=docs/screenshots to refresh the editor's pictures in
docs/briefs-site.md (`scripts/editor-screenshots.sh` does that).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain.content import load_brief
from podium.briefs.models import EditorDraft
from tests.site.accessibility import sign_in
from tests.site.briefs.conftest import PANEL_MAP, make_panel_event, make_user, panel_vtt
from tests.site.briefs.test_document_editor import four_section_brief_md

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("PODIUM_SCREENSHOTS")


def shot(page, name: str, *, selector: str | None = None, viewport: bool = False) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    if viewport:  # what the editor sees, the focused element in the middle
        page.evaluate("document.activeElement.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(Path(SHOTS) / name))
    elif selector:
        page.locator(selector).first.screenshot(path=str(Path(SHOTS) / name))
    else:
        page.screenshot(path=str(Path(SHOTS) / name), full_page=True)


@pytest.fixture
def edited(browser_site, page):
    """A past event with the panel transcript mapped and a four-section brief in two Parts."""
    event = make_panel_event(title="Water Security in Coastal Cities", slug="water-editor")
    editor = make_user("editor", username="editor-doc")
    editor.first_name, editor.last_name = "Grace", "Hopper"
    editor.save()
    version = workflow.add_transcript(
        event=event, text=panel_vtt(), filename="panel.vtt", user=editor
    )
    workflow.save_speaker_map(transcript_version=version, mapping=PANEL_MAP, user=editor)
    workflow.import_brief(event=event, text=four_section_brief_md(), user=editor, source="four.md")
    page.set_default_timeout(60_000)  # two cores shared by many test runs: pages can be slow
    return event, editor


def brief_of(event):
    brief = workflow.ensure_brief(event)
    brief.refresh_from_db()
    return brief, load_brief(brief.current_version)


def wait_version(page, number: int, root: str = ".brief-document") -> None:
    page.wait_for_function(
        "([root, n]) => { const el = document.querySelector(root); return el && el.dataset.version == n; }",
        arg=[root, str(number)],
    )


def focused_matches(page, selector: str, timeout: float = 5000) -> bool:
    """Whether focus reaches `selector` within `timeout` ms: the editor moves focus after
    HTMX settles the swapped document, a tick after its new version is in the page."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "s => !!document.activeElement && document.activeElement.matches(s)",
            arg=selector,
            timeout=timeout,
        )
    except PlaywrightTimeout:
        return False
    return True


def test_editor_edits_title_parts_and_sections(live_server, page, client, edited):
    event, editor = edited
    sign_in(page, live_server, client, editor)
    page.goto(f"{live_server.url}/staff/events/{event.slug}/brief/review/")
    page.click("[data-document-tab]")
    page.wait_for_url(re.compile(r".*/brief/document/$"))
    shot(page, "brief-editor.png")

    # Title, intro and the disclosure line.
    page.fill("#id_title", "Salt, Leaks and Who Pays")
    page.fill(
        "#id_closing", "This brief was drafted with AI assistance and checked by Grace Hopper."
    )
    page.click("[data-save-text]")
    wait_version(page, 2)
    assert focused_matches(page, "[data-saved]")
    assert "Saved as version 2" in page.inner_text("[data-saved]")

    # Rename Part II, then move section 2 down across the Part boundary by keyboard.
    page.fill("#part-title-1", "Part II: What To Do")
    page.click("[data-rename-part='1']")
    wait_version(page, 3)
    page.focus("#doc-section-2 [data-move=down]")
    page.keyboard.press("Enter")
    wait_version(page, 4)
    assert page.inner_text("#doc-section-2 .doc-section__title").startswith("2. Who Pays")
    assert focused_matches(page, "#doc-section-3 [data-move], #doc-section-2 [data-move]")
    page.click("#doc-section-2 [data-move=up]")
    wait_version(page, 5)

    # Split section 1 at its third sentence, then merge the two halves again.
    page.click("#doc-section-1 details summary:has-text('Split section 1')")
    page.check("[data-split-form='1'] input[name=at][value='2']")
    page.fill("#split-title-1", "The Cheapest Water")
    shot(page, "brief-editor-split.png", selector="#doc-section-1")
    page.click("[data-split='1']")
    wait_version(page, 6)
    assert page.inner_text("#doc-section-2 .doc-section__title").startswith("2. The Cheapest Water")
    page.click("[data-merge='1']")
    wait_version(page, 7)

    # Add a section to Part II, start a new Part at it, delete it again.
    page.click("[data-part='1'] .doc-add-section summary")
    page.fill("#add-title-1", "Fix the Leaks")
    page.select_option("#add-speaker-1", "David Chen")
    page.fill(
        "#add-summary-1", 'David Chen said "We should fix the leaks before we build new plants."'
    )
    page.click("[data-add-section='1'] button")
    wait_version(page, 8)
    page.click("#doc-section-5 details summary:has-text('Start a Part')")
    page.fill("#new-part-5", "Part III: Leaks")
    page.click("[data-add-part='5']")
    wait_version(page, 9)
    _, brief = brief_of(event)
    assert [(p.title, [s.title for s in p.sections]) for p in brief.parts] == [
        ("Part I: The Diagnosis", ["Salt in the Aquifers", "Who Pays"]),
        ("Part II: What To Do", ["Desalination Last", "Measure First"]),
        ("Part III: Leaks", ["Fix the Leaks"]),
    ]
    page.click("[data-delete='5']")
    wait_version(page, 10)
    current, brief = brief_of(event)
    current = current.current_version
    assert brief.title == "Salt, Leaks and Who Pays"
    assert brief.closing == [
        "This brief was drafted with AI assistance and checked by Grace Hopper."
    ]
    assert [p.title for p in brief.parts] == ["Part I: The Diagnosis", "Part II: What To Do"]
    assert len(list(brief.sections())) == 4
    assert current.fail_count == 0
    history = page.goto(f"{live_server.url}/staff/events/{event.slug}/brief/history/")
    assert history.status == 200 and "Section 5 (“Fix the Leaks”) deleted" in page.content()


def test_autosave_restores_typed_text_and_leaving_warns(live_server, page, client, edited):
    event, editor = edited
    sign_in(page, live_server, client, editor)
    base = f"{live_server.url}/staff/events/{event.slug}/brief/"
    page.goto(base + "document/")
    page.click("#id_intro")
    page.keyboard.press("End")
    page.keyboard.type(" A sentence typed but not saved.")
    page.wait_for_selector("[data-autosave-status]:has-text('Draft kept')")
    draft = EditorDraft.objects.get(key="document", user=editor)
    assert draft.data["intro"].endswith("A sentence typed but not saved.")

    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.click("a[href$='/brief/history/']", no_wait_after=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] and page.url.endswith("/brief/document/")

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("a[href$='/brief/history/']")
    page.wait_for_url(re.compile(r".*/brief/history/$"))

    page.goto(base + "document/")
    assert "Restored your unsaved text" in page.inner_text("[data-draft-restored]")
    assert page.input_value("#id_intro").endswith("A sentence typed but not saved.")
    shot(page, "brief-editor-draft.png", selector="section[aria-labelledby=doc-text-h]")
    page.click("[data-save-text]")
    wait_version(page, 2)
    assert not EditorDraft.objects.filter(key="document").exists()
    _, brief = brief_of(event)
    assert brief.intro[-1].endswith("A sentence typed but not saved.")
    page.click("a[href$='/brief/history/']")  # nothing unsaved: no dialog, straight there
    page.wait_for_url(re.compile(r".*/brief/history/$"))

    # A section's summary in the review page is kept the same way.
    page.goto(base + "sections/2/edit/")
    page.click("#id_summary")
    page.keyboard.press("End")
    page.keyboard.type(" Draft words.")
    page.wait_for_selector("[data-autosave-status]:has-text('Draft kept')")
    page.once("dialog", lambda dialog: dialog.accept())
    page.goto(base + "review/")
    page.goto(base + "sections/2/edit/")
    assert page.input_value("#id_summary").endswith("Draft words.")
    page.click("[data-discard-draft]")
    page.wait_for_url(re.compile(r".*/sections/2/edit/$"))
    assert not page.input_value("#id_summary").endswith("Draft words.")
    assert not EditorDraft.objects.filter(key="section-2").exists()


def test_keys_move_between_findings_apply_and_edit(live_server, page, client, edited):
    event, editor = edited
    brief, engine_brief = brief_of(event)
    section = engine_brief.section(2)
    broken = section.text.replace("ten times", "five times")
    workflow.edit_section(brief=brief, number=2, summary=broken, user=editor)
    workflow.edit_section(
        brief=brief,
        number=4,
        summary=engine_brief.section(4).text
        + " She said that meters cost a hundred thousand dollars per well.",
        user=editor,
    )
    brief.refresh_from_db()
    number = brief.current_version.number
    sign_in(page, live_server, client, editor)
    page.goto(f"{live_server.url}/staff/events/{event.slug}/brief/review/")
    help_text = page.inner_text("#key-help")
    assert "J next finding" in help_text and "A apply its fix" in help_text

    def press_j_until(check: str, section: str | None = None) -> None:
        for _ in range(30):
            here = page.evaluate(
                "[document.activeElement.dataset.check, document.activeElement.dataset.sectionOf]"
            )
            if here[0] == check and (section is None or here[1] == section):
                return
            page.keyboard.press("j")
        seen = page.evaluate(
            "[...document.querySelectorAll('#review .finding')].map(f => "
            "[f.dataset.check, f.dataset.sectionOf, f.dataset.status, f.offsetParent !== null])"
        )
        raise AssertionError(f"J never reached a {check} finding: {seen}")

    page.keyboard.press("j")
    first = page.evaluate("document.activeElement.dataset.finding")
    assert first is not None
    page.keyboard.press("j")
    second = page.evaluate("document.activeElement.dataset.finding")
    assert second != first
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.dataset.finding") == first
    page.keyboard.press("K")
    page.keyboard.press("k")  # K at the first finding stays there
    press_j_until("quote", "2")
    shot(page, "brief-review-keys.png", viewport=True)

    page.keyboard.press("a")
    page.wait_for_function(
        "n => document.querySelector('.brief-review').dataset.version == n", arg=str(number + 1)
    )
    brief.refresh_from_db()
    assert "ten times" in load_brief(brief.current_version).section(2).text

    # A claim finding has no Apply: A does nothing there, E opens the sentence's section.
    press_j_until("claim")
    claim_section = page.evaluate("document.activeElement.dataset.sectionOf")
    page.keyboard.press("a")
    page.wait_for_timeout(300)
    brief.refresh_from_db()
    assert brief.current_version.number == number + 1
    page.keyboard.press("e")
    page.wait_for_selector(f"#section-{claim_section} [data-section-form]")
    assert focused_matches(page, "#id_title")
    page.keyboard.press("End")
    page.keyboard.type("j")  # typing in a field is typing, not a key command
    assert page.input_value("#id_title").endswith("j")
    assert focused_matches(page, "#id_title")


def test_two_editors_racing_on_the_document_editor(live_server, page, client, browser, edited):
    event, editor = edited
    ada = make_user("editor", username="ada-race")
    ada.first_name, ada.last_name = "Ada", "Lovelace"
    ada.save()
    sign_in(page, live_server, client, editor)
    other_context = browser.new_context(viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    other.set_default_timeout(60_000)
    from django.test import Client

    sign_in(other, live_server, Client(), ada)
    url = f"{live_server.url}/staff/events/{event.slug}/brief/document/"
    page.goto(url)
    other.goto(url)

    other.click("#doc-section-1 [data-move=down]")
    wait_version(other, 2)
    page.click("[data-delete='4']")
    alert = page.locator("#stale-alert")
    alert.wait_for(state="visible")
    assert alert.inner_text() == (
        "This brief changed since you opened it (version 2 by Ada Lovelace); reload to see it."
    )
    shot(page, "brief-editor-stale.png", selector=".brief-document > p")
    brief, engine_brief = brief_of(event)
    assert brief.versions.count() == 2 and len(list(engine_brief.sections())) == 4
    assert engine_brief.section(1).title == "Who Pays"
    other_context.close()
