"""Emails to registrants: queued after commit, built and sent by a background task.

Django's template engine renders a plain-text and an HTML body per kind
(``templates/registration/emails/``), Django's mail framework sends them,
and the task framework (``podium.registration.tasks``) runs the sending
outside the request. Times are shown in the event's time zone. Emails that
confirm a seat carry the .ics invitation and the check-in QR code.
"""

from __future__ import annotations

from email.message import MIMEPart

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from podium.common.domain.urls import absolute_url, current_site_url

KINDS = {
    "confirm_email": "Please confirm your registration for {title}",
    "received": "We received your registration for {title}",
    "confirmed": "You're registered: {title}",
    "waitlisted": "You're on the waiting list: {title}",
    "promoted": "Good news, a seat is yours: {title}",
    "approved": "Your registration is approved: {title}",
    "rejected": "About your registration for {title}",
    "cancelled": "Registration cancelled: {title}",
    "reminder": "Reminder: {title} is coming up",
    "link": "Your registration link for {title}",
    "updated": "Updated: {title}",
    "message": "{title}",
    "event_cancelled": "Cancelled: {title}",
    "offered": "A seat is free for you: {title} (please confirm)",
    "offer_expired": "Your seat offer has expired: {title}",
    "postponed": "Postponed: {title}",
}
SEAT_KINDS = {"confirmed", "promoted", "approved", "reminder", "updated", "postponed"}
CANCEL_KINDS = {"cancelled", "event_cancelled"}
"""Emails whose invitation is a METHOD:CANCEL (the calendar entry goes away)."""
QR_CID = "checkin-qr@podium"


def queue_email(registration, kind: str, *, message: str = "", subject: str = "") -> None:
    """Send ``kind`` to the registrant once the current transaction commits (in a background task)."""
    if kind not in KINDS:
        raise ValueError(f"unknown email kind {kind!r}")
    registration_id = registration.pk
    base_url = current_site_url()

    def enqueue() -> None:
        from podium.registration.tasks import send_registration_email

        send_registration_email.enqueue(registration_id, kind, message, subject, base_url)

    transaction.on_commit(enqueue, robust=True)  # the registration stands even if queueing fails


def email_task_row(registration, kind: str, *, message: str = "", subject: str = ""):
    """The email task of ``kind`` as an unsaved row of the database task backend, to be inserted
    in the registration's own transaction (so it commits, or rolls back, with the registration,
    without a second commit); None when tasks go elsewhere (RQ, immediate): then ``queue_email``.

    The row is what ``DatabaseBackend.enqueue`` writes; its first argument, the registration's
    id, is filled in when the registration is inserted (``sql.insert_registration``).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown email kind {kind!r}")
    from podium.registration.tasks import send_registration_email as task

    backend = task.get_backend()
    try:
        from django_tasks_db import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is a dependency
        return None
    if not isinstance(backend, DatabaseBackend):
        return None
    from django.utils.json import normalize_json

    backend.validate_task(task)
    args = [registration.pk or 0, kind, message, subject, current_site_url()]
    return DBTaskResult(
        id=_task_id(backend, DBTaskResult),
        args_kwargs=normalize_json({"args": args, "kwargs": {}}),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after,
        backend_name=backend.alias,
    )


def _task_id(backend, model):
    """A new task id as the backend makes one: its documented ``id_function`` option (a
    callable or a dotted path) when set, else the model's primary-key default."""
    id_function = backend.options.get("id_function") or model._meta.pk.default
    if isinstance(id_function, str):
        from django.utils.module_loading import import_string

        id_function = import_string(id_function)
    return id_function()


def email_task_enqueued(row) -> None:
    """Announce an inserted ``email_task_row`` as the backend's ``enqueue`` does (signal)."""
    from django.tasks.signals import task_enqueued

    from podium.registration.tasks import send_registration_email as task

    task_enqueued.send(type(task.get_backend()), task_result=row.task_result)


def queue_accessibility_alert(registration) -> None:
    """Tell the event's accessibility contact about a request (after commit, in a task)."""
    if not registration.event.accessibility_email or not registration.accessibility_request:
        return
    registration_id = registration.pk
    base_url = current_site_url()

    def enqueue() -> None:
        from podium.registration.tasks import send_accessibility_alert

        send_accessibility_alert.enqueue(registration_id, base_url)

    transaction.on_commit(enqueue, robust=True)  # the registration stands even if queueing fails


