"""Prompt files, versioned in their names (``section.v1.md``) and reviewable in git.

A prompt file is Markdown: everything above a line ``---user---`` is the system
message, everything below it the user message; ``$name`` placeholders are
filled with `string.Template` (``$$`` for a literal dollar sign).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from string import Template

PROMPTS_DIR = Path(__file__).parent
SPLIT = "---user---"


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: Template
    user: Template

    @property
    def id(self) -> str:
        return f"{self.name}.{self.version}"

    def messages(self, **values: object) -> list[dict[str, str]]:
        text = {k: str(v) for k, v in values.items()}
        return [
            {"role": "system", "content": self.system.substitute(text).strip()},
            {"role": "user", "content": self.user.substitute(text).strip()},
        ]


def load_prompt(name: str, version: str = "v1") -> Prompt:
    path = PROMPTS_DIR / f"{name}.{version}.md"
    system, _, user = path.read_text(encoding="utf-8").partition(SPLIT)
    if not user:
        raise ValueError(f"{path}: no '{SPLIT}' line between the system and user messages")
    return Prompt(name=name, version=version, system=Template(system), user=Template(user))
