"""The registration form, built at run time from a type's sections and questions (Django forms).

Fields are named ``q_<key>``; ``sections()`` yields them grouped for the
template. Every form also has the accessibility request, the privacy
consent (required), the separate marketing opt-in and, for invitation-only
types, the invitation code. Errors are per field and in plain words.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_countries import countries

from podium.registration.domain.sql import form_rows
from podium.registration.models import FormSection, Question, RegistrationType
from podium.registration.validators.registration import (
    ACCESSIBILITY_MAX_LENGTH,
    DEFAULT_MAX_LENGTH,
    validate_phone,
    validate_single_line_text,
)

K = Question.Kind
ERRORS = {
    "required": "This field is required.",
    "max_length": "Please keep this under %(limit_value)d characters (it has %(show_value)d).",
    "invalid_choice": "Please choose one of the options given.",
}


class FastSelect(forms.Select):
    """A select whose options are written in Python rather than one template include each.

    The country list has about 250 options; through Django's widget templates
    it dominated the time to render the form.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in selected else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


@functools.cache
def country_choices() -> tuple[tuple[str, str], ...]:
    """django-countries' list (about 250), built once per process: the site speaks English only."""
    return (("", "Choose a country…"), *((c.code, str(c.name)) for c in countries))


def field_for_question(question: Question) -> forms.Field:
    """The Django form field that asks ``question``."""
    common: dict[str, Any] = {
        "label": question.label,
        "required": question.required,
        "help_text": question.help_text,
        "error_messages": dict(ERRORS),
    }
    limit = question.max_length or DEFAULT_MAX_LENGTH.get(question.kind)
    kind = question.kind
    if kind == K.EMAIL:
        common["error_messages"]["invalid"] = "Enter a valid email address, like name@example.org."
        return forms.EmailField(
            max_length=limit, widget=forms.EmailInput(attrs={"autocomplete": "email"}), **common
        )
    if kind == K.LONG_TEXT:
        return forms.CharField(max_length=limit, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if kind == K.PHONE:
        return forms.CharField(
            max_length=40,
            validators=[validate_phone],
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            **common,
        )
    if kind == K.URL:
        common["error_messages"]["invalid"] = "Enter a full web address starting with https://."
        return forms.URLField(max_length=limit, assume_scheme="https", **common)
    if kind == K.CHOICE:
        options = [(c, c) for c in question.choices]
        widget = forms.RadioSelect if len(options) <= 5 else FastSelect
        if widget is FastSelect:
            options = [("", "Choose…"), *options]
        return forms.ChoiceField(choices=options, widget=widget, **common)
    if kind == K.MULTIPLE_CHOICE:
        common["error_messages"]["invalid_choice"] = "Please choose only among the options given."
        return forms.MultipleChoiceField(
            choices=[(c, c) for c in question.choices],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == K.CHECKBOX:
        if question.required:
            common["error_messages"]["required"] = "Please tick this box to continue."
        return forms.BooleanField(**common)
    if kind == K.COUNTRY:
        return forms.ChoiceField(
            choices=country_choices(),
            widget=FastSelect(attrs={"autocomplete": "country"}),
            **common,
        )
    attrs = {}
    if question.key in ("first_name", "last_name"):
        attrs["autocomplete"] = "given-name" if question.key == "first_name" else "family-name"
    if kind == K.ORGANISATION:
        attrs.update({"autocomplete": "organization", "list": "organisations"})
    return forms.CharField(
        max_length=limit,
        widget=forms.TextInput(attrs=attrs),
        validators=[validate_single_line_text],
        **common,
    )


def field_name(question: Question) -> str:
    return f"q_{question.key}"


_DEFINITIONS: dict[Any, list[tuple[Any, list[tuple[str, forms.Field]]]]] = {}
SECTION_COLUMNS = ("id", "title", "description", "order")
QUESTION_COLUMNS = tuple(
    f.attname for f in Question._meta.concrete_fields if f.attname != "section_id"
)


def form_definition(registration_type_id: int) -> list[tuple[Any, list[tuple[str, forms.Field]]]]:
    """The type's sections with one prototype field per question, built once per definition.

    One hand-compiled query (``sql.form_rows``) reads the sections and questions as
    plain rows; the rows are the cache key, so an edit in the form editor (any process) gives a new entry at
    the next request. Building the fields (the country list normalises about
    250 choices) was the largest part of the form's cost under a rush.
    """
    rows = form_rows(registration_type_id, SECTION_COLUMNS, QUESTION_COLUMNS)
    key = (registration_type_id, repr(rows))
    definition = _DEFINITIONS.get(key)
    if definition is not None:
        return definition
    definition, sections = [], {}
    for row in rows:
        section_values, question_values = row[: len(SECTION_COLUMNS)], row[len(SECTION_COLUMNS) :]
        if section_values[0] not in sections:
            section = FormSection(
                registration_type_id=registration_type_id,
                **dict(zip(SECTION_COLUMNS, section_values, strict=True)),
            )
            sections[section.pk] = []
            definition.append((section, sections[section.pk]))
        if question_values[0] is None:  # a section without questions
            continue
        question = Question(
            section_id=section_values[0],
            **dict(zip(QUESTION_COLUMNS, question_values, strict=True)),
        )
        field = field_for_question(question)
        field.question = question
        # A lone question titled like its section: the legend already says it.
        field.hide_label = field.label == section_values[1]
        sections[section_values[0]].append((field_name(question), field))
    if len(_DEFINITIONS) > 256:
        _DEFINITIONS.clear()
    _DEFINITIONS[key] = definition
    return definition


def copy_field(prototype: forms.Field) -> forms.Field:
    """A form's own copy of a prototype field: cheap copies of the field and its widget.

    Choices, validators and labels are shared read-only (Django's deepcopy of
    the country list cost more than the rest of the form).
    """
    field = copy.copy(prototype)
    field.widget = copy.copy(prototype.widget)
    field.widget.attrs = dict(prototype.widget.attrs)
    field.error_messages = dict(prototype.error_messages)
    return field


class RegistrationForm(forms.Form):
    """Public (and staff "add by hand") registration form for one registration type."""

    def __init__(
        self,
        *args,
        registration_type: RegistrationType,
        editing: bool = False,
        privacy_url: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.registration_type = registration_type
        self.editing = editing
        self._sections: list[tuple[Any, list[str]]] = []
        for section, prototypes in form_definition(registration_type.pk):
            names = []
            for name, prototype in prototypes:
                self.fields[name] = copy_field(prototype)
                if editing and prototype.question.key == "email":
                    self.fields[name].disabled = True
                    self.fields[name].help_text = "To use another email, cancel and register again."
                names.append(name)
            self._sections.append((section, names))
        if not any(
            f.question.key == "email" for f in self.fields.values() if hasattr(f, "question")
        ):
            self.fields["q_email"] = forms.EmailField(
                label="Email",
                max_length=254,
                disabled=editing,
                error_messages={
                    "required": ERRORS["required"],
                    "invalid": "Enter a valid email address, like name@example.org.",
                },
            )
            self._sections.insert(0, (None, ["q_email"]))
        event = registration_type.event
        lead = event.accessibility_lead_days
        self.fields["accessibility_request"] = forms.CharField(
            label="Accessibility or accommodation request",
            required=False,
            max_length=ACCESSIBILITY_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=f"Optional. Please give at least {lead} business days' notice; later requests are "
            "still welcome but may not be possible to fulfil.",
            error_messages=dict(ERRORS),
        )
        privacy_url = privacy_url or getattr(settings, "PODIUM_PRIVACY_URL", "")
        if not editing:
            notice = (
                format_html('<a href="{}">privacy notice</a>', privacy_url)
                if privacy_url
                else "privacy notice"
            )
            self.fields["privacy_consent"] = forms.BooleanField(
                label=format_html(
                    "I agree to the {} and to my details being used to manage my registration.",
                    notice,
                ),
                error_messages={"required": "Please agree to the privacy notice to register."},
            )
            if registration_type.access_code:
                self.fields["access_code"] = forms.CharField(
                    label="Invitation code",
                    max_length=50,
                    error_messages=dict(ERRORS),
                    help_text="The code from your invitation.",
                )
        self.fields["marketing_opt_in"] = forms.BooleanField(
            label="Send me news about future events (optional; unsubscribe any time).",
            required=False,
        )

    def sections(self):
        """(section, bound fields) pairs in form order; section None for the fallback email field."""
        for section, names in self._sections:
            yield section, [self[name] for name in names]

    def extra_fields(self):
        names = [
            "accessibility_request",
            "access_code",
            "privacy_consent",
            "marketing_opt_in",
            "notify",
            "over_capacity",
        ]
        return [self[n] for n in names if n in self.fields]

    @property
    def email(self) -> str:
        return self.cleaned_data.get("q_email", "")

    def answers(self) -> dict[str, Any]:
        """Question key → cleaned answer (skipping unanswered optional questions)."""
        result: dict[str, Any] = {}
        for name, field in self.fields.items():
            if not name.startswith("q_") or name == "q_email":
                continue
            value = self.cleaned_data.get(name)
            if value in (None, "", []) or (value is False and not field.required):
                continue
            result[name[2:]] = value
        return result

    @classmethod
    def initial_from(cls, registration) -> dict[str, Any]:
        initial = {f"q_{k}": v for k, v in (registration.answers or {}).items()}
        initial.update(
            {
                "q_first_name": registration.first_name,
                "q_last_name": registration.last_name,
                "q_email": registration.email,
                "accessibility_request": registration.accessibility_request,
                "marketing_opt_in": registration.marketing_opt_in,
            }
        )
        return initial
