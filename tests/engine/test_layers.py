"""The import graph keeps the promised layering (docs/architecture.md, "Engine layers").

Built with `ast` from the source files, so it sees every import: module level,
inside functions, and under ``if TYPE_CHECKING``. Fails on:

- an engine file importing a package of a higher layer (an upward import);
- an import cycle between engine files (two or more files reaching each other);
- Django or a site app imported anywhere under ``podium.engine``;
- a site app (briefs, registration, events, publications, accounts, common)
  importing the demo content (``podium.demo``), which sits on top of them.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
ENGINE = SRC / "podium" / "engine"

LAYERS: list[tuple[str, ...]] = [
    ("errors", "timefmt", "progress", "structured", "data"),
    ("transcript", "speakers", "embed", "nlp", "wordlists"),
    ("asr", "segment"),
    ("brief",),
    ("verify",),
    ("search",),
    ("llm",),
    ("write",),
]
"""Engine packages/modules from the bottom up; each may import only its own layer or lower."""

LAYER_OF = {name: level for level, names in enumerate(LAYERS) for name in names}
SITE_APPS = ("briefs", "registration", "events", "publications", "accounts", "common", "archive")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def engine_modules() -> dict[str, Path]:
    return {module_name(p): p for p in ENGINE.rglob("*.py")}


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import in the file; ``from a import b`` gives
    ``a.b`` when that is a module, else ``a``. Relative imports are resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                is_module = candidate in engine_modules() or (
                    SRC.joinpath(*candidate.split(".")).with_suffix(".py").exists()
                    or SRC.joinpath(*candidate.split("."), "__init__.py").exists()
                )
                found.append((node.lineno, candidate if is_module else target))
    return found


def layer_name(module: str) -> str | None:
    """``podium.engine.brief.parse.json`` -> ``brief``; None outside the engine's sub-packages."""
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["podium", "engine"] else None


def test_every_engine_package_has_a_layer():
    tops = {layer_name(m) for m in engine_modules()} - {None}
    assert sorted(tops - set(LAYER_OF)) == [], "add the new engine package to LAYERS"


def test_no_engine_file_imports_a_higher_layer():
    upward = []
    for module, path in sorted(engine_modules().items()):
        own = layer_name(module)
        if own is None:
            continue
        for line, target in imports_of(path):
            other = layer_name(target)
            if other is not None and other != own and LAYER_OF[other] > LAYER_OF[own]:
                upward.append(f"{path.relative_to(SRC)}:{line}: {own} imports {target}")
    assert upward == []


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the graph's strongly connected components with more than one node."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_strongly_connected_finds_a_cycle_and_nothing_else():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert strongly_connected(graph) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_engine_files():
    modules = engine_modules()
    graph = {
        module: {target for _, target in imports_of(path) if target in modules and target != module}
        for module, path in modules.items()
    }
    assert strongly_connected(graph) == []


def test_the_engine_imports_neither_django_nor_the_site():
    found = []
    for path in sorted(engine_modules().values()):
        for line, target in imports_of(path):
            top = target.split(".")
            if top[0] == "django" or (top[0] == "podium" and top[1:2] != ["engine"]):
                found.append(f"{path.relative_to(SRC)}:{line}: imports {target}")
    assert found == []


@pytest.mark.parametrize("app", SITE_APPS)
def test_site_apps_do_not_import_the_demo(app):
    """The demo loader calls the apps, never the other way round (fails until the
    site branch that moves the demo fixtures out of the apps is merged)."""
    found = []
    for path in sorted((SRC / "podium" / app).rglob("*.py")):
        for line, target in imports_of(path):
            if target == "podium.demo" or target.startswith("podium.demo."):
                found.append(f"{path.relative_to(SRC)}:{line}: imports {target}")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith("podium.demo")
                and " " not in node.value
            ):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: names {node.value!r}")
    assert found == []
