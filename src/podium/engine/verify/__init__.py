"""Verification: prove every line of a program brief against the transcript.

``verify(brief, transcript)`` runs five checks on every section and returns a
`Report` of `Finding`s, each with a status (ok / warn / fail), the evidence
(transcript lines with times and speakers) and a suggested fix:

- `quote` (quote.py): the quoted words occur in the transcript;
- `attribution` (attribution.py): the named speaker said them;
- `timestamp` (timestamp.py): the ▶ time lands on that speaker saying it;
- `claim` (claim.py): each summary sentence is aligned to the transcript
  sentences it paraphrases (align.py) and must not contradict them
  (consistency.py: negation, antonyms, degree, modality, entities, doers;
  quantity.py: numbers with units);
- `names` (names.py): every person named is an event speaker, spelled right.

Normalisation and the word index live in text.py, options in options.py, the
word lists in ``podium/engine/data/verify/*.txt`` (wordlists.py reads them).

"""

from podium.engine.verify.options import VerifyOptions
from podium.engine.verify.pipeline import build_context, verify
from podium.engine.verify.report import CHECKS, STATUSES, Evidence, Finding, Report

__all__ = [
    "CHECKS",
    "STATUSES",
    "Evidence",
    "Finding",
    "Report",
    "VerifyOptions",
    "build_context",
    "verify",
]
