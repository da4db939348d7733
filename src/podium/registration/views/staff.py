"""Staff pages of an event's registrations: list, detail, approve/reject, add, message, export, audit,
registration types and their forms. Thin: each view checks a permission, calls the domain, renders."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from podium.common.views.staff import staff_view
from podium.events.models import Event, Organisation
from podium.registration import rules
from podium.registration.domain import forms as form_editing
from podium.registration.domain.bulk import ACTIONS as BULK_ACTIONS
from podium.registration.domain.bulk import apply_bulk
from podium.registration.domain.errors import DuplicateRegistration, RegistrationError
from podium.registration.domain.messaging import message_registrants, send_updated_invitations
from podium.registration.domain.queries.registrations import (
    answer_rows,
    counts_by_type,
    event_registrations,
    status_matrix,
)
from podium.registration.domain.registration import register, resend_confirmation, update_answers
from podium.registration.domain.reminders import ReminderNotScheduled, schedule_event_reminders
from podium.registration.domain.setup import set_template_event, template_event
from podium.registration.domain.tokens import manage_url
from podium.registration.domain.transitions import (
    approve_registration,
    cancel_registration,
    reject_registration,
)
from podium.registration.domain.types import create_registration_type, update_registration_type
from podium.registration.interfaces.exporters import export_csv, export_json, export_xlsx
from podium.registration.interfaces.filters import RegistrationFilter
from podium.registration.interfaces.forms.registration import RegistrationForm
from podium.registration.interfaces.forms.staff import (
    BulkActionForm,
    DecisionForm,
    MessageForm,
    QuestionForm,
    RegistrationTypeForm,
    SectionForm,
    StaffCancelForm,
)
from podium.registration.models import (
    AuditEntry,
    FormSection,
    Question,
    Registration,
    RegistrationType,
)


def _context(event, tab: str, **extra):
    return {"event": event, "tab": tab, "staff_nav": "events", **extra}


@staff_view(rules.VIEW)
def registration_list(request: HttpRequest, event: Event) -> HttpResponse:
    queryset = event_registrations(event).order_by("-created_at", "-id")
    filterset = RegistrationFilter(request.GET or None, queryset=queryset, event=event)
    results = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    page = Paginator(results, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registration/staff/list.html",
        _context(
            event,
            "list",
            filter=filterset,
            page=page,
            total=results.count(),
            counts=counts_by_type(event),
            matrix=status_matrix(event),
            bulk_actions={
                k: v
                for k, v in BULK_ACTIONS.items()
                if k != "check_in" or request.user.has_perm(rules.CHECK_IN, event)
            },
            query=query.urlencode(),
            flagged=event_registrations(event)
            .filter(accessibility_flagged=True)
            .exclude(status__in=["cancelled", "rejected"])
            .count(),
        ),
    )


@staff_view(rules.VIEW)
def registration_detail(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    registration = get_object_or_404(event_registrations(event), pk=pk)
    return render(
        request,
        "registration/staff/detail.html",
        _context(
            event,
            "list",
            registration=registration,
            rows=answer_rows(registration, everything=True),
            audit=registration.audit.select_related("actor")[:100],
            decision_form=DecisionForm(),
            manage_link=manage_url(registration) if not registration.anonymised_at else "",
        ),
    )


def _decide(request, event, pk, action):
    registration = get_object_or_404(Registration, event=event, pk=pk)
    form = DecisionForm(request.POST)
    valid = form.is_valid()
    message = form.cleaned_data["message"] if valid else ""
    # An old form without the checkbox (or an API client) still notifies, as before.
    notify = form.cleaned_data["notify"] if valid and "notify-shown" in request.POST else True
    try:
        if action == "approve":
            registration = approve_registration(
                registration, actor=request.user, message=message, notify=notify
            )
            if registration.status == Registration.Status.WAITLISTED:
                messages.warning(
                    request,
                    f"{registration.full_name} is approved, but the type is full: "
                    "they are on the waiting list and will be promoted when a seat frees.",
                )
            else:
                messages.success(request, f"{registration.full_name} is approved and confirmed.")
        else:
            reject_registration(registration, actor=request.user, message=message, notify=notify)
            told = "they have been told" if notify else "they were not emailed"
            messages.success(request, f"{registration.full_name} is rejected; {told}.")
    except RegistrationError as error:
        messages.error(request, str(error))
    return redirect(
        _local_next(request) or reverse("registration_staff:detail", args=[event.slug, pk])
    )


def _local_next(request: HttpRequest) -> str:
    """POST `next` when it is a page of this site (never another host or scheme), else ""."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else ""


