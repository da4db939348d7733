"""Reported speech and complete clauses, from the spaCy parse (`podium.engine.nlp`).

- `reported(text, voice)`: a transcript sentence rewritten so it reads after
  "<Name> argued that …" in the third person, or ``None`` when it cannot be
  without changing who is speaking. Discourse markers and hedges at the
  clause edges go ("Nonetheless, I think that …", "…, you know."); a "we"
  whose institution is known (`Voice`: a minister's "we" is "the
  Government") becomes that institution, with the verb agreeing ("we are" ->
  "the Government is", "our plans" -> "the Government's plans"); any other
  first- or second-person word (I, me, my, you, we without a known
  institution) leaves the sentence to be quoted instead.
- `backshift(clause)`: the tense back-shift of reported speech after a past
  reporting verb ("argued that the Government is" -> "argued that the
  Government was"), the whole clause or nothing: every finite present form
  (main and subordinate) must be in a closed set (is/are -> was/were,
  has/have -> had, will -> would, can -> could, …); a clause with a lexical
  present ("monitors", "that need support") stays as said, never half shifted.
- `compress(clause)`: asides with both their commas, hedging adverbs on the
  verb, a spoken comma between subject and verb, and leading frames
  (prepositional, or a move through the talk: "Going back to …,") go.
- `complete_clause(text)`: a quote that stands alone: a capital, a finite
  verb with its subject, terminal punctuation, 10–40 words, a noun or number
  that carries the point, no opening conjunction, no verb left without its
  object at the end ("… but it doesn't cover."), no "but" or "that" left
  without the clause it opens.
- `is_recommendation(text)`: a sentence that recommends ("should", "must",
  "we recommend", "I'd propose") with a real subject, not "I must say".

The word lists live in ``data/write/*.txt`` (read with `podium.engine.wordlists.load_words("write/…")`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from podium.engine.wordlists import load_words
from podium.engine.write import language as lang

QUOTE_WORDS = (10, 40)
PERSON_1_2 = re.compile(
    r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself|we|we're|we've|we'd|we'll|us|our|ours|"
    r"ourselves|you|you're|you've|you'd|you'll|your|yours|yourself|yourselves)\b",
    re.IGNORECASE,
)
"""First- and second-person words: never outside quotation marks in a summary."""
_I_ALONE = re.compile(r"\bI\b")


@dataclass(frozen=True, slots=True)
class Voice:
    """Who a speaker's "we" is, when the event or speakers file says so."""

    collective: str | None = None
    """"the Government", "the Korea Society"; None: "we" cannot be reported."""


def voice_for(role: str | None, government: str = "the Government") -> Voice:
    """The `Voice` of a speaker with this role.

    A role naming an office that speaks for an institution
    (data/write/collective_roles.txt: a minister speaks for `government`)
    gives that institution. Nobody else's "we" is named: a panellist's "we"
    is as often the country or the field as their organisation, so their
    "we" sentences are quoted, not reported.
    """
    text = (role or "").lower()
    for line in sorted(load_words("write/collective_roles")):
        word, _, who = (part.strip() for part in line.partition("|"))
        if word and re.search(rf"\b{re.escape(word)}\b", text):
            return Voice(government if who == "the Government" else who)
    return Voice(None)


# --- parsing helpers ----------------------------------------------------------------


def _parse(text: str):
    from podium.engine.nlp import parse

    return parse(text)


_EDGE_HEDGES = None


def _edge_hedge_pattern() -> re.Pattern[str]:
    global _EDGE_HEDGES
    if _EDGE_HEDGES is None:
        words = sorted(load_words("write/edge_hedges"), key=len, reverse=True)
        alternatives = "|".join(re.escape(w) for w in words)
        _EDGE_HEDGES = re.compile(rf"(?:,\s*(?:{alternatives}))+\s*(?=[.!?]?$)", re.IGNORECASE)
    return _EDGE_HEDGES


_LEADING_HEDGE = re.compile(
    r"^(?:(?:I|we) (?:think|believe|feel|know|guess|suppose|would say|would argue|'d say|"
    r"'d argue|accept|agree|recognise|recognize|understand|hope|expect)|"
    r"I'm (?:sure|confident|pleased to say|afraid)|"
    r"it's (?:fair|true|right) to say|I have to say|I must say|I would suggest|"
    r"(?:as )?you (?:know|can see|will know|will be aware)|"
    r"(?:nonetheless|nevertheless|so|obviously|clearly|of course|you know|I mean))"
    r"(?:,\s*|\s+that\s+|\s+)",
    re.IGNORECASE,
)


