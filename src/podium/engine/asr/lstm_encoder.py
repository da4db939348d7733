"""Resemblyzer's speaker encoder run in numpy: its weights read without torch, its LSTM by hand.

Owns the second torch-free speaker embedder used for diarization. The
weights are the ``pretrained.pt`` file of the ``resemblyzer`` 0.1.4 package
(Apache-2.0; installed with ``--no-deps`` because it declares torch): a
3-layer LSTM (40 mel bands in, 256 hidden) and a linear layer to a
256-dimensional d-vector. The file is torch's legacy serialisation: a few
pickles followed by the raw bytes of each tensor storage. `read_torch_legacy`
reads it with a restricted unpickler that only builds ordered dicts, float
storages and tensor views, so nothing in the file can run code.

Features follow resemblyzer's `wav_to_mel_spectrogram`: a power mel
spectrogram (not log) of 40 Slaney bands, n_fft 400 (25 ms Hann window),
hop 160, centred frames; the mel filters are faster-whisper's
`get_mel_filters`. Audio is first raised to -30 dBFS when quieter
(resemblyzer's `normalize_volume(..., increase_only=True)`). A piece of
speech is embedded in partials of 160 frames (1.6 s) as resemblyzer's
`embed_utterance` does; their mean is normalised.
"""

from __future__ import annotations

import collections
import functools
import pickle
import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from podium.engine.asr.audio import SAMPLE_RATE

N_FFT = 400
HOP = 160
N_MELS = 40
PARTIAL_FRAMES = 160
PARTIAL_STEP = 77
"""Frames between partials: resemblyzer's rate of 1.3 partials per second."""
LAYERS = 3
HIDDEN = 256
TARGET_DBFS = -30.0
_LEGACY_MAGIC = 0x1950A86A20F9469CFC6C


class UnsafeModelFile(ValueError):
    """The weights file asks the unpickler for something other than plain tensors."""


# --- reading torch's legacy format ---------------------------------------------------


class _StorageRef:
    __slots__ = ("key", "dtype")

    def __init__(self, key: str, dtype: np.dtype):
        self.key, self.dtype = key, dtype


class _TensorRef:
    __slots__ = ("storage", "offset", "size", "stride")

    def __init__(self, storage: _StorageRef, offset: int, size: tuple, stride: tuple):
        self.storage, self.offset, self.size, self.stride = storage, offset, size, stride


_STORAGE_TYPES = {
    "FloatStorage": np.dtype("<f4"),
    "DoubleStorage": np.dtype("<f8"),
    "LongStorage": np.dtype("<i8"),
    "IntStorage": np.dtype("<i4"),
}


def _rebuild_tensor(storage, offset, size, stride, *_ignored) -> _TensorRef:
    return _TensorRef(storage, int(offset), tuple(size), tuple(stride))


class _RestrictedUnpickler(pickle.Unpickler):
    """Builds only ordered dicts, storages and tensor views; anything else is refused."""

    def find_class(self, module: str, name: str):
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if (module, name) in {
            ("torch._utils", "_rebuild_tensor_v2"),
            ("torch._utils", "_rebuild_tensor"),
        }:
            return _rebuild_tensor
        if module == "torch" and name in _STORAGE_TYPES:
            return _STORAGE_TYPES[name]
        raise UnsafeModelFile(f"refusing to load {module}.{name}")

    def __init__(self, handle):
        super().__init__(handle)
        self.storage_dtypes: dict[str, np.dtype] = {}

    def persistent_load(self, pid):
        if not (isinstance(pid, tuple) and pid and pid[0] == "storage"):
            raise UnsafeModelFile(f"unexpected persistent id {pid!r}")
        dtype, key = pid[1], str(pid[2])
        if not isinstance(dtype, np.dtype):
            raise UnsafeModelFile(f"unexpected storage type {dtype!r}")
        self.storage_dtypes[key] = dtype
        return _StorageRef(key, dtype)


def read_torch_legacy(path: str | Path) -> dict:
    """The object saved by ``torch.save`` (pre-1.6 format) with tensors as numpy arrays."""
    with open(path, "rb") as handle:
        if _RestrictedUnpickler(handle).load() != _LEGACY_MAGIC:
            raise UnsafeModelFile(f"{path}: not a torch legacy checkpoint")
        _RestrictedUnpickler(handle).load()  # protocol version
        _RestrictedUnpickler(handle).load()  # sys info (endianness, type sizes)
        unpickler = _RestrictedUnpickler(handle)
        saved = unpickler.load()
        keys = _RestrictedUnpickler(handle).load()
        dtypes = unpickler.storage_dtypes
        storages: dict[str, np.ndarray] = {}
        for key in keys:
            (count,) = struct.unpack("<q", handle.read(8))
            dtype = dtypes.get(str(key), np.dtype("<f4"))
            storages[str(key)] = np.frombuffer(handle.read(count * dtype.itemsize), dtype=dtype)

    def materialise(value):
        if isinstance(value, _TensorRef):
            flat = storages[value.storage.key]
            view = np.lib.stride_tricks.as_strided(
                flat[value.offset :],
                shape=value.size,
                strides=tuple(s * flat.itemsize for s in value.stride),
            )
            return np.array(view, dtype=np.float32)
        if isinstance(value, dict):
            return {k: materialise(v) for k, v in value.items()}
        return value

    return materialise(saved)


# --- the encoder ----------------------------------------------------------------------


