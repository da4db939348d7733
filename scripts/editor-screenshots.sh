#!/bin/sh
# Refresh the brief editor's pictures in docs/briefs-site.md (docs/screenshots/brief-editor*.png,
# brief-review-keys.png): the browser journeys of tests/site/briefs/test_editor_browser.py take
# them in Debian's Chromium (/usr/bin/chromium) while they run.
set -e
cd "$(dirname "$0")/.."
PODIUM_SCREENSHOTS=docs/screenshots exec python -m pytest -p no:cacheprovider -q \
  tests/site/briefs/test_editor_browser.py "$@"
