"""Checks on an aligned pair: does the summary sentence say what its transcript passage says?

Each check is a small function ``check(claim, evidence, ...) -> list[Mismatch]``
over two spaCy `Doc`s (`podium.engine.nlp`: en_core_web_sm 3.8 gives the
parts of speech, dependencies, lemmas and entities): the summary sentence and
the one to three transcript sentences it was aligned to (align.py). A
`Mismatch` names what the summary says and what the transcript says instead;
the claim check turns any mismatch into a `fail`.

- `polarity`: the same predicate with a negation dropped or added ("has been
  designed" / "has not been designed"). spaCy marks "not", "n't", "never"
  as ``neg``; "no" as a determiner ("there is no power") and "nothing" as an
  argument count too, and a question answered "No." ("Will fees rise? No.")
  is read as its negation; so is the complement of a denying verb ("disagreed
  that the powers are frightening", data/verify/denial_verbs.txt).
- `antonyms`: one of a pair of opposite lemmas (data/verify/antonyms.txt) where
  the transcript has the other ("accepted" / "rejected", "more" / "fewer").
- `degree`: a comparative or superlative the transcript does not use ("the
  largest" where it said "a large").
- `modality`: "will" where the transcript says "may", "has done" where it
  says "plans to" or "will".
- `intentions`: a fact ("there is now consistency") where the passage clause
  sharing most of its words is an intention ("looking to have it
  consistently"): the modality check for predicates that differ.
- `descriptions`: a description given to another name than the passage gives it
  ("Daniel Gobeil, the outgoing chair" / "BrunoLetendre, outgoing chair").
- `existence`: a thing the passage says there is not, used as a thing there is ("too
  early to have definitive figures" / "definitive figures already show").
- `quantifiers`: a quantifier on a noun that contradicts the passage's on the same
  noun ("only a few institutions" / "all institutions"; data/verify/quantifiers.txt).
- `times`: a time expression (DATE/TIME entity) where the passage says another
  about the same thing ("several more weeks" / "this Friday").
- `complements`: the same verb of the same doer with another complement ("the
  petitioners want the bill to be stopped" / "want to see it move forward"): a
  contradiction when the claim's verb is one of a pair of opposites, else a doubt.
- `entities`: a person, organisation, place or law the passage does not name,
  where it names another of the same kind ("Alberta" / "Ontario").
- `agents`: the doer of the claim's verb is not the doer in the transcript
  ("the Prime Minister promised" where "Ralph Goodale promised"); a controlled
  verb's doer is the one asked, "he"/"she" the proper-name subject just before
  (`_antecedent`), "you" in the transcript the person addressed.
- `roles`: two doers that trade places, common nouns too ("education is the
  priority" where "public health is the priority" and education is said
  elsewhere); the claim's doer as the passage verb's "through"/"with"
  argument is a doubt.
- `substitutions`: the claim keeps a transcript clause's doer and object but
  puts another predicate, or another modifier, in place of its own. A synonym
  does this too, so the claim check only warns on it.
- `loose_polarity`: a negation on a predicate the passage does not use,
  against the passage clause sharing most of its words (a doubt, a warn).
  `negated_paraphrase` makes it a contradiction when the claim clause says all
  its other words in that clause and neither predicate has an opposite that
  could carry the negation ("will no longer gather at others' houses" /
  "collect at others' houses").

Clauses are compared by their predicate lemma (a verb, or for "be" the
predicate noun or adjective) and must share another content word, so a
negation elsewhere in the passage does not count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from podium.engine.brief.quotes import find_quotes, inside_quotes
from podium.engine.verify.align import stem
from podium.engine.verify.wordlists import word_list, word_map, word_pairs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CONTENT_POS = frozenset(["NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"])
_CLAUSAL = frozenset(["ccomp", "advcl", "relcl", "parataxis", "csubj", "acl", "xcomp", "conj"])
_ARGUMENTS = frozenset(["nsubj", "nsubjpass", "dobj", "attr", "pobj", "dative", "expl"])
_PRONOUNS_SKIPPED = frozenset(
    ["we", "they", "he", "she", "it", "you", "this", "that", "which", "who", "one", "there"]
)
_GENERIC_LEMMAS = frozenset(["be", "have", "do", "get", "make", "go", "take", "give", "come"])


@dataclass(frozen=True, slots=True)
class Mismatch:
    """What the summary says and what the aligned transcript passage says instead."""

    check: str
    said: str
    heard: str
    note: str = ""
    """What kind of contradiction it is, when the words alone do not say ("a negation added")."""

    def describe(self, at: str = "") -> str:
        """'says "accepted"; the transcript says "rejected" at 12:41' (`at`: the time)."""
        when = f" at {at}" if at else ""
        if self.check == "unsaid":
            return f'the transcript does not say "{self.said}"{when}'
        note = f" ({self.note})" if self.note else ""
        return f'says "{self.said}"; the transcript says "{self.heard}"{when}{note}'


@dataclass(slots=True)
class Clause:
    """A predicate with its negation, modality, doer and content words."""

    head: Token
    key: str
    """The predicate lemma: the verb, or for "be" its predicate noun or adjective."""
    content: set[str]
    negated: bool
    modality: str | None
    agent: frozenset[str] | None
    """Content lemmas of the doer's name (None when unknown or a pronoun)."""
    asserted: bool = True
    """False inside a question nobody answered."""
    phrase: str = ""
    words: set[str] = field(default_factory=set)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _is_clause_head(token: Token) -> bool:
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")


def _predicate(head: Token) -> Token:
    """The word that carries a clause's meaning: "solution" in "is a solution"."""
    if _lemma(head) == "be":
        for child in head.children:
            if child.dep_ in ("attr", "acomp"):
                if child.pos_ == "NUM":  # "100 per cent confident"
                    for grandchild in child.children:
                        if grandchild.pos_ == "ADJ":
                            return grandchild
                return child
    return head


def _clause_tokens(head: Token) -> Iterator[Token]:
    """The clause's own tokens: `head` and its dependents, not descending into the clauses
    embedded in it (a complement, an adverbial or relative clause, a conjoined clause)."""
    stack = [head]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(c for c in token.children if not (c.dep_ in _CLAUSAL and _is_clause_head(c)))


def _content(head: Token) -> set[str]:
    """Content lemmas of a clause, not descending into embedded clauses."""
    return {
        _lemma(t)
        for t in _clause_tokens(head)
        if t.pos_ in CONTENT_POS and not t.is_stop or t.like_num
    }


def _negations(head: Token) -> int:
    """How many negations the clause itself carries ("not no reason" is two)."""
    negation = word_list("negation_words")
    count = 0
    for child in head.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and _lemma(child) in negation):
            if _before_focus(child):
                continue  # "not just you, but others"
            count += 1
        elif (
            child.dep_ == "advmod"
            and child.lower_ == "longer"
            and any(g.lower_ == "no" for g in child.children)
        ):
            count += 1  # "will no longer gather"; not "no earlier than 2 p.m.", "no matter"
        if child.dep_ in _ARGUMENTS or child.dep_ == "acomp":
            targets = [child]
        elif child.dep_ == "prep":
            # "in no way", "at no time", "under no circumstances" negate the clause;
            # "with almost nothing to show for it", "for no fee" do not
            targets = [
                c
                for c in child.children
                if c.dep_ == "pobj" and _lemma(c) in word_list("negative_adverbial_nouns")
            ]
        else:
            targets = []
        for target in targets:
            if _lemma(target) in negation and target.dep_ != "prep":
                count += 1
            count += sum(
                (d.dep_ == "det" and _lemma(d) in negation)
                or (d.dep_ == "neg" and not _before_focus(d))  # "not all the jobs have come"
                for d in target.children
            )
            count += sum(  # "Not all the clinics": "not" on the quantifier "all"
                g.dep_ == "neg" and not _before_focus(g)
                for d in target.children
                if d.dep_ in ("det", "predet", "quantmod", "nummod")
                for g in d.children
            )
    return count


