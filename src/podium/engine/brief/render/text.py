"""`Brief` -> the seed's plain-text layout (re-readable by `parse/text.py`).

The page layout of ``000_…`` with one paragraph per line and blank lines
between: ``Program Brief``, title, intro, context lines, ``Part …`` lines,
``N. Title ▶ [mm:ss]`` heads and their paragraphs, closing lines, then
``About the Speakers:`` with the name of everyone the brief attributes a
section or quote to (names only: bios belong to the event, not the brief).
Brief metadata is not part of this layout; use Markdown or JSON to keep it.
"""

from __future__ import annotations

from podium.engine.brief.model import Brief
from podium.engine.brief.render.common import head_text, named_speakers


def render_text(brief: Brief) -> str:
    blocks: list[str] = ["Program Brief"]
    if brief.title:
        blocks.append(brief.title)
    blocks += brief.intro
    blocks += brief.context
    for part in brief.parts:
        if part.title:
            blocks.append(part.title)
        for section in part.sections:
            blocks.append(head_text(section))
            blocks += section.summary
    blocks += brief.closing
    names = named_speakers(brief)
    if names:
        blocks.append("About the Speakers:")
        blocks += names
    return "\n\n".join(blocks) + "\n"
