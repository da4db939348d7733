"""Transcribing generated speech with the tiny model: words, times, speakers, chunks."""

from __future__ import annotations

import pytest
from benchmarks.asr.score import (
    normalise,
    script_text,
    speaker_accuracy,
    word_error_rate,
    words_of,
)

from podium.engine.asr import TranscribeOptions, transcribe
from podium.engine.transcript import format_transcript, parse_transcript

TINY = TranscribeOptions(model="tiny")


@pytest.fixture(scope="module")
def result(clips, no_network):
    stages = []
    with no_network():
        transcript = transcribe(clips.two_voices, TINY, progress=lambda f, s: stages.append((f, s)))
    return transcript, stages


def test_the_words_are_the_script(clips, result):
    transcript, _ = result
    assert word_error_rate(script_text(clips.lines), transcript.text) <= 0.12
    assert transcript.language == "en"
    assert transcript.source == str(clips.two_voices)
    assert transcript.warnings == []


def test_each_word_is_timed_inside_its_line(clips, result):
    transcript, _ = result
    words = words_of(transcript)
    assert words, "word timings are kept"
    assert all(a.start <= b.start for a, b in zip(words, words[1:], strict=False))
    assert all(w.start <= w.end for w in words)
    assert_words_inside_their_lines(clips.lines, words)
    assert words[0].start < clips.lines[0].start + 0.5
    assert words[-1].end > clips.lines[-1].end - 1.0
    for segment in transcript.segments:
        assert segment.start <= segment.end
        assert normalise(segment.text) == normalise(" ".join(w.text for w in segment.words))


def test_two_voices_become_two_alternating_speakers(clips, result):
    transcript, _ = result
    accuracy, mapping = speaker_accuracy(clips.lines, transcript)
    assert accuracy >= 0.9
    assert sorted(transcript.speakers) == ["SPEAKER_00", "SPEAKER_01"]
    assert mapping == {"SPEAKER_00": "moderator", "SPEAKER_01": "panelist"}
    # Segments never mix speakers: every word carries its segment's speaker.
    for segment in transcript.segments:
        assert {w.speaker for w in segment.words} == {segment.speaker}
    turns = transcript.turns()
    assert [t.speaker for t in turns] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_01"]


def test_progress_goes_from_zero_to_done(result):
    _, stages = result
    fractions = [f for f, stage in stages if stage == "transcribing"]
    assert fractions and fractions == sorted(fractions)
    assert 0.0 < fractions[-1] <= 1.0
    assert stages[0] == (0.0, "loading model")
    assert stages[-1] == (1.0, "done")


def test_the_output_reads_back_in_every_format(result):
    transcript, _ = result
    for fmt in ("vtt", "srt", "json"):
        again = parse_transcript(format_transcript(transcript, fmt), format=fmt)
        assert len(again.segments) == len(transcript.segments)
        assert again.speakers == transcript.speakers
        assert normalise(again.text) == normalise(transcript.text)


def test_chunked_processing_gives_the_same_transcript(clips, result):
    whole, _ = result
    # 12-second chunks give Whisper little context: beam 5 keeps the words as good as whole.
    options = TranscribeOptions(model="tiny", chunk_seconds=12, beam_size=5)
    chunked = transcribe(clips.two_voices, options)
    assert word_error_rate(script_text(clips.lines), chunked.text) <= 0.15
    words = words_of(chunked)
    assert all(a.start <= b.start for a, b in zip(words, words[1:], strict=False))
    # Word times stay on the recording's clock across chunk boundaries.
    assert words[-1].start > 16
    assert_words_inside_their_lines(clips.lines, words, worst=0.5)
    assert speaker_accuracy(clips.lines, chunked)[0] >= 0.9


def assert_words_inside_their_lines(lines, words, *, worst=0.3):
    """The words timed inside each script line are (nearly) that line's words."""
    for line in lines:
        heard = [
            w.text for w in words if line.start - 0.3 <= (w.start + w.end) / 2 <= line.end + 0.3
        ]
        assert word_error_rate(line.text, " ".join(heard)) <= worst, (line.text, heard)
