"""Fixtures for archive tests: published and draft panel events, users, tasks run in-process."""

from __future__ import annotations

import pytest

from podium.briefs.domain import briefs as workflow
from tests.site.briefs.conftest import (
    PANEL_MAP,
    approve_and_publish,
    make_panel_event,
    make_user,
    media_tools,  # noqa: F401  (a fixture: the browser test's recording needs espeak-ng and ffmpeg)
    panel_brief_md,
    panel_vtt,
)


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def editor(db):
    return make_user("editor")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the archive's on-commit index tasks at the end of each block, as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def add_panel(*, editor, on_commit, publish: bool, vtt: str | None = None, **fields):
    """A panel event with its transcript mapped and a verified brief; published if asked."""
    with on_commit():
        event = make_panel_event(**fields)
        version = workflow.add_transcript(
            event=event, text=vtt or panel_vtt(), filename="panel.vtt", user=editor
        )
        workflow.save_speaker_map(transcript_version=version, mapping=PANEL_MAP, user=editor)
        workflow.import_brief(event=event, text=panel_brief_md(), user=editor, source="panel.md")
    if publish:
        with on_commit():
            approve_and_publish(workflow.ensure_brief(event), editor)
    return event
