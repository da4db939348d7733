"""What an editor waits for in the briefs workflow: ``python -m benchmarks.briefs_site``.

Runs in a child process on a fresh SQLite site (temporary PODIUM_DATA_DIR) and
prints one table:

- re-verification after an edit (`edit_section`: parse, change, verify, write a
  version) on the demo panel brief and, when the writer is installed, on the
  committee session's generated brief (70 minutes of transcript);
- the review page (HTTP GET through Django's test client) for the same briefs;
- a brief job end to end through a real ``db_worker`` process: queue →
  picked up → done, and the job's own time;
- speech-to-text of the 65-second demo panel through the same worker
  (``PODIUM_ASR_MODEL=tiny``; skip with ``--no-asr``).

Target: an edit is re-verified in well under 2 s on the panel and under 10 s
on a 70-minute session (2 cores, model loading excluded: the site keeps it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "podium.settings",
            "PODIUM_DATA_DIR": tmp,
            "PODIUM_DB": "sqlite",
            "PODIUM_TASKS": "db",
            "PODIUM_ASR_MODEL": "tiny",
            "PODIUM_ASR_LANGUAGE": "en",
            "PODIUM_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPO),
        }
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "-v", "0"], env=env, cwd=tmp, check=True
        )
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.briefs_site.run", *argv],
            env=env,
            cwd=tmp,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            print(done.stdout, done.stderr)
            return 1
        rows = json.loads(done.stdout.strip().splitlines()[-1])
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  value")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
