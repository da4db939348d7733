"""Event speakers and speaker maps, read from YAML or JSON (PyYAML reads both).

One file format serves `--speakers` (who the event's speakers are, for brief
parsing and the names check) and `--speaker-map` (transcript label -> person):

    # a list of people; `label` ties a person to a transcript label
    - name: Rachel Minyoung Lee
      role: panelist
      organisation: Stimson Center
      label: SPEAKER_01
      aliases: [Rachel Lee]

    # or a mapping label -> name, or label -> {name, role, organisation}
    SPEAKER_00: Jonathan Corrado
    SPEAKER_01: {name: Ankit Panda, role: panelist}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from podium.engine.errors import SpeakersError
from podium.engine.structured import load_yaml


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person who speaks at an event."""

    name: str
    role: str | None = None
    title: str | None = None
    organisation: str | None = None
    label: str | None = None
    """The transcript label this person speaks under (``SPEAKER_01``), if known."""
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.name.split() else self.name


def load_speakers(path: str | Path) -> list[Speaker]:
    """Read a speakers file (see the module docstring); errors name the file and entry."""
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpeakersError("no such file", source=source) from None
    except IsADirectoryError:
        raise SpeakersError("is a directory, not a speakers file", source=source) from None
    except UnicodeDecodeError:
        raise SpeakersError("not a UTF-8 text file", source=source) from None
    data = load_yaml(text, source=source, error=SpeakersError)
    return parse_speakers(data, source=source)


def parse_speakers(data: object, *, source: str = "speakers") -> list[Speaker]:
    """Turn loaded YAML/JSON data into speakers; see the module docstring for shapes."""
    if isinstance(data, dict) and "speakers" in data:
        data = data["speakers"]
    if isinstance(data, dict):
        entries = []
        for label, value in data.items():
            if isinstance(value, str):
                entries.append({"name": value, "label": str(label)})
            elif isinstance(value, dict):
                entries.append({"label": str(label), **value})
            else:
                raise SpeakersError(
                    f"speaker {label!r}: expected a name or a mapping", source=source
                )
    elif isinstance(data, list):
        entries = [{"name": e} if isinstance(e, str) else e for e in data]
    else:
        raise SpeakersError("expected a list of speakers or a label -> name mapping", source=source)

    speakers = []
    allowed = {"name", "role", "title", "organisation", "organization", "label", "aliases"}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise SpeakersError(f"entry {number}: expected a mapping", source=source)
        unknown = set(entry) - allowed
        if unknown:
            raise SpeakersError(
                f"entry {number}: unknown field(s) {', '.join(sorted(unknown))}", source=source
            )
        name = str(entry.get("name") or "").strip()
        if not name:
            raise SpeakersError(f"entry {number}: 'name' is missing", source=source)
        aliases = entry.get("aliases") or ()
        if isinstance(aliases, str):
            aliases = (aliases,)
        speakers.append(
            Speaker(
                name=name,
                role=entry.get("role"),
                title=entry.get("title"),
                organisation=entry.get("organisation") or entry.get("organization"),
                label=str(entry["label"]) if entry.get("label") is not None else None,
                aliases=tuple(str(a) for a in aliases),
            )
        )
    return speakers


def label_map(speakers: list[Speaker]) -> dict[str, str]:
    """Transcript label -> name, for the speakers that have a label."""
    return {s.label: s.name for s in speakers if s.label}
