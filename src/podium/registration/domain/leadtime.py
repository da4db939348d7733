"""Business-day lead time for accessibility requests.

numpy's business-day calendar does the counting (weekends skipped); public
holidays come from the ``holidays`` package for ``settings.PODIUM_HOLIDAY_COUNTRY``
(default "US"; empty to disable) plus any ISO dates in ``settings.PODIUM_HOLIDAYS``.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
from django.conf import settings
from django.utils import timezone


def holiday_dates(years: list[int]) -> list[dt.date]:
    """Holidays that do not count as business days, for the given years."""
    country = getattr(settings, "PODIUM_HOLIDAY_COUNTRY", "US")
    extra = tuple(str(value) for value in getattr(settings, "PODIUM_HOLIDAYS", []))
    return list(_holiday_dates(country, extra, tuple(years)))


@functools.lru_cache(maxsize=64)
def _holiday_dates(country: str, extra: tuple[str, ...], years: tuple[int, ...]) -> tuple:
    """Computed once per process for each (country, extra days, years): every form page asks."""
    dates: set[dt.date] = set()
    if country:
        import holidays

        dates.update(holidays.country_holidays(country, years=list(years)).keys())
    for value in extra:
        dates.add(dt.date.fromisoformat(value[:10]))
    return tuple(sorted(dates))


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days from ``start`` (counted) up to ``end`` (not counted); 0 if end <= start."""
    if end <= start:
        return 0
    years = list(range(start.year, end.year + 1))
    return int(np.busday_count(start, end, holidays=holiday_dates(years)))


def accessibility_deadline(event) -> dt.date:
    """The last day (event's time zone) on which a request gives the required notice."""
    event_day = timezone.localtime(event.starts_at, event.tz).date()
    years = [event_day.year - 1, event_day.year]
    day = np.busday_offset(
        event_day,
        -int(event.accessibility_lead_days or 0),
        roll="forward",
        holidays=holiday_dates(years),
    )
    return day.astype(dt.date)


def is_inside_lead_time(event, *, now: dt.datetime | None = None) -> bool:
    """True when a request made ``now`` gives less notice than the event asks for."""
    lead = int(event.accessibility_lead_days or 0)
    if lead == 0:
        return False
    today = timezone.localtime(now or timezone.now(), event.tz).date()
    event_day = timezone.localtime(event.starts_at, event.tz).date()
    return business_days_between(today, event_day) < lead
