"""`podium demo` never touches existing accounts unasked, and refuses a database it did not create."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.contrib.auth.models import User

from podium.common.models import DemoDatabaseMarker
from podium.demo.load import DEMO_PASSWORD, NotADemoDatabase, claim_demo_database, load_demo
from tests.conftest import REPO

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_existing_accounts_keep_their_passwords_and_rights():
    admin = User.objects.create_user("admin", password="the institute's own password")
    load_demo(other_apps=False)
    admin.refresh_from_db()
    assert admin.check_password("the institute's own password")
    assert not admin.check_password(DEMO_PASSWORD) and not admin.is_superuser
    assert User.objects.get(username="editor").check_password(DEMO_PASSWORD)  # new: demo's


def test_reset_demo_passwords_sets_them_when_asked():
    User.objects.create_user("staff", password="the institute's own password")
    load_demo(other_apps=False, reset_passwords=True)
    assert User.objects.get(username="staff").check_password(DEMO_PASSWORD)


def test_the_demo_claims_an_empty_database_and_refuses_another():
    claim_demo_database()
    assert DemoDatabaseMarker.objects.count() == 1
    User.objects.create_user("someone")
    claim_demo_database()  # marked as the demo's: fine, nothing added
    assert DemoDatabaseMarker.objects.count() == 1
    DemoDatabaseMarker.objects.all().delete()
    with pytest.raises(NotADemoDatabase, match="not created by `podium demo`"):
        claim_demo_database()


@pytest.mark.slow
def test_podium_demo_refuses_a_real_database(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHONPATH": str(REPO / "src"),
        "PODIUM_DATA_DIR": str(tmp_path),
        "DJANGO_SUPERUSER_PASSWORD": "the institute's own password",
    }
    for step in (
        ["manage", "migrate", "-v", "0"],
        ["manage", "createsuperuser", "--noinput", "--username", "admin", "--email", "a@x.org"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "podium", *step], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    demo = subprocess.run(
        [sys.executable, "-m", "podium", "demo", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert demo.returncode == 2, demo.stdout + demo.stderr
    assert "not created by `podium demo`" in demo.stderr and "Traceback" not in demo.stderr
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='podium.settings'; django.setup();"
            "from django.contrib.auth.models import User; from podium.events.models import Event;"
            "u = User.objects.get(username='admin');"
            'print(u.check_password("the institute\'s own password"), Event.objects.count())',
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.stdout.split() == ["True", "0"], check.stderr
