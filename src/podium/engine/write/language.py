"""What a sentence of spoken English does, for the extractive writer.

Small, rule-based judgements on one transcript sentence: is it housekeeping
("Good morning, everyone", "can you hear me?", "Thank you, Chair")? Is it a
question? Is it prescriptive ("we must", "I recommend")? Which reporting verb
fits it ("warned", "argued", "noted")? Which leading fillers can be dropped
("Well, I think that …") and is what remains a clause that reads well after
"<Name> argued that" without changing who "I" or "you" is? Plain `re` for the
cheap judgements on every sentence; the reporting verb (`speech_act`) and the
capital of a reported clause's first word (`lower_first`) are checked on the
spaCy parse (`podium.engine.nlp`) of the few sentences a brief reports. The
word lists are ours, tuned on QMSum committee meetings and panel transcripts.
"""

from __future__ import annotations

import re
import zlib

from podium.engine.wordlists import load_words

HOUSEKEEPING = re.compile(
    r"\b(?:welcome|good (?:morning|afternoon|evening)|apologies|apologise|apologize|"
    r"declarations? of interest|can (?:you|everyone) (?:hear|see)|hear me|on mute|unmute|"
    r"thank(?:s| you)(?: (?:very|so) much)?(?: indeed)?(?: for| chair| minister| madam|"
    r" mr| mrs| ms| dr| all| everyone| both|[.,!]|$)|papers? to note|the minutes|next meeting|"
    r"housekeeping|(?:short|quick|ten[- ]minute|coffee) break|private session|public session|"
    r"standing order|in camera|technical (?:issue|problem|difficult)|interpretation|headsets?|"
    r"the floor is yours|over to you|I'll (?:now )?(?:go|turn|move) (?:to|on)|"
    r"(?:I'll|let me|we'll|I will) (?:now )?(?:call|invite|bring in)|next (?:question|speaker)|"
    r"order,? order|adjourn|suspend the (?:meeting|sitting)|(?:have|are there) (?:any )?"
    r"(?:other|more|further|final) questions|that (?:brings|concludes)|any other business|"
    r"mov(?:e|ing) on|petitions?|point of order|unanimous consent|the clerk|"
    r"members participating|(?:I|we) (?:now )?(?:call|resume|proceed)|the honourable (?:minister|member)|"
    r"sorry,? (?:I|we) (?:can't|cannot|couldn't) hear|you're frozen|share (?:my|your) screen)\b",
    re.IGNORECASE,
)
PRESCRIPTIVE = re.compile(
    r"\b(?:should(?:n't| not)?|must|ought to|need(?:s)? to|have to|has to|had better|"
    r"recommend(?:s|ed|ation|ations)?|propos(?:e|es|ed|al|als)|urge[sd]?|call(?:s|ed)? (?:for|on)|"
    r"it is (?:essential|vital|crucial|important) (?:that|to)|we (?:want|plan|intend) to|"
    r"the (?:answer|solution|way forward) is|priorit(?:y|ise|ize))\b",
    re.IGNORECASE,
)
WARNING = re.compile(
    r"\b(?:risk(?:s|y)?|danger(?:s|ous)?|threat(?:s|en)?|worr(?:y|ied|ying)|"
    r"fragile|crisis|crises|fail(?:s|ed|ure)?|shortage|escalat\w*|vulnerab\w*|"
    r"harm\w*|collapse\w*|unsustainable)\b",
    re.IGNORECASE,
)
CONCESSION = re.compile(
    r"\b(?:although|however|while|whilst|despite|even though|admittedly)\b", re.I
)
EMPHASIS = re.compile(
    r"\b(?:important|crucial|critical|key|essential|vital|absolutely|significant(?:ly)?|"
    r"fundamental(?:ly)?|clear(?:ly)?)\b",
    re.IGNORECASE,
)
EVIDENCE = re.compile(
    r"(?:\d|\b(?:per ?cent|percent|million|billion|thousand|hundred|figures?|data|statistics|"
    r"evidence|survey|report(?:ed|s)?|increase[sd]?|decrease[sd]?|rose|fell)\b)",
    re.IGNORECASE,
)
POSSIBILITY = re.compile(r"\b(?:could|might|may|perhaps|possibly|potentially)\b", re.IGNORECASE)
PLAN = re.compile(
    r"\b(?:will|going to|plan(?:s|ned)?|programme|program|roll-out|roll out|timetable|"
    r"intend(?:s|ed)?|introduc(?:e|ed|ing)|launch(?:ed)?)\b",
    re.IGNORECASE,
)
EXPLANATION = re.compile(
    r"\b(?:because|the reason|that means|which means|so that|in order to)\b", re.I
)

