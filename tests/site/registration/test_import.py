"""Importing registrations from CSV: the website's validation, then ``register``'s rules."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command

from podium.registration.models import AuditEntry, Registration

from .conftest import make_event, make_staff

pytestmark = pytest.mark.django_db
HEADER = "Email,First name,Last name,Organization,job_title,heard_from,marketing_opt_in,Accessibility request\n"


@pytest.fixture
def admin_user(db):
    user = make_staff("importer")
    user.is_superuser = True
    user.save()
    return user


def write(tmp_path, body: str):
    path = tmp_path / "people.csv"
    path.write_text("\ufeff" + HEADER + body, encoding="utf-8")
    return path


def test_import_registers_through_the_same_rules(tmp_path, capsys, admin_user, committed):
    event = make_event(capacity=2)
    path = write(
        tmp_path,
        "a@example.org,Ada,L,Org,Fellow,Social media;Other,yes,\n"
        "b@example.org,Bo,M,Org,Fellow,,no,Ramp\n"
        "c@example.org,Cy,N,Org,Fellow,,,\n"
        "A@EXAMPLE.org,Ada,Again,Org,Fellow,,,\n",
    )
    with committed(), pytest.raises(SystemExit) as exit_info:
        call_command("import_registrations", event.slug, str(path))
    assert exit_info.value.code == 1  # one duplicate skipped
    captured = capsys.readouterr()
    assert "imported 3 (2 confirmed, 1 waitlisted); skipped 1" in captured.out
    assert "people.csv:line 5: Email: This email address is already registered" in captured.err
    ada = Registration.objects.get(email="a@example.org")
    assert ada.answers["heard_from"] == ["Social media", "Other"] and ada.marketing_opt_in
    assert Registration.objects.get(email="b@example.org").accessibility_request == "Ramp"
    assert (
        AuditEntry.objects.get(registration=ada, action="registration.created").actor == admin_user
    )
    # without --notify only the accessibility contact hears (about the "Ramp" request)
    assert [m.to for m in mail.outbox] == [["EventRegistration@usip.org"]]


def test_bad_rows_import_nothing_and_name_the_line(tmp_path, capsys, admin_user):
    event = make_event()
    path = write(
        tmp_path,
        "good@example.org,Ada,L,Org,Fellow,,,\n"
        "not-an-email,Bo,M,Org,Fellow,,,\n"
        "c@example.org,,N,Org,Fellow,Carrier pigeon,,\n",
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_registrations", event.slug, str(path))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "people.csv:line 3: Email: Enter a valid email address" in err
    assert "people.csv:line 4: First name: This field is required." in err
    assert "people.csv:line 4: How did you hear about this event?: Please choose only among" in err
    assert Registration.objects.count() == 0


def test_import_dry_run_notify_and_bad_arguments(tmp_path, capsys, admin_user, committed):
    event = make_event()
    path = write(tmp_path, "a@example.org,Ada,L,Org,Fellow,,,\n")
    call_command("import_registrations", event.slug, str(path), "--dry-run")
    assert "1 row(s) are valid" in capsys.readouterr().out and Registration.objects.count() == 0
    with committed():
        call_command("import_registrations", event.slug, str(path), "--notify")
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    for args in (
        ["no-such-event", str(path)],
        [event.slug, str(path), "--type", "nope"],
        [event.slug, str(tmp_path / "missing.csv")],
        [event.slug, str(path), "--by", "ghost"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            call_command("import_registrations", *args)
        assert exit_info.value.code == 2