def strip_edges(text: str) -> str:
    """Drop discourse markers and hedges at both edges of a clause.

    "Nonetheless, I think that we do not …, you know." -> "we do not …."
    """
    text = lang.strip_leading(lang.tidy(text))
    for _ in range(3):
        stripped = _LEADING_HEDGE.sub("", text, count=1)
        stripped = lang.strip_leading(stripped)
        if stripped == text:
            break
        text = stripped
    end = text[-1:] if text[-1:] in ".!?" else ""
    body = _edge_hedge_pattern().sub("", text[: len(text) - len(end)] if end else text)
    return body.rstrip(" ,;:") + end


# --- compression ------------------------------------------------------------------

_LEADING_FRAME = frozenset(
    ["alongside", "within", "with", "as", "beyond", "besides", "on", "in", "from", "for", "at"]
)
_ASIDES = re.compile(
    r",\s*(?:by the way|I have to say|I must say|if you like|as it were|so to speak|"
    r"in a sense|to be honest|to be fair|of course|again|frankly|basically|obviously|"
    r"in fact|actually|indeed|certainly|personally|I think|I believe|I suppose|I guess|"
    r"as I say|as I said)\s*,\s*",
    re.IGNORECASE,
)
"""A parenthetical hedge between two commas: it goes with both commas ("we continue, of
course, to provide" -> "we continue to provide", not "we continue, to provide")."""
_AFTER_CONJUNCTION = re.compile(
    r"\b(but|and|so|because) (?:of course|obviously|clearly|actually|basically),? ", re.IGNORECASE
)
"""A hedge opening a coordinated clause: "…, but of course fraud is unacceptable" -> "but fraud"."""
_DISCOURSE_MOVES = frozenset(["go", "come", "turn", "move", "return", "look", "talk", "speak"])
"""Verbs of a leading "going back to …," / "turning to …," that steer the talk, not the claim."""
_SENTENCE_ADVERBS = frozenset(["obviously", "basically", "actually"])
"""Hedging adverbs dropped inside a reported clause too ("the governing body obviously was")."""


def compress(clause: str) -> str:
    """Drop asides (", by the way,") and the framing phrases before the subject.

    "alongside this, alongside the capital fund, the Government has also identified …"
    -> "the Government has also identified …". Only prepositional frames and
    the speaker's moves through the conversation ("going back to the issue of
    ITE, …", `_DISCOURSE_MOVES`) go (never a condition, a reason, a negation
    or a date), so the claim is the speaker's.
    """
    clause = _ASIDES.sub(" ", clause)
    clause = _AFTER_CONJUNCTION.sub(r"\1 ", clause)
    clause = re.sub(r"\s+,", ",", clause)
    clause = _plain_verb_phrase(_drop_leading_move(clause))
    if "," not in clause:
        return clause
    doc = _parse(clause)
    root = next(iter(doc.sents)).root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None:
        return clause
    start = subject.left_edge.i
    lead = doc[:start]
    if not lead or not lead[-1].is_punct or lead[-1].text != ",":
        return clause
    for token in lead:
        if token.is_punct:
            continue
        if token.head.i >= start and token.dep_ != "prep" and token.head == root:
            return clause  # something other than a prepositional frame
    preps = [t for t in lead if t.dep_ == "prep" and t.head == root]
    if not preps or any(p.lower_ not in _LEADING_FRAME for p in preps):
        return clause
    if any(t.ent_type_ in ("DATE", "TIME") for t in lead):
        return clause
    if any(t.dep_ in ("neg", "mark") for t in lead):
        return clause
    rest = doc[start:].text
    return rest if len(rest.split()) >= 6 else clause


def _drop_leading_move(clause: str) -> str:
    """ "Going back to the issue of ITE, a programme came forward …" -> "a programme came …".

    The clause must open on the -ing form of a verb that steers the talk
    (`_DISCOURSE_MOVES`), and what follows its comma must be a clause of its
    own (a subject and a finite verb in the parse): the parser often reads such
    an opening as the subject of the sentence, so the test is on the rest.
    """
    doc = _parse(clause)
    if not len(doc) or doc[0].tag_ != "VBG" or doc[0].lemma_.lower() not in _DISCOURSE_MOVES:
        return clause
    comma = next((t.i for t in doc[:12] if t.text == ","), None)
    if comma is None:
        return clause
    rest = doc[comma + 1 :].text
    if len(rest.split()) < 6:
        return clause
    sentences = list(_parse(rest).sents)
    root = sentences[0].root
    subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
    finite = root.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
        for c in root.children
    )
    return rest if len(sentences) == 1 and subject and finite else clause


