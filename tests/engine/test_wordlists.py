"""engine/wordlists.py: the data files under engine/data read as documented."""

import re
from importlib import resources

import pytest

from podium.engine.wordlists import load_word_list, load_words, words_pattern

LISTS = sorted(
    p.name.removesuffix(".txt")
    for p in resources.files("podium.engine.data").iterdir()
    if p.name.endswith(".txt")
)


def test_the_engine_lists_are_there():
    assert {"honorifics", "name_particles", "reporting_verbs", "sound_tags"} <= set(LISTS)


@pytest.mark.parametrize("name", LISTS)
def test_every_list_has_a_source_header_and_clean_entries(name):
    text = resources.files("podium.engine.data").joinpath(f"{name}.txt").read_text("utf-8")
    header = [line for line in text.splitlines()[:12] if line.startswith("#")]
    assert any("Source:" in line for line in header), f"{name}.txt: no '# Source:' header"
    entries = load_word_list(name)
    assert entries, f"{name}.txt is empty"
    assert all(e == " ".join(e.split()) and "#" not in e for e in entries)


def test_comments_blank_lines_and_duplicates_are_dropped():
    # sound_tags.txt has a header, and multi-word entries keep one space.
    tags = load_words("sound_tags")
    assert "applause" in tags and "background noise" in tags
    assert not any(t.startswith("#") for t in tags)
    assert len(load_word_list("sound_tags")) == len(tags)


def test_lists_are_read_once():
    assert load_words("reporting_verbs") is load_words("reporting_verbs")


def test_pattern_tries_longer_entries_first():
    pattern = re.compile(rf"^{words_pattern('honorifics')}$")
    assert pattern.match("Professor") and pattern.match("Prof")
    assert re.match(words_pattern("honorifics"), "Professor").group() == "Professor"
    assert re.match(words_pattern("honorifics"), "Mrs").group() == "Mrs"


def test_a_missing_list_is_an_error():
    with pytest.raises(FileNotFoundError):
        load_words("no_such_list")
