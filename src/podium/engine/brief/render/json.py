"""`Brief` -> Podium JSON, the complete and lossless form (read by `parse/json.py`).

Times are seconds (``start``) with the printed label beside them (``time``,
ignored on reading); each quote carries its speaker; ``version`` names the
shape. The standard library's `json` writes it.
"""

from __future__ import annotations

import json

from podium.engine.brief.model import Brief
from podium.engine.brief.parse.json import VERSION
from podium.engine.timefmt import format_time


def brief_to_dict(brief: Brief) -> dict:
    return {
        "version": VERSION,
        "title": brief.title,
        "intro": list(brief.intro),
        "context": list(brief.context),
        "parts": [
            {
                "title": part.title,
                "sections": [
                    {
                        "number": s.number,
                        "title": s.title,
                        "start": s.start,
                        "time": format_time(s.start) if s.start is not None else None,
                        "speakers": list(s.speakers),
                        "summary": list(s.summary),
                        "quotes": [{"text": q.text, "speaker": q.speaker} for q in s.quotes],
                    }
                    for s in part.sections
                ],
            }
            for part in brief.parts
        ],
        "closing": list(brief.closing),
        "metadata": dict(brief.metadata),
    }


def render_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"
