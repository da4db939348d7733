"""Speakers and clean text out of a subtitle cue's lines (WebVTT and SRT).

A cue names its speaker in one of these ways, all of which are read:

- WebVTT voice spans: ``<v Rachel Lee>``, with classes ``<v.loud Rachel Lee>``,
  closed by ``</v>`` or not, several in one cue (each starts a new piece);
- a ``Name:`` prefix (``Keith Luse: The divided families…``), also after a
  dialogue dash or ``>>``;
- a ``[Name]`` prefix (``[Susan Thornton] I would add…``); sound descriptions
  such as ``[Applause]`` or ``[inaudible]`` are kept as text, not speakers.

Other tags (``<c.yellow>``, ``<i>``, ``<b>``, ``<00:01:02.000>`` timestamps,
``<font>``, ASS ``{\\an8}``) are stripped and HTML entities (``&amp;``) decoded.
Regular expressions and `html.unescape` do the work.
"""

from __future__ import annotations

import html
import re

from podium.engine.transcript.cues import Cue
from podium.engine.wordlists import load_words

_VOICE = re.compile(r"<v(?:\.[^\s>]+)*(?:[ \t\f]+([^>]*))?>")
_TAG = re.compile(r"<[^>]*>")
_ASS = re.compile(r"\{\\[^}]*\}")
_SPACE = re.compile(r"\s+")
_DASH = re.compile(r"^(?:-|–|>>)\s*")
_CANDIDATE = r"[^\W\d_][\w.'’\-]*(?:[ \t]+[\w.'’\-]+){0,5}"
_COLON_PREFIX = re.compile(rf"^(?P<name>{_CANDIDATE}):\s+(?P<rest>\S.*)$")
_BRACKET_PREFIX = re.compile(rf"^\[(?P<name>{_CANDIDATE})\]\s*(?P<rest>.*)$")
_PARTICLES = load_words("name_particles")
SOUND_TAGS = load_words("sound_tags")
"""``[Applause]``, ``[inaudible]``: bracketed cue prefixes that are not speakers."""


def clean_text(text: str) -> str:
    """Strip cue tags and ASS overrides, decode entities, collapse white space."""
    text = _ASS.sub("", _TAG.sub("", text))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def clean_name(name: str) -> str:
    return _SPACE.sub(" ", html.unescape(name)).strip()


def looks_like_name(text: str) -> bool:
    """Whether a label reads as a speaker: ``Dana Whitfield``, ``SPEAKER_01``,
    ``Speaker 2``, ``Ludwig van Beethoven``; not ``Here's the thing``."""
    words = text.split()
    if not words or len(words) > 6 or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _PARTICLES for w in words)


def speaker_prefix(line: str) -> tuple[str | None, str]:
    """``"Keith Luse: Thank you"`` -> ``("Keith Luse", "Thank you")``; no prefix -> ``(None, line)``."""
    body = _DASH.sub("", line, count=1)
    match = _COLON_PREFIX.match(body)
    if match and looks_like_name(match["name"]):
        return match["name"], match["rest"]
    match = _BRACKET_PREFIX.match(body)
    if (
        match
        and looks_like_name(match["name"])
        and " ".join(match["name"].lower().split()) not in SOUND_TAGS
    ):
        return match["name"], match["rest"]
    return None, line


def split_cue(raw: str) -> list[tuple[str | None, str]]:
    """A cue's raw text as pieces of ``(speaker or None, clean text)``, in order.

    One piece per speaker change inside the cue; ``None`` means the cue does not
    say who speaks (the reader keeps the speaker of the cue before).
    """
    parts = _VOICE.split(raw)
    pieces: list[tuple[str | None, list[str]]] = []
    for line in parts[0].split("\n"):
        text = clean_text(line)
        if not text:
            continue
        speaker, text = speaker_prefix(text)
        if speaker is not None or not pieces:
            pieces.append((speaker, []))
        if text:
            pieces[-1][1].append(text)
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        pieces.append((clean_name(name or ""), [clean_text(body)]))
    merged: list[tuple[str | None, str]] = []
    for speaker, texts in pieces:
        text = " ".join(t for t in texts if t)
        if merged and (speaker is None or speaker == merged[-1][0]):
            merged[-1] = (merged[-1][0], f"{merged[-1][1]} {text}".strip())
        else:
            merged.append((speaker, text))
    return [(s, t) for s, t in merged if t]


def cues_from_caption(
    start: float, end: float, raw: str, *, line: int | None, speaker: str
) -> tuple[list[Cue], str]:
    """The cues of one caption, and the speaker in force after it.

    A caption with several speakers is cut into one cue per speaker, its time
    shared out by number of words. A caption that names no speaker keeps
    `speaker`, the one in force before it.
    """
    pieces = split_cue(raw)
    total = sum(len(text.split()) for _, text in pieces) or 1
    cues: list[Cue] = []
    clock = start
    for index, (named, text) in enumerate(pieces):
        speaker = named if named is not None else speaker
        share = (end - start) * len(text.split()) / total
        piece_end = end if index == len(pieces) - 1 else clock + share
        cues.append(Cue(start=clock, end=piece_end, speaker=speaker, text=text, line=line))
        clock = piece_end
    return cues, speaker
