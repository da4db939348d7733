"""The transcript readers, one module per format family, and the table that names them.

Each reader is ``parse(text, *, source) -> Transcript``; `READERS` maps a format
name to it. `podium.engine.transcript.sniff` decides which one a file needs.
"""

from __future__ import annotations

from collections.abc import Callable

from podium.engine.transcript.model import Transcript
from podium.engine.transcript.readers.json import parse_json
from podium.engine.transcript.readers.qmsum import parse_qmsum
from podium.engine.transcript.readers.srt import parse_srt
from podium.engine.transcript.readers.text import parse_text
from podium.engine.transcript.readers.vtt import parse_vtt

Reader = Callable[..., Transcript]

READERS: dict[str, Reader] = {
    "vtt": parse_vtt,
    "srt": parse_srt,
    "json": parse_json,
    "qmsum": parse_qmsum,
    "txt": parse_text,
    "md": parse_text,
}
"""Format name -> reader. The ``json`` reader also recognises QMSum meetings."""
