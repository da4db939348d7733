"""The known script of the synthetic panel: a moderator and three panelists.

Sentences are plain words (no digits or abbreviations) so the reference text
is exactly what espeak-ng says. `panel(minutes)` deals the sentences into
turns of panel-like lengths (short moderator questions, longer answers,
the odd brief interjection) with a fixed random seed, so every run of the
benchmark hears the same recording.
"""

from __future__ import annotations

import random

from benchmarks.asr.synth import VOICES, Line

MODERATOR = [
    "Welcome everyone, and thank you for joining us this afternoon.",
    "Let me start with a simple question for the whole panel.",
    "That is a helpful way to frame it. What do the others think?",
    "I want to push you a little on that point.",
    "We have a question from the audience about local governments.",
    "Before we run out of time, I would like to hear about the budget.",
    "How should a small country think about these choices?",
    "Let us turn to the question of trade and supply chains.",
    "Thank you. Can you say more about the role of the courts?",
    "We have about ten minutes left, so let me ask about the next election.",
    "What would you tell a new minister on her first day?",
    "That brings us to the end of our time together.",
]

PANELISTS = [
    "I think the honest answer is that nobody planned for a crisis of this size.",
    "Public budgets are already stretched, so private capital has to carry most of the load.",
    "The evidence from the last decade points in a fairly clear direction.",
    "We should be careful not to confuse a short term shock with a lasting change.",
    "Most of the funding still comes from national governments rather than from markets.",
    "In my view the regulators moved too slowly and then too quickly.",
    "Farmers in the region have told us that water is now their biggest worry.",
    "The central bank cannot solve a problem that is really about housing supply.",
    "Trade agreements take years to negotiate and only weeks to abandon.",
    "Young voters care much more about rent than about pensions.",
    "There is a real risk that the reform will help the cities and leave the towns behind.",
    "I would start by asking who actually pays for the new rules.",
    "Local councils know their communities far better than any ministry does.",
    "We found that small firms spend a surprising amount of time on paperwork.",
    "The courts have become the place where these political fights are settled.",
    "Energy prices doubled in two years, and households felt every bit of it.",
    "A carbon price works best when people can see where the money goes.",
    "Our survey shows that trust in parliament is lower than it was twenty years ago.",
    "Migration is a labour market question as much as a cultural one.",
    "The ports are modern, but the roads and railways behind them are not.",
    "I agree with the diagnosis, but I would draw a different conclusion.",
    "Governments rarely lose elections because of foreign policy alone.",
    "The data on school attendance since the pandemic is quite worrying.",
    "Hospitals cannot hire enough nurses while wages lag behind private clinics.",
    "We need a public debate about what the state should stop doing.",
    "Any serious plan has to include the people who will lose their jobs.",
    "The new tax credit has been popular, but it has also been expensive.",
    "Cities that invested early in buses and bicycles are now reaping the benefits.",
    "Sanctions change behaviour slowly, and sometimes not at all.",
    "The minister promised a review, and we are still waiting for it.",
    "Insurance companies are quietly pulling out of the most exposed coastal areas.",
    "Better statistics would settle half of the arguments we have in this field.",
    "I would not call it a failure, but it certainly fell short of the promise.",
    "Grid connections, not solar panels, are now the main bottleneck.",
    "Teachers tell us that the new curriculum arrived without any training.",
    "The budget office expects the deficit to narrow only very slowly.",
    "Rural hospitals are closing faster than new clinics can open.",
    "A smaller reform that actually passes is worth more than a grand plan that stalls.",
    "The pension system was designed for a country with many more workers per retiree.",
    "Good regulation is boring, predictable and written in plain language.",
]

INTERJECTIONS = [
    "Exactly, that is the point.",
    "I would disagree with that.",
    "Yes, and the numbers back that up.",
    "That is fair.",
]


def panel(
    minutes: float, *, speakers: int = 4, seed: int = 7, voices: tuple[str, ...] = VOICES
) -> list[Line]:
    """A panel script of about `minutes` minutes (at espeak's 165 words a minute).

    The first of `voices` moderates; the next `speakers - 1` are panelists.
    """
    if speakers > len(voices):
        raise ValueError(f"{speakers} speakers need {speakers} voices, got {len(voices)}")
    rng = random.Random(seed)
    names = [f"voice{i}" for i in range(speakers)]
    voices = dict(zip(names, voices, strict=False))
    panelists = names[1:]
    target_words = minutes * 150
    lines: list[Line] = []
    words = 0
    moderator_lines = iter(MODERATOR * 10)
    deck: list[str] = []
    previous = None

    def say(name: str, text: str, pause: float) -> None:
        nonlocal words
        lines.append(Line(speaker=name, voice=voices[name], text=text, pause=pause))
        words += len(text.split())

    say(names[0], next(moderator_lines), 1.0)
    while words < target_words:
        speaker = rng.choice([p for p in panelists if p != previous] or panelists)
        sentences = []
        for _ in range(rng.randint(2, 6)):
            if not deck:
                deck = PANELISTS[:]
                rng.shuffle(deck)
            sentences.append(deck.pop())
        say(speaker, " ".join(sentences), rng.choice([0.5, 0.7, 0.9, 1.2]))
        if len(panelists) > 1 and rng.random() < 0.2:
            other = rng.choice([p for p in panelists if p != speaker])
            say(other, rng.choice(INTERJECTIONS), rng.choice([0.4, 0.6]))
            previous = other
        else:
            previous = speaker
        if rng.random() < 0.45:
            say(names[0], next(moderator_lines), rng.choice([0.6, 0.8, 1.0]))
            previous = None
    return lines


def line_words(lines: list[Line]) -> tuple[list[tuple[float, float]], list[str]]:
    """Word times spread evenly over each script line, and each word's speaker: the words a
    perfect recogniser would time, for scoring the speakers without a Whisper run."""
    words, truth = [], []
    for line in lines:
        count = len(line.text.split())
        step = (line.end - line.start) / count
        words += [(line.start + i * step, line.start + (i + 1) * step) for i in range(count)]
        truth += [line.speaker] * count
    return words, truth
