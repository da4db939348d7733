"""The one place that turns seconds into text and back.

Inside the engine, times are float seconds. Outside they read ``m:ss`` or
``h:mm:ss`` (the seed brief's ``▶ [10:40]`` and ``▶ [1:20:48]``), or the
cue form ``hh:mm:ss.mmm`` of WebVTT / SRT.
"""

from __future__ import annotations

import math
import re

MAX_SECONDS = 1000 * 3600.0
"""The latest time Podium reads: 1,000 hours into a recording. A later time is a
typo or garbage, and would not fit the cue formats' hours."""

_TIME = re.compile(r"^\s*(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{1,2})(?:[.,](?P<f>\d{1,3}))?\s*$")


def format_time(seconds: float) -> str:
    """``m:ss`` under an hour, ``h:mm:ss`` from an hour on (seconds truncated)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_cue_time(seconds: float, *, decimal: str = ".") -> str:
    """``hh:mm:ss.mmm`` (WebVTT) or, with ``decimal=","``, ``hh:mm:ss,mmm`` (SRT)."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{decimal}{millis:03d}"


def parse_time(text: str) -> float:
    """Read ``mm:ss``, ``h:mm:ss``, ``hh:mm:ss.mmm`` or ``hh:mm:ss,mmm`` into seconds.

    Raises ValueError with the offending text when it is not a time.
    """
    match = _TIME.match(text)
    if not match:
        raise ValueError(f"not a time: {text!r}")
    hours = int(match["h"] or 0)
    minutes = int(match["m"])
    secs = int(match["s"])
    if secs >= 60 or (match["h"] is not None and minutes >= 60):
        raise ValueError(f"not a time: {text!r}")
    fraction = float(f"0.{match['f']}") if match["f"] else 0.0
    seconds = hours * 3600 + minutes * 60 + secs + fraction
    if seconds > MAX_SECONDS:
        raise ValueError(f"not a time: {text!r} (later than {MAX_SECONDS / 3600:,.0f} hours)")
    return seconds


def is_seconds(value: object) -> bool:
    """Whether `value` is a number of seconds Podium accepts: finite, 0 to `MAX_SECONDS`."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= MAX_SECONDS
    )
