"""Demo content: the two seed event pages and a recorded demo event.

`seeds/000_…txt` is a real after-event page (with the program brief Podium
must produce and verify); `seeds/003_…txt` a real before-event page with
general and media registration. Both are kept unchanged as the product's
reference pages; `podium demo` loads them into the site.
"""

from pathlib import Path

SEEDS_DIR = Path(__file__).parent / "seeds"
SEED_AFTER_EVENT = SEEDS_DIR / "000_b9ac5712361d871e.txt"
SEED_BEFORE_EVENT = SEEDS_DIR / "003_12437eda0e2e3b45.txt"
