"""Site test settings shared by this folder (see tests/site/common/factories.py)."""

import pytest

from tests.site.common.factories import use_fast_password_hashing


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    use_fast_password_hashing(settings)
