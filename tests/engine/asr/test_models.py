"""whisper-base is assembled from its two packages once, atomically, into the cache."""

from __future__ import annotations

from pathlib import Path

from podium.engine.asr.models import WHISPER_MODELS, cache_root, load_whisper, whisper_model_dir


def test_base_is_assembled_once_from_both_parts(tmp_path):
    spec = WHISPER_MODELS["base"]
    directory = whisper_model_dir(spec, cache_dir=tmp_path)
    assert directory == tmp_path / "whisper-base"
    parts = [part.locate(spec.what) for part in spec.parts]
    model_bin = directory / "model.bin"
    assert model_bin.stat().st_size == sum(p.stat().st_size for p in parts)
    with model_bin.open("rb") as joined, parts[1].open("rb") as second:
        joined.seek(parts[0].stat().st_size)
        assert joined.read(4096) == second.read(4096)
    assert sorted(p.name for p in directory.iterdir()) == [
        "config.json",
        "model.bin",
        "tokenizer.json",
        "vocabulary.json",
    ]
    stamp = model_bin.stat().st_mtime_ns
    assert whisper_model_dir(spec, cache_dir=tmp_path) == directory
    assert model_bin.stat().st_mtime_ns == stamp, "a complete model is not rebuilt"


def test_a_truncated_model_is_rebuilt(tmp_path):
    spec = WHISPER_MODELS["base"]
    directory = whisper_model_dir(spec, cache_dir=tmp_path)
    full = (directory / "model.bin").stat().st_size
    with (directory / "model.bin").open("r+b") as handle:
        handle.truncate(1000)
    whisper_model_dir(spec, cache_dir=tmp_path)
    assert (directory / "model.bin").stat().st_size == full
    assert not [p for p in directory.iterdir() if p.name.startswith(".")], "no temp files left"


def test_tiny_is_used_where_it_is_installed(tmp_path):
    directory = whisper_model_dir(WHISPER_MODELS["tiny"], cache_dir=tmp_path)
    assert (directory / "model.bin").is_file()
    assert tmp_path not in directory.parents
    assert not any(tmp_path.iterdir())


def test_cache_root_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PODIUM_MODEL_CACHE", str(tmp_path / "models"))
    assert cache_root() == tmp_path / "models"
    monkeypatch.delenv("PODIUM_MODEL_CACHE")
    assert cache_root() == Path.home() / ".cache" / "podium"


def test_base_loads_offline_from_the_assembled_directory(tmp_path, no_network):
    with no_network():
        model = load_whisper("base", threads=1, cache_dir=tmp_path)
    assert model.model.is_multilingual
    assert (tmp_path / "whisper-base" / "model.bin").is_file()