LEADING_FILLER = re.compile(
    r"^(?:(?:well|so|and|but|now|look|listen|yes|yeah|no|okay|ok|right|um+|uh+|er+|erm+|ah|oh|"
    r"actually|basically|obviously|of course|indeed|again|also|I mean|you know|you see|"
    r"I think(?: that)?|I believe(?: that)?|I guess|I suppose|I would say(?: that)?|"
    r"I'd say(?: that)?|I would argue(?: that)?|I'd argue(?: that)?|as I say|as I said|"
    r"to be honest|to be fair|in fact|frankly|honestly|absolutely|certainly|sure|exactly|"
    r"however|nonetheless|nevertheless|that said|having said that|first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|"
    r"again|anyway|you know what|in short|in terms of that|"
    r"thank you|thanks|chair|minister|(?:mr|mister|madam|madame)\.?\s?(?:chair|speaker|president)|"
    r"(?:deputy )?presiding officer|cabinet secretary|first minister|colleagues)"
    r"(?:\s*[,—–-]\s*|\s+|\s*\.\.\.\s*))+",
    re.IGNORECASE,
)
LEADING_PRONOUN = re.compile(
    r"^(?:it|it's|this|that|that's|these|those|they|they're|them|he|she|his|her|which|such|"
    r"both|here|there's|so|and|but|or|because|as|then)\b",
    re.IGNORECASE,
)
META = re.compile(
    r"\b(?:questions?|answer(?:ed)?|ask(?:ed|ing)?|said earlier|mentioned|as I say|as I said|"
    r"point (?:you|that you) (?:make|made|raise)|understand|sure|clarify|come back|come on to|"
    r"later on|colleagues?|earlier|evidence session|this morning|today's)\b",
    re.IGNORECASE,
)
"""Talk about the conversation itself ("as I said earlier", "your question"): not quotable."""
BAD_START = load_words("write/bad_start")
"""Words a self-contained clause or quote does not open with."""
_UNFINISHED = re.compile(r"(?:—|–|-|\.\.\.|…)[.\s]*$")

VERBS = {
    "prescriptive": ("argued", "urged", "called for"),
    "proposal": ("proposed", "recommended"),
    "disagreement": ("replied",),
    "warning": ("warned", "cautioned"),
    "concession": ("acknowledged", "conceded"),
    "emphasis": ("emphasized", "stressed"),
    "evidence": ("noted", "reported"),
    "possibility": ("suggested",),
    "explanation": ("explained",),
    "plan": ("outlined",),
    "statement": ("noted", "observed", "said", "pointed out"),
}
"""Reporting verbs by what the sentence does; each is followed by "that <clause>"
("outlined" by "how <clause>")."""
_THAT_VERBS = {v for group in VERBS.values() for v in group if v != "called for"}


def is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def is_housekeeping(text: str) -> bool:
    """Greetings, thanks, procedure and sound checks: nothing a brief reports."""
    words = len(text.split())
    return bool(HOUSEKEEPING.search(text)) and words < 30 or words < 4


def is_prescriptive(text: str) -> bool:
    return bool(PRESCRIPTIVE.search(text))


def strip_leading(text: str) -> str:
    """Drop the fillers and hedges a sentence opens with: "Well, I think that it is" -> "it is"."""
    text = " ".join(text.split())
    stripped = LEADING_FILLER.sub("", text)
    return stripped.strip(" ,;:—–-") or text


