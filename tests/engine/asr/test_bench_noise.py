"""The benchmark's light noise: the same seed gives the same file, another seed another draw.

Before, sox drew the noise from a clock-seeded generator, so a reported figure could not be
re-made from the same script (issue 19, fourth round)."""

from __future__ import annotations

import wave

import numpy as np
from benchmarks.asr.synth import Line, add_noise, pink_noise, render


def _samples(path):
    with wave.open(str(path)) as reader:
        return np.frombuffer(reader.readframes(reader.getnframes()), dtype="<i2")


def test_same_seed_same_file_other_seed_other_noise(tmp_path):
    clean = tmp_path / "clean.wav"
    render([Line("A", "en-us", "The committee met on Tuesday.")], clean)
    first, again, other = (tmp_path / f"{n}.wav" for n in ("first", "again", "other"))
    add_noise(clean, first, seed=3)
    add_noise(clean, again, seed=3)
    add_noise(clean, other, seed=4)
    assert first.read_bytes() == again.read_bytes()
    speech, noisy, redrawn = _samples(clean), _samples(first), _samples(other)
    assert len(noisy) == len(speech)
    assert not np.array_equal(noisy, redrawn)
    # the noise is light: about sox's `synth pinknoise vol 0.01` (RMS 0.0021 of full scale)
    added = (noisy.astype(float) - speech) / 32768
    assert 0.0015 < np.sqrt(np.mean(added**2)) < 0.0028


def test_pink_noise_power_falls_with_frequency():
    noise = pink_noise(2**16, 16000, seed=1, rms=0.1)
    assert abs(np.sqrt(np.mean(noise**2)) - 0.1) < 1e-9
    power = np.abs(np.fft.rfft(noise)) ** 2
    frequencies = np.fft.rfftfreq(len(noise), 1 / 16000)
    low = power[(frequencies > 100) & (frequencies < 200)].mean()
    high = power[(frequencies > 4000) & (frequencies < 8000)].mean()
    # 1/f power: a band 40 times higher carries about 1/40 the power per hertz
    assert 20 < low / high < 80


def test_benchmark_panel_is_made_again_the_same_and_redrawn_under_another_seed(tmp_path):
    from benchmarks.asr.__main__ import _recording

    spec = ("panel.wav", 0.2, 2, 5, True)
    media, lines = _recording(tmp_path, *spec)
    first = media.read_bytes()
    media.unlink()  # made again from scratch: the same bytes
    again, lines_again = _recording(tmp_path, *spec)
    assert again == media and again.read_bytes() == first and lines_again == lines
    other, other_lines = _recording(tmp_path, *spec, 1)
    assert other.name == "panel-n1.wav"
    assert other_lines == lines  # the same script and timing, another draw of the noise
    assert other.read_bytes() != first
    assert media.read_bytes() == first  # the seed-0 file is left as it was
