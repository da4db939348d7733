"""The speaker-count estimate on a synthesised panel of three voices that sound alike.

The panel is spoken by espeak-ng from the benchmark's script generator (seed 301,
which neither the tuning panels nor the reported ones use), with the benchmark's close
voices (the same male voice with an American and a British accent, and the American
one with another variant). Words are timed from the script: each line's words spread
evenly over the line.
"""

from __future__ import annotations

import numpy as np
import pytest
from benchmarks.asr.script import line_words, panel
from benchmarks.asr.speakers import word_accuracy
from benchmarks.asr.synth import CLOSE_VOICES, render

from podium.engine.asr.audio import SAMPLE_RATE, iter_audio
from podium.engine.asr.diarize import (
    DiarizeOptions,
    assign_speakers,
    cluster,
    distinct_voices,
    get_encoder,
    speech_windows,
    turn_vectors,
)
from podium.engine.asr.vad import speech_regions


@pytest.fixture(scope="module")
def close_panel(tmp_path_factory):
    lines = panel(2, speakers=3, seed=301, voices=CLOSE_VOICES)
    path = tmp_path_factory.mktemp("count") / "close3.wav"
    lines = render(lines, path)
    audio = np.concatenate(list(iter_audio(path)))
    regions = speech_regions(audio)
    options = DiarizeOptions()
    windows = speech_windows(regions, options)
    vectors = get_encoder("resemblyzer").embed(
        [audio[int(w.start * SAMPLE_RATE) : int(w.end * SAMPLE_RATE)] for w in windows]
    )
    words, truth = line_words(lines)
    return lines, regions, windows, vectors, words, truth


def _long_turns(close_panel):
    """The clustered turns (as assign_speakers picks them) and each one's script speaker."""
    lines, regions, windows, vectors, _, _ = close_panel
    options = DiarizeOptions()
    keys, matrix, seconds, turn_of = turn_vectors(regions, windows, vectors, options)
    speaker = {}
    for index, region in enumerate(regions):
        middle = (region.start + region.end) / 2
        line = min(lines, key=lambda ln, m=middle: max(ln.start - m, m - ln.end, 0.0))
        speaker.setdefault(turn_of[index], line.speaker)
    long = seconds >= options.shortest_turn
    names = sorted({line.speaker for line in lines})
    truth = np.array([names.index(speaker[k]) for k in keys])
    return matrix[long], seconds[long], truth[long]


def test_three_close_voices_are_counted_and_words_attributed(close_panel):
    _, regions, windows, vectors, words, truth = close_panel
    found = assign_speakers(words, regions, windows, vectors, DiarizeOptions())
    assert len(set(found)) == 3
    assert word_accuracy(truth, found) >= 0.9


def test_the_true_speakers_are_distinct_and_one_voice_cut_in_two_is_not(close_panel):
    matrix, seconds, truth = _long_turns(close_panel)
    options = DiarizeOptions()
    assert len(set(truth.tolist())) == 3
    assert distinct_voices(matrix, truth, options, seconds)
    # the voice with the most turns, cut into its earlier and later turns
    most = np.bincount(truth).argmax()
    members = np.flatnonzero(truth == most)
    cut = truth.copy()
    cut[members[len(members) // 2 :]] = truth.max() + 1
    assert not distinct_voices(matrix, cut, options, seconds)


def test_the_count_does_not_grow_when_the_same_speech_repeats(close_panel):
    """A 2-hour file made of one panel played over and over has the panel's speakers:
    shares of the speech, not seconds, decide whether a group is a voice of its own."""
    matrix, seconds, _ = _long_turns(close_panel)
    options = DiarizeOptions()
    once = cluster(matrix, options, seconds=seconds)
    repeated = cluster(np.tile(matrix, (20, 1)), options, seconds=np.tile(seconds, 20))
    assert len(set(once.tolist())) == len(set(repeated.tolist())) == 3
    assert np.array_equal(repeated[: len(matrix)], once)