def _plain_verb_phrase(clause: str) -> str:
    """Drop what sits between the subject and its verb in speech but not in writing.

    A hedging adverb on the verb ("the governing body obviously was an important
    part" -> "the governing body was …", `_SENTENCE_ADVERBS`) and a comma
    between a subject and its verb ("part of the honest challenge, is that …"),
    when the subject holds no other comma (then the comma closes an aside
    or an apposition and stays).
    """
    doc = _parse(clause)
    sentences = list(doc.sents)
    if len(sentences) != 1:
        return clause
    root = sentences[0].root
    drop: set[int] = set()
    for token in doc:
        if (
            token.lower_ in _SENTENCE_ADVERBS
            and token.dep_ == "advmod"
            and token.head.pos_ in ("VERB", "AUX")
            and 0 < token.i < len(doc) - 2
            and not doc[token.i - 1].is_punct
            and not doc[token.i + 1].is_punct
        ):
            drop.add(token.i)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.i < root.i:
        auxiliaries = [c.i for c in root.children if c.dep_ in ("aux", "auxpass", "neg")]
        first = min([root.i, *[i for i in auxiliaries if i > subject.i]])
        before = first - 1
        inside = [t for t in subject.subtree if t.text == ","]
        if (
            before > subject.right_edge.i - 1
            and doc[before].text == ","
            and before == subject.right_edge.i + 1
            and not inside
        ):
            drop.add(before)
    if not drop:
        return clause
    out: list[str] = []
    for token in doc:
        if token.i in drop:
            if out:
                out[-1] = out[-1].rstrip() + token.whitespace_
            continue
        out.append(token.text + token.whitespace_)
    return "".join(out)


# --- reported speech ---------------------------------------------------------------


_AGREE = {
    "are": "is",
    "'re": "is",
    "have": "has",
    "'ve": "has",
    "were": "was",
    "do": "does",
    "don't": "doesn't",
    "aren't": "isn't",
    "haven't": "hasn't",
    "weren't": "wasn't",
}


