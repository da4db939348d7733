"""The site's settings with one extra URL, for the error-logging test.

``DJANGO_SETTINGS_MODULE=tests.support.raising_site``: podium.settings
unchanged except the URLconf (``tests.support.raising_urls``), which adds
``/test-only/raise/`` in front of the site's own URLs.
"""

from podium.settings import *  # noqa: F403 - the production settings, unchanged

ROOT_URLCONF = "tests.support.raising_urls"
