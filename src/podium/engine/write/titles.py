"""Section titles: noun-phrase headlines from the parse of a section's sentences.

A title names what the section is about in 2–7 words ("Conditions on
Emergency Business Loans", "Shortage of Welsh-Language Childcare"). The
candidates are spaCy noun chunks (`podium.engine.nlp`) with their
determiners and possessives dropped, a chunk extended by the ``of``/``for``/
``on``/``in`` phrase it governs ("shortage" + "of Welsh-language childcare"),
and named entities (organisations, places, laws, groups). Each candidate is
scored like a key phrase — how often the section says it against how many
other sections say it too (tf-idf, sections as documents) — with a bonus for
two to four words and for entities, and for carrying the words that mark
the whole section (``keywords``: `extractive.section_keywords`, tf-idf over
all its sentences, not only the few the title is drawn from). What is never a title: one word, a
phrase whose only noun is generic (data/write/generic_title_words.txt), a
phrase with a verb of its own ("Renewables Cause Blackouts") or a negation
("no evidence"), a speaker's name or any person's, a phrase headed by a
noun that measures or sorts what follows it (data/write/partitive_nouns.txt:
"a total of Canadians", "the greatest proportion", "types of businesses"),
a phrase saying one word twice ("Sectors in Childcare Sector"). A weak
modifier is dropped from the front (data/write/weak_modifiers.txt), but not
the first half of a hyphenated word ("real-life examples" never becomes
"Life Examples"). The running
form keeps the article the speaker used ("the" for a possessive or a
demonstrative: "our service" -> "the service"), "a"/"an" agreeing with what follows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from podium.engine.wordlists import load_words
from podium.engine.write.keyphrases import STOP, title_case

TITLE_WORDS = (2, 7)
KEYWORD_BONUS = 0.3
"""How much a phrase gains for carrying the section's key words (weights summing to 1).
Tried 1.0, 0.5, 0.3 on docs/examples: 1.0 and 0.5 put the program's setting ("Childcare
Offer") and a vaguer phrase ("Open Dialogue") over good titles; 0.3 on QMSum val: specific
ROUGE-1 0.239 against 0.236 without it, general unchanged."""
_PREPOSITIONS = ("of", "for", "on", "in", "to")
_ENTITY_LABELS = ("ORG", "GPE", "LAW", "NORP", "EVENT", "PRODUCT", "FAC", "LOC")
_DROP_LEAD = ("DET", "PRON", "NUM", "CCONJ", "PART", "ADV", "AUX", "PUNCT", "ADP", "SCONJ")


@dataclass(frozen=True, slots=True)
class Title:
    """A title and the same phrase for running text ("the lives of North Korean people")."""

    text: str
    running: str


@dataclass(frozen=True, slots=True)
class TitlePhrase:
    key: str
    """Lemmas, lower case: what counts as "the same phrase"."""
    surface: str
    """The words as the transcript says them."""
    running: str = ""
    """The words with the article the speaker used ("the Ninth Party Congress")."""
    entity: bool = False
    place: bool = False
    """A place or people ("North Korea", "Welsh"): a setting, rarely the subject."""


def phrases_of(doc, banned: frozenset[str] = frozenset()) -> list[TitlePhrase]:
    """Title candidates of one parsed sentence."""
    out: list[TitlePhrase] = []
    generic = load_words("write/generic_title_words")
    partitive = load_words("write/partitive_nouns")
    for chunk in doc.noun_chunks:
        if _split_before_hyphen(chunk[-1]):
            continue  # "the vice" of "the vice-chancellor": the next chunk takes it whole
        tokens = list(chunk)
        weak = load_words("write/weak_modifiers")
        while tokens and (
            tokens[0].pos_ in _DROP_LEAD
            or tokens[0].lower_ in STOP
            or tokens[0].tag_ == "PRP$"
            or (tokens[0].lower_ in weak and len(tokens) > 1 and tokens[1].text != "-")
        ):
            tokens = tokens[1:]
        if not tokens or any(t.lower_ == "no" or t.dep_ == "neg" for t in chunk):
            continue
        head = chunk.root
        if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in banned:
            continue
        if head.lower_ in partitive or head.lemma_.lower() in partitive:
            continue  # "a total of Canadians": what the "of" names is the candidate
        first = chunk[0]
        front = _hyphen_front(tokens[0]) if tokens[0].i == chunk.start else []
        if front:  # "vice" "-" split off "chancellor": the word is whole again
            tokens = front + tokens
            first = doc[front[0].i - 1] if front[0].i > 0 else front[0]
        article = first.lower_ + " " if first.lower_ in ("the", "a", "an") else ""
        if first.tag_ == "PRP$" or first.lower_ in ("this", "that", "these", "those"):
            article = "the "  # "our service", "that level of staffing": "the …"
        base = _phrase(tokens, banned, generic, article=article)
        if base is not None:
            out.append(base)
        if head.pos_ == "PROPN" or head.ent_type_ in ("GPE", "LOC", "NORP"):
            continue  # "Wales" + "for Welsh language childcare" is a misparse, not a subject
        # "shortage" + "of Welsh-language childcare"
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PREPOSITIONS:
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if not objects:
                continue
            obj = objects[0]
            tail = [
                t
                for t in obj.subtree
                if prep.i < t.i <= obj.i and (not t.is_punct or t.text == "-")
            ]
            if any(
                t.tag_ == "CD" or t.tag_ in ("DT", "PDT") and t.lower_ not in ("the", "a", "an")
                for t in tail
            ):
                continue  # "concerns on both sides", "a drop of 27 per cent": no shorter title
            tail = [t for t in tail if t.tag_ not in ("DT", "PRP$", "WDT", "CD")]
            if not tail or tokens[-1].i >= prep.i:
                continue
            words = tokens + [prep] + tail
            if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in words):
                continue
            extended = _phrase(words, banned, generic, allow_generic_head=True, article=article)
            if extended is not None and len(extended.surface.split()) <= TITLE_WORDS[1]:
                out.append(extended)
    for ent in doc.ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        tokens = [t for t in ent if t.pos_ not in ("DET",)]
        if any(t.is_lower and t.lower_ not in ("of", "and", "the", "-") for t in tokens):
            continue  # "Wales for Welsh language childcare development" is a misread, not a name
        if tokens and not any(t.lower_ in banned for t in tokens):
            surface = "".join(t.text + t.whitespace_ for t in tokens).strip()
            place = ent.label_ in ("GPE", "NORP", "LOC")
            before = doc[ent.start - 1].lower_ if ent.start else ""
            article = "the " if "the" in (before, ent[0].lower_) else ""
            out.append(
                TitlePhrase(surface.lower(), surface, article + surface, entity=True, place=place)
            )
    return out


def _hyphen_after(token) -> bool:
    """A hyphen follows `token` with no space on either side ("vice" in "vice-chancellor")."""
    doc = token.doc
    return (
        token.i + 1 < len(doc)
        and not token.whitespace_
        and doc[token.i + 1].text == "-"
        and not doc[token.i + 1].whitespace_
    )


def _split_before_hyphen(token) -> bool:
    """`token` is the first half of a hyphenated word the tokenizer split ("vice" in "vice-chancellor")."""
    doc = token.doc
    return _hyphen_after(token) and token.i + 2 < len(doc) and doc[token.i + 2].is_alpha


def _hyphen_front(token) -> list:
    """The halves before `token` of a hyphenated word the parser cut into chunks.

    spaCy tokenises "vice-chancellor" as "vice", "-", "chancellor", and the small
    model may parse them as three noun phrases; "chancellor of Cardiff Met" alone
    would name another office. Returns the tokens to put back in front ("vice",
    "-"), or [] when `token` starts a word of its own.
    """
    doc = token.doc
    front: list = []
    i = token.i
    while i >= 2 and doc[i - 2].is_alpha and _hyphen_after(doc[i - 2]):
        front = [doc[i - 2], doc[i - 1], *front]
        i -= 2
    return front


def _phrase(
    tokens, banned, generic, *, allow_generic_head: bool = False, article: str = ""
) -> TitlePhrase | None:
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("ADP", "DET", "CCONJ")):
        tokens = tokens[:-1]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    if not tokens:
        return None
    if any(t.lower_ in banned or t.like_num or "'" in t.text and t.text != "'s" for t in tokens):
        return None
    if any(t.pos_ == "PRON" for t in tokens) or tokens[0].lower_ in load_words("write/verb_start"):
        return None
    content = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ not in STOP]
    if not content:
        return None
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    if not nouns or (
        not allow_generic_head
        and all(t.lower_ in generic or t.lemma_.lower() in generic for t in nouns)
    ):
        return None
    if allow_generic_head and all(t.lemma_.lower() in generic for t in nouns):
        return None
    lemmas = [t.lemma_.lower() for t in content]
    if len(set(lemmas)) < len(lemmas):
        return None  # "Sectors in Childcare Sector": a word said twice names nothing more
    if all(t.ent_type_ == "PERSON" for t in nouns):
        return None  # a person ("Delyth Evans") is who spoke or was cited, not the subject
    surface = "".join(t.text + t.whitespace_ for t in tokens).strip()
    surface = re.sub(r"\s+", " ", surface)
    if "," in surface:
        # a list of modifiers ("free, unregistered, unlicensed childcare") is no headline
        return None
    key = " ".join(t.lemma_.lower() for t in tokens if not t.is_punct)
    return TitlePhrase(key, surface, with_article(article, surface))


_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
"""Capitals whose spoken name opens on a vowel ("an MP", "an NHS trust", "an FE college")."""
_YOU_SOUND = ("uni", "use", "usu", "uti", "eu", "one", "once", "ure")


def with_article(article: str, surface: str) -> str:
    """`surface` after `article`, "a" and "an" agreeing with the word that now follows.

    Dropping a weak modifier ("a new apprenticeship procurement process") must
    not leave "a apprenticeship …".
    """
    if article.strip() not in ("a", "an") or not surface:
        return article + surface
    first = surface.split()[0]
    letters = first.strip("\"'“‘(")
    if len(letters) > 1 and letters.isupper():
        vowel = letters[0] in _VOWEL_LETTERS
    else:
        low = letters.lower()
        vowel = low[:1] in ("a", "e", "i", "o", "u") and not low.startswith(_YOU_SOUND)
        vowel = vowel or low.startswith(("hour", "honest", "honour", "heir"))
    return ("an " if vowel else "a ") + surface


def section_titles(
    sections: list[list[object]],
    *,
    banned: frozenset[str] = frozenset(),
    focus: list[int] | None = None,
    keywords: list[dict[str, float]] | None = None,
) -> list[list[Title]]:
    """For each section (a list of parsed sentences), its title candidates, best first.

    Every candidate is already a title: 2–7 words, title-cased, a noun phrase.
    The first ``focus[i]`` sentences of section i (the ones its summary
    reports) count twice.
    """
    counts: list[Counter[str]] = []
    surfaces: dict[str, Counter[str]] = {}
    running: dict[str, Counter[str]] = {}
    entities: set[str] = set()
    places: set[str] = set()
    for number, docs in enumerate(sections):
        counter: Counter[str] = Counter()
        for position, doc in enumerate(docs):
            weight = 2 if focus and position < focus[number] else 1
            for phrase in phrases_of(doc, banned):
                counter[phrase.key] += weight
                surfaces.setdefault(phrase.key, Counter())[phrase.surface] += 1
                running.setdefault(phrase.key, Counter())[phrase.running or phrase.surface] += 1
                if phrase.entity:
                    entities.add(phrase.key)
                if phrase.place:
                    places.add(phrase.key)
        counts.append(counter)
    documents = Counter(key for counter in counts for key in counter)
    n = len(sections)
    # a single word counts for its phrases too: "childcare" is said inside "childcare offer"
    result: list[list[Title]] = []
    for number, counter in enumerate(counts):
        marks = keywords[number] if keywords else {}
        heads: Counter[str] = Counter()
        for key, tf in counter.items():
            for word in set(key.split()):
                heads[word] += tf
        scored = []
        for key, tf in counter.items():
            length = key.count(" ") + 1
            idf = math.log((1 + n) / (1 + documents[key])) + 1
            support = sum(heads[w] for w in key.split() if w not in STOP) / max(length, 1)
            score = (1 + math.log(tf)) * idf * (1 + 0.15 * math.log(1 + support))
            score *= {1: 0.45, 2: 1.2, 3: 1.3, 4: 1.35, 5: 1.35, 6: 1.1}.get(length, 0.9)
            if key in entities and tf < 2:
                score *= 0.6  # a name said once is a detail, not the subject
            if key in places:
                score *= 0.5  # "North Korea" is where, not what
            if marks:  # carries the words that mark the whole section, not one sentence's
                said = {w.lower() for w in re.findall(r"[\w'-]+", " ".join([key, *surfaces[key]]))}
                score *= 1 + KEYWORD_BONUS * sum(marks.get(w, 0.0) for w in said)
            if n >= 3 and documents[key] > n / 2:
                score *= 0.5  # said in most sections: the program's setting, not this section's
            surface = max(surfaces[key].items(), key=lambda kv: (kv[1], kv[0]))[0]
            scored.append((score, key, surface))
        # a longer phrase said twice that holds a better one names the subject more
        # specifically: "conditions on emergency business loans" over "emergency business loans"
        best = {key: score for score, key, _ in scored}
        scored = [
            (
                max(
                    [score]
                    + [
                        1.05 * best[other]
                        for other in best
                        if counter[key] >= 2 and other != key and f" {other} " in f" {key} "
                    ]
                ),
                key,
                surface,
            )
            for score, key, surface in scored
        ]
        scored.sort(key=lambda s: (-s[0], s[1]))
        titles: list[Title] = []
        singles = [s for s in scored if " " not in s[1]]
        for _score, key, surface in scored:
            title = title_case(_headline(surface))
            said = max(running[key].items(), key=lambda kv: (kv[1], kv[0]))[0]
            if TITLE_WORDS[0] <= len(title.split()) <= TITLE_WORDS[1] and title not in (
                t.text for t in titles
            ):
                titles.append(Title(title, _headline(said)))
        if len(singles) >= 2:  # "Deterrence and Escalation" when nothing longer was found
            first, second = _headline(singles[0][2]), _headline(singles[1][2])
            pair = title_case(f"{first} and {second}")
            if pair not in (t.text for t in titles):
                titles.append(Title(pair, f"{first} and {second}"))
        result.append(titles)
    return result


def _headline(surface: str) -> str:
    """Drop a possessive "'s" at the end; keep the words otherwise."""
    return re.sub(r"\s*'s$", "", surface.strip(" ,.;:—–-"))


def is_good_title(title: str) -> bool:
    """A noun phrase of 2–7 words: the lint's rule ("Address", "Impose Conditions" and
    "Renewables Cause Blackouts" are not; "Engaging North Korea's Nuclear Reality" and
    "Track 2 Diplomacy" are)."""
    words = title.split()
    if not (TITLE_WORDS[0] <= len(words) <= TITLE_WORDS[1]):
        return False
    from podium.engine.nlp import parse

    def running(word: str) -> str:
        keep = any(c.isupper() for c in word[1:]) or any(c.isdigit() or c == "." for c in word)
        return word if keep else word.lower()

    cased = [running(w) for w in words]
    # the words as a sentence opens (is "Impose" a verb?) and inside a carrier sentence,
    # where the tagger reads them as an object ("They discussed executive pay.")
    opening = parse(" ".join([words[0], *cased[1:]]))
    carried = parse("They discussed " + " ".join(cased) + ".")[2:-1]
    if opening[0].tag_ in ("VB", "VBP", "VBZ", "VBD", "MD") or cased[0] in load_words(
        "write/verb_start"
    ):
        return False
    if any(t.tag_ in ("VB", "VBP", "VBZ", "VBD", "MD") for t in carried):
        return False  # a clause: "Renewables Cause Blackouts", "Impose Conditions"
    return any(t.pos_ in ("NOUN", "PROPN") for t in carried)
