"""What the checks of one verification run share: the word index, the people,
the options, and the results earlier checks leave for later ones.

Built once per `verify()` call; caches (word positions, passage embeddings,
BM25 per speaker) live here so nothing is computed twice within a report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from podium.engine.timefmt import format_time
from podium.engine.verify.options import VerifyOptions
from podium.engine.verify.people import People
from podium.engine.verify.report import Evidence
from podium.engine.verify.text import TranscriptIndex

_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?\b")


@dataclass(slots=True)
class Located:
    """Where a section's content was found: a token span and how sure we are."""

    start_token: int
    end_token: int
    kind: str
    """"quote" or "claim"."""
    score: float = 1.0


@dataclass(slots=True)
class Context:
    index: TranscriptIndex
    people: People
    options: VerifyOptions
    located: dict[int, list[Located]] = field(default_factory=lambda: defaultdict(list))
    """Section number -> where its quotes / best-supporting passages are."""
    _positions: dict[str, list[int]] | None = None
    embeddings: dict[int, object] = field(default_factory=dict)
    """Passage index -> unit vector (filled by the claim check)."""
    cache: dict[str, object] = field(default_factory=dict)
    """Per-transcript helpers the checks build once (BM25, the names gazetteer)."""

    @property
    def positions(self) -> dict[str, list[int]]:
        """Normalised word -> token positions where it occurs."""
        if self._positions is None:
            positions: dict[str, list[int]] = defaultdict(list)
            for number, token in enumerate(self.index.tokens):
                positions[token.norm].append(number)
            self._positions = dict(positions)
        return self._positions

    def section_speakers(self, section) -> list[str]:
        """The section's speakers; when the brief gives none (e.g. a name the parser did not
        recognise, such as a misspelling), the event speakers its prose names."""
        if section.speakers:
            return list(section.speakers)
        key = f"speakers:{section.number}:{hash(tuple(section.summary))}"
        found = self.cache.get(key)
        if found is None:
            found = []
            for paragraph in section.summary:
                for word in _CAPITALISED_WORD.findall(paragraph):
                    name = self.people.resolve(word)
                    if name is not None and name not in found:
                        found.append(name)
            self.cache[key] = found
        return list(found)

    def speaker_name(self, start: int, end: int) -> str:
        """The canonical name of whoever said most of tokens ``[start, end)``."""
        counts = self.index.speakers_between(start, max(end, start + 1))
        label = max(counts, key=counts.get) if counts else ""
        return self.people.name_of(label)

    def evidence(self, start: int, end: int, *, limit: int = 3) -> list[Evidence]:
        """The transcript segments covering tokens ``[start, end)``, as evidence lines."""
        if not self.index.tokens or end <= start:
            return []
        segments = self.index.segments_between(start, end)
        if len(segments) > limit:
            segments = segments[:limit]
        return [Evidence(s.start, s.end, self.people.name_of(s.speaker), s.text) for s in segments]

    def at(self, token: int) -> str:
        """``35:31``: the time a token is spoken, formatted."""
        return format_time(self.index.time(token))
