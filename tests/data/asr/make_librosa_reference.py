"""Regenerate librosa_reference.npz, the reference for Podium's numpy log-mel features.

Run with librosa installed (it is not a Podium dependency), e.g. in a scratch venv:
    python -m venv /tmp/lr && /tmp/lr/bin/pip install librosa numpy
    /tmp/lr/bin/python tests/data/asr/make_librosa_reference.py
Made with librosa 1.0.0. The test rebuilds the same signal with `signal()`.
"""

from pathlib import Path

import numpy as np


def signal() -> np.ndarray:
    """One second of a rising chirp plus a steady tone, 16 kHz."""
    t = np.arange(16000) / 16000
    chirp = 0.3 * np.sin(2 * np.pi * (200 * t + 1800 * t**2))
    return (chirp + 0.1 * np.sin(2 * np.pi * 3100 * t)).astype(np.float32)


if __name__ == "__main__":
    import librosa

    power = librosa.feature.melspectrogram(
        y=signal(),
        sr=16000,
        n_fft=512,
        win_length=400,
        hop_length=160,
        n_mels=40,
        window="hamming",
        center=False,
        power=2.0,
    )
    np.savez_compressed(
        Path(__file__).with_name("librosa_reference.npz"),
        log_mel=np.log10(power + 1e-10).T.astype(np.float32),
        filterbank=librosa.filters.mel(sr=16000, n_fft=512, n_mels=40).astype(np.float32),
        librosa_version=np.array(librosa.__version__),
    )
