"""Columns of registration lists and exports: fixed columns, then one column per question."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from podium.registration.models import Question, Registration


@dataclass
class Column:
    header: str
    value: Callable[[Registration], Any]


def _local(moment, event) -> str:
    return timezone.localtime(moment, event.tz).strftime("%Y-%m-%d %H:%M") if moment else ""


def _answer(key: str, kind: str) -> Callable[[Registration], Any]:
    def value(registration: Registration) -> Any:
        answer = registration.answers.get(key)
        if isinstance(answer, list):
            return "; ".join(str(a) for a in answer)
        if isinstance(answer, bool) or kind == Question.Kind.CHECKBOX:
            return "yes" if answer else ("" if answer is None else "no")
        return "" if answer is None else answer

    return value


def export_columns(event) -> list[Column]:
    """Columns for CSV/XLSX: identity and status first, then each question of the event (by key, once)."""
    columns = [
        Column("ID", lambda r: r.pk),
        Column("Status", lambda r: r.get_status_display()),
        Column("Registration type", lambda r: r.registration_type.name),
        Column("First name", lambda r: r.first_name),
        Column("Last name", lambda r: r.last_name),
        Column("Email", lambda r: r.email),
        Column(f"Registered ({event.time_zone})", lambda r: _local(r.created_at, event)),
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
        columns.append(Column(question.label, _answer(question.key, question.kind)))
    columns += [
        Column("Accessibility request", lambda r: r.accessibility_request),
        Column("Accessibility request late", lambda r: "yes" if r.accessibility_flagged else "no"),
        Column("Marketing opt-in", lambda r: "yes" if r.marketing_opt_in else "no"),
        Column("Check-in code", lambda r: r.checkin_code),
        Column(f"Checked in ({event.time_zone})", lambda r: _local(r.checked_in_at, event)),
    ]
    return columns
