"""YouTube's automatic captions: rolling WebVTT cues with a timestamp on every word.

What ``yt-dlp --write-auto-subs`` saves looks like this: each cue repeats the
line before it and adds a new line whose words carry inline timestamps, and a
10 ms cue between them holds the finished line (and a line holding one
space)::

    00:00:02.760 --> 00:00:05.190 align:start position:0%
    good evening everyone and welcome to
    the<00:00:03.040><c> Asia</c><00:00:03.360><c> Policy</c>

    00:00:05.190 --> 00:00:05.200 align:start position:0%
    the Asia Policy


Read naively every sentence would appear twice or three times. Here each
line is taken once, where it first appears, and its words keep their
timestamps as `Word`s. The WebVTT reader (webvtt-py under it) hands over the
captions; this module only decides what is new in each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import webvtt

from podium.engine.timefmt import parse_time
from podium.engine.transcript.cues import Cue
from podium.engine.transcript.cuetext import clean_text
from podium.engine.transcript.model import Word

_WORD_TIME = re.compile(r"<(\d+:\d{2}:\d{2}\.\d{3})>")
_ROLLING = re.compile(r"<\d+:\d{2}:\d{2}\.\d{3}><c>")
RECENT = 2
"""An untimed line equal to one of the last `RECENT` lines taken is a repeat."""


def is_rolling(captions: Sequence[webvtt.Caption]) -> bool:
    """Whether the captions are YouTube's rolling automatic captions."""
    return any(_ROLLING.search(caption.raw_text) for caption in captions[:50])


def _words(line: str, start: float, end: float) -> tuple[Word, ...]:
    parts = _WORD_TIME.split(line)
    timed = [(start, parts[0])]
    for i in range(1, len(parts) - 1, 2):
        try:
            word_start = parse_time(parts[i])
        except ValueError:  # <00:99:00.000>: the word keeps the time of the one before
            word_start = timed[-1][0]
        timed.append((word_start, parts[i + 1]))
    words = []
    for index, (word_start, raw) in enumerate(timed):
        text = clean_text(raw)
        if not text:
            continue
        word_end = timed[index + 1][0] if index + 1 < len(timed) else end
        words.append(
            Word(start=round(word_start, 3), end=round(max(word_end, word_start), 3), text=text)
        )
    return tuple(words)


def rolling_captions_to_cues(
    captions: Sequence[webvtt.Caption], lines: Sequence[int | None]
) -> list[Cue]:
    """One cue per new caption line, with word timings; repeated lines dropped."""
    cues: list[Cue] = []
    recent: list[str] = []
    for caption, number in zip(captions, lines, strict=True):
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        for raw_line in caption.raw_text.split("\n"):
            text = clean_text(raw_line)
            if not text:
                continue
            timed = bool(_WORD_TIME.search(raw_line))
            if not timed and text in recent[-RECENT:]:
                continue
            words = _words(raw_line, start, end) if timed else ()
            cues.append(Cue(start=start, end=end, speaker="", text=text, line=number, words=words))
            recent.append(text)
    return cues
