"""Editor pages: upload, progress, speaker map, generate, review, edit, publish, history.

Thin: each view checks a permission from `podium.accounts.rules`, calls one
domain function and renders. HTMX requests get fragments (the job progress,
the review body); the same URLs work as plain form posts without scripts.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from podium.briefs import rules
from podium.briefs.domain import briefs as workflow
from podium.briefs.domain import editor as document_editor
from podium.briefs.domain import transitions
from podium.briefs.domain.content import event_speakers, load_brief, load_transcript
from podium.briefs.domain.errors import StaleVersion
from podium.briefs.domain.jobs import requeue_stale_jobs, retry_job, seconds_left
from podium.briefs.domain.queries.media import player_for_event, upload_samples
from podium.briefs.domain.queries.review import review_of
from podium.briefs.interfaces.forms import (
    DocumentTextForm,
    GenerateForm,
    ImportBriefForm,
    PublishForm,
    RecordingForm,
    SectionForm,
    TranscriptForm,
)
from podium.briefs.models import Brief, BriefVersion, Job, Recording
from podium.common.views.staff import staff_view
from podium.engine.errors import PodiumError


def brief_page(permission: str):
    """`staff_view(permission)` (event from the URL, permission on it), plus the event's brief row."""

    def decorator(view):
        @staff_view(permission)
        @functools.wraps(view)
        def wrapper(request, event, *args, **kwargs):
            return view(request, event, workflow.ensure_brief(event), *args, **kwargs)

        return wrapper

    return decorator


def _url(name: str, event, **kwargs) -> str:
    return reverse(f"briefs_staff:{name}", kwargs={"slug": event.slug, **kwargs})


def _permissions(user, event) -> dict:
    return {
        "can_edit": user.has_perm(rules.CHANGE, event),
        "can_publish": user.has_perm(rules.PUBLISH, event),
        "can_override": user.has_perm(rules.OVERRIDE, event),
        "can_run_workers": user.has_perm(rules.RUN_WORKERS, event),
    }


def _with_recordings(jobs):
    """Attach to each speech-to-text job the recording it reads (None once removed)."""
    ids = {j.params.get("recording") for j in jobs if j.kind == Job.Kind.TRANSCRIBE}
    found = {r.pk: r for r in Recording.objects.filter(pk__in=[i for i in ids if i])}
    for job in jobs:
        job.recording = found.get(job.params.get("recording"))
    return jobs


def _workspace_context(request, event, brief, **extra) -> dict:
    jobs = _with_recordings(list(Job.objects.filter(event=event)[:6]))
    active = [j for j in jobs if j.is_active]
    context = {
        "event": event,
        "brief": brief,
        "transcript": brief.transcript,
        "recordings": list(event.recordings.all()[:5]),
        "player": player_for_event(event),
        "jobs": jobs,
        "active_jobs": active,
        "versions": list(brief.versions.all()[:5]),
        "transcript_form": TranscriptForm(),
        "recording_form": RecordingForm(),
        "generate_form": GenerateForm(llm=workflow.llm_configured()),
        "import_form": ImportBriefForm(),
        "sample_files": [
            (name, _url("demo_sample", event, filename=name)) for name in upload_samples(event)
        ],
        **_permissions(request.user, event),
    }
    context.update(extra)
    return context


@brief_page(rules.VIEW)
def workspace(request, event, brief):
    return render(request, "briefs/staff/workspace.html", _workspace_context(request, event, brief))


@require_POST
@brief_page(rules.CHANGE)
def upload_transcript(request, event, brief):
    form = TranscriptForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                data, name = workflow.read_upload(upload), upload.name
            else:
                data, name = form.cleaned_data["text"].encode("utf-8"), "pasted transcript"
            job = workflow.queue_transcript(
                event=event,
                data=data,
                filename=name,
                format=form.cleaned_data.get("format") or None,
                user=request.user,
                origin="upload" if upload else "paste",
            )
            if form.cleaned_data.get("video_url"):
                workflow.add_recording(
                    event=event, video_url=form.cleaned_data["video_url"], user=request.user
                )
        except workflow.WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            job.refresh_from_db()  # a worker (or the immediate backend) may be done already
            if job.status == Job.Status.FAILED:
                form.add_error(None, job.message)
            elif job.status == Job.Status.SUCCEEDED:
                messages.success(request, f"Transcript read: {job.message}. Now map the speakers.")
                return redirect(_url("speakers", event))
            else:
                messages.info(
                    request, "Transcript received; it is being read. Then map the speakers."
                )
                return redirect(_url("overview", event))
    context = _workspace_context(request, event, brief, transcript_form=form)
    return render(request, "briefs/staff/workspace.html", context, status=400)


