"""Verification: prove every line of a program brief against the transcript.

``verify(brief, transcript)`` runs five checks on every section and returns a
`Report` of `Finding`s, each with a status (ok / warn / fail), the evidence
(transcript lines with times and speakers) and a suggested fix:

- `quote` (quote.py): the quoted words occur in the transcript;
- `attribution` (attribution.py): the named speaker said them;
- `timestamp` (timestamp.py): the ▶ time lands on that speaker saying it;
- `claim` (claim.py): each summary sentence is supported, its numbers and
  negations are the speaker's;
- `names` (names.py): every person named is an event speaker, spelled right.

Normalisation and the word index live in text.py, options in options.py.
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
