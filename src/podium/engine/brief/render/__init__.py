"""Rendering a `Brief`: the seed's text layout, Podium Markdown, standalone HTML, JSON."""

from __future__ import annotations

from collections.abc import Callable

from podium.engine.brief.model import Brief
from podium.engine.brief.render.html import render_html
from podium.engine.brief.render.json import brief_to_dict, render_json
from podium.engine.brief.render.markdown import render_markdown
from podium.engine.brief.render.text import render_text
from podium.engine.errors import BriefError

RENDERERS: dict[str, Callable[[Brief], str]] = {
    "txt": render_text,
    "md": render_markdown,
    "html": render_html,
    "json": render_json,
}
FORMATS = tuple(RENDERERS)
"""The formats `render_brief` writes: ``txt``, ``md``, ``html``, ``json``."""


def render_brief(brief: Brief, format: str) -> str:
    """The brief as text in `format` (one of `FORMATS`)."""
    try:
        renderer = RENDERERS[format]
    except KeyError:
        raise BriefError(
            f"unknown output format {format!r} (known: {', '.join(FORMATS)})"
        ) from None
    return renderer(brief)


__all__ = ["FORMATS", "brief_to_dict", "render_brief"]