_FILLER_WORD = re.compile(r"\b(?:um+|uh+|uhm|erm|er|ah+|hmm|mhm)\b,?\s*", re.IGNORECASE)
_ASIDE = re.compile(r",\s+(?:you know|I mean),\s+", re.IGNORECASE)
_REPEAT = re.compile(r"\b(\w+)(\s+\1\b)+", re.IGNORECASE)


def tidy(text: str) -> str:
    """Drop what the verifier ignores too: "um", ", you know,", a word said twice.

    "There is no reason, you know, why … the the North Korean people" ->
    "There is no reason why … the North Korean people". Nothing else changes.
    """
    text = _FILLER_WORD.sub("", text)
    text = _ASIDE.sub(" ", text)
    text = _REPEAT.sub(r"\1", text)
    return " ".join(text.split())


def bad_start(text: str) -> bool:
    """Opens with an auxiliary, preposition or conjunction: a fragment, not a clause."""
    first = text.split(" ", 1)[0].strip(",;:").lower()
    return first in BAD_START or first[:1].isdigit() and len(text.split()) < 4


def is_finished(text: str) -> bool:
    """Ends like a sentence, not cut off with a dash or an ellipsis."""
    return not _UNFINISHED.search(text) and text.rstrip()[-1:] in ".!\"'”’)"


def has_main_clause(text: str) -> bool:
    """The text is a clause, not a noun phrase: its first sentence's root (spaCy parse) is a
    verb with a subject or an auxiliary of its own.

    "the important role that the programme plays in supporting employers" and "the
    challenge that this policy has meant for families" are noun phrases with a relative
    clause; after "<Name> argued that" they read as unfinished sentences.
    """
    from podium.engine.nlp import parse

    sentences = list(parse(text).sents)
    if not sentences:
        return False
    root = sentences[0].root
    if root.pos_ in ("VERB", "AUX"):
        return any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "aux", "auxpass")
            for c in root.children
        )
    # a misparse can hang the verb off its subject ("grandparents, aunts, uncles and so on
    # provide …": root "grandparents", "provide" a conjunct): a finite verb outside any
    # relative clause still makes a clause
    return any(
        (t.tag_ in _FINITE or t.tag_ == "VB" and not any(c.tag_ == "TO" for c in t.children))
        and not any(a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors])
        for t in sentences[0]
    )


_COURTESY = frozenset(["question", "thank", "thanks"])
"""Nouns an answer's opener may hold and still say nothing ("Thanks for the question")."""


def is_courtesy(text: str) -> bool:
    """An answer's polite opener that says nothing of its own ("Thank you very much, Janet,
    for that question.", "I want to thank the honourable member for that question.", "It's
    a good question."): on the spaCy parse, no noun, number or name carries content — the
    word "question", whoever is thanked and a name set off by a comma (", Chair") aside.
    """
    from podium.engine.nlp import parse

    doc = parse(text)
    tokens = [t for t in doc if not t.is_punct and not t.is_space]
    for token in tokens:
        if token.pos_ not in ("NOUN", "PROPN", "NUM"):
            continue
        if token.pos_ == "NOUN" and token.lemma_.lower() in _COURTESY:
            continue
        if any(
            a.dep_ == "dobj" and a.head.lemma_.lower() == "thank" for a in [token, *token.ancestors]
        ):
            continue  # "thank the member for Hamilton Mountain"
        addressed = token.pos_ == "PROPN" and (
            token.i > 0
            and doc[token.i - 1].text == ","
            or token.i + 1 < len(doc)
            and doc[token.i + 1].text == ","
        )
        if not addressed:
            return False
    return bool(tokens)


_FINITE = frozenset(["VBD", "VBP", "VBZ", "MD"])
"""Finite verb tags; a bare "VB" not after "to" counts too (the tagger reads a plural
present after a long subject as one: "… and so on provide")."""


DISAGREEMENT = re.compile(
    r"^\W*no\b|(?:\bnot|n't|\bnever)\s+(?:\w+\s+)?(?:agree|accept)", re.IGNORECASE
)

