"""Load the demo content: staff accounts, the three demo events, publications.

`load_demo()` is idempotent: run it twice and nothing is duplicated (rows are
found by slug or name and updated; pictures are drawn once). It creates

- the staff accounts `admin` (administrator, superuser), `staff` (events
  staff) and `editor` (editor), all with `DEMO_PASSWORD`;
- seed 003 ("Why Peace Remains Elusive on the Korean Peninsula") as an
  UPCOMING event, exactly as its page: description, placeholder picture with
  the seed's caption and credit, three speakers with their roles, the
  accessibility contact and the two related publications with their topics;
- seed 000 ("Prospects for Relations with North Korea") as a PAST event on
  Tuesday, February 3, 2026, 6:30 PM EST at The Korea Society, with the four
  panelists' full bios, the moderator, two co-organisers and the sponsor line;
- a past committee evidence session whose transcript ships in `data/`;

then hands over to the other apps' demo loaders (see `_other_apps`).

Existing accounts are never changed (their passwords least of all) unless
`reset_passwords=True` (`podium demo --reset-demo-passwords`). `podium demo`
first calls `claim_demo_database()`, which refuses a database the demo did
not create (one with users or events and no `DemoDatabaseMarker` row).
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from podium.accounts.domain.roles import assign_role
from podium.demo import COMMITTEE_EVENT_SLUG, SEED_AFTER_SLUG, SEED_BEFORE_SLUG, seeds_reader
from podium.demo.archive import load_demo_archive
from podium.demo.briefs import load_demo_briefs
from podium.demo.images import placeholder_png
from podium.demo.registration import load_demo_registration
from podium.events.domain.events import (
    add_partner,
    add_speaker,
    get_or_create_organisation,
    get_or_create_topic,
    save_event,
    save_person,
)
from podium.events.domain.transitions import publish_event
from podium.events.models import Event, EventPartner, Person
from podium.publications.domain.publications import (
    choose_related_publications,
    save_publication,
    set_publication_status,
)
from podium.publications.models import Publication

log = logging.getLogger(__name__)

DEMO_PASSWORD = "podium-demo"
"""Password of the demo accounts (local demo only; printed by `podium demo`)."""
DEMO_USERS = [
    # username, role, first name, last name, superuser
    ("admin", "administrator", "Ada", "Admin", True),
    ("staff", "events_staff", "Sam", "Events", False),
    ("editor", "editor", "Eddie", "Editor", False),
]
NEW_YORK = "America/New_York"
UPCOMING_IN_DAYS = 21


# --- people and their roles ---------------------------------------------------
SEED_BEFORE_SPEAKERS = [
    # name, honorific, role at the event, title, organisation
    (
        "Frank Aum",
        "",
        "welcoming remarks",
        "Senior Expert, Northeast Asia",
        "U.S. Institute of Peace",
    ),
    ("Mark Tokola", "", "panelist", "Vice President", "Korea Economic Institute of America"),
    (
        "Dan Leaf",
        "Lieutenant General (retired)",
        "",
        "Former Deputy Commander",
        "U.S. Pacific Command",
    ),
]
SEED_AFTER_SPEAKERS = [
    ("Jonathan Corrado", "", "moderator", "Director of Policy Programs", "The Korea Society"),
    ("Keith Luse", "", "panelist", "Executive Director", "National Committee on North Korea"),
    ("Rachel Minyoung Lee", "", "panelist", "Senior Fellow, Korea Program", "Stimson Center"),
    (
        "Ankit Panda",
        "",
        "panelist",
        "Stanton Senior Fellow, Nuclear Policy Program",
        "Carnegie Endowment for International Peace",
    ),
    (
        "Susan A. Thornton",
        "",
        "panelist",
        "Director, Forum on Asia-Pacific Security",
        "National Committee on American Foreign Policy",
    ),
]
COMMITTEE_SPEAKERS = [
    # As the chair introduces them in the transcript; names spelled as in the transcript.
    (
        "Lynne Neagle",
        "",
        "chair",
        "Member of the Senedd; Chair, Children, Young People and Education Committee",
        "Welsh Parliament",
    ),
    (
        "Vaughan Gething",
        "",
        "witness",
        "Minister for Health and Social Services",
        "Welsh Government",
    ),
    (
        "Julie Morgan",
        "",
        "witness",
        "Deputy Minister for Health and Social Services",
        "Welsh Government",
    ),
    (
        "Albert Heaney",
        "",
        "witness",
        "Deputy Director General, Health and Social Services Group",
        "Welsh Government",
    ),
    (
        "Nicola Edwards",
        "",
        "witness",
        "Deputy Director, Childcare, Play and Early Years",
        "Welsh Government",
    ),
    ("Jean White", "", "witness", "Chief Nursing Officer", "Welsh Government"),
    (
        "Tracey Breheny",
        "",
        "witness",
        "Deputy Director, Mental Health, Substance Misuse and Vulnerable Groups",
        "Welsh Government",
    ),
    ("Sian Gwenllian", "", "committee member", "Member of the Senedd", "Welsh Parliament"),
    ("Suzy Davies", "", "committee member", "Member of the Senedd", "Welsh Parliament"),
    ("Dawn Bowden", "", "committee member", "Member of the Senedd", "Welsh Parliament"),
    ("Janet Finch-Saunders", "", "committee member", "Member of the Senedd", "Welsh Parliament"),
]

KIND_BY_LABEL = {label: value for value, label in Publication.Kind.choices}


class NotADemoDatabase(Exception):
    """The database holds content the demo did not create: the demo will not load into it."""


def claim_demo_database() -> None:
    """Mark an empty database as the demo's; refuse (NotADemoDatabase) one with other content."""
    from podium.common.models import DemoDatabaseMarker

    if DemoDatabaseMarker.objects.exists():
        return
    users, events = get_user_model().objects.count(), Event.objects.count()
    if users or events:
        raise NotADemoDatabase(
            f"this database was not created by `podium demo` (it holds {users} users and "
            f"{events} events): the demo loads only into an empty database or one it created. "
            "Point PODIUM_DATA_DIR (or PODIUM_DB_NAME) at a new one."
        )
    DemoDatabaseMarker.objects.create()


