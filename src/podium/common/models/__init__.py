"""Site-wide rows that belong to no one app: the demo database marker."""

from podium.common.models.demo import DemoDatabaseMarker

__all__ = ["DemoDatabaseMarker"]
