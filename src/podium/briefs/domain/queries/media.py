"""Which player an event's recording plays in, and how to link to a moment in it.

YouTube and Vimeo links become their embeddable players (driven by their
JavaScript APIs in `static/briefs/player.js`); an uploaded file plays in the
HTML5 `<video>` element. Every player also has a plain link per moment
(`?t=` / `#t=`), used when scripts or the network are unavailable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from django.core.files.storage import default_storage

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
AUDIO_EXTENSIONS = (".mp3", ".m4a", ".wav", ".ogg", ".oga", ".flac", ".aac", ".opus")


@dataclass(frozen=True, slots=True)
class Player:
    kind: str
    """"youtube", "vimeo", "video" (HTML5) or "audio" (HTML5)."""
    src: str
    """What the page embeds: the iframe URL or the media file URL."""
    link: str
    """The recording's plain address, for links that work without scripts."""
    video_id: str = ""

    def link_at(self, seconds: float | None) -> str:
        """A URL that opens the recording at `seconds` without any script."""
        t = max(0, int(seconds or 0))
        if self.kind == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}&t={t}s"
        if self.kind == "vimeo":
            return f"https://vimeo.com/{self.video_id}#t={t}s"
        return f"{self.src}#t={t}"


def youtube_id(url: str) -> str | None:
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parsed.path.strip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com", "music.youtube.com"}:
        if parsed.path == "/watch":
            candidate = (parse_qs(parsed.query).get("v") or [None])[0]
        else:
            parts = parsed.path.strip("/").split("/")
            if len(parts) >= 2 and parts[0] in {"embed", "live", "shorts", "v"}:
                candidate = parts[1]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


def vimeo_id(url: str) -> str | None:
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.")
    if host not in {"vimeo.com", "player.vimeo.com"}:
        return None
    numbers = [p for p in parsed.path.split("/") if p.isdigit()]
    return numbers[0] if numbers else None


def player_for_url(url: str) -> Player | None:
    """The embeddable player of a YouTube or Vimeo address; None for anything else."""
    if not url:
        return None
    if video := youtube_id(url):
        return Player(
            kind="youtube",
            src=f"https://www.youtube.com/embed/{video}?enablejsapi=1&rel=0",
            link=f"https://www.youtube.com/watch?v={video}",
            video_id=video,
        )
    if video := vimeo_id(url):
        return Player(
            kind="vimeo",
            src=f"https://player.vimeo.com/video/{video}",
            link=f"https://vimeo.com/{video}",
            video_id=video,
        )
    return None


def player_for_file(name: str, *, url: str) -> Player:
    """The HTML5 player of stored file `name`, served at `url` (`podium.common.views.files`)."""
    kind = "audio" if name.lower().endswith(AUDIO_EXTENSIONS) else "video"
    return Player(kind=kind, src=url, link=url)


def player_for_event(event) -> Player | None:
    """The player of the event's newest recording, else of the event's own video fields."""
    for recording in event.recordings.all():
        if recording.media:
            return player_for_file(recording.media.name, url=recording.media.url)
        if player := player_for_url(recording.video_url):
            return player
    if getattr(event, "video_file", None):
        return player_for_file(event.video_file.name, url=event.video_file.url)
    return player_for_url(getattr(event, "video_url", "") or "")


UPLOAD_SAMPLES_DIR = "samples"
"""Storage folder of sample files per event: `samples/<event slug>/…` (the demo puts some there)."""


def sample_path(event, filename: str) -> str:
    """The storage name of sample file `filename` of `event` (`samples/<slug>/<filename>`)."""
    return f"{UPLOAD_SAMPLES_DIR}/{event.slug}/{filename}"


def upload_samples(event) -> list[str]:
    """File names of the sample files stored for `event`, for trying the upload steps.

    They belong to no model, so `podium.common.views.files` never serves them; the
    staff-only `briefs.views.media.demo_sample` does."""
    try:
        _, names = default_storage.listdir(f"{UPLOAD_SAMPLES_DIR}/{event.slug}")
    except (FileNotFoundError, NotImplementedError):
        return []
    return sorted(names)
