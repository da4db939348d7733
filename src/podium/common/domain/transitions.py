"""The shared machinery of the site's state machines: one transition table and its error.

Each workflow (brief versions, registrations, later events) keeps its own
transition module, pretalx `submission` style: states are a
`models.TextChoices`, the allowed moves sit in ONE `TransitionTable`, one
private `_set_state` per module is the only place a state changes, and the
public transition functions call it. The table refuses everything it does not
list with `TransitionError`, whose text is the sentence views show.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.db import models


class TransitionError(Exception):
    """A state change the workflow does not allow; `str(error)` is fit to show to staff."""


@dataclass(frozen=True)
class TransitionTable:
    """Which state may follow which: `allowed[old]` is the set of states reachable from `old`."""

    thing: str
    """What changes state, for messages: "registration", "brief"."""
    states: type[models.TextChoices]
    allowed: Mapping[str, frozenset[str]]

    def __post_init__(self) -> None:
        known = set(self.states.values)
        for old, targets in self.allowed.items():
            unknown = ({old} | set(targets)) - known
            if unknown:
                raise ValueError(f"{self.thing} transitions name unknown states: {sorted(unknown)}")

    def allows(self, old: str, new: str) -> bool:
        return new in self.allowed.get(old, frozenset())

    def check(self, old: str, new: str, *, error: type[TransitionError] = TransitionError) -> None:
        """Raise `error` unless `old` -> `new` is in the table."""
        if not self.allows(old, new):
            article = "An" if self.thing[:1].lower() in "aeiou" else "A"
            raise error(
                f"{article} {self.thing} that is {self.label(old)} cannot become {self.label(new)}."
            )

    def label(self, state: str) -> str:
        return str(self.states(state).label).lower()

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Every allowed (old, new) pair, for tests and documentation."""
        for old, targets in self.allowed.items():
            for new in sorted(targets):
                yield old, new
