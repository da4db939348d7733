"""Write seed_000_transcript.vtt: a short panel transcript for the seed brief (000_…).

Hand-written speech for the seed's five speakers at the seed's ▶ times. The
seed's quotes are in it verbatim, with fillers, a stutter and cue splits
inside them, as real captions have. Run from the repository root:

    .venv/bin/python tests/data/verify/make_seed_transcript.py
"""

from __future__ import annotations

from pathlib import Path

from podium.engine.timefmt import format_cue_time, parse_time

CORRADO = "Jonathan Corrado"
LEE = "Rachel Minyoung Lee"
THORNTON = "Susan A. Thornton"
PANDA = "Ankit Panda"
LUSE = "Keith Luse"

TURNS = [
    (
        "0:05",
        CORRADO,
        "Good evening and welcome to the Korea Society. I'm Jonathan Corrado, "
        "Director of Policy Programs. Tonight we discuss prospects for relations with North Korea "
        "with Rachel Minyoung Lee, Susan Thornton, Ankit Panda and Keith Luse.",
    ),
    (
        "10:20",
        CORRADO,
        "Rachel, let me start with you. What are Pyongyang's foreign policy priorities right now?",
    ),
    (
        "10:40",
        LEE,
        "Thank you, Jonathan. Since the Hanoi summit broke down in 2019, Pyongyang's "
        "priorities have shifted dramatically. The relationship with Moscow has been revitalized, "
        "and we see a reorientation toward what I would call the Eurasian orbit. North Korea no "
        "longer looks to Washington first. Um, the Ninth Party Congress matters here, because a "
        "party congress typically signals major policy directions. It will clarify Kim Jong Un's "
        "strategic vision for the next five years.",
    ),
    ("14:00", CORRADO, "Susan, how well are Washington and Seoul coordinating?"),
    (
        "14:16",
        THORNTON,
        "I think the coordination has been reasonably good. Both Seoul and "
        "Washington have softened their rhetoric. You see that they are de-emphasizing "
        "denuclearization in recent policy documents. The atmospherics have improved, and South "
        "Korea calls its approach the pacemaker approach, where Seoul sets the pace. But despite "
        "all of that, North Korea has remained unwilling to engage diplomatically with either "
        "capital.",
    ),
    ("28:10", CORRADO, "Keith, what room is left for engagement?"),
    (
        "28:24",
        LUSE,
        "I would argue for maintaining people-to-people engagement opportunities "
        "between Americans and North Koreans. There is no reason, you know, why we need to yield "
        "to Russia on impacting and interacting with the lives of the the North Korean people. "
        "Those contacts matter.",
    ),
    (
        "29:53",
        PANDA,
        "I want to be blunt. We have to accept North Korea as a nuclear-armed "
        "state and establish direct deterrence communication channels. The United States has to "
        "decide whether it will maintain a nuclear deterrence relationship without any "
        "communication or, uh, direct engagement with our third nuclear adversary, or pursue "
        "stabilization through dialogue, as we achieved with the Soviet Union and as we still "
        "have with China and Russia. We are past the denuclearization goals of the 1990s. What "
        "matters now is practical risk reduction and crisis communication.",
    ),
    (
        "31:40",
        THORNTON,
        "Risk reduction has to address concerns on both sides. The U.S. "
        "prioritizes crisis communications, while North Korea seeks assurances on regime security "
        "and on military exercises. You have to be willing to discuss the adversary's priorities, "
        "not just American concerns.",
    ),
    ("35:10", CORRADO, "Ankit, where do you see the risks of deterrence failing?"),
    (
        "35:24",
        PANDA,
        "The major risks of deterrence failure are real. North Korea has an "
        "extremely, uh, low threshold for nuclear use. North Korean forces gained battlefield "
        "experience in Ukraine, particularly in drone and electronic warfare. Any conflict on the "
        "Korean Peninsula would likely escalate to nuclear use within days rather than months.",
    ),
    (
        "36:10",
        LEE,
        "If I could add to that. The expanding relationship between Russia and North "
        "Korea opens doors to partnerships with Belarus and Iran. Debris from Ukraine revealed gaps "
        "in export controls: North Korean missiles were found containing Western components. "
        "Pyongyang remains determined to acquire cutting-edge technologies, including advanced "
        "semiconductors.",
    ),
    ("39:05", CORRADO, "Keith, what about Track 2 and humanitarian openings?"),
    (
        "39:21",
        LUSE,
        "Frankly the prospects for Track 2 engagement are limited at the moment. The "
        "divided families issue is urgent. It affects a hundred thousand separated families. But "
        "it faces obstacles, including the U.S. passport restrictions and Pyongyang's "
        "unwillingness to cooperate.",
    ),
    ("1:20:30", CORRADO, "Is there a black swan that could change all this?"),
    (
        "1:20:48",
        THORNTON,
        "Humanitarian crises could unexpectedly catalyze diplomatic "
        "engagement. Remember the Otto Warmbier case and its impact during President Trump's "
        "first term. Near-term breakthroughs seem unlikely, but unexpected events could create "
        "openings.",
    ),
    (
        "1:21:40",
        PANDA,
        "I agree that near-term breakthroughs are unlikely, but unexpected events "
        "could open doors.",
    ),
]

WORDS_PER_CUE = 11
SECONDS_PER_WORD = 0.4


def cues() -> list[tuple[float, float, str, str]]:
    out = []
    for start_text, speaker, text in TURNS:
        clock = parse_time(start_text)
        words = text.split()
        for begin in range(0, len(words), WORDS_PER_CUE):
            chunk = words[begin : begin + WORDS_PER_CUE]
            end = clock + len(chunk) * SECONDS_PER_WORD
            out.append((clock, end, speaker, " ".join(chunk)))
            clock = end
    return out


def main() -> None:
    lines = ["WEBVTT", ""]
    for start, end, speaker, text in cues():
        lines.append(f"{format_cue_time(start)} --> {format_cue_time(end)}")
        lines.append(f"<v {speaker}>{text}")
        lines.append("")
    Path(__file__).with_name("seed_000_transcript.vtt").write_text(
        "\n".join(lines), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
