"""How fast `podium --version` and `podium --help` answer (target: under 0.5 s on 2 cores).

``python -m benchmarks.cli`` runs each command 7 times in a fresh process (the
installed ``podium`` script next to this interpreter) and prints the median
wall time and CPU seconds (user + system, from `resource.getrusage` of the
children), next to a bare ``python -c pass`` measured in the same run as the
reference. CPU seconds are the figure to compare across runs: wall time on a
shared machine includes waiting for a core. Exit 1 when a command's median CPU
time is 0.5 s or more. tests/cli/test_startup.py checks that these commands
import no heavy module; this file holds the time target.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 7
TARGET_SECONDS = 0.5
PODIUM = str(Path(sys.executable).with_name("podium"))
COMMANDS = {
    "python -c pass (reference)": [sys.executable, "-c", "pass"],
    "podium --version": [PODIUM, "--version"],
    "podium --help": [PODIUM, "--help"],
    "podium brief --help": [PODIUM, "brief", "--help"],
}


def measure(command: list[str]) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) of `command` over `RUNS` runs."""
    walls, cpus = [], []
    env = {**os.environ, "COLUMNS": "100"}
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env, timeout=120)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; {RUNS} runs each")
    print(f"{'command':<30} {'wall s':>8} {'CPU s':>8} {'CPU / python':>13}")
    results = {name: measure(command) for name, command in COMMANDS.items()}
    reference_cpu = results["python -c pass (reference)"][1] or 1e-9
    slow = []
    for name, (wall, cpu) in results.items():
        print(f"{name:<30} {wall:>8.3f} {cpu:>8.3f} {cpu / reference_cpu:>12.1f}×")
        if name.startswith("podium") and cpu >= TARGET_SECONDS:
            slow.append(name)
    if slow:
        print(f"over the {TARGET_SECONDS} s CPU target: {', '.join(slow)}")
        return 1
    print(f"all under the {TARGET_SECONDS} s CPU target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
