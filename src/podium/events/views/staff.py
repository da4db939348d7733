"""Staff pages for events, speakers, partners, people, organisations and topics.

Thin: each view checks the permission (rules, see accounts/rules.py), lets a
form validate the input and calls a domain function to save.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from podium.accounts.rules import is_limited_to_their_events
from podium.common.domain.transitions import TransitionError
from podium.common.views.staff import check_staff, staff_view
from podium.events.domain import events as domain
from podium.events.domain import transitions as lifecycle
from podium.events.interfaces.forms import (
    CancelEventForm,
    EventForm,
    OrganisationForm,
    PartnerForm,
    PersonForm,
    PostponeEventForm,
    SpeakerForm,
    TopicForm,
)
from podium.events.models import Event, EventPartner, EventSpeaker, Organisation, Person, Topic
from podium.events.rules import events_for_user

WHEN_AND_WHERE = ("starts_at", "ends_at", "time_zone", "venue_name", "venue_address", "online_url")
"""Fields whose change means registrants' calendar invitations are out of date."""


# --- events -----------------------------------------------------------------
@staff_view(event=False)
def event_list(request):
    events = events_for_user(
        Event.objects.annotate(speaker_count=Count("speakers")), request.user
    ).order_by("-starts_at")
    status = request.GET.get("status")
    if status in Event.Status.values:
        events = events.filter(status=status)
    return render(
        request,
        "staff/events/event_list.html",
        {"staff_nav": "events", "events": events, "status": status},
    )


@staff_view("events.add_event", event=False)
def event_create(request):
    form = EventForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        domain.create_event(event, by=request.user, topics=form.cleaned_data["topics"])
        event.team.add(*form.cleaned_data["team"])
        if is_limited_to_their_events(request.user):
            event.team.add(request.user)  # so they can go on working on it
        messages.success(
            request,
            "Event created as a draft with the default registration setup. "
            "Add speakers, then preview and publish it.",
        )
        return redirect("staff:event_detail", slug=event.slug)
    return render(request, "staff/events/event_form.html", {"staff_nav": "events", "form": form})


@staff_view("events.preview_event")
def event_detail(request, event):
    return render(
        request,
        "staff/events/event_detail.html",
        {
            "staff_nav": "events",
            "event": event,
            "speakers": event.speakers.select_related("person__organisation"),
            "partners": event.partners.select_related("organisation"),
            "chosen": event.chosen_publications.select_related("publication"),
        },
    )


@staff_view("events.change_event")
def event_edit(request, event):
    before = {name: getattr(event, name) for name in WHEN_AND_WHERE}
    form = EventForm(request.POST or None, request.FILES or None, instance=event)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        domain.save_event(event, by=request.user, topics=form.cleaned_data["topics"])
        event.team.set(form.cleaned_data["team"])
        messages.success(request, "Event saved.")
        moved = [name for name in WHEN_AND_WHERE if getattr(event, name) != before[name]]
        if moved and event.registrations.filter(status="confirmed").exists():
            # The registration app's page; reversed by name so this app does not import it.
            messages.warning(
                request,
                "The date, time or place changed: send updated invitations to the confirmed "
                "registrants (Registrations → Message → Send updated invitations) so their "
                "calendars move the entry, and re-schedule reminders.",
            )
        return redirect("staff:event_detail", slug=event.slug)
    return render(
        request,
        "staff/events/event_form.html",
        {"staff_nav": "events", "form": form, "event": event},
    )


@staff_view("events.publish_event")
@require_POST
def event_status(request, event):
    action = request.POST.get("action")
    try:
        if action == "publish":
            lifecycle.publish_event(event, by=request.user)
            messages.success(request, "Published: the event page is public.")
        elif action == "unpublish":
            lifecycle.unpublish_event(event, by=request.user)
            messages.success(request, "Back to draft: the event page is hidden from the public.")
    except TransitionError as error:
        messages.error(request, str(error))
    return redirect("staff:event_detail", slug=event.slug)


@staff_view("events.add_event")
@require_POST
def event_copy(request, event):
    """A draft copy of this event (details, speakers, partners, registration types and forms)."""
    copy = domain.copy_event(event, by=request.user)
    messages.success(
        request,
        "This is a draft copy: speakers, partners and registration forms were copied, "
        "registrations were not. Set its date, then publish it.",
    )
    return redirect("staff:event_detail", slug=copy.slug)


@staff_view("events.publish_event")
def event_cancel(request, event):
    """Cancel with a confirmation page: reason, notify choice, and a box to tick."""
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.cancel_event(
                event,
                by=request.user,
                reason=form.cleaned_data["reason"],
                notify=form.cleaned_data["notify"],
            )
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                "Cancelled: registration is closed and the page says so"
                + (
                    "; registrants are being emailed."
                    if form.cleaned_data["notify"]
                    else " (nobody was emailed)."
                ),
            )
        return redirect("staff:event_detail", slug=event.slug)
    return render(
        request,
        "staff/events/event_lifecycle_form.html",
        {"staff_nav": "events", "event": event, "form": form, "action": "cancel"},
    )


