"""The spaCy loader (podium.engine.nlp): the pipeline the checks need, loaded without the
parts they do not use, in a fresh process so the import path is the real one."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = """
import json, sys
from podium.engine.nlp import get_nlp
nlp = get_nlp()
doc = nlp("The council did not approve the plan.")
loaded_cli = "spacy.cli" in sys.modules
import spacy
info = spacy.info()
import spacy.cli
print(json.dumps({
    "pipes": nlp.pipe_names,
    "disabled": nlp.disabled,
    "neg": [t.text for t in doc if t.dep_ == "neg"],
    "cli_at_load": loaded_cli,
    "info": "spacy_version" in info,
    "download": hasattr(spacy.cli, "download"),
}))
"""


def test_spacy_loads_without_its_command_line_and_keeps_it_usable():
    out = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["pipes"] == [
        "tok2vec",
        "tagger",
        "parser",
        "attribute_ruler",
        "lemmatizer",
        "ner",
    ]
    assert result["disabled"] == []  # "senter" is not loaded at all
    assert result["neg"] == ["not"]
    assert result["cli_at_load"] is False
    assert result["info"] and result["download"]
