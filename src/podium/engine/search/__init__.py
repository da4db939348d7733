"""Search and "ask" over transcripts: passages, lexical and semantic ranking, fusion, answers.

The file-level half of the archive (the site's `podium.archive` app stores the
same passages in its database and calls the same functions):

- `passages.py` cuts a transcript into passages (one speaker, a few sentences);
- `terms.py` turns a question into search terms, FTS5 and PostgreSQL queries,
  and finds the words to highlight;
- `lexical.py` ranks passages with SQLite FTS5's BM25 (stdlib `sqlite3`);
- `semantic.py` ranks them by cosine similarity of MiniLM vectors
  (`podium.engine.embed`, numpy) and packs vectors as float32 bytes;
- `fusion.py` merges rankings by reciprocal-rank fusion;
- `answer.py` builds the "ask" answer: verbatim quotes that pass the
  verifier's quote and attribution checks (`podium.engine.verify`);
- `files.py` puts it together for transcript files (`podium ask`).

Sits above `verify`; imports no Django.
"""

from podium.engine.search.answer import Answer, AnsweredQuote, Candidate, build_answer
from podium.engine.search.files import FileArchive, Hit
from podium.engine.search.fusion import reciprocal_rank_fusion
from podium.engine.search.passages import PASSAGE_WORDS, Passage, make_passages

__all__ = [
    "PASSAGE_WORDS",
    "Answer",
    "AnsweredQuote",
    "Candidate",
    "FileArchive",
    "Hit",
    "Passage",
    "build_answer",
    "make_passages",
    "reciprocal_rank_fusion",
]
