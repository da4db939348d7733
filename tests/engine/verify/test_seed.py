"""The seed brief (000_…) against the transcript written for it, and single-error variants.

The faithful seed must verify with no `fail`; each injected error must fail
with the right check, name the problem and carry evidence.
"""

from __future__ import annotations

import pytest

from podium.engine.brief import parse_brief_and_page
from podium.engine.transcript import read_transcript
from podium.engine.verify import verify

from .conftest import SEED_TRANSCRIPT


@pytest.fixture(scope="module")
def seed_text(request) -> str:
    from podium.demo import SEED_AFTER_EVENT

    return SEED_AFTER_EVENT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def transcript():
    return read_transcript(SEED_TRANSCRIPT)


def run(text: str, transcript):
    brief, page = parse_brief_and_page(text, source="seed")
    return verify(brief, transcript, speakers=page.speakers)


def test_faithful_seed_brief_has_no_fail(seed_text, transcript):
    report = run(seed_text, transcript)
    assert report.summary["fail"] == 0, [f.message for f in report.failures()]
    checks = {f.check for f in report.findings}
    assert checks == {"quote", "attribution", "timestamp", "claim", "names"}
    # every section's time was checked and is right
    times = [f for f in report.findings if f.check == "timestamp"]
    assert len(times) == 8 and all(f.status == "ok" for f in times)
    # people the panel talked about are flagged softly, places are not flagged at all
    warned = {f.subject for f in report.findings if f.check == "names" and f.status == "warn"}
    assert {"Kim Jong Un", "Otto Warmbier", "Trump"} <= warned
    named = {f.subject for f in report.findings if f.check == "names"}
    assert not named & {
        "North Korea",
        "Pyongyang",
        "Seoul",
        "Track",
        "Ninth Party Congress",
        "Workers",
        "Moscow",
        "Ukraine",
        "Korea Society",
    }


VARIANTS = [
    # (what, old, new, section, check, words the message must contain)
    (
        "word changed in a quote",
        '"extremely low threshold"',
        '"extremely high threshold"',
        3,
        "quote",
        ['"extremely high threshold" — transcript says "extremely low threshold"'],
    ),
    (
        "fabricated quote",
        '"extremely low threshold"',
        '"a regime on the brink of collapse"',
        3,
        "quote",
        ["Not found"],
    ),
    (
        "quote in the wrong mouth",
        '"extremely low threshold"',
        '"no reason why we need to yield to Russia"',
        3,
        "attribution",
        ["Keith Luse"],
    ),
    (
        "time moved far away",
        "Deterrence Risks ▶ [35:24]",
        "Deterrence Risks ▶ [55:24]",
        3,
        "timestamp",
        ["35:2"],
    ),
    (
        "number changed",
        "100,000 separated families",
        "200,000 separated families",
        4,
        "claim",
        ['says "200,000'],
    ),
    (
        "negation inserted",
        "Pyongyang remains determined to acquire",
        "Pyongyang is not determined to acquire",
        5,
        "claim",
        ["negation"],
    ),
    (
        "speaker misspelt",
        "Susan Thornton evaluated",
        "Susan Thorton evaluated",
        2,
        "names",
        ["Thornton"],
    ),
    ("surname misspelt", "Thornton suggested", "Thorton suggested", 6, "names", ["Thornton"]),
]


@pytest.mark.parametrize("what,old,new,number,check,says", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_single_error_fails_with_the_right_check(
    seed_text, transcript, what, old, new, number, check, says
):
    assert old in seed_text
    report = run(seed_text.replace(old, new, 1), transcript)
    failures = report.failures()
    assert failures, what
    assert {f.check for f in failures} == {check}, [(f.check, f.message) for f in failures]
    [finding] = failures
    assert finding.section == number
    for words in says:
        assert words in finding.message + " " + (finding.suggestion or "")
    if check in ("quote", "timestamp", "claim", "attribution") and what != "fabricated quote":
        assert finding.evidence, "a failure shows the transcript lines it rests on"
    if what not in ("fabricated quote", "negation inserted"):
        assert finding.suggestion


def test_time_a_minute_off_is_a_warning(seed_text, transcript):
    report = run(
        seed_text.replace("Deterrence Risks ▶ [35:24]", "Deterrence Risks ▶ [37:30]"), transcript
    )
    [timestamp] = [f for f in report.for_section(3) if f.check == "timestamp"]
    assert timestamp.status == "warn" and timestamp.suggestion == "35:24"
