"""Models of the briefs app: recordings, transcripts, briefs with versions, jobs.

Thin tables; every workflow (upload, generate, edit, publish, restore) lives in
`podium.briefs.domain`.
"""

from podium.briefs.models.brief import (
    Brief,
    BriefStateChange,
    BriefVersion,
    EditorDraft,
    Override,
)
from podium.briefs.models.job import Job
from podium.briefs.models.recording import Recording, TranscriptVersion

__all__ = [
    "Brief",
    "BriefStateChange",
    "BriefVersion",
    "EditorDraft",
    "Job",
    "Override",
    "Recording",
    "TranscriptVersion",
]
