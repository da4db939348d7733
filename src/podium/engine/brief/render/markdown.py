"""`Brief` -> Podium Markdown (the layout `parse/markdown.py` documents and reads).

Title ``#``, parts ``##``, sections ``### 3. Deterrence Risks ▶ [35:24]``,
quotes inline in the prose, context lines as ``>`` block quotes, closing
lines after a ``---`` rule, metadata as YAML front matter (PyYAML writes it),
and ``## About the Speakers`` listing everyone a section or quote is
attributed to.
"""

from __future__ import annotations

import yaml

from podium.engine.brief.model import Brief
from podium.engine.brief.parse.markdown import escape
from podium.engine.brief.render.common import head_text, named_speakers


def render_markdown(brief: Brief) -> str:
    blocks: list[str] = []
    if brief.metadata:
        front = yaml.safe_dump(dict(brief.metadata), allow_unicode=True, sort_keys=False)
        blocks.append(f"---\n{front.rstrip()}\n---")
    if brief.title:
        blocks.append(f"# {brief.title}")
    blocks += [escape(p) for p in brief.intro]
    blocks += [f"> {line}" for line in brief.context]
    for part in brief.parts:
        if part.title:
            blocks.append(f"## {part.title}")
        for section in part.sections:
            blocks.append(f"### {head_text(section)}")
            blocks += [escape(p) for p in section.summary]
    if brief.closing:
        blocks.append("---")
        blocks += [escape(p) for p in brief.closing]
    names = named_speakers(brief)
    if names:
        blocks.append("## About the Speakers")
        blocks.append("\n".join(f"- {name}" for name in names))
    return "\n\n".join(blocks) + "\n"
