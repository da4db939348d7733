"""HTTP byte ranges (RFC 9110 §14): which part of a file a `Range` header asks for.

Browsers seek in `<video>` and `<audio>` by asking for `bytes=start-end`.
Django's `FileResponse` sends whole files only, so the file view uses this
to answer one range with 206 Partial Content, or 416 when the range lies past
the end. Rules kept from the RFC: a header that does not parse, a unit other
than bytes, several ranges at once, or an `If-Range` (we send no validators)
are all ignored, and the whole file is sent (200), which every client accepts.
"""

from __future__ import annotations

import re

_SINGLE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class RangeNotSatisfiable(Exception):
    """The range starts at or past the end of the file (answer 416)."""


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) byte, both inclusive, asked for by `header` in a file of `size` bytes.

    None means "send the whole file". Raises RangeNotSatisfiable for a range
    wholly past the end (or a suffix range of 0 bytes).
    """
    if not header:
        return None
    match = _SINGLE.match(header)
    if not match or not (match[1] or match[2]):
        return None
    first, last = match[1], match[2]
    if first:
        start = int(first)
        end = int(last) if last else size - 1
        if last and end < start:
            return None  # invalid syntax: ignored
        if start >= size:
            raise RangeNotSatisfiable(f"bytes {start}- of {size}")
        return start, min(end, size - 1)
    suffix = int(last)
    if suffix == 0 or size == 0:
        raise RangeNotSatisfiable(f"last 0 bytes of {size}")
    return max(0, size - suffix), size - 1