@functools.cache
def _hann() -> np.ndarray:
    return (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)).astype(np.float32)


@functools.cache
def _mel_filters() -> np.ndarray:
    from faster_whisper.feature_extractor import FeatureExtractor

    return FeatureExtractor.get_mel_filters(SAMPLE_RATE, N_FFT, n_mels=N_MELS).astype(np.float32)


def mel_power(audio: np.ndarray) -> np.ndarray:
    """Power mel spectrogram as resemblyzer computes it, shape (frames, 40)."""
    audio = np.pad(np.asarray(audio, dtype=np.float32), N_FFT // 2)
    frames = np.lib.stride_tricks.sliding_window_view(audio, N_FFT)[::HOP]
    power = np.abs(np.fft.rfft(frames * _hann(), axis=1)) ** 2
    return power.astype(np.float32) @ _mel_filters().T


def _raise_volume(audio: np.ndarray) -> np.ndarray:
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if len(audio) else 0.0
    if rms <= 0:
        return audio
    change = TARGET_DBFS - 20 * np.log10(rms)
    return audio * np.float32(10 ** (change / 20)) if change > 0 else audio


class LstmSpeakerEncoder:
    """Resemblyzer's d-vector encoder in numpy; `embed` matches `SpeakerEncoder.embed`."""

    def __init__(self, weights_path: Path):
        state = read_torch_legacy(weights_path)
        state = state.get("model_state", state)
        # torch orders the gates i, f, g, o; reordered to i, f, o, g so the three sigmoid
        # gates are one contiguous block (one pass of numpy ufuncs instead of three).
        order = np.r_[
            0:HIDDEN, HIDDEN : 2 * HIDDEN, 3 * HIDDEN : 4 * HIDDEN, 2 * HIDDEN : 3 * HIDDEN
        ]
        self._layers = []
        for k in range(LAYERS):
            w_ih = state[f"lstm.weight_ih_l{k}"]
            w_hh = state[f"lstm.weight_hh_l{k}"]
            bias = state[f"lstm.bias_ih_l{k}"] + state[f"lstm.bias_hh_l{k}"]
            self._layers.append(
                (w_ih.T[:, order].copy(), w_hh.T[:, order].copy(), bias[order].copy())
            )
        self._linear = (state["linear.weight"].T.copy(), state["linear.bias"])

    def forward(self, mels: np.ndarray) -> np.ndarray:
        """Unit d-vectors for a batch of mel spectrograms, shape (batch, frames, 40).

        Time-major and in place: each step is one matrix product and a few ufunc
        passes over preallocated buffers (about 30 % less CPU than the plain form).
        """
        sequence = np.ascontiguousarray(mels.astype(np.float32).transpose(1, 0, 2))
        steps, batch, _ = sequence.shape
        h = HIDDEN
        gates = np.empty((batch, 4 * h), dtype=np.float32)
        product = np.empty((batch, h), dtype=np.float32)
        hidden = np.zeros((batch, h), dtype=np.float32)
        for w_ih, w_hh, bias in self._layers:
            inputs = sequence @ w_ih  # (steps, batch, 4H), gates i, f, o, g
            inputs += bias
            hidden = np.zeros((batch, h), dtype=np.float32)
            cell = np.zeros((batch, h), dtype=np.float32)
            outputs = np.empty((steps, batch, h), dtype=np.float32)
            sigmoid, candidate = gates[:, : 3 * h], gates[:, 3 * h :]
            for t in range(steps):
                np.matmul(hidden, w_hh, out=gates)
                gates += inputs[t]
                sigmoid *= 0.5  # sigmoid(x) = (tanh(x / 2) + 1) / 2
                np.tanh(sigmoid, out=sigmoid)
                sigmoid += 1.0
                sigmoid *= 0.5
                np.tanh(candidate, out=candidate)
                cell *= gates[:, h : 2 * h]
                np.multiply(gates[:, :h], candidate, out=product)
                cell += product
                np.tanh(cell, out=hidden)
                hidden *= gates[:, 2 * h : 3 * h]
                outputs[t] = hidden
            sequence = outputs
        weight, bias = self._linear
        raw = np.maximum(hidden @ weight + bias, 0.0)
        return raw / (np.linalg.norm(raw, axis=1, keepdims=True) + 1e-12)

    def embed(self, pieces: Sequence[np.ndarray], *, batch_size: int = 256) -> np.ndarray:
        """One unit vector per piece of audio: the normalised mean of its 1.6 s partials."""
        if not pieces:
            return np.zeros((0, HIDDEN), dtype=np.float32)
        partials, owners = [], []
        for index, piece in enumerate(pieces):
            mel = mel_power(_raise_volume(np.asarray(piece, dtype=np.float32)))
            if len(mel) < PARTIAL_FRAMES:
                mel = np.pad(mel, ((0, PARTIAL_FRAMES - len(mel)), (0, 0)))
            starts = range(0, max(1, len(mel) - PARTIAL_FRAMES + 1), PARTIAL_STEP)
            for start in starts:
                partials.append(mel[start : start + PARTIAL_FRAMES])
                owners.append(index)
        stacked = np.stack(partials)
        vectors = np.concatenate(
            [self.forward(stacked[i : i + batch_size]) for i in range(0, len(stacked), batch_size)]
        )
        out = np.zeros((len(pieces), vectors.shape[1]), dtype=np.float32)
        np.add.at(out, np.asarray(owners), vectors)
        return out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-12)
