"""The registration POST's hand-compiled SQL (``domain/sql.py``) against the ORM it replaces,
and the email task written in the registration's own transaction on the database backend."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.tasks.signals import task_enqueued
from django.utils import timezone

from podium.common.domain.urls import current_site_url
from podium.events.models import Event
from podium.registration.domain.registration import register
from podium.registration.domain.sql import form_rows, type_with_event
from podium.registration.interfaces.forms.registration import QUESTION_COLUMNS, SECTION_COLUMNS
from podium.registration.models import (
    AuditEntry,
    FormSection,
    Question,
    Registration,
    RegistrationType,
)

from .conftest import answers

pytestmark = pytest.mark.django_db


def values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_type_with_event_reads_what_the_orm_reads(event, general):
    general.opens_at = timezone.now() - dt.timedelta(hours=1)
    general.capacity, general.access_code = 7, "SECRET"
    general.save()
    event.capacity, event.time_zone = 50, "Europe/Paris"
    event.save()
    found = type_with_event("e.slug = %s AND t.slug = %s", [event.slug, "general"])
    assert values(found) == values(RegistrationType.objects.get(pk=general.pk))
    assert values(found.event) == values(Event.objects.get(pk=event.pk))
    assert found.is_open() and found.event.tz.key == "Europe/Paris"
    with transaction.atomic():
        locked = type_with_event("t.id = %s", [general.pk], lock=True)
    assert values(locked) == values(found)
    assert type_with_event("e.slug = %s AND t.slug = %s", [event.slug, "nope"]) is None


def test_form_rows_are_the_orm_rows(general):
    empty = FormSection.objects.create(registration_type=general, title="Later", order=99)
    choices = FormSection.objects.create(registration_type=general, title="Diet", order=50)
    Question.objects.create(
        section=choices, key="diet", label="Diet", kind="choice", choices=["Vegan", "Halal"]
    )
    orm = tuple(
        FormSection.objects.filter(registration_type_id=general.pk)
        .order_by("order", "id", "questions__order", "questions__id")
        .values_list(*SECTION_COLUMNS, *(f"questions__{c}" for c in QUESTION_COLUMNS))
    )
    rows = form_rows(general.pk, SECTION_COLUMNS, QUESTION_COLUMNS)
    assert rows == orm
    assert any(row[0] == empty.pk and row[len(SECTION_COLUMNS)] is None for row in rows)
    assert ["Vegan", "Halal"] in [list(row[-3]) for row in rows if row[-3]]


def test_the_email_task_is_a_row_of_the_registrations_transaction(event, general, db_tasks):
    from django_tasks_db.models import DBTaskResult, get_date_max

    announced = []

    def receiver(sender, task_result, **kwargs):
        announced.append(task_result.id)

    task_enqueued.connect(receiver)
    try:
        person = register(event, general, answers=answers(), email="ada@example.org")
    finally:
        task_enqueued.disconnect(receiver)
    job = DBTaskResult.objects.get()
    assert job.task_path == "podium.registration.tasks.send_registration_email"
    assert job.args_kwargs == {
        "args": [person.pk, "confirmed", "", "", current_site_url()],
        "kwargs": {},
    }
    assert job.status == "READY" and job.run_after == get_date_max()
    assert announced == [str(job.id)]
    audit = AuditEntry.objects.get(registration=person)
    assert audit.action == "registration.created" and audit.data["status"] == "confirmed"
    assert Registration.objects.get(pk=person.pk).checkin_code == person.checkin_code
    # what the worker runs (its own loop closes the test's connection)
    assert job.task.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"]) is True
    assert [m.subject for m in mail.outbox] == [f"You're registered: {event.title}"]
    assert person.checkin_code in mail.outbox[0].body


def test_a_rolled_back_registration_leaves_no_email_task(event, general, db_tasks):
    from django_tasks_db.models import DBTaskResult

    with pytest.raises(RuntimeError), transaction.atomic():
        register(event, general, answers=answers(), email="ada@example.org")
        raise RuntimeError("something after the registration failed")
    assert not DBTaskResult.objects.exists()
    assert not Registration.objects.exists() and not AuditEntry.objects.exists()