@require_POST
@brief_page(rules.CHANGE)
def upload_recording(request, event, brief):
    form = RecordingForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            _, job = workflow.add_recording(
                event=event,
                upload=form.cleaned_data.get("file"),
                video_url=form.cleaned_data.get("video_url") or "",
                user=request.user,
            )
        except workflow.WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            if job:
                messages.info(request, "Recording stored; speech-to-text is running.")
            else:
                messages.success(request, "Video link saved. Add the transcript below.")
            return redirect(_url("overview", event))
    context = _workspace_context(request, event, brief, recording_form=form)
    return render(request, "briefs/staff/workspace.html", context, status=400)


@require_POST
@brief_page(rules.CHANGE)
def import_brief_view(request, event, brief):
    form = ImportBriefForm(request.POST)
    if form.is_valid():
        try:
            workflow.import_brief(
                event=event,
                text=form.cleaned_data["text"],
                user=request.user,
                source="pasted brief",
            )
        except (PodiumError, workflow.WorkflowError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Brief imported and verified.")
            return redirect(_url("review", event))
    context = _workspace_context(request, event, brief, import_form=form)
    return render(request, "briefs/staff/workspace.html", context, status=400)


@brief_page(rules.VIEW)
def job_status(request, event, brief, job_id: int):
    return _job_fragment(request, event, job_id)


def _job_fragment(request, event, job_id: int):
    requeue_stale_jobs(event=event)
    job = get_object_or_404(Job, pk=job_id, event=event)
    _with_recordings([job])
    context = {
        "event": event,
        "job": job,
        "seconds_left": seconds_left(job),
        **_permissions(request.user, event),
    }
    return render(request, "briefs/staff/_job.html", context)


@require_POST
@brief_page(rules.CHANGE)
def job_retry(request, event, brief, job_id: int):
    job = get_object_or_404(Job, pk=job_id, event=event)
    try:
        retry_job(job=job, user=request.user)
    except workflow.WorkflowError as exc:
        if request.htmx:
            return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, str(exc))
        return redirect(_url("overview", event))
    if request.htmx:
        return _job_fragment(request, event, job_id)
    return redirect(_url("overview", event))


@require_POST
@brief_page(rules.CHANGE)
def recording_remove(request, event, brief, recording_id: int):
    recording = get_object_or_404(Recording, pk=recording_id, event=event)
    try:
        workflow.remove_recording(recording=recording, user=request.user)
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Recording “{recording}” removed.")
    return redirect(_url("overview", event))


@require_POST
@brief_page(rules.CHANGE)
def recording_replace(request, event, brief, recording_id: int):
    recording = get_object_or_404(Recording, pk=recording_id, event=event)
    form = RecordingForm(request.POST, request.FILES)
    if form.is_valid() and form.cleaned_data.get("file"):
        try:
            workflow.replace_recording(
                recording=recording, upload=form.cleaned_data["file"], user=request.user
            )
        except workflow.WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            messages.info(request, "Recording replaced; speech-to-text is running.")
            return redirect(_url("overview", event))
    elif form.is_valid():
        form.add_error(None, "Choose the file that replaces the recording.")
    context = _workspace_context(request, event, brief, recording_form=form)
    return render(request, "briefs/staff/workspace.html", context, status=400)


