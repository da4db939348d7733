"""Publications (reports, analyses, articles…) and the ones tied to an event."""

from podium.publications.models.publication import EventPublication, Publication

__all__ = ["EventPublication", "Publication"]
