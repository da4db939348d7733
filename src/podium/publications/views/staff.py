"""Staff pages for publications and an event's related publications (thin views)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from podium.common.views.staff import check_staff, staff_view
from podium.publications.domain.publications import (
    choose_related_publications,
    save_publication,
    set_publication_status,
)
from podium.publications.domain.related import related_publications
from podium.publications.interfaces.forms import PublicationForm, RelatedPublicationsForm
from podium.publications.models import Publication


@staff_view(event=False)
def publication_list(request):
    publications = Publication.objects.prefetch_related("topics").order_by("-published_on")
    return render(
        request,
        "staff/publications/publication_list.html",
        {"staff_nav": "publications", "publications": publications},
    )


@staff_view(event=False)
def publication_form(request, pk: int | None = None):
    publication = get_object_or_404(Publication, pk=pk) if pk else Publication()
    check_staff(
        request,
        "publications.change_publication" if pk else "publications.add_publication",
        publication if pk else None,
    )
    form = PublicationForm(request.POST or None, request.FILES or None, instance=publication)
    if request.method == "POST" and form.is_valid():
        publication = save_publication(
            form.save(commit=False),
            by=request.user,
            topics=form.cleaned_data["topics"],
            authors=form.cleaned_data["authors"],
        )
        messages.success(request, "Publication saved." if pk else "Publication created as a draft.")
        return redirect("staff:publication_edit", pk=publication.pk)
    return render(
        request,
        "staff/publications/publication_form.html",
        {"staff_nav": "publications", "form": form, "publication": publication if pk else None},
    )


@staff_view(event=False)
@require_POST
def publication_status(request, pk: int):
    publication = get_object_or_404(Publication, pk=pk)
    check_staff(request, "publications.publish_publication", publication)
    status = request.POST.get("status", "")
    if status in Publication.Status.values:
        set_publication_status(publication, status=status, by=request.user)
        messages.success(request, "Published." if status == "published" else "Back to draft.")
    return redirect("staff:publication_edit", pk=publication.pk)


@staff_view("events.change_event")
def event_related(request, event):
    chosen = [link.publication for link in event.chosen_publications.select_related("publication")]
    form = RelatedPublicationsForm(request.POST or None, initial={"publications": chosen})
    if request.method == "POST" and form.is_valid():
        picked = list(form.cleaned_data["publications"])
        # Keep the earlier order of publications that stay; new ones go after them.
        order = {p.pk: i for i, p in enumerate(chosen)}
        picked.sort(key=lambda p: order.get(p.pk, len(order)))
        choose_related_publications(event, publications=picked, by=request.user)
        messages.success(request, "Related publications saved.")
        return redirect("staff:event_detail", slug=event.slug)
    return render(
        request,
        "staff/events/related_form.html",
        {
            "staff_nav": "events",
            "event": event,
            "form": form,
            "suggested": [r for r in related_publications(event) if not r.chosen],
        },
    )
