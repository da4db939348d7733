"""Program briefs: the model, reading every layout, and rendering.

Public contract (other parts of Podium code against these names):

- `parse_brief(text, *, speakers=None, source="<brief>") -> Brief` reads Podium
  JSON, Podium Markdown or the seed's plain-text page layout (sniffed);
- `read_brief(path, *, speakers=None) -> Brief`;
- `render_brief(brief, format) -> str` for `format` in `FORMATS`
  (``txt``, ``md``, ``html``, ``json``);
- `parse_page(text) -> PageInfo`: the after-event page around a brief;
- the model: `Brief`, `Part`, `Section`, `Quote`, `EventDetails`.

The writers (``podium.engine.write``) build briefs from transcripts.
"""

from podium.engine.brief.model import Brief, EventDetails, Part, Quote, Section
from podium.engine.brief.page import PageInfo
from podium.engine.brief.parse import (
    parse_brief,
    parse_brief_and_page,
    parse_page,
    read_brief,
    sniff_layout,
)
from podium.engine.brief.render import FORMATS, brief_to_dict, render_brief

__all__ = [
    "FORMATS",
    "Brief",
    "EventDetails",
    "PageInfo",
    "Part",
    "Quote",
    "Section",
    "brief_to_dict",
    "parse_brief",
    "parse_brief_and_page",
    "parse_page",
    "read_brief",
    "render_brief",
    "sniff_layout",
]