def _third_singular(token) -> str:
    """The third-person singular present of a verb token ("monitor" -> "monitors")."""
    word = token.text
    low = word.lower()
    if low in _AGREE:
        return _AGREE[low]
    lemma = token.lemma_.lower()
    if lemma == "be":
        return "is"
    if lemma == "have":
        return "has"
    if lemma in ("do", "go"):
        return lemma + "es"
    if re.search(r"(?:s|sh|ch|x|z)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def reported(text: str, voice: Voice | None = None) -> str | None:
    """`text` as a clause after "<Name> argued that", in the third person, or None.

    None when the clause keeps an "I", "me", "my", "you" or "your", or a "we"
    with no known institution (`voice`): such words stay in quotation marks.
    """
    clause = compress(strip_edges(text))
    if not clause or "?" in clause or re.search(r"(?:^|[\s,:])['‘][A-Z]", clause):
        return None  # a question, or someone else's words quoted inside
    if not PERSON_1_2.search(clause):
        return clause
    collective = voice.collective if voice else None
    if collective is None:
        return None
    if _I_ALONE.search(clause) or re.search(
        r"\b(?:me|my|mine|myself|you\w*|your\w*|I'\w+)\b", clause, re.IGNORECASE
    ):
        return None
    doc = _parse(clause)
    replaced_verbs: dict[int, str] = {}
    for token in doc:
        if token.lower_ in ("we", "us") and token.dep_ in ("nsubj", "nsubjpass"):
            verb = _agreeing_verb(token)
            if verb is not None and verb.tag_ == "VBP":
                replaced_verbs[verb.i] = _third_singular(verb)
    out: list[str] = []
    named = False  # the institution is named once, then "it"
    for token in doc:
        low = token.lower_
        word = token.text
        if low in ("we", "us"):
            word = "it" if named else collective
            named = True
        elif low in ("our", "ours"):
            word = "its" if named else f"{collective}'s"
            named = True
        elif low == "ourselves":
            word = "itself"
        elif token.i in replaced_verbs:
            word = replaced_verbs[token.i]
        elif low in _CONTRACTED and token.i and doc[token.i - 1].lower_ in ("we", "us"):
            word = _CONTRACTED[low]
        if token.text.startswith("'") and not word.startswith("'") and out:
            out[-1] = out[-1].rstrip() + " "  # "the Government" + "is", not "Governmentis"
        out.append(word + token.whitespace_)
    result = "".join(out)
    if PERSON_1_2.search(result):
        return None
    return result


_BACKSHIFT = {
    "is": "was",
    "'s": "was",
    "are": "were",
    "'re": "were",
    "am": "was",
    "'m": "was",
    "has": "had",
    "have": "had",
    "'ve": "had",
    "does": "did",
    "do": "did",
    "will": "would",
    "'ll": "would",
    "wo": "would",
    "can": "could",
    "ca": "could",
    "shall": "should",
    "may": "might",
}
"""Finite present forms and their back-shifted past (no lexical verbs: no inflection guessed)."""


def backshift(clause: str) -> str:
    """`clause` with its tense shifted back (see the module docstring), or as said.

    The whole clause moves or nothing does: every finite present form in it
    (the main verb's and the subordinate clauses' alike: "was assured by the
    feedback that it was having") must be in `_BACKSHIFT`. A lexical verb in
    the present ("that need support", "monitors") cannot be inflected
    without guessing, so such a clause stays in the present, as the seed
    reports ("Lee warned the expanding relationship opens doors"), never
    half shifted ("was assured by the feedback that it is having").
    """
    if "; " in clause:  # each clause of "…; …" has its own main verb
        return "; ".join(backshift(part) for part in clause.split("; "))
    doc = _parse(clause)
    if len(list(doc.sents)) != 1:
        return clause
    shift: dict[int, str] = {}
    for token in doc:
        if token.tag_ not in ("VBZ", "VBP", "MD"):
            continue
        low = token.lower_
        if token.tag_ == "MD" and low not in _BACKSHIFT:
            continue  # could, would, should, might, must: no present to move
        if low not in _BACKSHIFT:
            return clause  # a lexical present ("need", "monitors"): the clause stays as said
        past = _BACKSHIFT[low]
        if (
            low == "'s"
            and token.head.tag_ == "VBN"
            and token.dep_ in ("aux", "auxpass")
            and (token.dep_ == "aux" or token.head.lower_ in ("been", "got", "gotten", "had"))
        ):
            past = "had"  # "it's been", "it's had": "it has …" (a passive "it's done" is "is")
        shift[token.i] = past
    root = next(iter(doc.sents)).root
    main = [root, *(c for c in root.children if c.dep_ in ("aux", "auxpass"))]
    if not any(t.i in shift for t in main):
        return clause  # the main verb is already past, or modal: nothing to move
    out: list[str] = []
    for token in doc:
        word = shift.get(token.i, token.text)
        if token.i in shift:
            if token.text.startswith("'") and out:
                out[-1] = out[-1].rstrip() + " "  # "it's" -> "it was"
            if token.text[:1].isupper():
                word = word[:1].upper() + word[1:]
        out.append(word + token.whitespace_)
    return "".join(out)


_CONTRACTED = {"'ll": "will", "'d": "would", "'re": "are", "'ve": "have", "n't": "n't"}


def _agreeing_verb(subject):
    """The token that agrees with `subject`: its first auxiliary, else its head verb."""
    head = subject.head
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i > subject.i]
    if auxiliaries:
        return auxiliaries[0]
    if head.i > subject.i:
        return head
    return None


# --- quotes ---------------------------------------------------------------------


def complete_clause(text: str) -> bool:
    """A quote that stands alone (see the module docstring)."""
    text = text.strip()
    words = text.split()
    if not (QUOTE_WORDS[0] <= len(words) <= QUOTE_WORDS[1]):
        return False
    if not text[:1].isupper() or text[-1:] not in ".!?" or text.endswith("..."):
        return False
    if lang.bad_start(text) or lang.LEADING_PRONOUN.match(text):
        return False
    doc = _parse(text)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(list(doc.sents)) > 1 and len(roots) > 2:
        return False
    finite = [
        t
        for t in doc
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD")
        and (
            any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in t.children)
            or any(
                c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")
                for c in t.head.children
                if t.dep_ in ("aux", "auxpass")
            )
        )
    ]
    if not finite:
        return False
    root = next(iter(doc.sents)).root
    subjects = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
    if not (
        root.pos_ in ("VERB", "AUX")
        and any(c.dep_ in subjects for c in root.children)
        and (
            root.tag_ in ("VBD", "VBZ", "VBP", "MD")
            or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
                for c in root.children
            )
        )
    ):
        return False  # "Seeing an occasional reappearance of measles, and that's because …"
    first = doc[0]
    if first.pos_ in ("CCONJ", "SCONJ") or first.tag_ in ("WDT", "WP", "WRB"):
        return False
    content = [t for t in doc if t.pos_ in ("NOUN", "PROPN", "NUM") and not t.is_stop]
    if not content:
        return False
    return not _dangling_end(doc)


