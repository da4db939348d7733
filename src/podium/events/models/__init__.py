"""Events, the people who speak at them, and the organisations behind them."""

from podium.events.models.event import (
    Event,
    EventPartner,
    EventSpeaker,
    EventStateChange,
    Topic,
)
from podium.events.models.people import Organisation, Person

__all__ = [
    "Event",
    "EventPartner",
    "EventSpeaker",
    "EventStateChange",
    "Organisation",
    "Person",
    "Topic",
]
