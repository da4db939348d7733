import pytest

from podium.engine.timefmt import format_cue_time, format_time, parse_time


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("10:40", 640.0),
        ("1:20:48", 4848.0),
        ("00:01:02.500", 62.5),
        ("00:01:02,250", 62.25),
        ("0:05", 5.0),
    ],
)
def test_parse_time_reads_every_form(text, seconds):
    assert parse_time(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "10", "1:75", "1:61:00", "ab:cd", "10:40 PM"])
def test_parse_time_rejects_what_is_not_a_time(text):
    with pytest.raises(ValueError, match="not a time"):
        parse_time(text)


def test_format_time_matches_the_seed_brief():
    assert format_time(640) == "10:40"
    assert format_time(4848) == "1:20:48"
    assert format_time(59.9) == "0:59"


def test_cue_times_round_trip():
    for seconds in (0, 1.001, 62.5, 3600 + 59.999):
        assert parse_time(format_cue_time(seconds)) == pytest.approx(seconds, abs=0.001)
    assert format_cue_time(62.5, decimal=",") == "00:01:02,500"
