"""JSON and YAML text -> Python data, with errors that name the line.

Every engine file that reads structured text (transcript JSON, QMSum meetings,
brief JSON, Markdown front matter, speakers files, the CLI's event file) decodes
it here, so each gets the same guarantees against untrusted input: a syntax
error names its line; nesting deeper than Python's recursion limit (about
1,000 levels, which no real file has) is an error, not a crash; and YAML
aliases (``*name``) are refused, so a few lines cannot expand into billions
of nodes ("billion laughs"). The standard library's `json` and PyYAML's safe
loader do the parsing; PyYAML is imported only when YAML is read.

The caller says which error to raise (`TranscriptError`, `BriefError`,
`SpeakersError`, …); each takes ``source`` and ``line``.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from podium.engine.errors import InputError


def load_json(text: str, *, source: str, error: type[InputError]) -> Any:
    """Decode JSON text; raise `error` naming the line and column of a syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            f"not valid JSON: {exc.msg} (column {exc.colno})", source=source, line=exc.lineno
        ) from None
    except RecursionError:
        raise error("not valid JSON: nested too deeply", source=source) from None


def load_yaml(
    text: str,
    *,
    source: str,
    error: type[InputError],
    what: str = "not valid YAML or JSON",
    line_offset: int = 0,
) -> Any:
    """Decode YAML (or JSON) text safely; raise `error` with the line of a problem.

    `what` is the reason given when PyYAML names none; `line_offset` is added to
    PyYAML's line (for YAML embedded in a larger file, such as front matter).
    """
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or what
        line = mark.line + 1 + line_offset if mark is not None else None
        raise error(str(problem), source=source, line=line) from None
    except RecursionError:
        raise error("nested too deeply", source=source) from None


@cache
def _loader() -> type:
    """PyYAML's SafeLoader, refusing aliases."""
    import yaml

    class NoAliasSafeLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not allowed", event.start_mark
                )
            return super().compose_node(parent, index)

    return NoAliasSafeLoader
