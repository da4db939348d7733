"""Site-wide rows that belong to no one app (the demo database marker), and model fields shared
by the apps (`podium.common.models.files`)."""

from podium.common.models.demo import DemoDatabaseMarker

__all__ = ["DemoDatabaseMarker"]
