"""Safe editorial actions in Chromium: a claim finding is fixed by editing the sentence (never
by Apply), and a brief published over an override tells the public what was not verified."""

from __future__ import annotations

import pytest
from django.urls import reverse

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain.content import load_brief
from tests.site.accessibility import sign_in
from tests.site.briefs.test_safe_actions import failing_quote_version
from tests.site.briefs.test_views import staff_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INVENTED = "Amara Okafor said that half of the city's pipes leak every single day."


@pytest.fixture
def review_page(browser_site, page, live_server, client, reviewed_brief, editor):
    page.set_default_timeout(60_000)  # two cores shared by many test runs: pages can be slow
    sign_in(page, live_server, client, editor)
    return reviewed_brief, editor


def test_a_claim_finding_is_fixed_by_editing_the_sentence_not_by_apply(
    page, live_server, review_page
):
    brief, editor = review_page
    faithful = load_brief(brief.current_version).section(2).text
    workflow.edit_section(brief=brief, number=2, summary=f"{faithful}\n\n{INVENTED}", user=editor)
    page.goto(live_server.url + staff_url("review", brief.event))

    claim = page.locator('.finding[data-check="claim"]:not([data-status="ok"])').first
    claim.wait_for()
    assert claim.locator("[data-apply]").count() == 0  # no Apply on a claim
    claim.locator("[data-edit-finding]").click()
    summary = page.locator("[data-section-form] #id_summary")
    summary.wait_for()
    assert INVENTED in summary.input_value()
    summary.fill(faithful)
    page.locator("[data-save-section]").click()
    page.locator('.brief-row[data-section="2"] [data-edit-section]').wait_for()

    brief.refresh_from_db()
    version = brief.current_version
    assert version.number == 3 and INVENTED not in load_brief(version).section(2).text
    assert not [
        f for f in version.report["findings"] if f["check"] == "claim" and f["status"] == "fail"
    ]
    assert page.locator('.finding[data-check="claim"][data-status="fail"]').count() == 0


def test_an_override_is_disclosed_on_the_public_page(page, live_server, review_page):
    brief, editor = review_page
    failing_quote_version(brief, editor)
    page.goto(live_server.url + staff_url("review", brief.event))
    page.locator("#id_reason").fill("The speaker confirmed the wording by email.")
    page.locator("[data-approve]").click()
    page.locator("[data-publish]").click()
    page.get_by_text("The public page shows version", exact=False).or_(
        page.locator(".pill--published")
    ).first.wait_for()

    brief.refresh_from_db()
    assert brief.published_version.number == 2
    page.goto(live_server.url + reverse("events:detail", kwargs={"slug": brief.event.slug}))
    disclosure = page.locator("body").inner_text()
    assert "Not verified against the transcript:" in disclosure
    assert "eight already sell water with too much salt." in disclosure
    assert "The speaker confirmed the wording by email." in disclosure
    assert "have been verified against the program transcript" not in disclosure
