"""Why the brief workflow refused an action: each error carries a sentence for the editor."""

from __future__ import annotations

from podium.common.domain.transitions import TransitionError

LLM_NOT_CONFIGURED = (
    "The language-model writer is not configured on this site (no LLM endpoint is set): "
    "choose the extractive writer, or ask the site administrator to configure one."
)


class WorkflowError(Exception):
    """An action the workflow refuses, with a sentence for the editor."""


class PublishBlocked(WorkflowError):
    """The version has `fail` findings and no editor has overridden them."""


class InvalidBriefTransition(WorkflowError, TransitionError):
    """A state change the brief table does not allow (e.g. approving a published brief)."""


class StaleVersion(WorkflowError):
    """The action was made from a version that is no longer current (another editor was faster)."""