def load_demo(
    *, stdout: TextIO | None = None, other_apps: bool = True, reset_passwords: bool = False
) -> dict:
    """Create or update all demo content; return a summary (slugs, users, counts).

    `other_apps=False` loads only the site's own content (events, people,
    publications, accounts), without the registration and briefs demos.
    Demo accounts that already exist are left as they are unless
    `reset_passwords` (then their password, names and role are the demo's again).
    """

    def say(message: str) -> None:
        log.info(message)
        if stdout is not None:
            stdout.write(message + "\n")

    with transaction.atomic():
        users = _users(reset_passwords=reset_passwords)
        say(f"staff accounts: {', '.join(u.username for u in users)}")
        publications = _seed_publications()
        say(f"publications: {len(publications)}")
        before = _seed_before_event(publications)
        say(f"upcoming event: {before.title} ({before.when_display})")
        after = _seed_after_event()
        say(f"past event: {after.title} ({after.when_display})")
        committee = _committee_event()
        say(f"past event: {committee.title} ({committee.when_display})")
    others = _other_apps(say) if other_apps else {}
    return {
        "users": [u.username for u in users],
        "events": [before.slug, after.slug, committee.slug],
        "publications": [p.slug for p in publications],
        **others,
    }


def _users(*, reset_passwords: bool):
    User = get_user_model()
    users = []
    for username, role, first, last, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        users.append(user)
        if not created and not reset_passwords:
            continue  # never touch an existing account's password or rights unasked
        user.first_name, user.last_name = first, last
        user.email = f"{username}@podium.example"
        user.is_superuser = user.is_staff = (
            superuser  # is_staff: Django admin for the administrator
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        assign_role(user, role=role)
    return users


def _person(
    name: str,
    *,
    honorific: str = "",
    title: str = "",
    organisation: str = "",
    bio: str | None = None,
) -> Person:
    person = Person.objects.filter(name=name).first() or Person(name=name)
    person.honorific, person.title = honorific, title
    person.organisation = get_or_create_organisation(organisation) if organisation else None
    if bio is not None:
        person.bio = bio
    return save_person(person)


def _speakers(event: Event, rows, *, bios: dict[str, str] | None = None) -> None:
    for order, (name, honorific, role, title, organisation) in enumerate(rows):
        person = _person(
            name,
            honorific=honorific,
            title=title,
            organisation=organisation,
            bio=(bios or {}).get(name),
        )
        add_speaker(event, person=person, role=role, order=order)


def _event(slug: str, **fields) -> tuple[Event, bool]:
    """The event at `slug`, created with `fields` or updated to them."""
    event = Event.objects.filter(slug=slug).first()
    created = event is None
    event = event or Event(slug=slug)
    for name, value in fields.items():
        setattr(event, name, value)
    return event, created


def _picture(event: Event, seed: str) -> None:
    if not event.image:
        event.image.save(f"{event.slug}.png", ContentFile(placeholder_png(seed)), save=False)


def _seed_publications() -> list[Publication]:
    page = seeds_reader.before_page(topics=["Gender", "Global Policy"])
    publications = []
    for item in page.publications:
        publication = Publication.objects.filter(title=item.title).first() or Publication(
            title=item.title
        )
        publication.published_on = item.published_on
        publication.summary = item.summary
        publication.kind = KIND_BY_LABEL[item.kind_label]
        publication.image_alt = ""  # decorative placeholder; the title beside it says what it is
        if not publication.image:
            publication.image.save(
                f"{item.published_on:%Y%m%d}.png",
                ContentFile(placeholder_png(item.title, size=(800, 450))),
                save=False,
            )
        publication = save_publication(
            publication, topics=[get_or_create_topic(t) for t in item.topics]
        )
        set_publication_status(publication, status=Publication.Status.PUBLISHED)
        publications.append(publication)
    return publications


def _seed_before_event(publications: list[Publication]) -> Event:
    page = seeds_reader.before_page(topics=["Gender", "Global Policy"])
    tz = ZoneInfo(NEW_YORK)
    event = Event.objects.filter(slug=SEED_BEFORE_SLUG).first()
    # The seed is a page *before* its event: keep it upcoming, whenever the demo runs.
    if event is None or event.starts_at < timezone.now():
        day = timezone.localdate(timezone.now(), tz) + timedelta(days=UPCOMING_IN_DAYS)
        starts_at = datetime.combine(day, time(10, 0), tzinfo=tz)
    else:
        starts_at = event.starts_at
    event, _ = _event(
        SEED_BEFORE_SLUG,
        title="Why Peace Remains Elusive on the Korean Peninsula",
        summary="Why peace has been elusive on the Korean Peninsula for over seven decades, and why "
        "the recent shifts in North Korea’s foreign policy indicate that tensions will continue "
        "absent a dramatic change in U.S. approach.",
        description="\n\n".join(page.description),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1, minutes=30),
        time_zone=NEW_YORK,
        venue_name="U.S. Institute of Peace",
        venue_address="2301 Constitution Ave., NW\nWashington, DC 20037",
        image_alt="Placeholder for the photograph described in the caption: Vladimir Putin and "
        "Kim Jong Un shaking hands in Vladivostok.",
        image_caption=page.image_caption,
        image_credit=page.image_credit,
        accessibility_email="EventRegistration@usip.org",
        accessibility_lead_days=3,
        related_suggestions=0,  # the seed page shows exactly the two chosen publications
    )
    _picture(event, "seed-003 Vladivostok")
    save_event(
        event,
        topics=[get_or_create_topic("Global Policy"), get_or_create_topic("Korean Peninsula")],
    )
    _speakers(event, SEED_BEFORE_SPEAKERS)
    choose_related_publications(event, publications=publications)
    return publish_event(event)