_KINDS = (
    ("disagreement", DISAGREEMENT),
    ("proposal", re.compile(r"\b(?:recommend|propos|suggest(?:ion)?s? (?:is|would be))", re.I)),
    ("prescriptive", PRESCRIPTIVE),
    ("warning", WARNING),
    ("concession", CONCESSION),
    ("emphasis", EMPHASIS),
    ("evidence", EVIDENCE),
    ("possibility", POSSIBILITY),
    ("plan", PLAN),
    ("explanation", EXPLANATION),
)


def kind_of(text: str) -> str:
    """What the sentence does, as a key of `VERBS`, from its words alone (cheap: for ranking)."""
    return next((kind for kind, pattern in _KINDS if pattern.search(text)), "statement")


_OBLIGATION = frozenset(["should", "must", "ought"])
_NEED = frozenset(["need", "have"])
_CALLING = frozenset(["urge", "call", "recommend", "propose", "prioritise", "prioritize"])
_EVALUATIVE = frozenset(["essential", "vital", "crucial", "important", "necessary"])
_MODIFIER = frozenset(["amod", "compound", "nmod"])
_SAYING = frozenset(["say", "admit", "confess", "tell", "stress", "ask", "be"])


def speech_act(text: str) -> str:
    """What the sentence does, as a key of `VERBS`, checked on its spaCy parse.

    `kind_of`'s words must do the job in the sentence: a proposal needs
    "recommend" or "propose" as a verb ("the recommendations of Reid are
    important" proposes nothing); a prescription needs an obligation on the
    main verb, a verb coordinated with it or its complement clause ("should", "must", "need to",
    "have to", "urge", "it is essential that"), not a noun ("the priority is
    …", "those people need to be supported" in a clause of its own is one);
    a warning needs its risk word as the claim, not as a modifier ("vulnerable
    children", "risk management" warn of nothing); "outlined how" needs an
    action, not a copula ("outlined how part of the challenge was that …").
    a disagreement needs "No" as the opening interjection or a negated "agree"/"accept"
    as the main verb ("I don't agree we have the most fragile, but …" is a reply, not a
    warning, whatever risk word follows).
    The first kind whose words pass wins; else "statement".
    """
    from podium.engine.nlp import parse

    doc = parse(text)
    sentences = list(doc.sents)
    root = sentences[0].root if sentences else None
    main = (
        [root, *(c for c in root.children if c.dep_ in ("conj", "ccomp"))]
        if root is not None
        else []
    )
    for kind, pattern in _KINDS:
        if not pattern.search(text):
            continue
        if kind == "disagreement" and not _disagrees(doc, main):
            continue
        if kind == "proposal" and not (
            any(t.lemma_.lower() in ("recommend", "propose") and t.pos_ == "VERB" for t in doc)
            or re.search(r"\bsuggestions? (?:is|would be)\b", text, re.I)
        ):
            continue
        if kind == "prescriptive" and not any(_obliges(verb) for verb in main):
            continue
        if kind == "warning" and not any(
            pattern.fullmatch(t.text)
            and t.dep_ not in _MODIFIER
            and not any(a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors])
            for t in doc
        ):
            continue
        if kind == "plan" and (root is None or root.lemma_.lower() == "be"):
            continue
        return kind
    return "statement"


_DISAGREEING = frozenset(["agree", "accept"])


def _disagrees(doc, main) -> bool:
    """The sentence answers "no": it opens on "No" as an interjection or its main verb is a
    negated "agree"/"accept" ("I don't agree we have the most fragile, but …")."""
    first = next((t for t in doc if not t.is_punct), None)
    if first is not None and first.lower_ == "no" and first.dep_ == "intj":
        return True
    return any(
        verb.lemma_.lower() in _DISAGREEING and any(c.dep_ == "neg" for c in verb.children)
        for verb in main[:1]
    )