@staff_view("events.publish_event")
def event_postpone(request, event):
    """Postpone to a new date (or to be announced); registrations stay, registrants are told."""
    form = PostponeEventForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.postpone_event(
                event,
                by=request.user,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                reason=form.cleaned_data["reason"],
                notify=form.cleaned_data["notify"],
            )
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Postponed ({event.when_display}); registrations stay"
                + ("; registrants are being emailed." if form.cleaned_data["notify"] else "."),
            )
        return redirect("staff:event_detail", slug=event.slug)
    return render(
        request,
        "staff/events/event_lifecycle_form.html",
        {"staff_nav": "events", "event": event, "form": form, "action": "postpone"},
    )


# --- speakers and partners ---------------------------------------------------
@staff_view("events.change_event")
def speaker_form(request, event, pk: int | None = None):
    speaker = (
        get_object_or_404(EventSpeaker, pk=pk, event=event) if pk else EventSpeaker(event=event)
    )
    if not pk:
        speaker.order = event.speakers.count()
    form = SpeakerForm(request.POST or None, instance=speaker, event=event)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data.get("person")
        if person is None:
            organisation = (
                domain.get_or_create_organisation(form.cleaned_data["new_organisation"])
                if form.cleaned_data["new_organisation"]
                else None
            )
            person = domain.save_person(
                Person(
                    name=form.cleaned_data["new_name"],
                    title=form.cleaned_data["new_title"],
                    organisation=organisation,
                ),
                by=request.user,
            )
        if pk and speaker.person_id != person.pk:
            speaker.delete()
        domain.add_speaker(
            event,
            person=person,
            role=form.cleaned_data["role"],
            order=form.cleaned_data["order"],
            title=form.cleaned_data["title"],
            organisation_name=form.cleaned_data["organisation_name"],
        )
        messages.success(request, f"{person.display_name} is on the programme.")
        return redirect("staff:event_detail", slug=event.slug)
    return render(
        request,
        "staff/events/speaker_form.html",
        {"staff_nav": "events", "form": form, "event": event, "speaker": speaker if pk else None},
    )


@staff_view("events.change_event")
@require_POST
def speaker_delete(request, event, pk: int):
    get_object_or_404(EventSpeaker, pk=pk, event=event).delete()
    if request.htmx:  # the row disappears in place
        return HttpResponse("")
    messages.success(request, "Speaker removed from this event (the person is kept).")
    return redirect("staff:event_detail", slug=event.slug)


@staff_view("events.change_event")
def partner_add(request, event):
    form = PartnerForm(request.POST or None, instance=EventPartner(event=event), event=event)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data.get("organisation") or domain.get_or_create_organisation(
            form.cleaned_data["new_organisation"]
        )
        domain.add_partner(
            event,
            organisation=organisation,
            kind=form.cleaned_data["kind"],
            order=form.cleaned_data["order"],
        )
        messages.success(request, f"{organisation} added.")
        return redirect("staff:event_detail", slug=event.slug)
    return render(
        request,
        "staff/events/partner_form.html",
        {"staff_nav": "events", "form": form, "event": event},
    )


@staff_view("events.change_event")
@require_POST
def partner_delete(request, event, pk: int):
    get_object_or_404(EventPartner, pk=pk, event=event).delete()
    messages.success(request, "Partner removed from this event.")
    return redirect("staff:event_detail", slug=event.slug)


# --- people, organisations, topics --------------------------------------------
@staff_view(event=False)
def person_list(request):
    people = Person.objects.select_related("organisation").annotate(events=Count("appearances"))
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(name__icontains=query)
    return render(
        request,
        "staff/people/person_list.html",
        {"staff_nav": "people", "people": people, "q": query},
    )


def _directory_form(request, model, form_class, save, *, pk, noun: str, nav: str, back: str):
    """Create or edit one person or organisation of the shared directory."""
    instance = get_object_or_404(model, pk=pk) if pk else model()
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        save(form.save(commit=False), by=request.user)
        messages.success(request, f"{noun.capitalize()} saved.")
        return redirect(back)
    return render(
        request,
        "staff/simple_form.html",
        {
            "staff_nav": nav,
            "form": form,
            "heading": f"Edit {instance}" if pk else f"New {noun}",
            "back": back,
            "multipart": True,
        },
    )


@staff_view("events.change_person", event=False)
def person_form(request, pk: int | None = None):
    return _directory_form(
        request,
        Person,
        PersonForm,
        domain.save_person,
        pk=pk,
        noun="person",
        nav="people",
        back="staff:person_list",
    )


@staff_view(event=False)
def organisation_list(request):
    organisations = Organisation.objects.annotate(
        people_count=Count("people"), partnership_count=Count("partnerships")
    )
    return render(
        request,
        "staff/people/organisation_list.html",
        {"staff_nav": "organisations", "organisations": organisations},
    )


@staff_view("events.change_organisation", event=False)
def organisation_form(request, pk: int | None = None):
    return _directory_form(
        request,
        Organisation,
        OrganisationForm,
        domain.save_organisation,
        pk=pk,
        noun="organisation",
        nav="organisations",
        back="staff:organisation_list",
    )


@staff_view(event=False)
def topic_list(request):
    form = TopicForm(request.POST or None)
    if request.method == "POST":
        check_staff(request, "events.add_topic")
        if form.is_valid():
            topic = domain.get_or_create_topic(form.cleaned_data["name"])
            messages.success(request, f"Topic “{topic}” added.")
            return redirect("staff:topic_list")
    topics = Topic.objects.annotate(
        event_count=Count("events", distinct=True),
        publication_count=Count("publications", distinct=True),
    )
    return render(
        request, "staff/topic_list.html", {"staff_nav": "topics", "topics": topics, "form": form}
    )
