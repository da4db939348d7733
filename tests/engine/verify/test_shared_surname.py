"""Two speakers who share a surname: a full name is exactly that speaker, a bare surname
is the section's speaker of that name, and without one it is reported as ambiguous."""

from __future__ import annotations

from podium.engine.verify import verify

from .conftest import make_brief, make_transcript, section

LEES = make_transcript(
    (
        0.0,
        "Anna Lee",
        "Thank you. I chair the housing board, and we approved the new rent rules last month.",
    ),
    (
        30.0,
        "David Lee",
        "The rent rules will cut evictions, but the council has not funded the tenant advice service.",
    ),
)


def _findings(brief):
    return verify(brief, LEES).findings


def test_bare_surname_resolves_to_the_sections_speaker():
    brief = make_brief(
        section(
            speaker="David Lee",
            summary="Lee said the council has not funded the tenant advice service.",
        )
    )
    found = _findings(brief)
    assert all(f.status == "ok" for f in found), [f.message for f in found]
    [names] = [f for f in found if f.check == "names"]
    assert names.message == "Lee: event speaker David Lee."
    [claim] = [f for f in found if f.check == "claim"]
    assert "David Lee" in claim.message and "Anna Lee" not in claim.message


def test_full_name_is_exactly_that_speaker():
    brief = make_brief(
        section(
            speaker="David Lee",
            summary="David Lee said the council has not funded the tenant advice service.",
            quotes=["the council has not funded the tenant advice service"],
        )
    )
    found = _findings(brief)
    assert all(f.status == "ok" for f in found), [f.message for f in found]
    [attribution] = [f for f in found if f.check == "attribution"]
    assert attribution.message.startswith("Spoken by David Lee")


def test_bare_shared_surname_outside_a_section_is_ambiguous():
    brief = make_brief(section(speaker="David Lee", summary="The rent rules will cut evictions."))
    brief.intro = ["Lee opened the session on rents."]
    [names] = [f for f in _findings(brief) if f.check == "names" and f.section == 0]
    assert names.status == "warn"
    assert names.message == "Lee may be Anna Lee or David Lee: use the full name."
