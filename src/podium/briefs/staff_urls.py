"""Editor pages of a brief, under /staff/events/<slug>/brief/ (included by podium.urls)."""

from django.urls import path

from podium.briefs.views import media, staff

app_name = "briefs_staff"
urlpatterns = [
    path("", staff.workspace, name="overview"),
    path("transcript/", staff.upload_transcript, name="upload_transcript"),
    path("recording/", staff.upload_recording, name="upload_recording"),
    path("import/", staff.import_brief_view, name="import"),
    path("samples/<str:filename>", media.demo_sample, name="demo_sample"),
    path("jobs/<int:job_id>/", staff.job_status, name="job"),
    path("jobs/<int:job_id>/retry/", staff.job_retry, name="job_retry"),
    path("recordings/<int:recording_id>/remove/", staff.recording_remove, name="recording_remove"),
    path(
        "recordings/<int:recording_id>/replace/",
        staff.recording_replace,
        name="recording_replace",
    ),
    path("speakers/", staff.speakers, name="speakers"),
    path("transcript/edit/", staff.transcript_editor, name="transcript_editor"),
    path("transcript/edit/cues/<int:index>/", staff.transcript_cue, name="transcript_cue"),
    path("transcript/edit/reassign/", staff.transcript_reassign, name="transcript_reassign"),
    path("transcript/edit/split/", staff.transcript_split, name="transcript_split"),
    path("transcript/edit/merge/", staff.transcript_merge, name="transcript_merge"),
    path("generate/", staff.generate, name="generate"),
    path("review/", staff.review, name="review"),
    path("sections/<int:number>/edit/", staff.section_edit, name="section_edit"),
    path("document/", staff.document, name="document"),
    path("drafts/<str:key>/", staff.draft, name="draft"),
    path("findings/<int:index>/apply/", staff.apply_finding, name="apply"),
    path("approve/", staff.approve_view, name="approve"),
    path("publish/", staff.publish_view, name="publish"),
    path("unpublish/", staff.unpublish_view, name="unpublish"),
    path("transcript/visibility/", staff.transcript_visibility, name="transcript_visibility"),
    path("transcript/download.<str:fmt>", staff.transcript_download, name="transcript_download"),
    path("history/", staff.history, name="history"),
    path("history/diff/", staff.diff, name="diff"),
    path("history/<int:number>/restore/", staff.restore, name="restore"),
]
