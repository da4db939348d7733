"""The brief state machine: its one transition table and the functions that move along it.

pretalx's `submission` state machine is the model. The states are
`Brief.Status` (draft -> in review -> approved -> published, and back to
review when unpublished or when a new version arrives); `TRANSITIONS` lists
every allowed move; `_set_state` is the only place a brief's status changes
(it checks the table, saves with `update_fields` and writes a
`BriefStateChange` row with the previous state and the actor); `approve`,
`publish`, `unpublish` and `new_version_state` are what views, the CLI, tasks
and tests call. An illegal move raises `InvalidBriefTransition` (a
`WorkflowError`, which the views show as a message).
"""

from __future__ import annotations

import logging

from django.utils import timezone

from podium.briefs.domain.errors import (
    InvalidBriefTransition,
    PublishBlocked,
    StaleVersion,
    WorkflowError,
)
from podium.briefs.models import Brief, BriefStateChange, BriefVersion, Override
from podium.common.domain.transitions import TransitionTable

log = logging.getLogger(__name__)
Status = Brief.Status

TRANSITIONS = TransitionTable(
    thing="brief",
    states=Status,
    allowed={
        Status.DRAFT: frozenset({Status.IN_REVIEW}),
        Status.IN_REVIEW: frozenset({Status.APPROVED}),
        Status.APPROVED: frozenset({Status.IN_REVIEW, Status.PUBLISHED}),
        Status.PUBLISHED: frozenset({Status.IN_REVIEW, Status.DRAFT}),
    },
)
"""old status -> the statuses it may become. A new version sends any brief back to review;
only an approved version can be published (approving one with `fail` findings needs an override)."""


def _set_state(
    brief: Brief,
    new: str,
    *,
    user,
    action: str,
    version: BriefVersion | None = None,
    fields: tuple[str, ...] = (),
) -> str:
    """The only place a brief's status changes; returns the previous status.

    Staying in the same state is not a transition: the other `fields` are saved
    and the change is recorded, but the table is not asked.
    """
    previous = brief.status
    if new != previous:
        TRANSITIONS.check(previous, new, error=InvalidBriefTransition)
    brief.status = new
    brief.save(update_fields=sorted({"status", "updated_at", *fields}))
    BriefStateChange.objects.create(
        brief=brief,
        action=action,
        previous=previous,
        state=new,
        version=version,
        actor=user if getattr(user, "is_authenticated", False) else None,
    )
    log.info(
        "brief %s: %s -> %s (%s) by %s", brief.pk, previous, new, action, getattr(user, "pk", None)
    )
    return previous


def new_version_state(brief: Brief, *, version: BriefVersion, user=None) -> None:
    """A new version became current (already set on `brief`): the brief goes (back) to review."""
    if brief.status == Status.IN_REVIEW:
        brief.save(update_fields=["current_version", "updated_at"])
        return
    _set_state(
        brief,
        Status.IN_REVIEW,
        user=user,
        action="new_version",
        version=version,
        fields=("current_version",),
    )


def stale_message(current: BriefVersion | None) -> str:
    """The sentence an editor sees when their form was made from an older version."""
    if current is None:
        return "This brief changed since you opened it; reload to see it."
    author = current.author
    name = (author.get_full_name() or author.get_username()) if author else "Podium"
    return (
        f"This brief changed since you opened it (version {current.number} by {name}); "
        "reload to see it."
    )


def check_version(brief: Brief, expected_version: int | None) -> None:
    """Refuse an action made from a version that is no longer current (optimistic concurrency).

    `expected_version` is the version number the editor's form was made from;
    None (CLI, demo loader, tasks) means "whatever is current".
    """
    if expected_version is None:
        return
    current = brief.current_version
    if current is None or current.number != expected_version:
        raise StaleVersion(stale_message(current))


def needs_override(version: BriefVersion | None) -> bool:
    return bool(version and version.fail_count and not version.overrides.exists())


def approve(
    *, brief: Brief, user, override_reason: str = "", expected_version: int | None = None
) -> Brief:
    """Approve the current version (in review -> approved); `fail` findings need an override."""
    version = brief.current_version
    if version is None:
        raise WorkflowError("There is nothing to approve yet.")
    check_version(brief, expected_version)
    if brief.status != Status.APPROVED:
        TRANSITIONS.check(brief.status, Status.APPROVED, error=InvalidBriefTransition)
    if needs_override(version):
        if not override_reason.strip():
            raise PublishBlocked(
                f"Version {version.number} has {version.fail_count} failing finding(s). "
                "Fix them, or approve it with a written override reason."
            )
        override(brief=brief, user=user, reason=override_reason)
    brief.approved_by, brief.approved_at = user, timezone.now()
    _set_state(
        brief,
        Status.APPROVED,
        user=user,
        action="approve",
        version=brief.current_version,
        fields=("approved_by", "approved_at"),
    )
    return brief


def override(*, brief: Brief, user, reason: str, expected_version: int | None = None) -> Override:
    """Record an editor's written reason to publish the current version despite `fail` findings."""
    check_version(brief, expected_version)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise WorkflowError(
            "Write why the failing findings may be published (at least 10 characters)."
        )
    version = brief.current_version
    if version is None:
        raise WorkflowError("There is nothing to override yet.")
    record = Override.objects.create(
        version=version, user=user, reason=reason, fail_count=version.fail_count
    )
    log.warning(
        "brief %s v%s: %s fail finding(s) overridden by %s",
        brief.pk,
        version.number,
        version.fail_count,
        getattr(user, "pk", None),
    )
    return record


def publish(
    *, brief: Brief, user, override_reason: str = "", expected_version: int | None = None
) -> Brief:
    """Publish the current version, which must be approved (or already the public one).

    `fail` findings need an override; it is normally given when approving.
    """
    version = brief.current_version
    if version is None:
        raise WorkflowError("There is nothing to publish yet.")
    check_version(brief, expected_version)
    if brief.status in (Status.DRAFT, Status.IN_REVIEW):
        raise WorkflowError(
            f"Version {version.number} is not approved yet: approve it before publishing."
        )
    if brief.status != Status.PUBLISHED:  # publishing the public version again changes nothing
        TRANSITIONS.check(brief.status, Status.PUBLISHED, error=InvalidBriefTransition)
    if needs_override(version):
        if not override_reason.strip():
            raise PublishBlocked(
                f"Version {version.number} has {version.fail_count} failing finding(s). "
                "Fix them, or override with a written reason."
            )
        override(brief=brief, user=user, reason=override_reason)
    brief.published_version = version
    brief.published_by, brief.published_at = user, timezone.now()
    _set_state(
        brief,
        Status.PUBLISHED,
        user=user,
        action="publish",
        version=version,
        fields=("published_version", "published_by", "published_at"),
    )
    return brief


def unpublish(*, brief: Brief, user) -> Brief:
    """Take the brief off the public page; it goes back to review (or draft with no version).

    A brief whose new version is in review while an older one is public stays
    in review: only the public version is withdrawn.
    """
    if brief.published_version_id is None:
        raise WorkflowError("The brief is not published.")
    brief.published_version = None
    new = Status.IN_REVIEW if brief.current_version_id else Status.DRAFT
    if brief.status not in (Status.PUBLISHED, new):
        new = brief.status
    _set_state(brief, new, user=user, action="unpublish", fields=("published_version",))
    return brief
