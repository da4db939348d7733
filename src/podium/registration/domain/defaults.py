"""The default registration setup of an event, reproducing seed 003.

"General Registration" and "Media Registration" (approval required), each
with the sections "Your Information", "Work Information" and "How did you
hear about this event?"; Media adds "Media Credentials" (outlet, role,
press credential link). Staff change everything afterwards in the staff area.
"""

from __future__ import annotations

from django.db import transaction

from podium.registration.models import FormSection, Question, RegistrationType

K = Question.Kind
SECTORS = [
    "Government",
    "Think tank or academia",
    "Non-governmental organisation",
    "Private sector",
    "Media",
    "Diplomatic corps",
    "Student",
    "Other",
]
HEARD_FROM = [
    "Our website",
    "Email newsletter",
    "Social media",
    "A colleague or friend",
    "News media",
    "Other",
]
MEDIA_ROLES = [
    "Reporter",
    "Editor",
    "Producer",
    "Photographer",
    "Camera operator",
    "Freelance journalist",
    "Other",
]

# (section title, [(key, label, kind, required, extra)])
GENERAL_FORM = [
    (
        "Your Information",
        [
            ("first_name", "First name", K.SHORT_TEXT, True, {"max_length": 150}),
            ("last_name", "Last name", K.SHORT_TEXT, True, {"max_length": 150}),
            ("email", "Email", K.EMAIL, True, {}),
            (
                "phone",
                "Phone",
                K.PHONE,
                False,
                {"help_text": "Only used if we must reach you about the event."},
            ),
            ("country", "Country", K.COUNTRY, False, {}),
        ],
    ),
    (
        "Work Information",
        [
            ("organisation", "Organization", K.ORGANISATION, True, {}),
            ("job_title", "Job title", K.SHORT_TEXT, True, {"max_length": 200}),
            ("sector", "Sector", K.CHOICE, False, {"choices": SECTORS}),
        ],
    ),
    (
        "How did you hear about this event?",
        [
            (
                "heard_from",
                "How did you hear about this event?",
                K.MULTIPLE_CHOICE,
                False,
                {"choices": HEARD_FROM},
            ),
        ],
    ),
]
MEDIA_SECTION = (
    "Media Credentials",
    [
        ("outlet", "Media outlet", K.SHORT_TEXT, True, {"max_length": 200}),
        ("media_role", "Your role", K.CHOICE, True, {"choices": MEDIA_ROLES}),
        (
            "press_credential_url",
            "Link to your press credential or recent work",
            K.URL,
            True,
            {
                "help_text": "A press card, masthead page or author page that shows you work for the outlet."
            },
        ),
        ("equipment", "Will you bring camera or recording equipment?", K.CHECKBOX, False, {}),
    ],
)


def build_form(registration_type: RegistrationType, sections) -> None:
    """Create the given sections and questions on a registration type that has none."""
    for s_order, (title, questions) in enumerate(sections):
        section = FormSection.objects.create(
            registration_type=registration_type, title=title, order=s_order
        )
        for q_order, (key, label, kind, required, extra) in enumerate(questions):
            Question.objects.create(
                section=section,
                key=key,
                label=label,
                kind=kind,
                required=required,
                order=q_order,
                **extra,
            )


@transaction.atomic
def create_default_types(event, *, capacity: int | None = None) -> list[RegistrationType]:
    """General + Media registration types with seed 003's forms (existing types are kept)."""
    general, created = RegistrationType.objects.get_or_create(
        event=event,
        slug="general",
        defaults={
            "name": "General Registration",
            "order": 0,
            "capacity": capacity,
            "waiting_list_enabled": True,
        },
    )
    if created or not general.sections.exists():
        build_form(general, GENERAL_FORM)
    media, created = RegistrationType.objects.get_or_create(
        event=event,
        slug="media",
        defaults={
            "name": "Media Registration",
            "order": 1,
            "requires_approval": True,
            "description": "For working journalists. Media registrations are confirmed by our "
            "communications team.",
            "waiting_list_enabled": True,
        },
    )
    if created or not media.sections.exists():
        build_form(media, [*GENERAL_FORM[:2], MEDIA_SECTION, GENERAL_FORM[2]])
    return [general, media]
