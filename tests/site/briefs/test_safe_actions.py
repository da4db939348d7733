"""Safe editorial actions through HTTP: stale forms are refused, Apply is idempotent and mechanical,
publishing needs an approved version, and the public disclosure says what was overridden."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain.content import load_brief
from podium.briefs.models import Brief
from tests.site.briefs.conftest import make_user
from tests.site.briefs.test_views import staff_url

pytestmark = pytest.mark.django_db

STALE = "This brief changed since you opened it (version 2 by Ada Lovelace); reload to see it."


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_version(html: str) -> int:
    """The version number every state-changing form on the review page was made from."""
    numbers = set(re.findall(r'name="version" value="(\d+)"', html))
    assert len(numbers) == 1, numbers
    return int(numbers.pop())


def test_a_second_editor_acting_on_an_old_version_is_refused_and_nothing_changes(reviewed_brief):
    event = reviewed_brief.event
    ada = make_user("editor", "ada")
    ada.first_name, ada.last_name = "Ada", "Lovelace"
    ada.save()
    first, second = signed_in(ada), signed_in(make_user("editor", "bob"))
    seen_by_second = form_version(second.get(staff_url("review", event)).content.decode())
    assert seen_by_second == 1

    first.post(
        staff_url("section_edit", event, number=2),
        {
            "title": "Who Pays First",
            "start": "",
            "speaker": "Amara Okafor",
            "summary": "\n\n".join(load_brief(reviewed_brief.current_version).section(2).summary),
            "version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.current_version.number == 2

    edit = second.post(
        staff_url("section_edit", event, number=1),
        {
            "title": "Something Else",
            "start": "",
            "speaker": "David Chen",
            "summary": "David Chen spoke.",
            "version": seen_by_second,
        },
        HTTP_HX_REQUEST="true",
    )
    assert edit.status_code == 409 and edit.content.decode() == STALE
    for name, kwargs in (("approve", {}), ("publish", {}), ("restore", {"number": 1})):
        page = second.post(
            staff_url(name, event, **kwargs), {"version": seen_by_second}, follow=True
        )
        assert page.status_code == 200 and STALE in page.content.decode(), name
    missing = second.post(staff_url("publish", event), follow=True)
    assert "This brief changed since you opened it" in missing.content.decode()

    reviewed_brief.refresh_from_db()
    assert reviewed_brief.versions.count() == 2
    assert reviewed_brief.status == Brief.Status.IN_REVIEW
    assert reviewed_brief.published_version is None and reviewed_brief.approved_by is None
    assert load_brief(reviewed_brief.current_version).section(1).title == "Salt in the Aquifers"
    assert form_version(second.get(staff_url("review", event)).content.decode()) == 2


def failing_quote_version(brief, editor):
    """Version 2: section 1's quote misquoted, so a `quote` finding fails with a suggested fix."""
    text = load_brief(brief.current_version).section(1).text.replace("pump water", "sell water")
    return workflow.edit_section(brief=brief, number=1, summary=text, user=editor)


def test_a_double_click_on_apply_makes_one_version(reviewed_brief, editor):
    event, editor_client = reviewed_brief.event, signed_in(editor)
    v2 = failing_quote_version(reviewed_brief, editor)
    index = next(
        i
        for i, f in enumerate(v2.report["findings"])
        if f["status"] == "fail" and f["check"] == "quote"
    )
    url = staff_url("apply", event, index=index)
    first = editor_client.post(url, {"version": 2}, HTTP_HX_REQUEST="true")
    again = editor_client.post(url, {"version": 2}, HTTP_HX_REQUEST="true")
    assert first.status_code == again.status_code == 200
    assert 'data-version="3"' in again.content.decode()
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.versions.count() == 3
    assert reviewed_brief.current_version.fail_count == 0


def test_a_claim_finding_offers_no_apply_and_apply_is_refused(reviewed_brief, editor):
    event, editor_client = reviewed_brief.event, signed_in(editor)
    text = load_brief(reviewed_brief.current_version).section(2).text.replace("ten", "fifty")
    text += "\n\nAmara Okafor said that half of the city's pipes leak every single day."
    version = workflow.edit_section(brief=reviewed_brief, number=2, summary=text, user=editor)
    claims = [
        (i, f)
        for i, f in enumerate(version.report["findings"])
        if f["check"] == "claim" and f["status"] != "ok"
    ]
    assert claims, [(f["check"], f["status"]) for f in version.report["findings"]]
    index, claim = claims[0]
    html = editor_client.get(staff_url("review", event)).content.decode()
    finding = html.split(f'data-finding="{index}"', 1)[1].split('<div class="finding ', 1)[0]
    assert "data-apply" not in finding and f'data-edit-finding="{index}"' in finding
    refused = editor_client.post(
        staff_url("apply", event, index=index), {"version": version.number}
    )
    assert refused.status_code == 400 and "no mechanical fix" in refused.content.decode()
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.current_version == version


def test_a_brief_published_over_an_override_says_what_was_not_verified_and_why(
    client, reviewed_brief, editor
):
    event = reviewed_brief.event
    failing_quote_version(reviewed_brief, editor)
    editor_client = signed_in(editor)
    reason = "The speaker confirmed the wording by email after the event."
    editor_client.post(staff_url("approve", event), {"version": 2, "reason": reason})
    assert editor_client.post(staff_url("publish", event), {"version": 2}).status_code == 302

    public = client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.decode()
    assert "Program Brief" in public
    assert "have been verified against the program transcript" not in public
    assert "All content has been verified" not in public
    assert "Not verified against the transcript:" in public
    assert "Section 1: “eight already sell water with too much salt.” (quote)" in public
    assert f"Editors&#x27; reason: “{reason}”" in public or f"reason: “{reason}”" in public
