"""One Silero pass serves the speaker regions and the speech Whisper decodes.

`podium.engine.asr.vad` runs the model once per chunk and derives both sets of
speech from its probabilities; these tests hold that derivation to the library's
own `get_speech_timestamps` (which runs the model itself) on a spoken clip, and to
its batched pipeline's VAD path on what Whisper then writes.
"""

from __future__ import annotations

import numpy as np
from faster_whisper.vad import VadOptions as SileroOptions
from faster_whisper.vad import get_speech_timestamps

from podium.engine.asr.audio import iter_audio
from podium.engine.asr.vad import (
    WHISPER_VAD,
    VadOptions,
    speech_probabilities,
    speech_regions,
    whisper_speech,
)


def _stamps(stamps):
    return [(s["start"], s["end"]) for s in stamps]


def test_speaker_regions_from_the_shared_pass_are_the_librarys(clips):
    audio = np.concatenate(list(iter_audio(clips.two_voices)))
    options = VadOptions()
    library = get_speech_timestamps(
        audio,
        SileroOptions(
            threshold=options.threshold,
            min_silence_duration_ms=int(options.min_silence * 1000),
            min_speech_duration_ms=int(options.min_speech * 1000),
            speech_pad_ms=int(options.pad * 1000),
        ),
    )
    regions = speech_regions(audio, probabilities=speech_probabilities(audio))
    assert len(regions) == len(library) >= 4
    assert [(round(r.start * 16000), round(r.end * 16000)) for r in regions] == _stamps(library)


def test_whisper_speech_is_what_the_batched_pipeline_keeps(clips):
    audio = np.concatenate(list(iter_audio(clips.two_voices)))
    # BatchedInferencePipeline.transcribe's own VAD settings for 30-second pieces
    library = get_speech_timestamps(
        audio, SileroOptions(max_speech_duration_s=30, min_silence_duration_ms=160)
    )
    assert WHISPER_VAD.pad == 0.4 and WHISPER_VAD.min_silence == 0.16
    assert _stamps(whisper_speech(speech_probabilities(audio), len(audio))) == _stamps(library)
    # a minute of the clip over and over: speech longer than 30 s is cut as the library cuts it
    long = np.tile(audio, int(np.ceil(60 * 16000 / len(audio))))
    library = get_speech_timestamps(
        long, SileroOptions(max_speech_duration_s=30, min_silence_duration_ms=160)
    )
    assert _stamps(whisper_speech(speech_probabilities(long), len(long))) == _stamps(library)


def test_silence_has_no_speech(clips):
    audio = np.concatenate(list(iter_audio(clips.silent)))
    assert whisper_speech(speech_probabilities(audio), len(audio)) == []
    assert speech_regions(audio) == []