def _before_focus(token: Token) -> bool:
    """A negation that only narrows the next word ("not just you, but others")."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return after is not None and after.lower_ in word_list("focus_words")


def _governor(head: Token) -> Token | None:
    """The clause a complement clause completes ("happy" for "not happy that X")."""
    complement = head.dep_ in ("ccomp", "acl") or (
        head.dep_ == "relcl" and any(c.dep_ == "mark" for c in head.children)
    )  # "no reason that he cannot", parsed either way; not "the school that was built"
    if complement and head.head.i != head.i:
        governor = _clause_of(head.head)
        if governor is not None and governor.i != head.i:
            return governor
    return None


def _negation_raises(head: Token) -> bool:
    """Whether a negation on the governor of `head` reaches into `head`: "I don't think
    (that) fees will rise" means they will not; "not happy that fees rose" does not say
    whether they rose."""
    governor = _governor(head)
    if governor is None:
        return False
    words = word_list("negation_raising")
    return _lemma(governor) in words or _lemma(head.head) in words


def _denial(head: Token) -> Token | None:
    """The word that denies the complement clause `head`, if one does: "disagreed that the
    powers are frightening", "I doubt that the government will be able to", "there's no
    doubt that they exist" (data/verify/denial_verbs.txt). None when the denying verb is
    coordinated with another ("cannot confirm or deny that it happened" says neither)."""
    governor = _governor(head)
    if governor is None:
        return None
    words = word_list("denial_verbs")
    word = head.head if _lemma(head.head) in words else governor
    if _lemma(word) not in words:
        return None
    return word


def _denial_coordinated(head: Token) -> bool:
    """A complement of a denying verb coordinated with another verb of the same subject
    ("I cannot confirm or deny that"); not one followed by a clause of its own ("we can't
    disagree that there's evidence, but I think …")."""
    governor = _governor(head)
    if governor is None or _lemma(governor) not in word_list("denial_verbs"):
        return False

    def shares_subject(verb: Token) -> bool:
        return _is_clause_head(verb) and not any(c.dep_.startswith("nsubj") for c in verb.children)

    return (governor.dep_ == "conj" and shares_subject(governor)) or any(
        c.dep_ == "conj" and shares_subject(c) for c in governor.children
    )


def _denied_context(head: Token) -> bool:
    """A complement of a negated clause that is not a negation-raising one ("not happy about
    the fact that the government is trying", "did not say that it rose"), or of a denying
    verb coordinated with another ("cannot confirm or deny that it happened"): neither
    asserted nor denied, so not compared. A denying verb's complement is compared (see
    `_negated`)."""
    governor = _governor(head)
    if governor is None or _negation_raises(head):
        return False
    if _denial_coordinated(head):
        return True
    if _denial(head) is not None:
        return False
    return _negated(governor) or _denied_context(governor)


def _clause_of(token: Token) -> Token | None:
    head = token
    while not _is_clause_head(head) and head.head.i != head.i:
        head = head.head
    return head if _is_clause_head(head) else None


def _negated(head: Token) -> bool:
    """An odd number of negations on the clause and on the clauses it completes: "never
    lived to see" (an infinitive inherits), "no reason that he cannot provide" (a
    complement of a negation-raising clause or noun flips: he can; see `_negation_raises`)."""
    negated = _negations(head) % 2 == 1
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    if infinitive and _too_to(head):
        negated = not negated
    if head.dep_ in ("xcomp", "advcl") and infinitive and _is_clause_head(head.head):
        return negated != _negated(head.head)  # "never lived to see", "not for us to dictate"
    if _negation_raises(head):
        governor = _governor(head)
        return negated != _negated(governor)
    if _denial(head) is not None and not _denial_coordinated(head):
        # "disagreed that the powers are frightening": they are not; "there's no doubt
        # that they exist", "can't disagree that there's evidence": they do, there is
        return negated == _negated(_governor(head))
    return negated


def _too_to(head: Token) -> bool:
    """An infinitive completing "too" + adjective or adverb: "it is too early to have
    definitive figures" says they do not have them (the "too … to" construction)."""
    governor = head.head
    return (
        head.dep_ in ("xcomp", "advcl", "ccomp")
        and governor.i != head.i
        and governor.pos_ in ("ADJ", "ADV")
        and any(c.dep_ == "advmod" and c.lower_ == "too" for c in governor.children)
    )


def _modality(head: Token) -> str | None:
    possible, certain = word_list("modal_possible"), word_list("modal_certain")
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    lemmas = [_lemma(a) for a in auxes]
    if head.tag_ == "VBN" and "have" in lemmas and {"should", "ought", "would"} & set(lemmas):
        return "unrealised"  # "we should have made more progress": it was not made
    for aux in auxes:
        lemma = _lemma(aux)
        if lemma in possible:
            return "may"
        if lemma in certain or aux.lower_ in ("'ll", "wo"):
            return "will"
    governor = head.head if head.dep_ == "xcomp" else None
    if governor is not None and governor.i != head.i:
        if _lemma(governor) in word_list("intention_verbs"):
            return "plan"
        if _lemma(governor) == "go" and governor.tag_ == "VBG":
            return "will"
        if _modality(governor) in ("may", "will"):
            return _modality(governor)
    if head.tag_ == "VBD" or (head.tag_ == "VBN" and any(_lemma(a) == "have" for a in auxes)):
        return "done"
    return None


def _subject(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "nsubj" and not _vocative(child):
            return child
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if head.dep_ == "conj" and _is_clause_head(head.head):
        return _subject(head.head)
    if head.dep_ == "xcomp" and _is_clause_head(head.head) and head.head.i != head.i:
        # control: "Estyn was asked to identify", "asked Estyn to identify": Estyn
        # identifies; "the council wants to identify": the council does
        governor = head.head
        for child in governor.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                return child
        return _subject(governor)
    if head.dep_ == "acl" and head.head.dep_ == "ROOT" and head.head.pos_ in ("NOUN", "PROPN"):
        # "The former minister, Ralph Goodale, promised in this House that ...": the small
        # model reads the verb as a modifier of a noun it makes the sentence's root; a
        # sentence is not a bare noun phrase, so that noun is the verb's subject
        return head.head
    return None


def _name_word(token: Token) -> str:
    """ "U.S." and "US" alike, "C-7" and "C7"."""
    return _lemma(token).replace(".", "").replace("-", "")


def _name_words(token: Token) -> frozenset[str]:
    skip = ("det", "punct", "relcl", "acl", "cc", "poss", "case", "advmod", "prep")
    out = {_name_word(token)}
    for child in token.children:
        if child.dep_ in ("compound", "amod", "flat", "nmod", "appos"):
            out |= {_name_word(t) for t in child.subtree if t.dep_ not in skip and t.is_alpha}
        elif child.dep_ == "prep" and child.lower_ == "of":
            out |= {_name_word(t) for t in child.subtree if t.pos_ in ("NOUN", "PROPN")}
    return frozenset(w for w in out if w and w not in ("former", "new", "then", "current"))


ADDRESSEE = frozenset(["<you>"])
"""The doer of a clause the speaker said to "you": the person addressed, not the speaker."""
_THIRD_PERSON = frozenset(["he", "she"])


_NOT_PEOPLE = frozenset(["GPE", "LOC", "FAC", "NORP", "LAW", "DATE", "EVENT", "PRODUCT"])


def _maybe_person(token: Token) -> bool:
    """A title-case proper noun the model does not label a place, law or the like."""
    return token.pos_ == "PROPN" and token.is_title and token.ent_type_ not in _NOT_PEOPLE


def _antecedent(pronoun: Token, before: Doc | None) -> frozenset[str] | None:
    """Light coreference: "he" or "she" stands for the nearest proper-name subject before
    it that may be a person, in its own text or else in `before` (the sentences that text
    follows): the subject of the clause before is what a "he" most often continues. Other
    names ("in the House of Commons", "a student in Okotoks") are not candidates, as the
    small model's labels alone cannot tell people from places. None when there is no
    candidate, or when another name or a person noun ("Williams's manifesto", "the chief
    inspector") stands between them and could be the one meant."""
    tokens = list(pronoun.doc[: pronoun.i])
    if before is not None:
        tokens = list(before) + tokens
    people = word_list("agent_nouns")
    at = max(
        (
            n
            for n, t in enumerate(tokens)
            if t.dep_ in ("nsubj", "nsubjpass") and (_maybe_person(t) or _described_person(t))
        ),
        default=None,
    )
    if at is None:
        return _introduced_person(tokens)
    last = tokens[at]
    own = {t.i for t in last.subtree}
    between = [t for t in tokens[at + 1 :] if not (t.doc is last.doc and t.i in own)]
    if any(_maybe_person(t) or _lemma(t) in people for t in between):
        return _introduced_person(tokens)
    if last.pos_ == "NOUN":
        return _name_words(last)
    return _proper_name_words(last)


def _introduced_person(tokens: list[Token]) -> frozenset[str] | None:
    """The name a "he" or "she" continues when no subject can be its antecedent: the last
    proper name before it that is introduced as a person, by a relative clause with "who"
    in its phrase (on it or on its apposition: "Owen Plumb, a grade 9 student in Okotoks who is using his
    3D printer … He partnered with …", "a young person, Evie Morgan, a schoolgirl from mid
    Wales, who came to the launch. She met the Minister"), where no other name stands
    after it outside its own phrase ("Okotoks" is inside Owen Plumb's). None otherwise."""
    for n in range(len(tokens) - 1, -1, -1):
        token = tokens[n]
        if not _maybe_person(token) or token.dep_ in ("compound", "flat"):
            continue
        introduced = any(  # in its phrase: the parser may hang "who" on a later noun
            t.dep_ == "relcl" and any(g.lower_ == "who" for g in t.children) for t in token.subtree
        )
        if not introduced:
            continue  # a name inside the phrase of one introduced before it is allowed below
        own = {t.i for t in token.subtree}
        if any(
            _maybe_person(t) and not (t.doc is token.doc and t.i in own) for t in tokens[n + 1 :]
        ):
            return None
        return _proper_name_words(token)
    return None


def _name_parts(name: Token) -> list[Token]:
    """A proper noun with the proper nouns compounded onto it ("Owen" of "Owen Plumb")."""
    parts = [c for c in name.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    return [*parts, name]


def _proper_name_words(name: Token) -> frozenset[str]:
    """The words of the name a proper noun heads: "Owen Plumb" -> {"owen", "plumb"}."""
    return frozenset(_name_word(t) for t in _name_parts(name))


def _described_person(token: Token) -> bool:
    """A common noun that names one person by a role: a title ("the minister",
    data/verify/titles.txt), or a noun with a named "of" complement ("the head of
    Gladestry"); not a possessed thing ("Williams's manifesto")."""
    if token.pos_ != "NOUN":
        return False
    if _lemma(token) in word_list("titles"):
        return True
    for child in token.children:
        if (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in child.children)
        ):
            return True
    return False


def _agent(
    head: Token,
    speaker_words: frozenset[str],
    before: Doc | None = None,
    *,
    spoken: bool = False,
) -> frozenset[str] | None:
    subject = _subject(head)
    if subject is None:
        return None
    if subject.lower_ in ("which", "who", "that") and head.dep_ == "relcl":
        subject = head.head
    if subject.lower_ == "i":
        return speaker_words or None
    if subject.lower_ in _THIRD_PERSON:
        return _antecedent(subject, before)
    if subject.lower_ == "you" and spoken:
        return ADDRESSEE
    if subject.pos_ == "PRON" or subject.lower_ in _PRONOUNS_SKIPPED:
        return None
    if subject.pos_ not in ("NOUN", "PROPN"):
        return None
    words = _name_words(subject)

    named = subject.pos_ == "PROPN" or any(
        t.pos_ == "PROPN" for t in subject.children if t.dep_ in ("compound", "flat", "appos")
    )
    if not named and not words & word_list("agent_nouns"):
        return None  # "the company": likely a reference back to a name
    return words


def _vocative(token: Token) -> bool:
    """ "Mr. Chair, now that ...": a form of address, not the subject it was parsed as."""
    before = token.doc[token.i - 1] if token.i > 0 else None

    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    titles = word_list("titles")
    if after is None or after.text != ",":
        return False
    titled = before is not None and before.lower_.rstrip(".") in titles
    opening = token.i == token.sent.start and token.lower_ in titles
    # "that chair, in May, the Liberals launched", "madam Chair, I can assure": a word set
    # off by a comma before the clause's real subject is the person addressed
    second = any(c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i for c in token.head.children)
    return titled or opening or second


def _arguments(head: Token) -> dict[str, Token]:
    """The clause's named arguments by role: "dobj", "with" (pobj of "partner with")."""
    out: dict[str, Token] = {}
    for child in head.children:
        if child.dep_ == "dobj":
            out["dobj"] = child
        elif child.dep_ == "prep" and child.lower_ not in ("of", "by"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    out[child.lower_] = grandchild
    return out


def _named_words(token: Token) -> frozenset[str] | None:
    """Name words of an argument that names someone or something (a proper noun)."""
    if token.pos_ != "PROPN" and not any(
        t.pos_ == "PROPN" for t in token.children if t.dep_ in ("compound", "flat")
    ):
        return None
    return _name_words(token)


def _phrase(head: Token) -> str:
    predicate = _predicate(head)
    keep = [head, predicate]
    keep += [c for c in head.children if c.dep_ in ("aux", "auxpass", "neg")]
    keep += [
        c
        for c in predicate.children
        if c.dep_ in ("neg", "det") and _lemma(c) in word_list("negation_words")
    ]
    for child in head.children:
        if child.dep_ in ("nsubj", "dobj", "nsubjpass") and _lemma(child) in word_list(
            "negation_words"
        ):
            keep.append(child)
        if child.dep_ in ("attr", "dobj") and any(
            d.dep_ == "det" and _lemma(d) in word_list("negation_words") for d in child.children
        ):
            keep += [child, *[d for d in child.children if d.dep_ == "det"]]
    first = min(t.i for t in keep)
    last = max(t.i for t in keep)
    if last - first > 8:
        return predicate.text
    return head.doc[first : last + 1].text


def clauses(
    doc: Doc,
    *,
    speaker_words: frozenset[str] = frozenset(),
    is_speaker: Callable[[str], bool] | None = None,
    before: Doc | None = None,
    spoken: bool = False,
    bare_frames: bool = False,
) -> list[Clause]:
    """The clauses of `doc`. A question answered "No." by the next sentence counts as
    negated, one answered otherwise as asserted, an unanswered one as not asserted.
    Reporting clauses whose subject is a speaker or a pronoun ("Jones said") are left
    out: the claim is what they report. A doer "he" or "she" is the person named just
    before (`_antecedent`, looking into `before` too); in `spoken` words (a transcript
    passage, `speaker_words` its speaker) "I" is the speaker and "you" the person
    addressed. With `bare_frames`, a reporting clause with no clause under it ("Dhillon
    thanked the Canadian Armed Forces") is kept: it is the claim itself (for the checks
    that only doubt, `unsaid_predicates`). A reporting verb with an object, under
    another reporting clause ("Fonseca said he raised $46,000"), is never a frame."""
    out: list[Clause] = []
    sentences = list(doc.sents)
    denials = word_list("answer_no")
    for number, sentence in enumerate(sentences):
        question = sentence.text.rstrip().rstrip("\"')").endswith("?")
        flip = asserted = False
        if question and number + 1 < len(sentences):
            answer = [t for t in sentences[number + 1] if not t.is_punct]
            asserted = True
            flip = bool(answer) and answer[0].lower_ in denials
        for token in sentence:
            if not _is_clause_head(token):
                continue
            predicate = _predicate(token)
            key = _lemma(predicate)
            subject = _subject(token)
            if (
                _lemma(token) in word_list("reporting_verbs")
                and subject is not None
                and (
                    subject.pos_ == "PRON" or (is_speaker is not None and is_speaker(subject.text))
                )
                and not _reported_act(token)
                and not (bare_frames and not _reports_clause(token))
            ):
                continue
            negated = _negated(token)
            out.append(
                Clause(
                    head=token,
                    key=key,
                    content=_content(token),
                    negated=negated != flip if question else negated,
                    modality=_modality(token),
                    agent=_agent(token, speaker_words, before, spoken=spoken),
                    asserted=(asserted or not question)
                    and not _denied_context(token)
                    and not (question and _reported_by_another(token)),
                    phrase=_phrase(token),
                )
            )
    return out


def _reports_clause(head: Token) -> bool:
    """Whether a reporting verb has a clause under it: "said [that it would]", "urged
    [them to act]"; not "thanked the Canadian Armed Forces"."""
    return any(c.dep_ in ("ccomp", "xcomp", "parataxis", "advcl") for c in head.children)


def _reported_act(head: Token) -> bool:
    """A reporting verb with a direct object, itself reported by another reporting verb:
    "Fonseca said he raised $46,000": "raised" is what he did, not a frame."""
    return (
        head.dep_ == "ccomp"
        and _lemma(head.head) in word_list("reporting_verbs")
        and any(c.dep_ == "dobj" for c in head.children)
        and not _reports_clause(head)
    )


def _reported_by_another(head: Token) -> bool:
    """A clause reported from someone other than the one asked ("the National Day
    Nurseries Association, which says that Wales has the most fragile childcare
    sector?"): inside a question it is that other's claim, which neither the question nor
    its answer asserts. "Do you think that fees will rise? No." is the one asked's."""
    governor = _governor(head)
    if governor is None or _lemma(governor) not in word_list("reporting_verbs"):
        return False
    subject = _subject(governor)
    return subject is not None and subject.lower_ != "you"


def _pairs(
    claim: list[Clause], evidence: list[Clause], *, loose: bool = False
) -> list[tuple[Clause, list[Clause]]]:
    """Each claim clause with the evidence clauses of the same predicate that share a
    content word with it (the most overlapping first). `loose`: a predicate the passage
    uses once is paired even without a shared word (a swapped name shares none)."""
    out = []
    for c in claim:
        if c.key in _GENERIC_LEMMAS and len(c.content) < 2:
            continue
        rest = c.content - {c.key}
        matches = []
        for e in evidence:
            if e.key != c.key or not e.asserted:
                continue
            other = e.content - {e.key}
            shared = len(rest & other)
            if shared or not rest or not other:
                matches.append((shared, e))
        same = [e for e in evidence if e.key == c.key and e.asserted]
        if not matches and loose and len(same) == 1 and c.key not in _GENERIC_LEMMAS:
            matches = [(0, same[0])]
        if matches:
            best = max(s for s, _ in matches)
            out.append((c, [e for s, e in matches if s == best]))
    return out


def polarity(claim: list[Clause], evidence: list[Clause]) -> list[Mismatch]:
    """A negation the transcript does not have on the same predicate, or one it drops."""
    out = []
    for c, matches in _pairs(claim, evidence):
        if all(e.negated != c.negated for e in matches):
            note = "a negation added" if c.negated else "a negation dropped"
            out.append(Mismatch("polarity", c.phrase, matches[0].phrase, note))

    return out


def unpaired_negation(claim: list[Clause], evidence: list[Clause], doc: Doc) -> bool:
    """True when a negation word of the claim was not compared by `polarity`: its clause
    has no clause of the same predicate in the passage, or the parser hung it on a word
    that is not a predicate ("have not joint responsibility"). The word-window negation
    check then decides."""
    negation = word_list("negation_words")
    said = sum(t.dep_ == "neg" or _lemma(t) in negation for t in doc)
    # a negation is compared with the clause it sits on and with every clause that
    # inherits it ("it is not for the Government to dictate": "dictate" carries it)
    heads: dict[int, Token] = {}
    for c, _ in _pairs(claim, evidence):
        head: Token | None = c.head
        while head is not None and head.i not in heads:
            heads[head.i] = head
            head = _inherits_from(head)
    compared = sum(_negations(h) for h in heads.values())
    return said > compared


def _inherits_from(head: Token) -> Token | None:
    """The clause whose negation `head` takes over (see `_negated`), if any."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    if head.dep_ in ("xcomp", "advcl") and infinitive and _is_clause_head(head.head):
        return head.head
    if _negation_raises(head):
        return _governor(head)
    return None


def modality(claim: list[Clause], evidence: list[Clause]) -> list[Mismatch]:
    """Certainty the transcript does not have: "will"/"has done" where it says "may"/"plans to",
    "has done" where it says "will", or where it says "should have done" (a counterfactual:
    it was not done)."""
    stronger = {
        ("will", "may"),
        ("will", "plan"),
        ("done", "may"),
        ("done", "plan"),
        ("done", "will"),
        ("done", "unrealised"),
        ("will", "unrealised"),
    }
    out = []
    for c, matches in _pairs(claim, evidence):
        if c.modality is None or c.negated or c.head.dep_ in ("relcl", "acl", "advcl"):
            continue
        heard = [e.modality for e in matches]
        if c.modality in heard or None in heard:
            continue
        if all((c.modality, m) in stronger for m in heard):
            out.append(Mismatch("modality", c.phrase, matches[0].phrase))
    return out


def _same_doer(said: frozenset[str], heard: frozenset[str]) -> bool:
    """One doer's name words include the other's, or one is the other's initials ("US" for
    "United States", "RCMP")."""
    if said <= heard or heard <= said:
        return True
    for short, long in ((said, heard), (heard, said)):
        if len(short) == 1 and len(long) > 1:
            [word] = short
            if sorted(word) == sorted(w[0] for w in long):
                return True
    return False


def _possessed_doer(clause: Clause, heard: frozenset[str]) -> bool:
    """A doer with a possessor ("David Chant's Scouts") is not another doer than the
    possessor named in the passage ("David and his group of Scouts"): the possessive ties
    the two, and the passage may name only one of them."""
    subject = _subject(clause.head)
    if subject is None or clause.agent is None:
        return False
    owners = [t for t in subject.children if t.dep_ == "poss" and t.pos_ in ("PROPN", "NOUN")]
    if not owners:
        return False
    owner_words = {_lemma(t) for o in owners for t in o.subtree} | {
        t.lower_ for o in owners for t in o.subtree
    }
    return bool(owner_words & heard)


def _pronoun_subject(head: Token) -> bool:
    """Whether the clause's doer is a "he" or "she" (its person is only a guess)."""
    subject = _subject(head)
    return subject is not None and subject.lower_ in _THIRD_PERSON


def agents(
    claim: list[Clause], evidence: list[Clause], speaker_words: frozenset[str] = frozenset()
) -> list[Mismatch]:
    """The doer of the claim's verb is not the doer of that verb in the transcript. Where
    the speaker (`speaker_words`) said "you" did it, only a claim that the speaker did it
    is another doer: "you" may be anyone else. A "he" on both sides is not compared: the
    two guesses of whom it stands for (`_antecedent`) may differ where the words agree."""
    out = []
    for c, matches in _pairs(claim, evidence, loose=True):
        if c.agent is None:
            continue
        by_speaker = bool(speaker_words) and c.agent <= speaker_words
        pronoun = _pronoun_subject(c.head)
        known = [
            e.agent
            for e in matches
            if e.agent is not None
            and (e.agent != ADDRESSEE or by_speaker)
            and not (pronoun and _pronoun_subject(e.head))
        ]
        if not known or len(known) < len(matches):
            continue
        if all(not _same_doer(c.agent, a) and not _possessed_doer(c, a) for a in known):
            e = next(e for e in matches if e.agent is not None)
            subject = _subject(e.head)
            heard = _span_text(subject) if subject is not None else e.phrase
            said_subject = _subject(c.head)
            said = _span_text(said_subject) if said_subject is not None else c.phrase
            out.append(Mismatch("agent", f"{said} {c.head.text}", f"{heard} {e.head.text}"))
    return out


def arguments(claim: list[Clause], evidence: list[Clause]) -> list[Mismatch]:
    """A named object or prepositional argument of the claim's verb that is another name in
    the transcript's same clause ("partner with Huawei" where it said "partner with Ericsson",
    "received from Air Canada" where it said "received from Ottawa")."""
    out = []
    for c, matches in _pairs(claim, evidence, loose=True):
        said_arguments = _arguments(c.head)

        for role, said in said_arguments.items():
            said_words = _named_words(said)
            if said_words is None:
                continue
            heard = [_arguments(e.head).get(role) for e in matches]
            named = [(h, _named_words(h)) for h in heard if h is not None]
            named = [(h, w) for h, w in named if w is not None]
            if not named or len(named) < len(matches):
                continue
            if all(not (said_words <= w or w <= said_words) for _, w in named):
                out.append(Mismatch("argument", _span_text(said), _span_text(named[0][0])))
    return out


def _span_text(token: Token) -> str:
    words = [
        t for t in token.subtree if t.dep_ not in ("relcl", "punct") and t.head.dep_ != "relcl"
    ]
    words = [
        t
        for t in words
        if not any(
            a.dep_ in ("relcl", "appos") for a in t.ancestors if a.i >= token.i and a.i != token.i
        )
    ]
    if not words:
        return token.text
    first, last = min(t.i for t in words), max(t.i for t in words)
    if last - first > 6:
        return token.text
    return token.doc[first : last + 1].text


def _negated_token(token: Token) -> bool:
    head = _clause_of(token)
    return _negated(head) if head is not None else False


def antonyms(claim: Doc, evidence: Doc) -> list[Mismatch]:
    """A word whose opposite the transcript uses instead (data/verify/antonyms.txt)."""
    opposites = word_pairs("antonyms")
    said_lemmas = {_lemma(t) for t in claim}
    heard = {}
    for token in evidence:
        heard.setdefault(_lemma(token), token)
    out = []
    for token in claim:
        lemma = _lemma(token)
        if lemma not in opposites or lemma in heard:
            continue
        for opposite in opposites[lemma]:
            other = heard.get(opposite)
            if other is None or opposite in said_lemmas:
                continue
            if _negated_token(token) != _negated_token(other):
                continue  # "did not rise" for "fell" is the same claim
            out.append(Mismatch("antonym", token.text, other.text))
            break
    return out


def _degree(token: Token) -> int:
    """0 plain, 1 comparative, 2 superlative ("largest", "most important")."""
    if token.tag_ in ("JJS", "RBS"):
        return 2
    if token.tag_ in ("JJR", "RBR"):
        return 1
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ == "most":
            return 2
        if child.dep_ == "advmod" and child.lower_ == "more":
            return 1
    return 0


def degree(claim: Doc, evidence: Doc) -> list[Mismatch]:
    """A comparative or superlative stronger than the transcript's form of the same word."""
    heard: dict[str, list[Token]] = {}
    for token in evidence:
        if token.pos_ in ("ADJ", "ADV"):
            heard.setdefault(_lemma(token), []).append(token)
    out = []
    for token in claim:
        if token.pos_ not in ("ADJ", "ADV") or _lemma(token) in ("many", "much", "few", "little"):
            continue
        level = _degree(token)
        forms = heard.get(_lemma(token))
        if level == 0 or not forms:
            continue
        if all(_degree(t) < level for t in forms):
            out.append(Mismatch("degree", _with_most(token), _with_most(forms[0])))
    return out


def _with_most(token: Token) -> str:
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in ("most", "more"):
            return f"{child.text} {token.text}"
    return token.text


_IDENTIFIER_GAP = re.compile(r"\b([a-z]{1,5}) (?=\d)")


def _key(text: str) -> str:
    """Lower-case words without punctuation or "the"; a short prefix and its number are one
    word, however written ("Bill C-7" / "Bill C7", "COVID-19" / "Covid 19")."""
    words = " ".join(
        w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split() if w != "the"
    )
    return _IDENTIFIER_GAP.sub(r"\1", words)


def entities(
    claim: Doc,
    evidence: Doc,
    *,
    context: str = "",
    is_speaker: Callable[[str], bool] | None = None,
) -> list[Mismatch]:
    """A named person, organisation, place or law the aligned passage does not name, where
    it names another of the same kind. `context` (the speaker's nearby words) is accepted
    for compatibility; a name said only there no longer excuses a swap in the aligned
    sentences."""
    del context
    families = word_map("entity_labels")
    aligned_text = f" {_key(evidence.text)} "
    said_text = f" {_key(claim.text)} "

    def heard_in(text: str, key: str) -> bool:
        if f" {key} " in text:
            return True
        if all(f" {w} " in text for w in key.split() if len(w) > 2):
            return True  # "Tristan Roy" heard as "Tristan ... Roy"
        return key.replace(" ", "") in text.replace(" ", "")  # "Mont-Royal" / "MontRoyal"

    out = _titled_swaps(claim, evidence, aligned_text, said_text, is_speaker)
    out += _headed_swaps(claim, evidence, aligned_text, is_speaker)
    out += [
        m
        for m in slot_swaps(claim, evidence, is_speaker)
        if not any(m.said in o.said or o.said in m.said for o in out)
    ]
    for entity in claim.ents:
        if any(m.said in entity.text or entity.text in m.said for m in out):
            continue
        family = families.get(entity.label_)
        if family is None or (is_speaker is not None and is_speaker(entity.text)):
            continue
        key = _key(entity.text)
        if not key or heard_in(aligned_text, key) or _speaks_for(entity, evidence):
            continue
        others = [
            other
            for other in evidence.ents
            if families.get(other.label_) == family
            and _key(other.text)
            and f" {_key(other.text)} " not in said_text
            and not (is_speaker is not None and is_speaker(other.text))
        ]
        # A name the speaker says nearby but not in the aligned sentences passes, unless
        # those sentences name another of the same kind in its place ("a student in High
        # River" where the aligned sentence says "a student in Okotoks").
        if others:
            out.append(Mismatch("entity", entity.text, others[0].text))
    return out


_FIRST_PLURAL = {"nsubj": "we", "nsubjpass": "we", "poss": "our"}


def _speaks_for(entity: Span, evidence: Doc) -> bool:
    """An organisation put where the passage's speaker says "we" or "our" with the same
    verb or noun: reported speech of someone speaking for their institution ("we have
    considered it" / "the Welsh Government had considered it", "our plans" / "the
    Government's plans"), not a swap with a place the passage also names. Who "we" are
    is the `agents` check's question, not this one's."""
    if entity.label_ != "ORG":
        return False
    root = entity.root
    pronoun = _FIRST_PLURAL.get(root.dep_)
    if pronoun is None:
        return False
    head = _lemma(root.head)
    return any(
        token.lower_ == pronoun and token.dep_ == root.dep_ and _lemma(token.head) == head
        for token in evidence
    )


def _titled_names(doc: Doc) -> list[tuple[str, str]]:
    """(title, name) of each title followed by a proper name: ("premier", "Ford")."""
    titles = word_list("titles")
    out = []
    for token in doc:
        if token.lower_.rstrip(".") not in titles or token.i + 1 >= len(doc):
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        if end > token.i + 1:
            out.append((token.lower_.rstrip("."), doc[token.i + 1 : end].text))
    return out


def _titled_swaps(
    claim: Doc,
    evidence: Doc,
    aligned_text: str,
    said_text: str,
    is_speaker: Callable[[str], bool] | None,
) -> list[Mismatch]:
    """A titled name the aligned passage does not say, where it gives the same title to
    someone else ("Premier Legault" where it said "Premier Ford"): NER may label the two
    names differently (a person, a company), the title says they are the same kind."""
    out = []
    heard = _titled_names(evidence)
    for title, name in _titled_names(claim):
        key = _key(name)
        if not key or f" {key} " in aligned_text or (is_speaker is not None and is_speaker(name)):
            continue
        for other_title, other in heard:
            other_key = _key(other)
            if other_title == title and other_key and f" {other_key} " not in said_text:
                out.append(
                    Mismatch(
                        "entity", f"{title.capitalize()} {name}", f"{title.capitalize()} {other}"
                    )
                )
                break
    return out


_MODIFIERS = frozenset(["amod", "advmod", "acomp", "npadvmod"])


def _subtree_content(head: Token) -> set[str]:
    return {
        _lemma(t) for t in head.subtree if (t.pos_ in CONTENT_POS and not t.is_stop) or t.like_num
    }


def _core(head: Token) -> set[tuple[str, str]]:
    """The clause's subject and object by role and lemma: {("subj", "liberal"), ("obj", "dissent")}."""
    out = set()
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            out.add(("subj", _lemma(child)))
        elif child.dep_ in ("dobj", "attr") and child.i != _predicate(head).i:
            out.add(("obj", _lemma(child)))
    return out


def _clause_nouns(head: Token) -> set[str]:
    """A clause's content words (`_content`) and its nouns that spaCy lists as stop words
    ("name", "part", "side"): here they are what the clause is about."""
    return _content(head) | {_lemma(t) for t in _clause_tokens(head) if t.pos_ == "NOUN"}


_KIND = {"VERB": "predicate", "ADJ": "predicate", "NOUN": "noun", "PROPN": "noun", "ADV": "adverb"}


def _roles_agree(
    said: set[tuple[str, str]], heard: set[tuple[str, str]], heard_words: set[str]
) -> int | None:
    """How many of the claim clause's subject and object the passage clause has in the same
    role, or None when they disagree: a role both clauses fill with other words (a word of
    the claim's said inside the passage clause in another place is no disagreement: "the
    increase and the supplement" parsed as two subjects on one side, one on the other).
    A role only one side fills (the passage's "we're going to change the name": a
    controlled verb without a subject of its own) does not count either way."""
    agreed = len(said & heard)
    for role, lemma in said - heard:
        if any(r == role for r, _ in heard):
            if lemma not in heard_words:
                return None
        elif lemma in heard_words:
            agreed += 1  # the passage clause says it where the parse gave it no role
    return agreed or None


def substitutions(
    claim: list[Clause], evidence: list[Clause], claim_doc: Doc, evidence_doc: Doc
) -> list[Mismatch]:
    """Words of the claim put in the place of other words of the aligned passage: a clause
    whose every other content word the passage says, with a transcript clause's doer and
    object, but whose predicate is a word the passage never uses ("the Liberals have encouraged dissent" / "have silenced dissent"), or
    a modifier of a word both say that is another modifier there ("rolled out too slowly" /
    "extremely quickly"). A synonym does this too ("found" / "shows"), and neither the
    parse nor MiniLM word vectors tell the two apart, so these are doubts (the claim check
    warns), never contradictions on their own."""
    heard_lemmas = {_lemma(t) for t in evidence_doc}
    heard_stems = {stem(w) for w in heard_lemmas}
    said_lemmas = {_lemma(t) for t in claim_doc}
    said_stems = {stem(w) for w in said_lemmas}

    def new_word(token: Token, lemmas: set[str], stems: set[str]) -> bool:
        lemma = _lemma(token)
        return (
            token.pos_ in ("VERB", "ADJ", "ADV")
            # spaCy's stop list has full verbs ("keep", "show", "move"): those count,
            # not its adverbs and adjectives ("very", "much", "several")
            and not (token.is_stop and token.pos_ != "VERB")
            and token.is_alpha
            and lemma not in lemmas
            and stem(lemma) not in stems
            and lemma not in _GENERIC_LEMMAS
        )

    out: list[Mismatch] = []
    for c in claim:
        said = _predicate(c.head)
        if not c.asserted or not new_word(said, heard_lemmas, heard_stems):
            continue
        rest = _subtree_content(c.head) - {c.key}
        hedges = {_lemma(t) for t in c.head.subtree if t.pos_ == "ADV"}
        plain = {w.replace("-", "") for w in heard_lemmas}
        if {w.replace("-", "") for w in rest - hedges} - plain:
            continue  # a paraphrase in other words too ("will shut without funding" for
            # "without money … will close"): only a clause that copies all the others
            # counts, but for its adverbs ("have been largely spared" / "have been
            # particularly hard hit")
        own = _clause_nouns(c.head) - {c.key}
        best: tuple[int, Clause] | None = None
        for e in evidence:
            heard = _predicate(e.head)
            if not e.asserted or _KIND.get(heard.pos_) != _KIND.get(said.pos_):
                continue  # "easy" (an adjective) / "challenging" (a verb form) are both fine
            if not new_word(heard, said_lemmas, said_stems):
                continue
            agreed = _roles_agree(_core(c.head), _core(e.head), _subtree_content(e.head))
            if agreed is None:
                continue  # not the same doer and object: another clause, not a swapped word
            # the clause's own words (not those of clauses inside it) against the passage
            # clause's: "will keep its name [even though …]" / "change the name"
            # ... or, for a clause with fewer than two words of its own ("it is easy [to
            # draw straight lines]"), with the clauses inside it
            if len(own) >= 2:
                words, shared = own, len(own & (_clause_nouns(e.head) - {e.key}))
            else:
                words, shared = rest, len(rest & (_subtree_content(e.head) - {e.key}))
            score = shared + agreed
            if score >= 2 and 2 * score >= len(words) and (best is None or score > best[0]):
                best = (score, e)
        if best is not None:
            out.append(Mismatch("substitution", said.text, _predicate(best[1].head).text))
    for token in claim_doc:
        if token.dep_ not in _MODIFIERS or not new_word(token, heard_lemmas, heard_stems):
            continue
        if token.head.i == token.i or token.head.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ"):
            continue  # not "very much"; but "a minor part" / "an integral part" ("part" is
            # on spaCy's stop list)
        if _lemma(token.head) in _GENERIC_LEMMAS:
            continue
        for other in evidence_doc:
            if _lemma(other) != _lemma(token.head) or other.pos_ != token.head.pos_:
                continue
            found = [
                m
                for m in other.children
                if m.dep_ in _MODIFIERS
                and m.pos_ == token.pos_
                and new_word(m, said_lemmas, said_stems)
            ]
            if found:
                out.append(Mismatch("substitution", token.text, found[0].text))
                break
    return out


def _headed_names(doc: Doc) -> list[tuple[Token, frozenset[str], str]]:
    """Names of several proper nouns by their head: (the head, the other words, the text):
    "the Education Reform Act" is an "Act" with {"education", "reform"}."""
    out = []
    for token in doc:
        if token.pos_ != "PROPN" or not token.is_title:
            continue
        if token.dep_ in ("compound", "nmod", "flat") and token.head.pos_ == "PROPN":
            continue  # a part of a longer name, not its head
        words = [t for t in token.subtree if t.i < token.i and t.pos_ == "PROPN" and t.is_title]
        if words:
            first = min(t.i for t in words)
            out.append(
                (token, frozenset(_name_word(t) for t in words), doc[first : token.i + 1].text)
            )
    return out


def _headed_swaps(
    claim: Doc,
    evidence: Doc,
    aligned_text: str,
    is_speaker: Callable[[str], bool] | None,
) -> list[Mismatch]:
    """A name of several words the aligned passage does not say, where it says another name
    with the same head ("the Education Reform Act" where it said "the Higher Education
    (Wales) Act", "Bangor University" for "Swansea University"): the small model often labels
    only one of the two, or each differently, so the head says they are the same kind. A
    name whose words the other's include ("the Higher Education Act") is the same name."""
    heard = _headed_names(evidence)
    out = []
    for head, words, text in _headed_names(claim):
        if f" {_key(text)} " in aligned_text or (is_speaker is not None and is_speaker(text)):
            continue
        same_head = [(w, t) for h, w, t in heard if _lemma(h) == _lemma(head)]
        if same_head and all(not (words <= w or w <= words) for w, _ in same_head):
            out.append(Mismatch("entity", text, same_head[0][1]))
    return out


_NOUNS = ("NOUN", "PROPN")
_RELATIVE = frozenset(["which", "who", "that"])


def _doer_token(head: Token) -> Token | None:
    """The clause's doer as the parse says it: its subject, the "by" agent of a passive,
    the subject of the verb it completes ("decides to place"); not the object of that verb
    ("using his printer to build": the printer does not build), nor the subject of an
    adjective it completes, nor the noun a relative pronoun is attached to."""
    subject = _subject(head)
    if subject is None or subject.lower_ in _RELATIVE:
        return None  # "the change for EU students, which will have": which noun is a guess
    if head.dep_ == "xcomp" and (head.head.pos_ != "VERB" or subject.dep_ != "nsubj"):
        return None  # "the version was available to publish": the version does not publish
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    if head.dep_ == "conj" and infinitive:
        return None  # "until the version was available and then to publish"
    return subject


def _plain(tokens) -> str:
    """Lower-case words without punctuation, for comparing wordings."""
    return " ".join(t.lower_ for t in tokens if not t.is_punct and not t.is_space)


def _words_of(head: Token) -> set[str]:
    """Noun lemmas of a clause, not of the clauses embedded in it."""
    return {_lemma(t) for t in _clause_tokens(head) if t.pos_ in _NOUNS}


def roles(
    claim: list[Clause], evidence: list[Clause], claim_doc: Doc, evidence_doc: Doc
) -> tuple[list[Mismatch], list[Mismatch]]:
    """Doers that trade places, for common nouns as well as names (the `agents` check only
    compares doers it can name): (contradictions, doubts).

    - a contradiction: the claim's verb has a doer that the passage gives the same verb
      another doer for, while each of the two words is said on the other side in another
      role ("education is the priority … public health comes second" / "public health is
      the priority … no child should miss out on education"; "the provinces place
      conditions" / "the federal government decides to place conditions" where the claim
      says "negotiations with the federal government");
    - a doubt: the claim's doer is a word of the passage's clause, but not its doer ("the
      agencies are working with them" / "we are working with them through their
      agencies"): a reader should check who did it."""
    said_words = {_lemma(t) for t in claim_doc if t.pos_ in _NOUNS}
    heard_words = {_lemma(t) for t in evidence_doc if t.pos_ in _NOUNS}
    heard_text = f" {_plain(evidence_doc)} "
    swaps: list[Mismatch] = []
    doubts: list[Mismatch] = []
    for c, matches in _pairs(claim, evidence, loose=True):
        said = _doer_token(c.head)
        if not c.asserted or said is None or said.pos_ not in _NOUNS:
            continue
        if c.agent is not None and all(e.agent is not None for e in matches):
            continue  # two named doers: the agents check compares them
        if f" {_plain(c.head.subtree)} " in heard_text:
            continue  # the transcript's own words: a role that differs is the parser's
        said_names = _name_words(said)
        verdicts = []
        heard_first = None
        for e in matches:
            heard = _doer_token(e.head)
            if heard is None:
                verdicts.append("unknown")
                continue
            heard_names = _name_words(heard) if heard.pos_ in _NOUNS else frozenset([heard.lower_])
            # the claim's doer as a prepositional argument of the passage's verb ("through
            # their agencies"); not as its object: "schools close" / "we close the schools"
            # is the same event told without its doer
            clause_words = {
                _lemma(t)
                for t in e.head.subtree
                if t.dep_ == "pobj" and _clause_of(t) is not None and _clause_of(t).i == e.head.i
            }
            if said_names & heard_names or _same_doer(said_names, heard_names):
                verdicts.append("same")
            elif (
                heard.pos_ in _NOUNS
                and _lemma(said) in heard_words - _words_of(e.head)
                and _lemma(heard) in said_words - _words_of(c.head) - {_lemma(said)}
            ):  # each word said on the other side, in another clause: they traded places
                verdicts.append("swap")
            elif _lemma(said) in clause_words:
                verdicts.append("moved")
            else:
                verdicts.append("unknown")
            heard_first = heard_first or (heard, e)
        if heard_first is None:
            continue
        heard, e = heard_first
        mismatch = Mismatch(
            "role",
            f"{_span_text(said)} {c.head.text}",
            f"{_span_text(heard)} {e.head.text}",
            "another doer",
        )
        if all(v == "swap" for v in verdicts):
            swaps.append(mismatch)
        elif all(v in ("swap", "moved") for v in verdicts):
            doubts.append(mismatch)
    return swaps, doubts


def loose_polarity(claim: list[Clause], evidence: list[Clause]) -> list[Mismatch]:
    """Doubts: a claim clause with no clause of the same predicate in the passage, negated
    where the passage clause that shares most of its other content words (at least two) is
    not, or the reverse ("people will no longer gather at others' houses" / "people collect
    at others' houses"; "definitive figures already show the impact" / "it's too early to
    have definitive figures for the impact"). Another predicate may carry the negation in
    its meaning ("fees will stay as they are" / "fees will not rise"), so this only warns."""
    paired = {id(c) for c, _ in _pairs(claim, evidence)}
    out = []
    for c in claim:
        if id(c) in paired or not c.asserted:
            continue
        rest = c.content - {c.key}
        if len(rest) < 2:
            continue
        scored = [(len(rest & (e.content - {e.key})), e) for e in evidence if e.asserted]
        best = max((s for s, _ in scored), default=0)
        if best < 2:
            continue
        close = [e for s, e in scored if s == best]
        if all(e.negated != c.negated for e in close):
            note = "a negation added" if c.negated else "a negation dropped"
            out.append(Mismatch("polarity", c.phrase, close[0].phrase, note))
    return out


def _proper_words(token: Token) -> frozenset[str]:
    """Name words of the proper nouns in a phrase ("Peel region" → {"peel"}), not of the
    phrases that describe it (appositions, relative clauses: "women: RCMP Constable …"); a
    preposition's phrase includes the prepositions coordinated with it ("at École
    Polytechnique, at Dawson College"): the words of all its `_proper_items` together."""
    return frozenset().union(*_proper_items(token))


_NAME_PARTS = frozenset(["pobj", "compound", "flat", "nmod", "amod", "conj", "det", "poss"])
"""Dependencies inside a name's own phrase; not its own prepositional phrases ("some schools
in Blaenau Gwent" names no place as "some"), appositions or relative clauses."""


def _proper_items(token: Token) -> list[frozenset[str]]:
    """The name words of each name in a coordinated phrase, apart: "Swansea and Trinity St
    David" → [{"swansea"}, {"trinity", "st", "david"}] (`_proper_words` joins them in one set,
    so a list that keeps one name and swaps the other would share words with the passage's)."""
    items = []
    stack = [token]
    while stack:
        item = stack.pop()
        words = set()
        inner = [item]
        while inner:
            t = inner.pop()
            if t.pos_ == "PROPN" and (t.is_title or t.is_upper):
                words.add(_name_word(t))
            for c in t.children:
                if c.dep_ == "conj":
                    stack.append(c)
                elif c.dep_ in _NAME_PARTS:
                    inner.append(c)
        if words - {""}:
            items.append(frozenset(words - {""}))
    return items


def _slot(token: Token) -> tuple[str, str] | None:
    """Where a phrase attaches: ("police", "compound") for "Toronto police", ("student",
    "in") for "a student in Okotoks", ("casey", "of") for "Casey of the RCMP"."""
    if token.dep_ in ("compound", "nmod", "poss") and token.head.i != token.i:
        return (_lemma(token.head), token.dep_)
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.i != token.head.i:
        return (_lemma(token.head.head), token.head.lower_)
    return None


def slot_swaps(
    claim: Doc, evidence: Doc, is_speaker: Callable[[str], bool] | None = None
) -> list[Mismatch]:
    """A name in a place where the aligned passage has another name: the same word
    modified by it, or the same preposition of the same word ("the Toronto police" /
    "the Peel region police", "a student in High River" / "a student in Okotoks", "Casey
    of the RCMP" / "Casey of the Canadian Forces Snowbirds"), whatever NER labels them, and
    even when the passage says the summary's name in another place. Neither name may be
    said on the other side in that place; a speaker's name is the names check's."""
    said_words = {_name_word(t) for t in claim}
    heard_words = {_name_word(t) for t in evidence}
    heard_slots: dict[tuple[str, str], list[Token]] = {}
    for token in evidence:
        slot = _slot(token)
        if slot is not None and _proper_words(token):
            # a preposition's whole phrase: "at École Polytechnique, at Dawson College"
            heard_slots.setdefault(slot, []).append(token.head if token.dep_ == "pobj" else token)
    heard_fills = {(slot[1], _proper_words(f)) for slot, fs in heard_slots.items() for f in fs}
    out = []
    for token in claim:
        if token.pos_ != "PROPN" or not (token.is_title or token.is_upper):
            continue
        slot = _slot(token)
        if slot is None or slot not in heard_slots or slot[0] not in heard_words:
            continue
        anchor = token.head.head if token.dep_ == "pobj" else token.head
        if (
            anchor.is_stop
            or anchor.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ")
            or _lemma(anchor) in _GENERIC_LEMMAS
        ):
            continue  # "such as at Dawson College": attached to a function word
        name = _proper_words(token)
        text = _span_text(token)
        if not name or (is_speaker is not None and is_speaker(text)):
            continue
        if any(rel == slot[1] and name & words for rel, words in heard_fills):
            # said with that preposition elsewhere in the passage: a list the parser
            # attached to another word ("such as at X, at Y") -- unless the two are lists
            # that share a name and differ in another ("in Cardiff and Trinity St David" /
            # "in Swansea and Trinity St David")
            swap = _list_swap(token, slot, heard_slots, heard_fills, said_words)
            if swap is not None:
                out.append(swap)
            continue
        fillers = heard_slots[slot]
        glued = _key(text).replace(" ", "")
        if any(name & _proper_words(f) for f in fillers) or any(
            glued in _key(" ".join(t.text for t in f.subtree)).replace(" ", "") for f in fillers
        ):  # ... or says it with spaces the summary leaves out ("Canadasummer")
            continue  # the passage names it there too
        others = [f for f in fillers if not (_proper_words(f) & said_words)]
        if others and len(others) == len(fillers):
            first = others[0]
            shown = next((c for c in first.children if c.dep_ == "pobj"), first)
            out.append(Mismatch("entity", text, _span_text(shown)))
    return out


def _list_swap(
    token: Token,
    slot: tuple[str, str],
    heard_slots: dict[tuple[str, str], list[Token]],
    heard_fills: set[tuple[str, frozenset[str]]],
    said_words: set[str],
) -> Mismatch | None:
    """One name of a coordinated list swapped for another in the same place: each name of
    the summary's list is compared apart (`_proper_items`); a summary name that the passage
    says nowhere with that preposition, where the passage's list in that place has a name
    the summary never says, is a swap. A list the summary only lengthens or shortens is
    not."""
    heard_items = [
        item
        for f in heard_slots[slot]
        for item in _proper_items(next((c for c in f.children if c.dep_ == "pobj"), f))
    ]
    said_items = _proper_items(token)
    if len(said_items) < 2 or len(heard_items) < 2:
        return None
    every_heard = [words for rel, words in heard_fills if rel == slot[1]]
    missing = [
        item
        for item in said_items
        if not any(item & h for h in heard_items) and not any(item <= w for w in every_heard)
    ]
    unsaid = [h for h in heard_items if not (h & said_words)]
    if not missing or not unsaid:
        return None
    said = _item_text(token, missing[0])
    heard = next(
        _item_text(t, unsaid[0])
        for f in heard_slots[slot]
        for t in f.subtree
        if t.pos_ == "PROPN" and _name_word(t) in unsaid[0]
    )
    return Mismatch("entity", said, heard)


def _item_text(token: Token, words: frozenset[str]) -> str:
    """The words of `token`'s phrase that spell the name `words`, in order."""
    doc = token.doc
    chosen = [t for t in doc if t.pos_ == "PROPN" and _name_word(t) in words]
    return " ".join(t.text for t in chosen) or token.text


_AMOUNT_WORDS = frozenset(["enough", "sufficient", "many", "much", "more", "all", "every"])


def _noun_key(noun: Token) -> tuple[str, frozenset[str]]:
    """A noun and its adjectives and noun modifiers: ("figure", {"definitive"})."""
    return _lemma(noun), frozenset(
        _lemma(c) for c in noun.children if c.dep_ in ("amod", "compound") and c.is_alpha
    )


def _had_nouns(clause: Clause) -> list[Token]:
    """The nouns a "there is" clause says there is, or a "have" clause has when it has no
    possessor of its own or "we" ("too early to have definitive figures", "we don't have
    a BSE exemption"): not "children who don't have a social worker", which says nothing
    of whether there are social workers."""
    head = clause.head
    if _lemma(head) == "have":
        subject = next((c for c in head.children if c.dep_.startswith("nsubj")), None)
        if subject is not None and subject.lower_ != "we":
            return []
        return [c for c in head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    if _lemma(head) == "be" and any(c.dep_ == "expl" for c in head.children):
        return [c for c in head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    return []


def existence(claim: list[Clause], evidence: list[Clause]) -> list[Mismatch]:
    """A thing the passage says there is not, used by the claim as a thing there is: "it's
    too early to have definitive figures for the impact of Diamond" / "definitive figures
    already show the impact of Diamond". The noun must come with the same adjectives or
    noun modifiers on both sides (at least one), the passage must not deny only an amount
    ("we don't have enough teachers") nor use the noun itself as a doer or object of a
    clause it asserts ("we don't have the data on X, but the data we have shows Y")."""
    denied: dict[tuple[str, frozenset[str]], Clause] = {}
    used: set[tuple[str, frozenset[str]]] = set()
    for e in evidence:
        if not e.asserted:
            continue
        had = _had_nouns(e)
        if e.negated:
            for noun in had:
                key = _noun_key(noun)
                amounts = {_lemma(c) for c in noun.children} & _AMOUNT_WORDS
                if key[1] and not amounts:
                    denied[key] = e
        for child in e.head.children:
            if (
                child.dep_ in ("nsubj", "nsubjpass", "dobj")
                and child.pos_ == "NOUN"
                and not (e.negated and child in had)
            ):
                used.add(_noun_key(child))
    out = []
    for c in claim:
        if not c.asserted or c.negated or _had_nouns(c):
            continue
        for child in c.head.children:
            if child.dep_ not in ("nsubj", "nsubjpass", "dobj") or child.pos_ != "NOUN":
                continue
            key = _noun_key(child)
            if key in denied and key not in used:
                e = denied[key]
                noun = next(n for n in _had_nouns(e) if _noun_key(n) == key)
                out.append(
                    Mismatch(
                        "existence",
                        f"{_span_text(child)} {c.head.text}",
                        e.phrase
                        if _span_text(noun) in e.phrase
                        else f"{e.phrase} {_span_text(noun)}",
                        "the transcript says there are none",
                    )
                )
    return out


def _described_names(doc: Doc) -> list[tuple[Token, Token]]:
    """(name, description) for each proper name set beside a common-noun phrase that
    describes it (an apposition, either way round): "Daniel Gobeil, the outgoing chair of
    the Producteurs de lait", "the new chair, DanielGobeil"."""
    out = []
    for token in doc:
        if token.dep_ != "appos" or token.head.i == token.i:
            continue
        a, b = token.head, token
        if a.pos_ == "PROPN" and b.pos_ == "NOUN":
            out.append((a, b))
        elif a.pos_ == "NOUN" and b.pos_ == "PROPN":
            out.append((b, a))
    return out


def descriptions(
    claim: Doc, evidence: Doc, is_speaker: Callable[[str], bool] | None = None
) -> list[Mismatch]:
    """A description given to another name than the passage gives it: "Perron thanked
    Daniel Gobeil, the outgoing chair …" where the passage says "BrunoLetendre, outgoing
    chair …, and … the new chair, DanielGobeil". The description must be the same head
    with the same modifiers on both sides, and the passage must never give it to the
    claim's name; names are compared by their words and with spaces removed (the
    transcript may glue a name, "BrunoLetendre")."""

    def text(name: Token, noun: Token) -> str:
        first = min(t.i for t in _name_parts(name))
        mods = [
            c.i for c in noun.children if c.dep_ in ("amod", "compound", "det") and c.i < noun.i
        ]
        return f"{name.doc[first : name.i + 1].text}, {noun.doc[min([noun.i, *mods]) : noun.i + 1].text}"

    heard = [(name, noun, _noun_key(noun)) for name, noun in _described_names(evidence)]
    out = []
    for name, noun in _described_names(claim):
        key = _noun_key(noun)
        same = [(n, d) for n, d, k in heard if k == key]
        if not same or (is_speaker is not None and is_speaker(name.text)):
            continue
        said = _proper_name_words(name)
        said_glued = "".join(_name_word(t) for t in name.doc if _name_word(t) in said)
        if any(
            said & _proper_name_words(n) or said_glued in "".join(_name_word(t) for t in n.subtree)
            for n, _ in same
        ):
            continue  # the passage gives the description to this name too
        other, described = same[0]
        out.append(Mismatch("description", text(name, noun), text(other, described)))
    return out


_QUANTIFIER_DEPS = frozenset(["det", "amod", "nummod", "quantmod", "predet", "nsubj"])


def _quantified(doc: Doc) -> list[tuple[Token, int, Token]]:
    """(noun, rank, quantifier word) for each common noun a quantifier of
    data/verify/quantifiers.txt applies to: "all institutions" (4), "only a few
    institutions" (1), "none of the schools" (0), "most of our members" (3). A negated
    quantifier is lowered: "not all" is "some" (2), "not many" is "few" (1)."""
    ranks = {word: int(rank) for word, rank in word_map("quantifiers").items()}
    out = []
    for token in doc:
        rank = ranks.get(token.lower_)
        if rank is None:
            continue
        # "none of the schools", "most of our members": the quantifier heads "of"
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if target is not None:
            noun = target
        elif token.dep_ in _QUANTIFIER_DEPS and token.dep_ != "nsubj":
            noun = token.head
        else:
            continue
        if noun.pos_ != "NOUN" or noun.i == token.i:
            continue
        negations = [*token.children, *(c for c in noun.children if c.i < token.i)]
        if any(c.dep_ == "neg" for c in negations):
            rank = {4: 2, 3: 1}.get(rank, rank)  # "not all", "not many"
        out.append((noun, rank, token))
    return out


def _scale_contradicts(said: int, heard: int) -> bool:
    """Whether a summary's quantifier contradicts the passage's on the scale of
    `_quantified`: "all" or "none" for anything else, "few" for "many"/"all", "many" or
    "most" for "few"/"none", "some" for "none". A weaker word for a stronger one ("most"
    or "many" for "all") is not: it is true, if less."""
    if said == heard:
        return False
    if said in (0, 4) or heard == 0:
        return True
    return (said == 1 and heard >= 3) or (said == 3 and heard <= 1)


def quantifiers(claim: Doc, evidence: Doc) -> list[Mismatch]:
    """A quantifier on a noun that contradicts the passage's quantifier on the same noun
    ("only a few institutions have signed up" / "all institutions sign up"), where the
    summary says the predicate the passage says of that noun (in the noun's clause or a
    clause in it: the parse may hang the noun on a relative clause) (`_scale_contradicts`). A noun the passage
    quantifies in several ways ("most schools …, few schools …") contradicts only when
    every one of them does."""
    heard = _quantified(evidence)
    out = []
    for noun, rank, word in _quantified(claim):
        clause = _clause_of(noun)
        if clause is None:
            continue
        said_words = {_lemma(t) for t in clause.subtree}
        same = []
        for other, other_rank, other_word in heard:
            other_clause = _clause_of(other)
            if _lemma(other) != _lemma(noun) or other_clause is None:
                continue
            if _lemma(_predicate(other_clause)) in said_words:
                same.append((other_rank, other_word, other))
        if same and all(_scale_contradicts(rank, r) for r, _, _ in same):
            _, other_word, other = same[0]
            out.append(
                Mismatch(
                    "quantifier",
                    _quantifier_phrase(word, noun),
                    _quantifier_phrase(other_word, other),
                )
            )
    return out


def _quantifier_phrase(word: Token, noun: Token) -> str:
    """ "only a few institutions", "all institutions", "none of the schools"."""
    start = min(t.i for t in word.subtree)
    negations = [c.i for c in noun.children if c.dep_ == "neg" and c.i < word.i]
    start = min([start, *negations])  # "not all regions"
    end = max(word.i, noun.i)
    return word.doc[start : end + 1].text


_TIME_LABELS = frozenset(["DATE", "TIME"])


def _time_words(span: Span) -> set[str]:
    """The lemmas of a time expression's nouns and proper nouns ("week", "friday"): its unit."""
    return {_lemma(t) for t in span if t.pos_ in _NOUNS}


def _setting(span: Span) -> set[str]:
    """Content lemmas of the sentence a time expression sits in, without the expression,
    the names in it and the reporting verbs: what happens at that time."""
    own = {t.i for t in span}
    return {
        _lemma(t)
        for t in span.sent
        if t.i not in own
        and t.pos_ in ("NOUN", "VERB", "ADJ")
        and not t.is_stop
        and _lemma(t) not in word_list("reporting_verbs")
    }


def times(claim: Doc, evidence: Doc) -> list[Mismatch]:
    """A time expression (spaCy's DATE or TIME entity) the aligned passage does not say,
    where the passage says another one about the same thing ("will have to wait several
    more weeks before they can get access to the loan" / "can have access to the loan this
    Friday"): a different day, duration or relative time. Only expressions without numbers,
    in digits or words, are compared ("2019" against "last year" needs the day of the
    event; a changed number is the quantity check's, "three or four years" / "the last
    three, four years" its normalisation), and two that share a unit ("a few weeks" / "several weeks")
    are taken as the same; the sentences around the two must share at least two content
    words, and half of the claim's."""
    heard_text = f" {_key(evidence.text)} "
    said_text = f" {_key(claim.text)} "
    heard = [
        e
        for e in evidence.ents
        if e.label_ in _TIME_LABELS
        and not any(t.like_num for t in e)
        and f" {_key(e.text)} " not in said_text
    ]
    out = []
    for said in claim.ents:
        key = _key(said.text)
        if said.label_ not in _TIME_LABELS or any(t.like_num for t in said) or not key:
            continue
        if f" {key} " in heard_text:
            continue
        units = _time_words(said)
        setting = _setting(said)
        for other in heard:
            if units & _time_words(other):
                continue
            shared = len(setting & _setting(other))
            if shared >= 2 and 2 * shared >= len(setting):
                out.append(Mismatch("time", said.text, other.text, "another time"))
                break
    return out


def _finite_fact(c: Clause) -> bool:
    """A clause that states a fact: a present or past verb ("there is", "has set up",
    "rose"), asserted and not negated, with no modal, intention or infinitive over it."""
    head = c.head
    if not c.asserted or c.negated or c.modality not in (None, "done"):
        return False
    if head.dep_ in ("relcl", "acl", "advcl", "xcomp", "pcomp"):
        return False
    if _lemma(head) in word_list("intention_verbs") or any(
        ch.dep_ == "aux" and ch.lower_ == "to" for ch in head.children
    ):
        return False
    return head.tag_ in ("VBZ", "VBP", "VBD") or c.modality == "done"


def intentions(claim: list[Clause], evidence: list[Clause]) -> list[Mismatch]:
    """A fact where the transcript states an intention (the modality check for clauses
    whose predicates differ): "there is now consistency across all 22 local authorities" /
    "we're looking to have it consistently across 22 local authorities". The passage
    clause that shares most of the claim clause's content words (by their first five
    letters, so "consistency" meets "consistently"; at least two, and half of the claim's)
    is under an intention verb (data/verify/intention_verbs.txt, "plan", "hope", "look"),
    and no clause of the passage stated as a fact shares as many."""
    out = []
    for c in claim:
        if not _finite_fact(c):
            continue
        said = {stem(w) for w in _content(c.head)}
        if len(said) < 2:
            continue
        scored = [(len(said & {stem(w) for w in _content(e.head)}), e) for e in evidence]
        best = max((s for s, _ in scored), default=0)
        if best < 2 or 2 * best < len(said):
            continue
        close = [e for s, e in scored if s == best]
        if all(e.modality == "plan" and not e.negated for e in close):
            governor = close[0].head.head
            out.append(
                Mismatch(
                    "modality",
                    c.phrase,
                    f"{governor.text} to {close[0].head.text}",
                    "an intention, not a fact",
                )
            )
    return out


def _complements(head: Token) -> list[Token]:
    """The predicates of a clause's complement clauses, with those they contain and those
    coordinated with them: "want [Bill S-204 to be stopped or amended]" → stopped, amended;
    "want [to see [it move forward]]" → see, move."""
    out: list[Token] = []
    stack = [c for c in head.children if c.dep_ in ("xcomp", "ccomp") and _is_clause_head(c)]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(
            c for c in token.children if c.dep_ in ("xcomp", "ccomp", "conj") and _is_clause_head(c)
        )
    return out


def complements(
    claim: list[Clause], evidence: list[Clause]
) -> tuple[list[Mismatch], list[Mismatch]]:
    """Another complement under the same governing verb and doer: (contradictions, doubts).
    "the petitioners want Bill S-204 to be stopped" / "the petitioners … want to see it move
    forward": the same "want" of the same "petitioners", but what they want is said with
    verbs the passage never uses, and the passage's with verbs the claim never uses. When
    a verb of the claim's complement is one of a pair of opposites (data/verify/antonyms.txt:
    "stop", "end", "reject", "cut"), it says a direction the passage does not, a
    contradiction; otherwise a synonym may have been used ("want it passed" / "want to see
    it move forward"), a doubt."""
    opposites = word_pairs("antonyms")
    swaps: list[Mismatch] = []
    doubts: list[Mismatch] = []
    if not claim or not evidence:
        return swaps, doubts
    said_stems = {stem(_lemma(t)) for t in claim[0].head.doc}
    for c, matches in _pairs(claim, evidence, loose=True):
        said = _complements(c.head)
        subject = _subject(c.head)
        if not c.asserted or c.negated or not said or subject is None or subject.pos_ not in _NOUNS:
            continue
        for e in matches:
            heard = _complements(e.head)
            other = _subject(e.head)
            if not heard or e.negated or other is None or _lemma(other) != _lemma(subject):
                continue
            # the sentence of the passage's clause does not say one of the claim's verbs
            heard_stems = {stem(_lemma(t)) for t in e.head.sent}
            if any(stem(_lemma(t)) in heard_stems for t in said):
                continue
            if any(stem(_lemma(t)) in said_stems for t in heard):
                continue
            top = min(heard, key=lambda t: t.i)
            words = [t for t in top.subtree if not t.is_punct]
            heard_text = (
                _plain(top.doc[words[0].i : words[-1].i + 1]) if len(words) <= 8 else top.text
            )
            ordered = sorted(said, key=lambda t: t.i)
            mismatch = Mismatch(
                "complement",
                f"{c.head.text} … {' or '.join(t.text for t in ordered)}",
                f"{e.head.text} {heard_text}",
                f'another complement of "{_lemma(c.head)}"',
            )
            if any(_lemma(t) in opposites for t in said):
                swaps.append(mismatch)
            else:
                doubts.append(mismatch)
            break
    return swaps, doubts


def negated_paraphrase(claim: list[Clause], evidence: list[Clause]) -> list[Mismatch]:
    """The `loose_polarity` doubts that are contradictions: the claim clause says all of
    its own words (at least three; not those of clauses inside it, nor its predicate and
    adverbs) among the own words of the passage clause it was set against, with the
    negation turned, the claim clause has its own doer (not "started by introducing"),
    and neither predicate is said on the other side: only the predicate
    was reworded ("people will no longer gather at others' houses" / "people collect at
    others' houses"). Not when either predicate has an opposite (data/verify/antonyms.txt):
    it may carry the negation in its meaning ("did not approve" / "rejected", "stop for
    two weeks" / "don't get it for two weeks"); nor when either side is an intention or a
    possibility."""
    opposites = word_pairs("antonyms")
    out = []
    by_phrase = {c.phrase: c for c in claim}
    heard_by_phrase = {e.phrase: e for e in evidence}
    said_lemmas = {_lemma(t) for c in claim for t in c.head.doc}
    heard_lemmas = {_lemma(t) for e in evidence for t in e.head.doc}
    for m in loose_polarity(claim, evidence):
        c, e = by_phrase.get(m.said), heard_by_phrase.get(m.heard)
        if c is None or e is None or c.key in opposites or e.key in opposites:
            continue  # a predicate with an opposite may carry the negation ("stop" is "not
            # get", "rejected" is "did not approve")
        if {c.modality, e.modality} & {"plan", "may", "unrealised"}:
            continue  # "there is not yet consistency" / "looking to have it": not said as fact
        # each clause's own words, not those of the clauses inside it: a long passage
        # clause holds every word of the passage in its subtree
        if c.head.dep_ in ("pcomp", "acl", "advcl", "xcomp") or _subject(c.head) is None:
            continue  # a clause without its own doer ("started by introducing the program")
        if c.key in heard_lemmas or e.key in said_lemmas:
            continue  # the predicate is said on the other side: not only reworded
        hedges = {_lemma(t) for t in c.head.subtree if t.pos_ == "ADV"}
        rest = _clause_nouns(c.head) - {c.key} - hedges
        if len(rest) >= 3 and rest <= _clause_nouns(e.head):
            out.append(m)
    return out


UNSAID_SIMILAR = 0.5
"""MiniLM cosine of two lemmas from which a claim's predicate counts as said in other words
(`unsaid_predicates`)."""


def unsaid_predicates(
    claim: list[Clause],
    claim_doc: Doc,
    evidence_doc: Doc,
    similarity: Callable[[str, list[str]], float] | None = None,
) -> list[Mismatch]:
    """Asserted claim predicates (a verb, or the adjective of "is X") that the aligned
    passage never says, not even as another part of speech or another form of the word,
    and that are not close in meaning to any of its verbs, adjectives or nouns
    (`similarity(word, words)`, the best MiniLM cosine of the lemma with theirs or of the
    word as said with theirs, below `UNSAID_SIMILAR`):
    "credited the commissioner with the work" / "we're doing some work with the
    commissioner". A paraphrase can do this too, so it is a doubt (the claim check warns
    "check the wording"), never a contradiction. Reporting verbs are the frame, not the
    claim; a generic verb ("make", "have") carries no meaning of its own."""
    heard_lemmas = {_lemma(t) for t in evidence_doc if t.is_alpha}
    plain = {w.replace("-", "") for w in heard_lemmas}
    content = [
        t
        for t in evidence_doc
        if t.pos_ in ("VERB", "ADJ", "NOUN", "ADV") and t.is_alpha and not t.is_stop
    ]
    candidates = sorted({_lemma(t) for t in content})
    forms = sorted({t.lower_ for t in content})
    reporting = word_list("reporting_verbs")
    out: list[Mismatch] = []
    seen: set[str] = set()
    for c in claim:
        said = _predicate(c.head)
        lemma = _lemma(said)
        if (
            not c.asserted
            or said.pos_ not in ("VERB", "ADJ")
            or c.head.dep_ == "prep"  # "according to the report": a preposition
            or c.head.dep_ in ("acl", "pcomp")  # "the capacity to generate funding": no claim
            or not said.is_alpha
            or (said.is_stop and said.pos_ != "VERB")
            or lemma in _GENERIC_LEMMAS
            or (lemma in reporting and (_reports_clause(c.head) or _reports_quote(c.head)))
            or _inside_quotes(said)  # quoted words are the quote check's, not a paraphrase
            or lemma.replace("-", "") in plain
            or any(_same_word(lemma, h) for h in heard_lemmas)
            or lemma in seen
        ):
            continue
        # lemmas and the words as said: "pledge" / "promise" 0.40, "pledged" / "promised" 0.52
        if (
            similarity is not None
            and candidates
            and max(similarity(lemma, candidates), similarity(said.lower_, forms)) >= UNSAID_SIMILAR
        ):
            continue
        seen.add(lemma)
        out.append(Mismatch("unsaid", said.text, ""))
    return out


def _inside_quotes(token: Token) -> bool:
    """Whether `token` stands between quotation marks in its sentence (`brief.quotes`, the
    quoted spans the quote check reads)."""
    sentence = token.sent
    spans, _ = find_quotes(sentence.text)
    return inside_quotes(token.idx - sentence.start_char, spans)


def _reports_quote(head: Token) -> bool:
    """Whether a reporting verb frames a quotation and has no object of its own, no content
    word outside the quote under it: 'Luse said, "no reason why …"' and 'noting that "…"'
    (the claim check reads them with the quote cut out: 'Luse said, …', where the small
    model may make "that" the object); not "Dhillon thanked the Canadian Armed Forces",
    where the verb's object is the claim."""
    return not any(
        t.is_alpha and not t.is_stop and not _inside_quotes(t)
        for c in head.children
        if c.dep_ in ("dobj", "dative", "attr", "prep", "acomp", "oprd")
        for t in c.subtree
    )


def _same_word(a: str, b: str) -> bool:
    """Two forms of one word: all but at most the last letter of the shorter is the
    start of the longer ("invest" / "investment", "consistency" / "consistently"), not
    merely the same first letters ("criticise" / "critical", "decide" / "decision": those
    are left to the similarity of their vectors)."""
    shorter = min(len(a), len(b))
    if shorter < 3:
        return a == b
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= shorter - 1


def light_verb_swaps(claim: list[Clause], claim_doc: Doc, evidence_doc: Doc) -> list[Mismatch]:
    """A generic verb whose object the passage gives to another verb the claim never says:
    "the government has made funding cuts" / "our government has reversed the funding
    cuts". "make cuts" means "cut"; the passage did something else to the cuts. A doubt:
    "made an investment" / "invested in" has no such object, but "took the decision" /
    "reached the decision" would look the same."""
    said_lemmas = {_lemma(t) for t in claim_doc}
    out: list[Mismatch] = []
    for c in claim:
        head = c.head
        if not c.asserted or head.pos_ != "VERB" or _lemma(head) not in _GENERIC_LEMMAS:
            continue
        for obj in head.children:
            if obj.dep_ != "dobj" or obj.pos_ != "NOUN":
                continue
            for other in evidence_doc:
                verb = other.head
                if (
                    _lemma(other) == _lemma(obj)
                    and other.dep_ == "dobj"
                    and verb.pos_ == "VERB"
                    and _lemma(verb) not in _GENERIC_LEMMAS
                    and _lemma(verb) not in said_lemmas
                ):
                    out.append(
                        Mismatch(
                            "substitution",
                            f"{head.text} … {obj.text}",
                            f"{verb.text} … {other.text}",
                        )
                    )
                    break
    return out
