"""The event's names reach Whisper as a prompt, and numbers Whisper splits are joined again."""

from __future__ import annotations

import sys

import pytest
from benchmarks.asr.synth import Line, render

from podium.engine.asr import TranscribeOptions, transcribe
from podium.engine.asr.transcribe import repair_numbers, repair_numbers_in_text
from podium.engine.asr.vocabulary import initial_prompt, read_word_list, speaker_terms, text_terms
from podium.engine.errors import InputError
from podium.engine.speakers import Speaker
from podium.engine.transcript import read_transcript
from podium.engine.transcript.model import Word

SENTENCE = (
    "The SunZia transmission line will carry wind power from New Mexico to Arizona. "
    "Spain built 1,000 megawatts and the grid grew by 5.8 percent."
)


@pytest.fixture(scope="module")
def sunzia(tmp_path_factory):
    path = tmp_path_factory.mktemp("vocabulary") / "sunzia.wav"
    render([Line("speaker", "en-us", SENTENCE)], path)
    return path


def test_without_the_event_words_whisper_misspells_the_name(sunzia):
    transcript = transcribe(sunzia, TranscribeOptions(model="tiny", diarize=False))
    assert "SunZia" not in transcript.text


def test_the_speakers_file_primes_whisper_with_the_name(sunzia):
    people = [Speaker(name="Ana Ruiz", organisation="SunZia Transmission")]
    prompt = initial_prompt(speaker_terms(people))
    transcript = transcribe(
        sunzia, TranscribeOptions(model="tiny", diarize=False, initial_prompt=prompt)
    )
    assert "SunZia" in transcript.text


def test_numbers_come_out_whole(sunzia):
    transcript = transcribe(sunzia, TranscribeOptions(model="tiny", diarize=False))
    assert "5.8" in transcript.text and "5 .8" not in transcript.text
    words = [w.text for s in transcript.segments for w in s.words]
    assert not any(w.startswith((".", ",")) and w[1:2].isdigit() for w in words), words


def test_the_cli_takes_a_staff_word_list(sunzia, tmp_path, monkeypatch, capsys):
    from podium.cli import main

    words = tmp_path / "words.txt"
    words.write_text("# names staff want spelled right\nSunZia\n\nNew Mexico  # a state\n")
    out = tmp_path / "out.json"
    argv = ["podium", "transcribe", str(sunzia), "-o", str(out), "--model", "tiny"]
    monkeypatch.setattr(sys, "argv", [*argv, "--vocabulary", str(words)])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code in (0, None)
    assert "SunZia" in read_transcript(out).text
    assert "RTF" in capsys.readouterr().err


def test_number_pieces_are_joined_with_their_times():
    words = [Word(0.0, 0.2, "1"), Word(0.2, 0.5, ",000", probability=0.6), Word(0.6, 0.9, "by")]
    words += [Word(1.0, 1.1, "5"), Word(1.1, 1.3, ".8%."), Word(1.4, 1.5, "End.")]
    joined = repair_numbers(words)
    assert [w.text for w in joined] == ["1,000", "by", "5.8%.", "End."]
    assert (joined[0].start, joined[0].end, joined[0].probability) == (0.0, 0.5, 0.6)
    assert repair_numbers([Word(0, 1, "Hello"), Word(1, 2, ",")])[1].text == ","
    assert repair_numbers_in_text("about 1 ,000 people and 5 .8 percent") == (
        "about 1,000 people and 5.8 percent"
    )


def test_prompt_terms_from_an_event_and_a_word_list(tmp_path):
    assert text_terms("The SunZia line and Spain's grid. Energy in New Mexico") == [
        "SunZia",
        "Spain's",
        "New Mexico",
    ]
    people = [Speaker(name="Jenny Town", organisation="Stimson Center", aliases=("J. Town",))]
    assert speaker_terms(people) == ["Jenny Town", "J. Town", "Stimson Center"]
    prompt = initial_prompt(["Jenny Town", "jenny town", "Stimson Center", ""])
    assert prompt == "Jenny Town, Stimson Center."
    assert initial_prompt([]) is None
    assert len(initial_prompt([f"Term{i}" for i in range(500)]) or "") <= 600
    with pytest.raises(InputError, match="no such file"):
        read_word_list(tmp_path / "missing.txt")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InputError, match="not a UTF-8 text file"):
        read_word_list(tmp_path / "binary.txt")
