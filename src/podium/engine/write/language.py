"""What a sentence of spoken English does, for the extractive writer.

Small, rule-based judgements on one transcript sentence: is it housekeeping
("Good morning, everyone", "can you hear me?", "Thank you, Chair")? Is it a
question? Is it prescriptive ("we must", "I recommend")? Which reporting verb
fits it ("warned", "argued", "noted")? Which leading fillers can be dropped
("Well, I think that …") and is what remains a clause that reads well after
"<Name> argued that" without changing who "I" or "you" is? Plain `re`; the
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


def kind_of(text: str) -> str:
    """What the sentence does, as a key of `VERBS`."""
    if re.search(r"\b(?:recommend|propos|suggest(?:ion)?s? (?:is|would be))", text, re.I):
        return "proposal"
    if PRESCRIPTIVE.search(text):
        return "prescriptive"
    if WARNING.search(text):
        return "warning"
    if CONCESSION.search(text):
        return "concession"
    if EMPHASIS.search(text):
        return "emphasis"
    if EVIDENCE.search(text):
        return "evidence"
    if POSSIBILITY.search(text):
        return "possibility"
    if PLAN.search(text):
        return "plan"
    if EXPLANATION.search(text):
        return "explanation"
    return "statement"


def reporting_verb(
    text: str,
    *,
    avoid: set[str] | frozenset[str] = frozenset(),
    used: dict[str, int] | None = None,
) -> str:
    """A past-tense reporting verb that fits `text` and takes "that", not one in `avoid`.

    Among fitting verbs the one `used` least in the brief so far wins; among
    equals a hash of the text decides, so the same sentence always gets the
    same verb (the writer is deterministic).
    """
    options = [v for v in VERBS[kind_of(text)] if v in _THAT_VERBS and v not in avoid]
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
    if first[0].isupper() and first not in proper:
        return text[0].lower() + text[1:]
    return text


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
