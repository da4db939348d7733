"""Query builders: an event's registrations, counts against capacity, public availability."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from podium.registration.models import Question, Registration, RegistrationType

Status = Registration.Status


def event_registrations(event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event).select_related(
        "registration_type", "checked_in_by"
    )


def search_registrations(queryset: QuerySet[Registration], text: str) -> QuerySet[Registration]:
    """Name, email or check-in code contains every word of ``text``."""
    for word in (text or "")[:200].split()[
        :6
    ]:  # bounded: a pasted essay must not build a huge query
        queryset = queryset.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(checkin_code__iexact=word)
        )
    return queryset


def answer_rows(
    registration: Registration, *, everything: bool = False
) -> list[tuple[str, object]]:
    """(question label, answer) in form order, without name and email.

    ``everything`` (staff) also lists unanswered questions and answers to
    questions since removed from the form (under their key).
    """
    questions = list(
        Question.objects.filter(
            section__registration_type_id=registration.registration_type_id
        ).order_by("section__order", "section_id", "order", "id")
    )
    rows = []
    for question in questions:
        value = registration.answers.get(question.key)
        if question.is_system or (not everything and value in (None, "", [])):
            continue
        rows.append((question.label, value))
    if everything:
        known = {q.key for q in questions}
        rows += [(key, value) for key, value in registration.answers.items() if key not in known]
    return rows


@dataclass
class TypeCounts:
    registration_type: RegistrationType
    confirmed: int
    waitlisted: int
    pending: int
    checked_in: int
    cancelled: int
    rejected: int

    @property
    def capacity(self) -> int | None:
        return self.registration_type.capacity

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.confirmed)


def counts_by_type(event) -> list[TypeCounts]:
    """Per registration type: confirmed against capacity, waiting, pending, checked in."""
    rows = RegistrationType.objects.filter(event=event).annotate(
        n_confirmed=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
        n_waitlisted=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
        n_pending=Count("registrations", filter=Q(registrations__status=Status.PENDING)),
        n_cancelled=Count("registrations", filter=Q(registrations__status=Status.CANCELLED)),
        n_rejected=Count("registrations", filter=Q(registrations__status=Status.REJECTED)),
        n_checked_in=Count(
            "registrations",
            filter=Q(
                registrations__checked_in_at__isnull=False, registrations__status=Status.CONFIRMED
            ),
        ),
    )
    return [
        TypeCounts(
            t,
            t.n_confirmed,
            t.n_waitlisted,
            t.n_pending,
            t.n_checked_in,
            t.n_cancelled,
            t.n_rejected,
        )
        for t in rows
    ]


def status_matrix(event) -> tuple[list[tuple[str, str]], list[tuple[str, list[int], int]]]:
    """The dashboard: per registration type, how many registrations are in each status.

    Returns (statuses as (value, label), rows of (type name, counts in status order, total)),
    with a last row of totals.
    """
    statuses = list(Status.choices)
    counts: dict[tuple[int, str], int] = {
        (row["registration_type"], row["status"]): row["n"]
        for row in Registration.objects.filter(event=event)
        .values("registration_type", "status")
        .annotate(n=Count("id"))
    }
    rows = []
    totals = [0] * len(statuses)
    for rtype in RegistrationType.objects.filter(event=event).order_by("order", "id"):
        cells = [counts.get((rtype.pk, value), 0) for value, _ in statuses]
        totals = [a + b for a, b in zip(totals, cells, strict=True)]
        rows.append((rtype.name, cells, sum(cells)))
    rows.append(("All types", totals, sum(totals)))
    return statuses, rows


def waiting_list_position(registration: Registration) -> int | None:
    """1 for the next person to get a seat; None when not on the waiting list."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        registration_type_id=registration.registration_type_id, status=Status.WAITLISTED
    ).filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, id__lt=registration.pk)
    )
    return ahead.count() + 1


def checkin_counts(event) -> dict[str, int]:
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED)
    total = confirmed.count()
    checked_in = confirmed.filter(checked_in_at__isnull=False).count()
    return {"confirmed": total, "checked_in": checked_in, "expected": total - checked_in}


@dataclass
class PublicOption:
    """One button on the event page."""

    registration_type: RegistrationType
    state: str  # open | waitlist | pending_approval | full | closed | not_yet_open
    seats_left: int | None
    url: str

    @property
    def can_register(self) -> bool:
        return self.state in ("open", "waitlist")


def public_options(event, *, now=None) -> list[PublicOption]:
    """Active registration types of the event with what a visitor can do with each."""
    now = now or timezone.now()
    options = []
    for counts in counts_by_type(event):
        rtype = counts.registration_type
        if not rtype.is_active:
            continue
        rtype.event = event
        left = counts.seats_left
        if rtype.opens_at and now < rtype.opens_at:
            state = "not_yet_open"
        elif not rtype.is_open(now):
            state = "closed"
        elif rtype.requires_approval or left is None or (left > 0 and counts.waitlisted == 0):
            state = "open"
        elif rtype.waiting_list_enabled:
            state = "waitlist"
        else:
            state = "full"
        url = reverse(
            "registration:form", kwargs={"event_slug": event.slug, "type_slug": rtype.slug}
        )
        options.append(PublicOption(rtype, state, left, url))
    return options
