"""The names ``--help`` lists for formats, writers and models, written out here.

`podium --help` must answer without importing the engine (whose packages load
webvtt, pysbd, numpy, spaCy…), so the CLI does not read these from the engine
at import time. tests/cli/test_startup.py checks that each equals the engine's
own constant, so the two cannot drift apart.
"""

from __future__ import annotations

TRANSCRIPT_FORMATS = ("vtt", "srt", "json", "txt", "md")
"""`podium.engine.transcript.FORMATS`: what the transcript writers write."""
TRANSCRIPT_READ_FORMATS = ("vtt", "srt", "json", "qmsum", "txt", "md")
"""`podium.engine.transcript.READ_FORMATS`: what the transcript readers read."""
BRIEF_FORMATS = ("txt", "md", "html", "json")
"""`podium.engine.brief.FORMATS`: what `render_brief` writes."""
WRITERS = ("extractive", "llm")
"""`podium.engine.write.WRITERS`: the brief writers."""
WHISPER_MODELS = ("base", "tiny")
"""The keys of `podium.engine.asr.WHISPER_MODELS`: the speech-to-text models."""
