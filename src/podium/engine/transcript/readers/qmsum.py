"""QMSum meeting files as a reader (``--from qmsum``); the work is in `podium.engine.transcript.qmsum`.

A ``.json`` file holding a QMSum meeting is recognised by the JSON reader on
its own; this reader is for asking for QMSum explicitly, and refuses other JSON.
"""

from __future__ import annotations

from podium.engine.errors import TranscriptError
from podium.engine.structured import load_json
from podium.engine.transcript.model import Transcript
from podium.engine.transcript.qmsum import meeting_from_data
from podium.engine.transcript.readers.json import is_qmsum


def parse_qmsum(text: str, *, source: str) -> Transcript:
    """A QMSum meeting (``meeting_transcripts``, no times) with synthesized times."""
    data = load_json(text, source=source, error=TranscriptError)
    if not is_qmsum(data):
        raise TranscriptError(
            "not a QMSum meeting: no 'meeting_transcripts' list", source=source, line=1
        )
    return meeting_from_data(data, source=source).transcript