def _seed_after_event() -> Event:
    bios = seeds_reader.speaker_bios()
    starts_at = datetime(2026, 2, 3, 18, 30, tzinfo=ZoneInfo(NEW_YORK))
    event, _ = _event(
        SEED_AFTER_SLUG,
        title="Prospects for Relations with North Korea",
        summary="An expert panel on US-ROK alliance coordination, inter-Korean relations, North Korea’s "
        "close relations with China and Russia, security concerns and diplomatic opportunities.",
        description="",  # the seed page has no description; its program brief tells the story
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1, minutes=30),
        time_zone=NEW_YORK,
        venue_name="The Korea Society",
        venue_address="350 Madison Avenue, 24th Floor\nNew York, NY 10017",
        sponsor_text="This program was made possible by the generous support of the Korea Foundation "
        "and our individual and corporate members.",
        related_suggestions=3,
    )
    save_event(
        event,
        topics=[get_or_create_topic("Global Policy"), get_or_create_topic("Korean Peninsula")],
    )
    _speakers(event, SEED_AFTER_SPEAKERS, bios=bios)
    for name in (
        "National Committee on American Foreign Policy",
        "The APEC Study Center at Columbia University",
    ):
        add_partner(
            event,
            organisation=get_or_create_organisation(name),
            kind=EventPartner.Kind.CO_ORGANISER,
        )
    add_partner(
        event,
        organisation=get_or_create_organisation("Korea Foundation"),
        kind=EventPartner.Kind.SPONSOR,
    )
    return publish_event(event)


