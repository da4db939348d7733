"""Columns of registration lists and exports: fixed columns, then one column per question.

Values are typed (dates as datetimes, countries by name from django-countries, phones
marked as phones) so each exporter writes them the way its format expects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django_countries import countries

from podium.registration.models import Question, Registration


@dataclass
class Column:
    header: str
    value: Callable[[Registration], Any]
    kind: str = "text"
    """text, datetime (a naive local datetime or None), phone (text the exporters never
    prefix: a validated phone number cannot carry a formula), number."""
    key: str = ""
    """Stable name for JSON (the question key, or a fixed name)."""


def _local(moment, event) -> dt.datetime | None:
    """The moment in the event's time zone, without tzinfo (spreadsheets have no zones)."""
    if not moment:
        return None
    return timezone.localtime(moment, event.tz).replace(tzinfo=None, second=0, microsecond=0)


def _answer(key: str, kind: str) -> Callable[[Registration], Any]:
    def value(registration: Registration) -> Any:
        answer = registration.answers.get(key)
        if isinstance(answer, list):
            return "; ".join(str(a) for a in answer)
        if isinstance(answer, bool) or kind == Question.Kind.CHECKBOX:
            return "yes" if answer else ("" if answer is None else "no")
        if kind == Question.Kind.COUNTRY and answer:
            return countries.name(answer) or answer
        return "" if answer is None else answer

    return value


def export_columns(event) -> list[Column]:
    """Columns for CSV/XLSX: identity and status first, then each question of the event (by key, once)."""
    columns = [
        Column("ID", lambda r: r.pk, "number", "id"),
        Column("Status", lambda r: r.get_status_display(), key="status"),
        Column("Registration type", lambda r: r.registration_type.name, key="type"),
        Column("First name", lambda r: r.first_name, key="first_name"),
        Column("Last name", lambda r: r.last_name, key="last_name"),
        Column("Email", lambda r: r.email, key="email"),
        Column(
            f"Registered ({event.time_zone})",
            lambda r: _local(r.created_at, event),
            "datetime",
            "registered_at",
        ),
    ]
    seen: set[str] = set()
    questions = (
        Question.objects.filter(section__registration_type__event=event)
        .select_related("section__registration_type")
        .order_by("section__registration_type__order", "section__order", "order")
    )
    for question in questions:
        if question.is_system or question.key in seen:
            continue
        seen.add(question.key)
        kind = "phone" if question.kind == Question.Kind.PHONE else "text"
        columns.append(
            Column(question.label, _answer(question.key, question.kind), kind, question.key)
        )
    columns += [
        Column(
            "Accessibility request", lambda r: r.accessibility_request, key="accessibility_request"
        ),
        Column(
            "Accessibility request late",
            lambda r: "yes" if r.accessibility_flagged else "no",
            key="accessibility_late",
        ),
        Column(
            "Marketing opt-in",
            lambda r: "yes" if r.marketing_opt_in else "no",
            key="marketing_opt_in",
        ),
        Column("Check-in code", lambda r: r.checkin_code, key="checkin_code"),
        Column(
            f"Checked in ({event.time_zone})",
            lambda r: _local(r.checked_in_at, event),
            "datetime",
            "checked_in_at",
        ),
    ]
    return columns