@require_POST
@staff_view(rules.MANAGE)
def registration_approve(request, event, pk):
    return _decide(request, event, pk, "approve")


@require_POST
@staff_view(rules.MANAGE)
def registration_reject(request, event, pk):
    return _decide(request, event, pk, "reject")


@staff_view(rules.MANAGE)
def registration_cancel(request, event, pk):
    """Cancel one registration after a confirmation page: reason and whether to email them."""
    registration = get_object_or_404(Registration, event=event, pk=pk)
    form = StaffCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel_registration(
                registration,
                actor=request.user,
                reason=form.cleaned_data["message"],
                notify=form.cleaned_data["notify"],
            )
        except RegistrationError as error:
            messages.error(request, str(error))
        else:
            told = "they have been emailed" if form.cleaned_data["notify"] else "nobody was emailed"
            messages.success(
                request, f"The registration of {registration.full_name} is cancelled; {told}."
            )
        return redirect("registration_staff:detail", event.slug, pk)
    return render(
        request,
        "registration/staff/cancel.html",
        _context(event, "list", registration=registration, form=form),
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_view(rules.MANAGE)
def registration_bulk(request: HttpRequest, event: Event) -> HttpResponse:
    """Approve, reject, cancel, message or check in the registrations ticked in the list."""
    actions = dict(BULK_ACTIONS)
    if not request.user.has_perm(rules.CHECK_IN, event):
        actions.pop("check_in")
    form = BulkActionForm(request.POST, event=event, actions=actions)
    back = request.POST.get("next") or reverse("registration_staff:list", args=[event.slug])
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect(back)
    data = form.cleaned_data
    result = apply_bulk(
        event,
        ids=data["ids"],
        action=data["action"],
        actor=request.user,
        message=data["message"],
        subject=data["subject"],
        notify=data["notify"],
    )
    verb = BULK_ACTIONS[data["action"]].lower()
    messages.success(request, f"{verb.capitalize()}: done for {len(result.done)}.")
    for registration, reason in result.refused:
        messages.warning(
            request, f"{registration.full_name or registration.email}: not done ({reason})"
        )
    return redirect(back)


@require_POST
@staff_view(rules.MANAGE)
def registration_resend(request, event, pk):
    registration = get_object_or_404(Registration, event=event, pk=pk)
    if registration.anonymised_at:
        messages.error(request, "This registration is anonymised; there is no one to write to.")
    else:
        kind = resend_confirmation(registration, actor=request.user)
        messages.success(request, f"The “{kind}” email is on its way to {registration.email}.")
    return redirect("registration_staff:detail", event.slug, pk)


@staff_view(rules.MANAGE)
def registration_edit(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """Staff correct a registrant's answers (the email stays: it identifies the seat)."""
    registration = get_object_or_404(event_registrations(event), pk=pk)
    rtype = registration.registration_type
    rtype.event = event
    form = RegistrationForm(
        request.POST or None,
        registration_type=rtype,
        editing=True,
        initial=RegistrationForm.initial_from(registration),
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_answers(
                registration,
                answers=form.answers(),
                actor=request.user,
                accessibility_request=form.cleaned_data.get("accessibility_request", ""),
                marketing_opt_in=form.cleaned_data.get("marketing_opt_in", False),
            )
        except RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Answers saved.")
        return redirect("registration_staff:detail", event.slug, pk)
    return render(
        request,
        "registration/staff/edit.html",
        _context(
            event,
            "list",
            form=form,
            registration=registration,
            registration_type=rtype,
            organisations=Organisation.objects.values_list("name", flat=True)[:500],
        ),
        status=400 if request.method == "POST" else 200,
    )


@staff_view(rules.MANAGE)
def registration_add(request: HttpRequest, event: Event) -> HttpResponse:
    """Add a registration by hand (phone or email requests); the same ``register`` as the public form."""
    types = list(RegistrationType.objects.filter(event=event))
    if not types:
        messages.error(request, "Create a registration type first.")
        return redirect("registration_staff:types", event.slug)
    rtype = next((t for t in types if t.slug == request.GET.get("type")), types[0])
    rtype.event = event
    form = RegistrationForm(request.POST or None, registration_type=rtype)
    if "access_code" in form.fields:
        form.fields["access_code"].required = False
    form.fields["privacy_consent"].label = "The registrant agreed to the privacy notice."
    form.fields["q_email"].required = False
    form.fields["q_email"].help_text = "Optional when added by hand: without it, no email is sent."
    form.fields["notify"] = forms.BooleanField(
        label="Email the registrant (confirmation, waiting list or received).",
        required=False,
        initial=True,
    )
    form.fields["over_capacity"] = forms.BooleanField(
        label="Confirm a seat even if the type or the event is full (capacity override).",
        required=False,
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = register(
                event,
                rtype,
                answers=form.answers(),
                email=form.email,
                accessibility_request=form.cleaned_data.get("accessibility_request", ""),
                privacy_consent=True,
                marketing_opt_in=form.cleaned_data.get("marketing_opt_in", False),
                actor=request.user,
                notify=form.cleaned_data.get("notify", False),
                over_capacity=form.cleaned_data.get("over_capacity", False),
            )
        except DuplicateRegistration as error:
            form.add_error(
                "q_email",
                f"{error} ({error.existing.get_status_display()}, "
                f"registered {error.existing.created_at:%Y-%m-%d}).",
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"{registration.full_name} is registered: "
                f"{registration.get_status_display().lower()}.",
            )
            return redirect("registration_staff:detail", event.slug, registration.pk)
    return render(
        request,
        "registration/staff/add.html",
        _context(
            event,
            "add",
            form=form,
            types=types,
            registration_type=rtype,
            organisations=Organisation.objects.values_list("name", flat=True)[:500],
        ),
        status=400 if request.method == "POST" else 200,
    )


@staff_view(rules.MANAGE)
def message_registrants_view(request: HttpRequest, event: Event) -> HttpResponse:
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = message_registrants(
            event,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            actor=request.user,
            statuses=form.statuses(),
        )
        messages.success(
            request, f"Message queued to {count} registrant{'s' if count != 1 else ''}."
        )
        return redirect("registration_staff:list", event.slug)
    return render(
        request,
        "registration/staff/message.html",
        _context(event, "message", form=form),
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_view(rules.MANAGE)
def schedule_reminders(request: HttpRequest, event: Event) -> HttpResponse:
    """Schedule the reminder email N hours before the start, through the task backend."""
    try:
        hours = int(request.POST.get("hours_before", "24"))
        if not 1 <= hours <= 24 * 30:
            raise ValueError
    except ValueError:
        messages.error(request, "Hours before the start: a whole number from 1 to 720.")
        return redirect("registration_staff:message", event.slug)
    try:
        when = schedule_event_reminders(event, hours_before=hours, actor=request.user)
    except ReminderNotScheduled as error:
        messages.error(request, str(error))
    else:
        local = timezone.localtime(when, event.tz)
        messages.success(
            request,
            f"Reminders scheduled for {local:%A, %B %-d, %Y at %-I:%M %p} ({event.time_zone}).",
        )
    return redirect("registration_staff:message", event.slug)


@require_POST
@staff_view(rules.MANAGE)
def updated_invitations(request: HttpRequest, event: Event) -> HttpResponse:
    count = send_updated_invitations(event, actor=request.user)
    messages.success(
        request,
        f"Updated calendar invitations queued to {count} confirmed registrant"
        f"{'s' if count != 1 else ''}.",
    )
    return redirect("registration_staff:message", event.slug)


@staff_view(rules.EXPORT)
def export(request: HttpRequest, event: Event, fmt: str) -> HttpResponse:
    queryset = event_registrations(event).order_by("registration_type__order", "created_at", "id")
    filterset = RegistrationFilter(request.GET or None, queryset=queryset, event=event)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    if fmt == "csv":
        response = HttpResponse(export_csv(event, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        response = HttpResponse(export_json(event, rows), content_type="application/json")
    else:
        response = HttpResponse(
            export_xlsx(event, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.{fmt}"'
    AuditEntry.objects.create(
        event=event,
        actor=request.user,
        action="export.downloaded",
        data={"format": fmt, "rows": len(rows)},
    )
    return response


@staff_view(rules.VIEW)
def audit_log(request: HttpRequest, event: Event) -> HttpResponse:
    entries = AuditEntry.objects.filter(event=event).select_related("actor", "registration")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "registration/staff/audit.html", _context(event, "audit", page=page))


# --- registration types and their forms ----------------------------------------------------------
@staff_view(rules.VIEW)
def type_list(request: HttpRequest, event: Event) -> HttpResponse:
    template = template_event()
    return render(
        request,
        "registration/staff/types.html",
        _context(
            event,
            "types",
            counts=counts_by_type(event),
            template_event=template,
            is_template=template is not None and template.pk == event.pk,
        ),
    )


@staff_view(rules.MANAGE)
@require_POST
def type_template(request: HttpRequest, event: Event) -> HttpResponse:
    """Use this event's types and forms for new events (or go back to the built-in default)."""
    if request.POST.get("use") == "default":
        set_template_event(None, actor=request.user)
        messages.success(
            request, "New events get the built-in setup (General; Media with approval)."
        )
    else:
        set_template_event(event, actor=request.user)
        messages.success(request, "New events will copy this event's registration types and forms.")
    return redirect("registration_staff:types", event.slug)


@staff_view(rules.MANAGE)
def type_edit(request: HttpRequest, event: Event, pk: int | None = None) -> HttpResponse:
    """Settings of a registration type; its times are entered in the event's time zone."""
    with timezone.override(event.tz):
        response = _type_edit(request, event, pk)
        if hasattr(response, "render"):
            response.render()
        return response


def _type_edit(request: HttpRequest, event: Event, pk: int | None) -> HttpResponse:
    instance = get_object_or_404(RegistrationType, event=event, pk=pk) if pk else None
    original_capacity = instance.capacity if instance else None
    initial = {}
    if instance is None:
        initial = {
            "order": (
                RegistrationType.objects.filter(event=event).aggregate(m=Max("order"))["m"] or 0
            )
            + 1
        }
    form = RegistrationTypeForm(
        request.POST or None, instance=instance, event=event, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        capacity = data.pop("capacity")
        if instance is None:
            rtype = create_registration_type(event, actor=request.user, capacity=capacity, **data)
            messages.success(
                request,
                f"“{rtype.name}” created with the default form; adjust its questions below.",
            )
            return redirect("registration_staff:form_editor", event.slug, rtype.pk)
        # The ModelForm wrote the new values onto the instance; restore, then change through the domain.
        instance.refresh_from_db()
        promoted = update_registration_type(instance, actor=request.user, capacity=capacity, **data)
        note = f" {len(promoted)} promoted from the waiting list." if promoted else ""
        messages.success(request, f"“{instance.name}” saved.{note}")
        return redirect("registration_staff:types", event.slug)
    return render(
        request,
        "registration/staff/type_form.html",
        _context(
            event,
            "types",
            form=form,
            registration_type=instance,
            original_capacity=original_capacity,
        ),
        status=400 if request.method == "POST" else 200,
    )


def _form_item(request: HttpRequest, items, what: str):
    """The section or question named by POST `item` among `items`; None (with a message) if none."""
    raw = request.POST.get("item", "")
    item = items.filter(pk=int(raw)).first() if raw.isascii() and raw.isdigit() else None
    if item is None:
        messages.error(request, f"There is no {what} “{raw[:40]}” on this form; reload the page.")
    return item


@staff_view(rules.MANAGE)
def form_editor(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """The form of one registration type: sections and questions; add, move, remove (POST actions)."""
    rtype = get_object_or_404(RegistrationType, event=event, pk=pk)
    rtype.event = event
    section_form = SectionForm(prefix="section")
    question_form = QuestionForm(prefix="question", registration_type=rtype)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "add_section":
                section_form = SectionForm(request.POST, prefix="section")
                if section_form.is_valid():
                    form_editing.add_section(
                        rtype, title=section_form.cleaned_data["title"], actor=request.user
                    )
                    messages.success(request, "Section added.")
                    return redirect(request.path)
            elif action == "add_question":
                question_form = QuestionForm(
                    request.POST, prefix="question", registration_type=rtype
                )
                if question_form.is_valid():
                    data = question_form.cleaned_data
                    form_editing.add_question(
                        data["section"],
                        label=data["label"],
                        kind=data["kind"],
                        required=data["required"],
                        help_text=data["help_text"],
                        choices=data["choices"],
                        max_length=data["max_length"],
                        actor=request.user,
                    )
                    messages.success(request, f"Question “{data['label']}” added.")
                    return redirect(request.path)
            elif action in ("section_up", "section_down", "remove_section"):
                section = _form_item(
                    request, FormSection.objects.filter(registration_type=rtype), "section"
                )
                if section is not None:
                    if action == "remove_section":
                        form_editing.remove_section(section, actor=request.user)
                    else:
                        direction = -1 if action == "section_up" else 1
                        form_editing.move_item(section, direction=direction, actor=request.user)
                    return redirect(request.path)
            elif action in ("question_up", "question_down", "remove_question"):
                question = _form_item(
                    request, Question.objects.filter(section__registration_type=rtype), "question"
                )
                if question is not None:
                    if action == "remove_question":
                        form_editing.remove_question(question, actor=request.user)
                        messages.success(request, f"Question “{question.label}” removed.")
                    else:
                        direction = -1 if action == "question_up" else 1
                        form_editing.move_item(question, direction=direction, actor=request.user)
                    return redirect(request.path)
        except RegistrationError as error:
            messages.error(request, str(error))
            return redirect(request.path)
    sections = rtype.sections.prefetch_related("questions")
    preview = RegistrationForm(registration_type=rtype)
    return render(
        request,
        "registration/staff/form_editor.html",
        _context(
            event,
            "types",
            registration_type=rtype,
            sections=sections,
            section_form=section_form,
            question_form=question_form,
            preview=preview,
        ),
        status=400 if request.method == "POST" else 200,
    )


@staff_view(rules.MANAGE)
def question_edit(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.select_related("section__registration_type"),
        section__registration_type__event=event,
        pk=pk,
    )
    rtype = question.section.registration_type
    form = QuestionForm(request.POST or None, instance=question, registration_type=rtype)
    if request.method == "POST" and form.is_valid():
        question = form.save(commit=False)
        question.choices = form.cleaned_data["choices"]
        question.save()
        AuditEntry.objects.create(
            event=event,
            actor=request.user,
            action="form.question_changed",
            data={"type": rtype.name, "question": question.label},
        )
        messages.success(request, "Question saved.")
        return redirect("registration_staff:form_editor", event.slug, rtype.pk)
    return render(
        request,
        "registration/staff/question_form.html",
        _context(event, "types", form=form, question=question, registration_type=rtype),
        status=400 if request.method == "POST" else 200,
    )