def _committee_event() -> Event:
    tz = ZoneInfo("Europe/London")
    event = Event.objects.filter(slug=COMMITTEE_EVENT_SLUG).first()
    if event is None:
        day = timezone.localdate(timezone.now(), tz) - timedelta(days=28)
        day -= timedelta(days=(day.weekday() - 2) % 7)  # a Wednesday, as committees sit midweek
        starts_at = datetime.combine(day, time(13, 30), tzinfo=tz)
    else:
        starts_at = event.starts_at
    event, _ = _event(
        COMMITTEE_EVENT_SLUG,
        title="Children and Young People in the Pandemic: Committee Evidence Session",
        summary="Members of the Welsh Parliament’s Children, Young People and Education Committee "
        "question the Minister and Deputy Minister for Health and Social Services on how COVID-19 "
        "affects children and young people.",
        description=(
            "An evidence session of the Children, Young People and Education Committee of the Welsh "
            "Parliament with the Welsh Government on the impact of the coronavirus pandemic on health "
            "and social services for children and young people: vaccination, mental health services "
            "during the lockdown, support for pregnant women and new parents, emergency funding, "
            "vulnerable children and children in care, and children’s rights.\n\n"
            "The meeting was held by video-conference and broadcast live. This demo event is built "
            "from its public transcript (QMSum dataset, MIT license); the program brief below was "
            "written and verified by Podium from that transcript."
        ),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1, minutes=10),
        time_zone="Europe/London",
        venue_name="",
        venue_address="",
        online_url="https://www.senedd.tv/",
        related_suggestions=3,
    )
    save_event(
        event, topics=[get_or_create_topic("Education"), get_or_create_topic("Public Health")]
    )
    _speakers(event, COMMITTEE_SPEAKERS)
    return publish_event(event)


def _other_apps(say) -> dict:
    """Hand over to the registration, briefs and archive demo loaders
    (`podium.demo.registration`, `podium.demo.briefs`, `podium.demo.archive`).

    Each is idempotent and finds the demo events by the slugs in `podium.demo`.
    The registration loader gives the upcoming event its General and Media
    registration (and sample registrants); the briefs loader imports the seed
    000 brief and writes and verifies the committee event's brief from
    `podium.demo.COMMITTEE_TRANSCRIPT`; the archive loader then indexes their
    transcripts and briefs for search. If one of them fails at run time (a
    missing system tool, say) the failure is reported in one line and under
    "errors", and the rest of the demo still loads and serves.
    """
    result: dict = {"errors": {}}
    loaders = [
        ("registration", load_demo_registration),
        ("briefs", load_demo_briefs),
        ("archive", load_demo_archive),
    ]
    for name, loader in loaders:
        # No transaction around the loaders: they run jobs whose worker threads write to the
        # database on their own connections (a SQLite write lock held here would block them).
        try:
            result[name] = loader()
        except Exception as error:  # keep the rest of the demo usable; the log has the traceback
            log.exception("%s demo failed", name)
            result["errors"][name] = f"{type(error).__name__}: {error}"
            say(f"{name} demo FAILED: {result['errors'][name]}")
        else:
            say(f"{name}: {result[name]}")
    return result