def _dangling_end(doc) -> bool:
    """Ends on a word that needs more: a preposition, determiner, conjunction or open verb,
    or a "but"/"and" on a verb with nothing coordinated after it ("… impact assessments, but,
    in terms of how we implement it in the childcare space."), or a "that" clause
    without a verb ("… suggests that the greatest proportion of those who are …")."""
    tokens = [t for t in doc if not t.is_punct]
    if not tokens:
        return True
    for token in tokens:
        head = token.head
        if token.dep_ == "mark" and token.lower_ == "that" and head.pos_ not in ("VERB", "AUX"):
            return True  # "suggests that the greatest proportion of those who …": no verb
        if (
            token.dep_ == "cc"
            and head.pos_ in ("VERB", "AUX")
            and head.i < token.i
            and not any(c.dep_ == "conj" and c.i > token.i for c in head.children)
        ):
            return True
    last = tokens[-1]
    if last.pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART") and last.dep_ != "prt":
        return True
    open_verbs = load_words("write/open_verbs")
    phrasal = load_words("write/open_phrasal_verbs")
    for token in doc:
        if token.pos_ == "VERB" and _missing_particle_object(token, phrasal):
            return True
        if token.pos_ == "VERB" and token.lemma_.lower() in open_verbs:
            objects = [
                c
                for c in token.children
                if c.dep_
                in ("dobj", "ccomp", "xcomp", "attr", "oprd", "prep", "dative", "advcl", "obj")
            ]
            if not objects and token.dep_ not in (
                "amod",
                "acl",
                "relcl",
                "xcomp",
                "advcl",
                "pcomp",
            ):
                return True
    return False


_PERSONAL = frozenset(["i", "we", "you", "they", "he", "she"])


def _missing_particle_object(verb, phrasal) -> bool:
    """A person "picking up" with nothing picked up: a phrasal verb of `phrasal` whose
    subject is a personal pronoun and which has no object or complement ("We are picking
    up, even from the early term of the analysis."). A thing's subject keeps the
    intransitive reading ("The economy is picking up")."""
    particles = [c for c in verb.children if c.dep_ == "prt"]
    if not particles or f"{verb.lemma_.lower()} {particles[0].lower_}" not in phrasal:
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in _PERSONAL for c in verb.children):
        return False
    objects = ("dobj", "obj", "ccomp", "xcomp", "attr", "oprd", "dative", "pobj")
    if any(c.dep_ in objects for c in verb.children):
        return False
    return not any(c.dep_ == "pobj" for p in particles for c in p.children)


# --- recommendations -------------------------------------------------------------

_RECOMMENDING = re.compile(
    r"\b(?:should(?:n't| not)?|must|ought to|need(?:s)? to|recommend\w*|propos(?:e|al|als)|"
    r"urge|call(?:s|ed)? (?:for|on))\b",
    re.IGNORECASE,
)
_NOT_RECOMMENDING = re.compile(
    r"\b(?:I|we) (?:must|should|need to|have to) (?:say|admit|confess|stress|emphasise|"
    r"emphasize|be clear|be honest|point out|declare|apologi[sz]e|thank|move on|ask)\b|"
    r"\b(?:should|must) (?:have|I|we)\b(?! to)|\bshould (?:you|I) \b|\byou should know\b|"
    r"\byou (?:don't |do not |wouldn't |would not )?(?:need to|have to|must|should)\b",
    re.IGNORECASE,
)


def is_recommendation(text: str) -> bool:
    """Says what someone should do: a modal of obligation or a proposal, not a hedge."""
    if lang.is_question(text) or not _RECOMMENDING.search(text):
        return False
    if _NOT_RECOMMENDING.search(text):
        return False
    return len(text.split()) >= 8
