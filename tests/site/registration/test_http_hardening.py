"""Staff pages refuse bad input cleanly: malformed form-editor ids, redirects to other sites."""

from __future__ import annotations

import pytest
from django.urls import reverse

from podium.registration.domain.registration import register
from podium.registration.models import FormSection, Question, Registration

from .conftest import answers

pytestmark = pytest.mark.django_db


def url(name, event, *args):
    return reverse(f"registration_staff:{name}", args=[event.slug, *args])


@pytest.mark.parametrize("item", ["abc", "", "1.5", "-3", "١", "99999999", "1 OR 1=1"])
@pytest.mark.parametrize("action", ["section_up", "remove_section", "question_down"])
def test_form_editor_answers_a_malformed_item_with_a_message(
    staff_client, event, general, action, item
):
    sections, questions = FormSection.objects.count(), Question.objects.count()
    response = staff_client.post(
        url("form_editor", event, general.pk), {"action": action, "item": item}
    )
    assert response.status_code == 400
    what = "section" if "section" in action else "question"
    assert f"There is no {what} “{item}” on this form" in response.content.decode()
    assert (FormSection.objects.count(), Question.objects.count()) == (sections, questions)


def test_form_editor_still_moves_a_real_item(staff_client, event, general):
    first, second = general.sections.order_by("order")[:2]
    response = staff_client.post(
        url("form_editor", event, general.pk), {"action": "section_up", "item": str(second.pk)}
    )
    assert response.status_code == 302
    assert list(general.sections.order_by("order")[:2]) == [second, first]


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
    ],
)
def test_staff_actions_never_redirect_to_another_site(staff_client, event, media, target):
    person = register(event, media, answers=answers(), email="a@example.org")
    response = staff_client.post(url("reject", event, person.pk), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == url("detail", event, person.pk)
    person.refresh_from_db()
    assert person.status == Registration.Status.REJECTED


def test_staff_actions_return_to_a_page_of_the_site(staff_client, event, media):
    person = register(event, media, answers=answers(), email="b@example.org")
    back = url("list", event) + "?status=pending"
    response = staff_client.post(url("reject", event, person.pk), {"next": back})
    assert response.status_code == 302 and response["Location"] == back
