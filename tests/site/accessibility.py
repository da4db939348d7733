"""Shared pieces of the accessibility tests: demo-like content, the axe-core audit, a playable recording.

axe-core runs inside Chromium through `axe-playwright-python` (which bundles
axe.min.js, so nothing is downloaded). The moderate violations the project
accepts are the ones listed, with a reason, in docs/accessibility.md; the
audit reads them from there so the document and the test cannot drift apart.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File

from tests.site.briefs.conftest import approve_and_publish

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "accessibility.md"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
"""WCAG 2.0/2.1/2.2 A and AA rules, plus axe's best practices (landmarks, heading order…)."""
BLOCKING = {"serious", "critical"}


@dataclass
class Audit:
    page: str
    url: str
    violations: list[dict] = field(default_factory=list)

    def of_impact(self, *impacts: str) -> list[dict]:
        return [v for v in self.violations if v["impact"] in impacts]

    @property
    def blocking(self) -> list[dict]:
        return self.of_impact(*BLOCKING)

    @property
    def moderate(self) -> list[dict]:
        return self.of_impact("moderate")

    def describe(self, violations: list[dict]) -> str:
        lines = []
        for v in violations:
            targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            lines.append(f"  {self.page}: {v['id']} ({v['impact']}) {v['help']} -> {targets}")
            for node in v["nodes"][:2]:
                lines.append(f"      {node['html'][:200]}")
                lines.append(
                    f"      {' / '.join(node.get('failureSummary', '').splitlines()[1:3])}"
                )
        return "\n".join(lines)


def run_axe(page, name: str) -> Audit:
    """Audit the page as it is now (every <details> opened so folded content is checked too)."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return Audit(page=name, url=page.url, violations=results.response["violations"])


def accepted_moderate_rules() -> dict[str, str]:
    """Rule id -> reason, from the "Moderate violations left" table of docs/accessibility.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Moderate violations left", 1)[1].split("\n## ", 1)[0]
    rules = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.fullmatch(r"`[a-z0-9-]+`", cells[0]):
            rules[cells[0].strip("`")] = cells[-1]
    return rules


def audit_table(audits: list[Audit]) -> str:
    rows = ["| page | serious/critical | moderate | minor |", "| --- | --- | --- | --- |"]
    for a in audits:

        def ids(items):
            return ", ".join(f"{v['id']} ×{len(v['nodes'])}" for v in items) or "0"

        rows.append(
            f"| {a.page} | {ids(a.blocking)} | {ids(a.moderate)} | {ids(a.of_impact('minor'))} |"
        )
    return "\n".join(rows)


def sign_in(page, live_server, client, user) -> None:
    """Give the browser the session of `user` (signed in through Django's test client)."""
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def make_silent_video(path: Path, seconds: float) -> Path:
    """A small black, silent WebM of `seconds` (ffmpeg), so the player can really seek."""
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", f"color=c=black:s=160x90:r=5:d={seconds:.1f}",
            "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono",
            "-t", f"{seconds:.1f}", "-c:v", "libvpx", "-b:v", "30k", "-c:a", "libopus",
            "-shortest", str(path),
        ],
        check=True,
        timeout=300,
    )  # fmt: skip
    return path


def make_recorded_event(tmp_path: Path, *, slug: str = "water-security", publish: bool = True):
    """A past panel event with a playable video, its mapped transcript and a published brief."""
    from podium.briefs.domain import briefs as workflow
    from tests.site.briefs.conftest import (
        PANEL_MAP,
        make_panel_event,
        make_user,
        panel_brief_md,
        panel_transcript,
        panel_vtt,
    )

    event = make_panel_event(title="Water Security in Coastal Cities", slug=slug)
    editor = make_user("editor", username=f"editor-{slug}")
    video = make_silent_video(tmp_path / "panel.webm", panel_transcript().segments[-1].end + 2)
    with video.open("rb") as fh:
        workflow.add_recording(event=event, upload=File(fh, name="panel.webm"), transcribe=False)
    version = workflow.add_transcript(
        event=event, text=panel_vtt(), filename="panel.vtt", user=editor
    )
    workflow.save_speaker_map(transcript_version=version, mapping=PANEL_MAP, user=editor)
    workflow.import_brief(event=event, text=panel_brief_md(), user=editor, source="panel.md")
    brief = workflow.ensure_brief(event)
    if publish:
        approve_and_publish(brief, editor)
    return event, editor
