"""Importing registrations from a CSV file (an invitation list, another system's export).

Every row goes through the same form as the website (so the same field
errors) and then through ``register`` (so the same capacity, waiting-list and
duplicate rules). Columns are matched to questions by key or by label,
case-insensitively; ``email``, ``first_name``/``first name``, ``last_name``,
``accessibility_request`` and ``marketing_opt_in`` are understood too. Nothing
is imported unless every row is valid.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django import forms

from podium.registration.domain.errors import DuplicateRegistration, RegistrationError
from podium.registration.domain.registration import register
from podium.registration.interfaces.forms.registration import RegistrationForm

TRUE = {"1", "yes", "y", "true", "x", "on"}


@dataclass
class RowProblem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)
    invalid: list[RowProblem] = field(default_factory=list)


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a UTF-8 CSV file with a header (a BOM is fine)."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        return [(reader.line_num, row) for row in reader]


def _form_data(form: RegistrationForm, row: dict[str, str]) -> dict:
    names = {}
    for name, form_field in form.fields.items():
        names[name.lower()] = name
        names[name.removeprefix("q_").lower()] = name
        names[str(form_field.label).lower()] = name
    names.update(
        {
            "first name": "q_first_name",
            "last name": "q_last_name",
            "e-mail": "q_email",
            "accessibility request": "accessibility_request",
        }
    )
    data: dict = {"privacy_consent": "on"}
    for column, value in row.items():
        name = names.get((column or "").strip().lower())
        if name is None or value is None:
            continue
        value = value.strip()
        if isinstance(form.fields[name], forms.MultipleChoiceField):
            data[name] = [v.strip() for v in value.split(";") if v.strip()]
        elif isinstance(form.fields[name], forms.BooleanField):
            if value.lower() in TRUE:
                data[name] = "on"
        else:
            data[name] = value
    return data


def import_registrations(
    event, registration_type, rows, *, actor, notify: bool = False, dry_run: bool = False
) -> ImportResult:
    """Validate every row, then (unless ``dry_run`` or a row is invalid) register each one."""
    registration_type.event = event
    result = ImportResult()
    checked = []
    blank = RegistrationForm(registration_type=registration_type)
    for line, row in rows:
        form = RegistrationForm(_form_data(blank, row), registration_type=registration_type)
        if "access_code" in form.fields:
            form.fields["access_code"].required = False
        if not form.is_valid():
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else "row"
                result.invalid += [RowProblem(line, str(label), str(e)) for e in errors]
        checked.append((line, form))
    if result.invalid or dry_run:
        return result
    for line, form in checked:
        try:
            result.created.append(
                register(
                    event,
                    registration_type,
                    answers=form.answers(),
                    email=form.email,
                    actor=actor,
                    notify=notify,
                    accessibility_request=form.cleaned_data.get("accessibility_request", ""),
                    marketing_opt_in=form.cleaned_data.get("marketing_opt_in", False),
                )
            )
        except DuplicateRegistration as error:
            result.skipped.append(RowProblem(line, "Email", f"{error} (skipped)"))
        except RegistrationError as error:
            result.skipped.append(RowProblem(line, "row", f"{error} (skipped)"))
    return result