def build_accessibility_alert(registration) -> EmailMultiAlternatives:
    """Plain-text note to the accessibility contact; late requests say so in the subject."""
    from django.urls import reverse

    from podium.registration.domain.leadtime import accessibility_deadline

    event = registration.event
    late = registration.accessibility_flagged
    subject = f"{'LATE ' if late else ''}Accessibility request: {event.title}"
    staff_url = absolute_url(
        reverse("registration_staff:detail", args=[event.slug, registration.pk])
    )
    lines = [
        f"{registration.full_name or registration.email} ({registration.email}) asked for:",
        "",
        registration.accessibility_request,
        "",
        f"Event: {event.title}, {event.when_display}",
        f"Registration: {registration.registration_type.name} — {registration.get_status_display()}",
    ]
    if late:
        lines += [
            "",
            f"This request arrived after the notice period ended on "
            f"{accessibility_deadline(event):%A, %B %d} ({event.accessibility_lead_days} business days); "
            "the registrant was told it may not be possible to fulfil it.",
        ]
    lines += ["", f"Registration in the staff area: {staff_url}"]
    return EmailMultiAlternatives(
        subject=subject, body="\n".join(lines), to=[event.accessibility_email]
    )


def offer_deadline_display(registration) -> str:
    """When a seat offer ends, in the event's time zone: 'Friday, March 6, 2026, 6:30 PM (EST)'."""
    from django.utils import dateformat, timezone

    if not registration.offer_expires_at:
        return ""
    local = timezone.localtime(registration.offer_expires_at, registration.event.tz)
    return dateformat.format(local, "l, F j, Y, g:i A (T)")


def build_email(
    registration, kind: str, *, message: str = "", subject: str = ""
) -> EmailMultiAlternatives:
    """The complete email (text, HTML, attachments) for one registrant."""
    from podium.registration.domain.calendar import checkin_qr_png, registration_ics
    from podium.registration.domain.leadtime import accessibility_deadline
    from podium.registration.domain.tokens import confirm_max_age, confirm_url, manage_url

    event = registration.event
    link = manage_url(registration)
    with_seat = kind in SEAT_KINDS and registration.status == "confirmed"
    context = {
        "kind": kind,
        "registration": registration,
        "event": event,
        "event_url": absolute_url(event.get_absolute_url()),
        "when": event.when_display,
        "manage_url": link,
        "message": message,
        "with_seat": with_seat,
        "qr_cid": QR_CID if with_seat else "",
        "accessibility_deadline": accessibility_deadline(event),
        "offer_deadline": offer_deadline_display(registration),
        "site_name": getattr(settings, "PODIUM_SITE_NAME", "Podium"),
        "confirm_url": confirm_url(registration) if kind == "confirm_email" else "",
        "confirm_hours": round(confirm_max_age() / 3600),
    }
    title = (
        subject.strip()
        if kind == "message" and subject.strip()
        else KINDS[kind].format(title=event.title)
    )
    text = render_to_string("registration/emails/notification.txt", context)
    html = render_to_string("registration/emails/notification.html", context)
    email = EmailMultiAlternatives(subject=title, body=text, to=[registration.email])
    email.attach_alternative(html, "text/html")
    if with_seat or kind in CANCEL_KINDS:
        method = "CANCEL" if kind in CANCEL_KINDS else "REQUEST"
        ics = MIMEPart()
        ics.set_content(
            registration_ics(registration, manage_link=link, method=method).decode("utf-8"),
            subtype="calendar",
            disposition="attachment",
            filename="invitation.ics",
            params={"method": method},
        )
        email.attach(ics)
    if with_seat:
        qr = MIMEPart()
        qr.set_content(
            checkin_qr_png(registration),
            maintype="image",
            subtype="png",
            disposition="inline",
            filename="check-in-code.png",
            cid=f"<{QR_CID}>",
        )
        email.attach(qr)
    return email


def render_email_preview(registration, kind: str, *, message: str = "") -> str:
    """The HTML body as a page (for staff previews and the docs screenshot); the QR inlined."""
    import base64

    from podium.registration.domain.calendar import checkin_qr_png

    email = build_email(registration, kind, message=message)
    html = next(content for content, mimetype in email.alternatives if mimetype == "text/html")
    data = base64.b64encode(checkin_qr_png(registration)).decode("ascii")
    return html.replace(f"cid:{QR_CID}", f"data:image/png;base64,{data}")
