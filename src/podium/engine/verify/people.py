"""Who is who: matching the names a brief uses to the transcript's speakers.

A brief says "Susan Thornton", "Thornton" or "Rachel Minyoung Lee"; the
transcript labels turns "Susan A. Thornton", "SPEAKER_02" (with a speakers
file mapping the label) or "Thornton". `People` resolves any of these to one
canonical event speaker name. Plain string work (`unicodedata` for accents);
fuzzy spelling lives in the names check.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from podium.engine.speakers import Speaker, label_map
from podium.engine.transcript.model import Transcript

_INITIAL = re.compile(r"^[a-z]$")
FUZZY_NAME = 85.0
"""rapidfuzz ratio at which a surname is taken for a misspelling of a speaker's."""


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """Lower case, accents and dots removed, one space between words."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = name.replace("\u2019", "'").replace(".", " ").replace("'s ", " ")
    return " ".join(name.lower().split())


@functools.lru_cache(maxsize=8192)
def name_parts(name: str) -> tuple[str, ...]:
    """The words of a name without middle initials ("Susan A. Thornton" -> susan, thornton)."""
    return tuple(p for p in name_key(name).split() if not _INITIAL.match(p))


@dataclass(slots=True)
class People:
    """The event's speakers and the transcript labels that stand for them."""

    speakers: list[Speaker]
    labels: dict[str, str] = field(default_factory=dict)
    """Transcript label -> canonical speaker name."""

    @classmethod
    def build(cls, transcript: Transcript, speakers: list[Speaker] | None = None) -> People:
        speakers = list(speakers or [])
        known = {name_key(s.name) for s in speakers}
        mapped = label_map(speakers)
        people = cls(speakers=speakers)
        for label in transcript.speakers:
            if not label:
                continue
            if label in mapped:
                people.labels[label] = mapped[label]
                continue
            resolved = people.resolve(label, fuzzy=False) if speakers else None
            if resolved is not None:
                people.labels[label] = resolved
            else:
                people.labels[label] = label
                if name_key(label) not in known and _looks_like_name(label):
                    speakers.append(Speaker(name=label))
                    known.add(name_key(label))
        return people

    def name_of(self, label: str) -> str:
        """The canonical name for a transcript label (the label itself when unknown)."""
        return self.labels.get(label, label)

    def resolve(
        self, name: str, *, fuzzy: bool = True, prefer: list[str] | None = None
    ) -> str | None:
        """The event speaker a brief's `name` stands for, or None.

        A full name or alias is exactly that speaker. A part of a name ("Lee")
        shared by several speakers is ambiguous: it resolves to the one of them
        among `prefer` (the section's speakers) when there is exactly one, else
        to nobody (`candidates` lists them; the names check warns). With
        `fuzzy`, a surname within `FUZZY_NAME` of a speaker's still finds them
        (the names check, which calls this without `fuzzy`, reports the spelling).
        """
        key = name_key(name)
        if not key:
            return None
        for speaker in self.speakers:
            if key == name_key(speaker.name) or any(key == name_key(a) for a in speaker.aliases):
                return speaker.name
        found = self.candidates(name)
        if len(found) == 1:
            return found[0]
        if found:
            wanted = {name_key(p) for p in prefer or []}
            chosen = [c for c in found if name_key(c) in wanted]
            return chosen[0] if len(chosen) == 1 else None
        return self._resolve_misspelt(list(name_parts(name))) if fuzzy else None

    def candidates(self, name: str) -> list[str]:
        """Every speaker a partial name ("Lee", "Anna Lee" for "Anna M. Lee") may stand for."""
        parts = name_parts(name)
        found: list[str] = []
        for speaker in self.speakers:
            full = name_parts(speaker.name)
            if not full or not parts:
                continue
            match = (len(parts) == 1 and parts[0] == full[-1]) or (
                len(parts) > 1 and parts[-1] == full[-1] and set(parts) <= set(full)
            )
            for alias in speaker.aliases:
                alias_parts = name_parts(alias)
                match = match or bool(alias_parts and parts == alias_parts[-len(parts) :])
            if match and speaker.name not in found:
                found.append(speaker.name)
        return found

    def _resolve_misspelt(self, parts: list[str]) -> str | None:
        if not parts or len(parts[-1]) < 4:
            return None
        best = None
        for speaker in self.speakers:
            full = name_parts(speaker.name)
            if full and len(full[-1]) >= 4:
                score = fuzz.ratio(parts[-1], full[-1])
                if score >= FUZZY_NAME and (best is None or score > best[0]):
                    best = (score, speaker.name)
        return best[1] if best else None

    def is_speaker(self, label: str, name: str) -> bool:
        """True when transcript `label` and brief `name` are the same person."""
        canonical = self.resolve(name) or name
        return name_key(self.name_of(label)) == name_key(canonical)

    def labels_of(self, names: list[str]) -> set[str]:
        """Transcript labels spoken by any of `names`."""
        wanted = {name_key(self.resolve(n) or n) for n in names}
        return {label for label, person in self.labels.items() if name_key(person) in wanted}

    def surnames(self) -> dict[str, str]:
        return {name_parts(s.name)[-1]: s.name for s in self.speakers if name_parts(s.name)}


def _looks_like_name(label: str) -> bool:
    """A transcript label that is a person's name, not ``SPEAKER_01`` or "Unknown"."""
    if re.fullmatch(r"(?i)(speaker|spk|s)[ _-]?\d+|unknown|\?+", label.strip()):
        return False
    return any(c.isalpha() for c in label)