@brief_page(rules.VIEW)
def speakers(request, event, brief):
    transcript = brief.transcript
    if transcript is None:
        messages.info(request, "Upload a transcript first.")
        return redirect(_url("overview", event))
    error = None
    if request.method == "POST":
        if not request.user.has_perm(rules.CHANGE, event):
            raise PermissionDenied("You may not change the speaker map.")
        labels = request.POST.getlist("label")
        mapping = {label: request.POST.get(f"name-{i}", "") for i, label in enumerate(labels)}
        try:
            workflow.save_speaker_map(
                transcript_version=transcript, mapping=mapping, user=request.user
            )
        except workflow.WorkflowError as exc:
            error = str(exc)
        else:
            messages.success(request, "Speaker map saved.")
            target = "review" if brief.current_version_id else "overview"
            return redirect(_url(target, event) + ("" if target == "review" else "#generate"))
    context = {
        "event": event,
        "brief": brief,
        "transcript": transcript,
        "samples": workflow.speaker_samples(transcript),
        "names": [s.name for s in event_speakers(event)],
        "player": player_for_event(event),
        "error": error,
        **_permissions(request.user, event),
    }
    return render(request, "briefs/staff/speakers.html", context, status=400 if error else 200)


@require_POST
@brief_page(rules.CHANGE)
def generate(request, event, brief):
    form = GenerateForm(request.POST, llm=workflow.llm_configured())
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_url("overview", event) + "#generate")
    writer, sections = form.cleaned_data["writer"], form.cleaned_data["sections"]
    try:
        workflow.generate_brief(event=event, user=request.user, writer=writer, sections=sections)
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.info(request, "Writing the brief in the background.")
    return redirect(_url("overview", event))


def _review_context(request, event, brief, **extra) -> dict:
    version = brief.current_version
    context = {
        "event": event,
        "brief": brief,
        "version": version,
        "review": review_of(version) if version else None,
        "names": [s.name for s in event_speakers(event)],
        "player": player_for_event(event),
        "overrides": list(version.overrides.select_related("user")) if version else [],
        "needs_override": transitions.needs_override(version),
        "publish_form": PublishForm(),
        "mechanical_checks": workflow.MECHANICAL_CHECKS,
        "editing": None,
        "section_form": None,
        "error": None,
        **_permissions(request.user, event),
    }
    context.update(extra)
    return context


