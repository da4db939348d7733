"""Speaker features, embeddings and clustering on real generated voices."""

from __future__ import annotations

import numpy as np
import pytest

from podium.engine.asr.audio import SAMPLE_RATE, iter_audio
from podium.engine.asr.diarize import (
    ENCODERS,
    DiarizeOptions,
    assign_speakers,
    SpeakerTimeline,
    cluster,
    get_encoder,
    label,
    log_mel,
    mel_filterbank,
    pause_turns,
    speech_windows,
)
from podium.engine.asr.vad import Region, cut_point, speech_regions
from tests.data.asr.make_librosa_reference import signal


def test_log_mel_features_match_librosa(data_dir):
    reference = np.load(data_dir / "asr" / "librosa_reference.npz")
    assert np.abs(mel_filterbank() - reference["filterbank"]).max() < 1e-6
    features = log_mel(signal())
    assert features.shape == reference["log_mel"].shape
    assert np.abs(features - reference["log_mel"]).max() < 1e-3


def test_faster_whisper_mel_filters_are_librosas(data_dir):
    """Issue 13: faster-whisper's `get_mel_filters` replaces the hand-written filterbank;
    it agrees with librosa's (saved as float32) to float32 rounding."""
    from faster_whisper.feature_extractor import FeatureExtractor

    reference = np.load(data_dir / "asr" / "librosa_reference.npz")["filterbank"]
    filters = FeatureExtractor.get_mel_filters(16000, 512, n_mels=40)
    assert filters.shape == reference.shape == (40, 257)
    assert np.abs(filters - reference).max() < 1e-9
    assert np.array_equal(mel_filterbank(), filters.astype(np.float32))


@pytest.fixture(scope="module", params=ENCODERS)
def voice_windows(clips, request):
    audio = np.concatenate(list(iter_audio(clips.two_voices)))
    regions = speech_regions(audio)
    windows = speech_windows(regions, DiarizeOptions())
    pieces = [audio[int(w.start * SAMPLE_RATE) : int(w.end * SAMPLE_RATE)] for w in windows]
    truth = [
        min(
            clips.lines,
            key=lambda line, w=w: abs((line.start + line.end) / 2 - (w.start + w.end) / 2),
        ).speaker
        for w in windows
    ]
    return windows, get_encoder(request.param).embed(pieces), truth


def test_speech_regions_follow_the_script(clips, voice_windows):
    windows, _, _ = voice_windows
    assert all(0.8 <= w.duration <= 1.5 + 1e-9 for w in windows)
    overlapping = sum(a.end > b.start for a, b in zip(windows, windows[1:], strict=False))
    assert overlapping >= len(windows) / 3, "windows inside a long region overlap by the hop"
    for line in clips.lines:
        inside = [w for w in windows if line.start - 0.2 <= w.start and w.end <= line.end + 0.2]
        assert sum(w.duration for w in inside) >= 0.7 * (line.end - line.start)


def test_embeddings_are_unit_vectors_closer_within_a_voice(voice_windows):
    _, vectors, truth = voice_windows
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    same = np.array([[a == b for b in truth] for a in truth])
    similarity = vectors @ vectors.T
    off_diagonal = ~np.eye(len(truth), dtype=bool)
    assert similarity[same & off_diagonal].mean() > similarity[~same].mean() + 0.2


def test_clustering_finds_two_voices_or_the_count_given(voice_windows):
    _, vectors, truth = voice_windows
    estimated = cluster(vectors, DiarizeOptions())
    assert estimated[0] == 0, "numbered in order of appearance"
    assert len(set(estimated.tolist())) == 2
    pairs = set(zip(truth, estimated.tolist(), strict=True))
    assert len(pairs) == 2, f"each voice maps to one cluster: {pairs}"
    assert set(cluster(vectors, DiarizeOptions(speakers=1)).tolist()) == {0}
    assert len(set(cluster(vectors, DiarizeOptions(min_speakers=3)).tolist())) == 3


def test_one_voice_alone_is_one_speaker(voice_windows):
    _, vectors, truth = voice_windows
    moderator = vectors[[t == "moderator" for t in truth]]
    assert set(cluster(moderator, DiarizeOptions()).tolist()) == {0}


def test_timeline_gives_the_nearest_window_speaker():
    timeline = SpeakerTimeline([Region(5, 7), Region(0, 2)], [1, 0])
    assert timeline.speaker_at(0.5, 1.0) == 0
    assert timeline.speaker_at(5.5, 6.0) == 1
    assert timeline.speaker_at(3.0, 3.2) == 0
    assert timeline.speaker_at(4.4, 4.6) == 1
    assert label(0) == "SPEAKER_00" and label(12) == "SPEAKER_12"


def test_pause_turns_start_after_long_silences():
    times = [(0.0, 0.4), (0.5, 0.9), (2.6, 3.0), (3.1, 3.3), (3.4, 3.6), (6.0, 6.5)]
    assert pause_turns(times, pause=1.5) == [0, 0, 1, 1, 1, 2]


def test_chunks_are_cut_in_the_longest_late_pause():
    regions = [Region(0, 3), Region(3.2, 6), Region(7, 8.5), Region(8.7, 9.9)]
    assert cut_point(regions, length=10, earliest=5) == pytest.approx(6.5)
    assert cut_point([Region(0, 10)], length=10, earliest=5) == 10


def test_many_windows_are_clustered_from_a_sample(voice_windows):
    _, vectors, truth = voice_windows
    full = cluster(vectors, DiarizeOptions())
    sampled = cluster(vectors, DiarizeOptions(max_windows=len(vectors) // 2))
    assert sampled.tolist() == full.tolist()
