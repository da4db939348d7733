"""Run every benchmark and print its table: ``python -m benchmarks [NAME ...]``.

Each benchmark is a module or package under ``benchmarks/`` with a ``main()``
that prints its own figures (ratios and throughput). Speed and memory targets
live here, not in timed tests.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
SKIP: set[str] = set()


def available() -> list[str]:
    names = []
    for info in pkgutil.iter_modules([str(HERE)]):
        if info.name.startswith("_") or info.name in SKIP:
            continue
        names.append(info.name)
    return sorted(names)


def main(argv: list[str]) -> int:
    names = argv or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available())}")
        return 2
    failed = []
    for name in names:
        print(f"\n=== benchmarks.{name} ===", flush=True)
        started = time.perf_counter()
        module = importlib.import_module(f"benchmarks.{name}")
        entry = getattr(module, "main", None)
        if entry is None:
            module = importlib.import_module(f"benchmarks.{name}.__main__")
            entry = module.main
        try:
            result = entry()
        except SystemExit as exit_:
            result = exit_.code
        if result not in (None, 0):
            failed.append(name)
        print(f"--- {name}: {time.perf_counter() - started:.1f} s", flush=True)
    if failed:
        print(f"\nbenchmarks that reported failure: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