def _expected_version(request) -> int:
    """The version number the posted form was made from (0 when missing: never current)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


def _refused_as_stale(request, event, exc: workflow.WorkflowError):
    """A stale action: HTTP 409 with the sentence for HTMX, else a message on the reloaded review."""
    if request.htmx:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    messages.error(request, str(exc))
    return redirect(_url("review", event))


def _render_review(request, event, brief, status=200, **extra):
    brief.refresh_from_db()
    template = "briefs/staff/_review_body.html" if request.htmx else "briefs/staff/review.html"
    return render(request, template, _review_context(request, event, brief, **extra), status=status)


@brief_page(rules.VIEW)
def review(request, event, brief):
    if brief.current_version is None:
        messages.info(request, "There is no brief yet: generate or import one.")
        return redirect(_url("overview", event))
    return _render_review(request, event, brief)


@brief_page(rules.CHANGE)
def section_edit(request, event, brief, number: int):
    if brief.current_version is None:
        raise Http404("no brief")
    try:
        section = load_brief(brief.current_version).section(number)
    except KeyError:
        raise Http404("no such section") from None
    if request.method == "POST":
        form = SectionForm(request.POST)
        if form.is_valid():
            quote_speakers = dict(
                zip(
                    request.POST.getlist("quote_text"),
                    request.POST.getlist("quote_speaker"),
                    strict=False,
                )
            )
            try:
                workflow.edit_section(
                    brief=brief,
                    number=number,
                    user=request.user,
                    expected_version=_expected_version(request),
                    quote_speakers=quote_speakers,
                    **form.cleaned_data,
                )
            except StaleVersion as exc:
                return _refused_as_stale(request, event, exc)
            except workflow.WorkflowError as exc:
                form.add_error(None, str(exc))
            else:
                return _render_review(request, event, brief)
        return _render_review(
            request,
            event,
            brief,
            status=400,
            editing=number,
            section_form=form,
            quotes=section.quotes,
            draft_key=f"section-{number}",
        )
    initial = {
        "title": section.title,
        "start": "" if section.start is None else workflow.format_time(section.start),
        "speaker": section.speakers[0] if section.speakers else "",
        "summary": "\n\n".join(section.summary),
    }
    draft = document_editor.draft_for(brief=brief, user=request.user, key=f"section-{number}")
    if draft is not None:
        initial.update({k: v for k, v in draft.data.items() if k in initial})
    return _render_review(
        request,
        event,
        brief,
        editing=number,
        section_form=SectionForm(initial=initial),
        draft=draft,
        quotes=section.quotes,
        draft_key=f"section-{number}",
    )


def _document_context(request, event, brief, **extra) -> dict:
    version = brief.current_version
    document = document_editor.document_of(version)
    draft = document_editor.draft_for(brief=brief, user=request.user, key="document")
    initial = {k: document[k] for k in ("title", "intro", "context", "closing")}
    if draft is not None:
        initial.update({k: v for k, v in draft.data.items() if k in initial})
    context = {
        "event": event,
        "brief": brief,
        "version": version,
        "document": document,
        "text_form": DocumentTextForm(initial=initial),
        "draft": draft,
        "names": [s.name for s in event_speakers(event)],
        "error": None,
        "focus": "",
        **_permissions(request.user, event),
    }
    context.update(extra)
    return context


def _render_document(request, event, brief, status=200, **extra):
    brief.refresh_from_db()
    template = "briefs/staff/_document_body.html" if request.htmx else "briefs/staff/document.html"
    context = _document_context(request, event, brief, **extra)
    return render(request, template, context, status=status)


DOCUMENT_FIELDS = ("title", "intro", "context", "closing", "summary", "start", "speaker")
DOCUMENT_NUMBERS = ("part", "number", "at")


@brief_page(rules.CHANGE)
def document(request, event, brief):
    """The whole-document editor: text, Parts, and the order, merging and splitting of sections."""
    if brief.current_version is None:
        messages.info(request, "There is no brief yet: generate or import one.")
        return redirect(_url("overview", event))
    if request.method != "POST":
        return _render_document(request, event, brief)
    op = request.POST.get("op", "")
    fields = {k: request.POST[k] for k in DOCUMENT_FIELDS if k in request.POST}
    try:
        fields.update({k: int(request.POST[k]) for k in DOCUMENT_NUMBERS if k in request.POST})
    except ValueError:
        return _render_document(
            request, event, brief, status=400, error="The form was incomplete; reload the page."
        )
    if "direction" in request.POST:
        fields["direction"] = request.POST["direction"]
    if op == "add_part":
        fields["start"] = fields.pop("number", 0)
    try:
        version = document_editor.edit_document(
            brief=brief,
            op=op,
            user=request.user,
            expected_version=_expected_version(request),
            **fields,
        )
    except StaleVersion as exc:
        if request.htmx:
            return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
        messages.error(request, str(exc))
        return redirect(_url("document", event))
    except (PodiumError, workflow.WorkflowError) as exc:
        return _render_document(request, event, brief, status=400, error=str(exc))
    note = version.note if version.pk and version.number != _expected_version(request) else ""
    focus = request.POST.get("focus", "")
    if not request.htmx:
        if note:
            messages.success(request, f"Version {version.number}: {note}.")
        return redirect(_url("document", event))
    return _render_document(request, event, brief, saved=note, focus=focus)


@require_POST
@brief_page(rules.CHANGE)
def draft(request, event, brief, key: str):
    """Autosave: keep the text being typed (HTMX/fetch); `discard=1` throws the draft away."""
    try:
        if request.POST.get("discard") == "1":
            document_editor.discard_draft(brief=brief, user=request.user, key=key)
            message = "Draft discarded."
        else:
            data = {k: v for k, v in request.POST.items() if k not in ("version", "discard")}
            document_editor.save_draft(brief=brief, user=request.user, key=key, data=data)
            message = "Draft saved"
    except workflow.WorkflowError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    if request.htmx or request.headers.get("X-Podium-Autosave"):
        return HttpResponse(message, content_type="text/plain; charset=utf-8")
    messages.info(request, message)
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/staff/") else _url("review", event))


@require_POST
@brief_page(rules.CHANGE)
def apply_finding(request, event, brief, index: int):
    try:
        workflow.apply_suggestion(
            brief=brief, index=index, user=request.user, expected_version=_expected_version(request)
        )
    except StaleVersion as exc:
        return _refused_as_stale(request, event, exc)
    except workflow.WorkflowError as exc:
        return _render_review(request, event, brief, status=400, error=str(exc))
    return _render_review(request, event, brief)


@require_POST
@brief_page(rules.CHANGE)
def approve_view(request, event, brief):
    reason = request.POST.get("reason", "")
    if reason.strip() and not request.user.has_perm(rules.OVERRIDE, event):
        raise PermissionDenied("You may not override verification.")
    try:
        transitions.approve(
            brief=brief,
            user=request.user,
            override_reason=reason,
            expected_version=_expected_version(request),
        )
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Approved.")
    return redirect(_url("review", event))


@require_POST
@brief_page(rules.PUBLISH)
def publish_view(request, event, brief):
    form = PublishForm(request.POST)
    reason = form.data.get("reason", "")
    if reason.strip() and not request.user.has_perm(rules.OVERRIDE, event):
        raise PermissionDenied("You may not override verification.")
    try:
        transitions.publish(
            brief=brief,
            user=request.user,
            override_reason=reason,
            expected_version=_expected_version(request),
        )
    except StaleVersion as exc:
        return _refused_as_stale(request, event, exc)
    except workflow.WorkflowError as exc:
        return _render_review(request, event, brief, status=400, error=str(exc))
    messages.success(request, "Published: the brief is on the public event page.")
    return redirect(_url("review", event))


@require_POST
@brief_page(rules.PUBLISH)
def unpublish_view(request, event, brief):
    try:
        transitions.unpublish(brief=brief, user=request.user)
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect(_url("review", event))
    messages.success(request, "Unpublished: the public page no longer shows the brief.")
    return redirect(_url("review", event) if brief.current_version_id else _url("overview", event))


@require_POST
@brief_page(rules.PUBLISH)
def transcript_visibility(request, event, brief):
    workflow.set_transcript_visibility(
        brief=brief, show=request.POST.get("show") == "1", user=request.user
    )
    return redirect(_url("overview", event))


@brief_page(rules.VIEW)
def transcript_download(request, event, brief, fmt: str):
    from podium.briefs.views.public import TRANSCRIPT_FORMATS
    from podium.engine.transcript import format_transcript

    if fmt not in TRANSCRIPT_FORMATS or brief.transcript is None:
        raise Http404("no transcript")
    text = format_transcript(load_transcript(brief.transcript), fmt)
    response = HttpResponse(text, content_type=TRANSCRIPT_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-transcript.{fmt}"'
    return response


@brief_page(rules.VIEW)
def history(request, event, brief):
    versions = list(
        brief.versions.select_related("author", "transcript").prefetch_related("overrides__user")
    )
    return render(
        request,
        "briefs/staff/history.html",
        {"event": event, "brief": brief, "versions": versions, **_permissions(request.user, event)},
    )


@brief_page(rules.VIEW)
def diff(request, event, brief):
    try:
        a = int(request.GET.get("a", ""))
        b = int(request.GET.get("b", ""))
    except ValueError:
        raise Http404("choose two versions") from None
    old = get_object_or_404(BriefVersion, brief=brief, number=a)
    new = get_object_or_404(BriefVersion, brief=brief, number=b)
    return render(
        request,
        "briefs/staff/diff.html",
        {
            "event": event,
            "brief": brief,
            "old": old,
            "new": new,
            "lines": workflow.diff_versions(old, new),
        },
    )


@require_POST
@brief_page(rules.CHANGE)
def restore(request, event, brief, number: int):
    version = get_object_or_404(BriefVersion, brief=brief, number=number)
    try:
        new = workflow.restore_version(
            brief=brief,
            version=version,
            user=request.user,
            expected_version=_expected_version(request),
        )
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect(_url("history", event))
    messages.success(request, f"Version {number} restored as version {new.number}.")
    return redirect(_url("review", event))


# --- the transcript editor ---------------------------------------------------------------

TURNS_PER_PAGE = 150
"""Turns shown on one page of the transcript editor (a long event has thousands)."""


def _transcript_expected(request) -> int:
    try:
        return int(request.POST.get("transcript_version", ""))
    except ValueError:
        return 0


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@brief_page(rules.VIEW)
def transcript_editor(request, event, brief):
    return _transcript_page(request, event, brief)


def _transcript_page(request, event, brief, *, error: str = "", status: int = 200):
    from podium.briefs.domain import transcripts

    version = brief.transcript
    if version is None:
        messages.info(request, "Upload a transcript first.")
        return redirect(_url("overview", event))
    turns = transcripts.editor_turns(version)
    editing_cue = _int(request.GET.get("cue"))
    first = max(0, _int(request.GET.get("from"), 0))
    if editing_cue is not None:
        first = next(
            (
                t.index
                for t in turns
                if t.cues and t.cues[0].index <= editing_cue <= t.cues[-1].index
            ),
            first,
        )
        first -= first % TURNS_PER_PAGE
    first = min(first, max(0, len(turns) - 1))
    split = request.GET.get("split")
    labels = transcripts.editor_labels(turns)
    context = {
        "event": event,
        "brief": brief,
        "transcript": version,
        "turns": turns[first : first + TURNS_PER_PAGE],
        "turn_count": len(turns),
        "page_first": first,
        "previous_page": max(0, first - TURNS_PER_PAGE) if first else None,
        "next_page": first + TURNS_PER_PAGE if first + TURNS_PER_PAGE < len(turns) else None,
        "labels": labels,
        "names": [s.name for s in event_speakers(event)],
        "other_names": [
            s.name for s in event_speakers(event) if s.name not in {lb.name for lb in labels}
        ],
        "editing_cue": editing_cue,
        "split": split if split in {label.label for label in labels} else None,
        "split_turns": [t for t in turns if t.label == split],
        "versions": transcripts.transcript_versions(event),
        "verification": transcripts.latest_verification(event),
        "player": player_for_event(event),
        "error": error,
        **_permissions(request.user, event),
    }
    if context["verification"] is not None:
        context["seconds_left"] = seconds_left(context["verification"])
    return render(request, "briefs/staff/transcript_editor.html", context, status=status)


def _transcript_action(request, event, brief, action, *, anchor: str = ""):
    """Run one transcript edit; stale -> 409 (text for HTMX, the page with the sentence otherwise)."""
    from podium.briefs.domain.transcripts import StaleTranscript

    try:
        version = action(expected_version=_transcript_expected(request), user=request.user)
    except StaleTranscript as exc:
        if request.htmx:
            return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
        brief.refresh_from_db()
        return _transcript_page(request, event, brief, error=str(exc), status=409)
    except workflow.WorkflowError as exc:
        brief.refresh_from_db()
        return _transcript_page(request, event, brief, error=str(exc), status=400)
    messages.success(
        request, f"Transcript version {version.number}: {version.note or 'no change'}."
    )
    return redirect(_url("transcript_editor", event) + anchor)


@require_POST
@brief_page(rules.CHANGE)
def transcript_cue(request, event, brief, index: int):
    from podium.briefs.domain import transcripts

    def action(**kwargs):
        return transcripts.edit_cue(
            event=event, index=index, text=request.POST.get("text", ""), **kwargs
        )

    return _transcript_action(
        request, event, brief, action, anchor=f"?cue_saved={index}#cue-{index}"
    )


@require_POST
@brief_page(rules.CHANGE)
def transcript_reassign(request, event, brief):
    from podium.briefs.domain import transcripts

    first = _int(request.POST.get("first"))
    last = _int(request.POST.get("last")) if request.POST.get("last") else None

    def action(**kwargs):
        if first is None:
            raise workflow.WorkflowError("Choose the turn to reassign.")
        return transcripts.reassign_turns(
            event=event,
            first=first - 1,
            last=None if last is None else last - 1,
            speaker=request.POST.get("speaker", ""),
            **kwargs,
        )

    return _transcript_action(request, event, brief, action, anchor=f"#turn-{(first or 1) - 1}")


@require_POST
@brief_page(rules.CHANGE)
def transcript_split(request, event, brief):
    from podium.briefs.domain import transcripts

    def action(**kwargs):
        return transcripts.split_label(
            event=event,
            label=request.POST.get("label", ""),
            turns=[n for n in (_int(v) for v in request.POST.getlist("turn")) if n is not None],
            speaker=request.POST.get("speaker", "") or request.POST.get("new_label", ""),
            **kwargs,
        )

    return _transcript_action(request, event, brief, action)


@require_POST
@brief_page(rules.CHANGE)
def transcript_merge(request, event, brief):
    from podium.briefs.domain import transcripts

    def action(**kwargs):
        return transcripts.merge_labels(
            event=event,
            label=request.POST.get("label", ""),
            into=request.POST.get("into", ""),
            **kwargs,
        )

    return _transcript_action(request, event, brief, action)


__all__ = ["Brief"]
