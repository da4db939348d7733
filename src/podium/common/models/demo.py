"""The mark `podium demo` leaves in a database it created, so it never loads into a real one."""

from django.db import models


class DemoDatabaseMarker(models.Model):
    """One row: this database was empty when `podium demo` first loaded the demo into it."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "demo database marker"

    def __str__(self) -> str:
        return f"demo database since {self.created_at:%Y-%m-%d %H:%M}"
