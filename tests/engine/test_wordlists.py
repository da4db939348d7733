"""engine/wordlists.py: the data files under engine/data read as documented."""

import re
from importlib import resources
from pathlib import Path

import pytest

from podium.engine.wordlists import load_word_list, load_words, words_pattern

DATA = Path(str(resources.files("podium.engine.data")))
LISTS = sorted(p.relative_to(DATA).with_suffix("").as_posix() for p in DATA.rglob("*.txt"))


def test_the_engine_lists_are_there():
    assert {"honorifics", "name_particles", "reporting_verbs", "sound_tags"} <= set(LISTS)
    # The writer's lists live in a subfolder and are read by the same loader.
    assert {"write/open_verbs", "write/english_stop_words"} <= set(LISTS)


@pytest.mark.parametrize("name", LISTS)
def test_every_list_has_a_source_header_and_clean_entries(name):
    text = (DATA / f"{name}.txt").read_text("utf-8")
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


def test_a_subfolder_list_reads_like_a_top_level_one():
    verbs = load_words("write/open_verbs")
    assert "think" in verbs and not any(v.startswith("#") for v in verbs)
    assert load_words("write/open_verbs") is verbs
