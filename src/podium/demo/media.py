"""A recorded panel (about four minutes) for the demo and the tests, made on the spot.

espeak-ng speaks each turn of a small scripted panel in its own voice, the
standard library's `wave` joins the turns and measures them (so the transcript's
times are exact), and ffmpeg encodes a WebM video (VP8 + Opus, which every
Chromium plays) with a plain background. Nothing is downloaded; the tools are
Debian packages (`espeak-ng`, `ffmpeg`).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from podium.engine.transcript.model import Segment, Transcript

TITLE = "Water Security in Coastal Cities"
SPEAKERS = {
    "SPEAKER_00": ("Maria Alvarez", "moderator", "en+m3"),
    "SPEAKER_01": ("David Chen", "panelist", "en+f4"),
    "SPEAKER_02": ("Amara Okafor", "panelist", "en-us+f3"),
    "SPEAKER_03": ("Lena Fischer", "panelist", "en+m1"),
}
"""Transcript label -> (name, role, espeak-ng voice)."""

SCRIPT: list[tuple[str, str]] = [
    (
        "SPEAKER_00",
        "Welcome to our panel on water security in coastal cities. "
        "I am Maria Alvarez, and I will moderate today's discussion. David, let us start with the science.",
    ),
    (
        "SPEAKER_01",
        "Rising seas push salt water into the aquifers that many cities drink from. "
        "In our study of twelve coastal cities, eight already pump water with too much salt. "
        "The problem grows quietly, because a well does not fail in one day. "
        "Every dry summer the fresh water table falls, and the sea moves a little further inland. "
        "Once salt reaches a well field, it can take decades to flush it out again. "
        "So the cheapest water a city will ever have is the fresh water it still has today.",
    ),
    ("SPEAKER_00", "Amara, what does that mean for the people who live there?"),
    (
        "SPEAKER_02",
        "The poorest neighbourhoods pay first. Families buy bottled water at ten times "
        "the price of tap water, and clinics see more kidney disease. "
        "When the tap water tastes of salt, people stop trusting it, even after it has been treated. "
        "Mothers mix baby formula with bottled water they can barely afford. "
        "Older people cut back on drinking in the heat, and that is when they end up in hospital. "
        "Water security is a health question before it is an engineering question.",
    ),
    ("SPEAKER_00", "Lena, many mayors answer with a desalination plant. Is that the answer?"),
    (
        "SPEAKER_03",
        "Desalination is not a silver bullet. Every plant we build needs cheap energy, "
        "and the brine has to go somewhere. A large plant can use as much power as a small town. "
        "If that power comes from coal, we are solving one crisis by feeding another. "
        "The brine that comes back out is twice as salty as the sea, and it harms the fish near the outfall. "
        "Desalination belongs in the plan, but as the last tool, not the first.",
    ),
    (
        "SPEAKER_01",
        "We should fix the leaks before we build new plants. "
        "Most cities lose a third of their treated water through old pipes. "
        "Finding a leak costs a few thousand dollars, and fixing it saves water every single day. "
        "In one city we worked with, replacing old mains cut losses from thirty percent to twelve percent in five years. "
        "That is like a new water source, with no brine and no new power station.",
    ),
    ("SPEAKER_00", "Lena, where should a mayor start tomorrow morning?"),
    (
        "SPEAKER_03",
        "Start with a water budget that counts every drop. "
        "You cannot manage what you do not measure. "
        "Put meters on the wells, on the mains and on the biggest users. "
        "Publish the numbers every month, so that everyone can see where the water goes. "
        "A budget turns an argument about blame into a plan about choices.",
    ),
    (
        "SPEAKER_02",
        "And put the neighbourhoods at the table. "
        "Trust is the cheapest infrastructure a city can build. "
        "When residents help choose where the meters go and which pipes are fixed first, they believe the results. "
        "Cities that share their water data with community groups see fewer complaints and faster repairs. "
        "People will accept hard choices if they can see that the choices are fair.",
    ),
    ("SPEAKER_00", "Thank you all for a clear and practical conversation."),
]

GAP_SECONDS = 0.4


@dataclass(frozen=True, slots=True)
class DemoRecording:
    video: Path
    transcript: Transcript
    duration: float


def tools_available() -> bool:
    return bool(shutil.which("espeak-ng") and shutil.which("ffmpeg"))


def speakers_of_panel() -> list[tuple[str, str, str]]:
    """(label, name, role) of the panel's speakers, in order."""
    return [(label, name, role) for label, (name, role, _) in SPEAKERS.items()]


def make_demo_recording(
    directory: Path, *, script: list[tuple[str, str]] | None = None
) -> DemoRecording:
    """Synthesize the panel into `directory`/panel.webm and return it with its exact transcript.

    Speaker labels stay ``SPEAKER_0N`` in the transcript, as speech-to-text would
    give them; the editor maps them to names.
    """
    script = script or SCRIPT
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        frames: list[bytes] = []
        params = None
        segments = []
        clock = 0.5
        for index, (label, text) in enumerate(script):
            voice = SPEAKERS[label][2]
            path = tmp_path / f"turn{index:02d}.wav"
            subprocess.run(
                ["espeak-ng", "-v", voice, "-s", "165", "-w", str(path), text],
                check=True,
                capture_output=True,
            )
            with wave.open(str(path), "rb") as turn:
                params = params or turn.getparams()
                data = turn.readframes(turn.getnframes())
                seconds = turn.getnframes() / turn.getframerate()
            if not frames:  # lead-in silence
                frames.append(_silence(params, 0.5))
            frames.append(data)
            frames.append(_silence(params, GAP_SECONDS))
            segments.append(
                Segment(
                    start=round(clock, 3), end=round(clock + seconds, 3), speaker=label, text=text
                )
            )
            clock += seconds + GAP_SECONDS
        audio = tmp_path / "panel.wav"
        with wave.open(str(audio), "wb") as out:
            out.setparams(params)
            for chunk in frames:
                out.writeframes(chunk)
        video = directory / "panel.webm"
        subprocess.run(
            [
                "ffmpeg",
                "-y",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "color=c=0x1f3a5f:s=320x180:r=2",
                "-i",
                str(audio),
                "-shortest",
                "-c:v",
                "libvpx",
                "-b:v",
                "60k",
                "-deadline",
                "realtime",
                "-c:a",
                "libopus",
                "-b:a",
                "32k",
                str(video),
            ],
            check=True,
            capture_output=True,
        )
    transcript = Transcript(segments=segments, title=TITLE, language="en", source="panel.webm")
    return DemoRecording(video=video, transcript=transcript, duration=round(clock, 3))


def _silence(params, seconds: float) -> bytes:
    return b"\x00" * (int(params.framerate * seconds) * params.sampwidth * params.nchannels)