def _obliges(verb) -> bool:
    """The verb carries an obligation: a modal of obligation, "need/have to", "urge", "it is
    essential that"."""
    children = list(verb.children)
    if any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in children):
        return True
    lemma = verb.lemma_.lower()
    if lemma in _NEED and any(
        c.dep_ == "xcomp"
        and any(a.lower_ == "to" for a in c.children)
        and c.lemma_.lower() not in _SAYING  # "I have to say" is a hedge, not an obligation
        for c in children
    ):
        return True
    if lemma in _CALLING and verb.pos_ == "VERB":
        return True
    return (
        lemma == "be"
        and any(c.dep_ == "acomp" and c.lower_ in _EVALUATIVE for c in children)
        and any(c.dep_ in ("ccomp", "xcomp") for c in children)
    )


_VERB_LEMMAS = {
    "argued": "argue",
    "urged": "urge",
    "proposed": "propose",
    "recommended": "recommend",
    "warned": "warn",
    "cautioned": "caution",
    "acknowledged": "acknowledge",
    "conceded": "concede",
    "emphasized": "emphasize",
    "stressed": "stress",
    "noted": "note",
    "reported": "report",
    "suggested": "suggest",
    "explained": "explain",
    "outlined": "outline",
    "observed": "observe",
    "said": "say",
    "pointed out": "point",
    "replied": "reply",
}


def reporting_verb(
    text: str,
    *,
    avoid: set[str] | frozenset[str] = frozenset(),
    used: dict[str, int] | None = None,
) -> str:
    """A past-tense reporting verb that fits `text` (`speech_act`) and takes "that".

    Never one in `avoid`, nor one whose verb the sentence itself uses ("reported
    that one local authority reported a drop"). Among fitting verbs the one
    `used` least in the brief so far wins; among equals a hash of the text
    decides, so the same sentence always gets the same verb (the writer is
    deterministic).
    """
    from podium.engine.nlp import parse

    said = {t.lemma_.lower() for t in parse(text) if t.pos_ in ("VERB", "AUX")}
    avoid = set(avoid) | {v for v, lemma in _VERB_LEMMAS.items() if lemma in said}
    doc = parse(text)
    sentences = list(doc.sents)
    if sentences and not _obliges(sentences[0].root):
        avoid.add("urged")  # "urged that people work …" reads as an order they never gave
    options = [v for v in VERBS[speech_act(text)] if v in _THAT_VERBS and v not in avoid]
    if not options:
        options = [v for v in VERBS["statement"] if v not in avoid] or ["said"]
    if used:
        least = min(used.get(v, 0) for v in options)
        options = [v for v in options if used.get(v, 0) == least]
    return options[zlib.crc32(text.encode("utf-8")) % len(options)]


def lower_first(text: str, proper: set[str] | frozenset[str] = frozenset()) -> str:
    """Lower-case the first letter unless the first word is "I", an acronym or in `proper`.

    `proper` holds the words the transcript capitalises in mid-sentence (names,
    places, "Welsh"); `proper_words` collects them.
    """
    first = text.split(" ", 1)[0].strip("\"'“‘(,;:")
    if (
        not first
        or first == "I"
        or first.startswith("I'")
        or (len(first) > 1 and first[1].isupper())
    ):
        return text
    if first[0].isupper() and first not in proper and not _named(text):
        return text[0].lower() + text[1:]
    return text


_NAME_LABELS = frozenset(
    ["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"]
)


def _named(text: str) -> bool:
    """The first word starts a name in the spaCy parse ("Alberta's agriculture minister")."""
    from podium.engine.nlp import parse

    doc = parse(text)
    return bool(len(doc)) and doc[0].ent_type_ in _NAME_LABELS and doc[0].pos_ != "DET"


def proper_words(sentences: list[str]) -> set[str]:
    """Words the transcript writes with a capital inside sentences more often than without."""
    upper: dict[str, int] = {}
    lower: dict[str, int] = {}
    for sentence in sentences:
        for word in sentence.split()[1:]:
            word = word.strip("\"'“”‘’(),.;:!?")
            if not word:
                continue
            if word[:1].isupper():
                upper[word] = upper.get(word, 0) + 1
            else:
                lower[word.lower()] = lower.get(word.lower(), 0) + 1
    return {w for w, n in upper.items() if n > lower.get(w.lower(), 0) and not w.startswith("I'")}


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
