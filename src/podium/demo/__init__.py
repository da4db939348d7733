"""Demo content: the two seed event pages and a committee meeting with a transcript.

`seeds/000_…txt` is a real after-event page (with the program brief Podium
must produce and verify); `seeds/003_…txt` a real before-event page with
general and media registration. Both are kept unchanged as the product's
reference pages; `podium demo` loads them into the site (`podium.demo.load`).

The slugs and the transcript path below are the contract with the briefs and
registration apps' demo loaders, which look the events up by these slugs.
"""

from pathlib import Path

SEEDS_DIR = Path(__file__).parent / "seeds"
SEED_AFTER_EVENT = SEEDS_DIR / "000_b9ac5712361d871e.txt"
SEED_BEFORE_EVENT = SEEDS_DIR / "003_12437eda0e2e3b45.txt"
DATA_DIR = Path(__file__).parent / "data"

SEED_BEFORE_SLUG = "why-peace-remains-elusive-on-the-korean-peninsula"
"""Seed 003, loaded as an upcoming event."""
SEED_AFTER_SLUG = "prospects-for-relations-with-north-korea"
"""Seed 000, loaded as a past event (its brief is the seed's, imported by the briefs app)."""
COMMITTEE_EVENT_SLUG = "children-and-young-people-in-the-pandemic"
"""A past committee evidence session; the briefs app writes its brief from `COMMITTEE_TRANSCRIPT`."""
COMMITTEE_TRANSCRIPT = DATA_DIR / "committee-education-0.vtt"
"""QMSum val/education_0 (MIT), times synthesised; see data/README.md."""
