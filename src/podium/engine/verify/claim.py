"""The claim check: each summary sentence is supported by what the named speaker said.

A sentence (pysbd splits the summary) is checked against the named
speaker(s)' passages (about 60 words inside one turn, see
`TranscriptIndex.passages`):

1. retrieval: BM25 (`rank-bm25`) over the passages shortlists candidates,
   plus the passages where the section's quotes were found and those near the
   section's ▶ time; sentence embeddings (`podium.engine.embed`, MiniLM int8
   ONNX) rerank them. Support = 0.6 × cosine + 0.4 × share of the sentence's
   content words in the passage.
2. alignment (align.py): the one to three transcript sentences around those
   passages that hold most of the sentence's content words and numbers.
3. facts, judged against that aligned passage when it holds at least
   `align_coverage` of the sentence: the consistency checks (consistency.py,
   on spaCy parses of the two: polarity, antonyms, degree, modality, a fact
   for an intention, another time, another complement of the same verb,
   a negation on a reworded predicate, entity swaps, doers, doers that
   trade places and named arguments) and quantities with their units
   (quantity.py: a number the aligned passage says with another value of the
   same unit fails even when the speaker said it elsewhere). Numbers must
   also occur in the evidence window; identifiers ("COVID-19", "post-16")
   in the transcript, hyphenated or not. Any contradiction is `fail` with the
   aligned passage as evidence and a message naming it ('says "accepted";
   the transcript says "rejected" at 12:41'). Without a good alignment the
   older word-window negation check applies. Capitalised terms the
   transcript never mentions are `warn`.
4. support: strong is `ok`, weak is `warn` (summaries may generalise; only
   wrong facts fail). A word put in the place of the aligned passage's own
   (`substitutions`: "encouraged" where it said "silenced"), a negation on
   another predicate than the passage's (`loose_polarity`), another complement
   without a direction (`complements`) or the claim's doer
   as the passage's means (`roles`) is a `warn` naming both: it may be a
   paraphrase or the opposite. A sentence aligned to a question and its answer
   ("Will fees rise?" — "No.") is supported by the answering speaker.


The best other speaker's support goes to the attribution check, which fails a
sentence that someone else clearly said.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pysbd
from rank_bm25 import BM25Okapi

from podium.engine.brief.model import Section
from podium.engine.verify.align import Alignment, align, claim_weights, stem, turn_bounds
from podium.engine.verify.attribution import claim_attribution
from podium.engine.verify.consistency import (
    Mismatch,
    agents,
    antonyms,
    arguments,
    clauses,
    complements,
    degree,
    descriptions,
    entities,
    existence,
    intentions,
    light_verb_swaps,
    loose_polarity,
    modality,
    negated_paraphrase,
    polarity,
    quantifiers,
    roles,
    substitutions,
    times,
    unpaired_negation,
    unsaid_predicates,
)
from podium.engine.verify.context import Context, Located
from podium.engine.verify.people import name_key, name_parts
from podium.engine.verify.quantity import quantities, same_quantity, same_unit, same_value
from podium.engine.verify.report import Evidence, Finding
from podium.engine.verify.text import NEGATORS, Token, normalise
from podium.engine.verify.wordlists import word_list

STOPWORDS = word_list("claim_stopwords")
"""Words that carry no content for retrieval (incl. reporting verbs of summaries)."""

_FUNCTION_TEXT = """a an the to of in on at for with by from as that this these those it its any all only
    just even really very so also too be been being is are was were am i we you he she they
    me us him her them my our your his their what which who there here then than and or but"""
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
"""Words a negation does not apply to: "not the regulator" is about "regulator"."""
_IDENTIFIER = re.compile(r"^(?=.*[a-z])(?=.*\d)[a-z0-9]+$")
_ALL_SPEAKERS = re.compile(r"(?i)\b(panel(?:ists)?|speakers|participants|members|witnesses)\b")
_CAPITALISED = re.compile(
    r"(?<![.!?]\s)(?<!^)(?<![A-Za-z]['’])\b(?:[A-Z]['’])?[A-Z][a-zA-Z]+(?:[ -][A-Z][a-zA-Z]+)*"
)
"""Runs of capitalised words; a name with an elided prefix ("O'Regan", "D'Souza") is one
word, never its tail "Regan"."""
_SEGMENTER = None
_QUOTED = re.compile(r"[\"“][^\"”]{3,}[\"”]")
"""A quotation inside a summary sentence."""


def split_summary(text: str) -> list[str]:
    """Sentences of a summary paragraph (pysbd, which knows "U.S." and "Dr.")."""
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = pysbd.Segmenter(language="en", clean=False)
    return [s.strip() for s in _SEGMENTER.segment(text) if s.strip()]


def content_words(tokens: list[Token]) -> list[str]:
    return [t.norm for t in tokens if t.norm not in STOPWORDS and not t.number and len(t.norm) > 1]


@dataclass(slots=True)
class _Scored:
    passage: int
    score: float
    cosine: float
    coverage: float


class ClaimChecker:
    """BM25 over every passage, built once per verification run."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        index = ctx.index
        self.passages = index.passages
        self.passage_words = [
            content_words(index.tokens[p.start_token : p.end_token]) for p in self.passages
        ]
        self.passage_stems = [{stem(w) for w in words} for words in self.passage_words]
        corpus = [words or ["_"] for words in self.passage_words]
        self.bm25 = BM25Okapi(corpus) if corpus else None
        self.labels = np.array([p.speaker for p in self.passages], dtype=object)
        self.turns: dict[int, tuple[int, int]] = {}
        """Turn number -> its token range (filled as sentences are aligned)."""

    # --- embeddings ----------------------------------------------------------------
    def _vectors(self, indices: list[int]) -> np.ndarray:
        from podium.engine.embed import embed

        missing = [i for i in indices if i not in self.ctx.embeddings]
        if missing:
            vectors = embed([self.passages[i].text for i in missing])
            for i, vector in zip(missing, vectors, strict=True):
                self.ctx.embeddings[i] = vector
        return np.array([self.ctx.embeddings[i] for i in indices])

    def _score(
        self, sentence_vector: Callable[[], np.ndarray], query: list[str], candidates: list[int]
    ) -> list[_Scored]:
        if not candidates:
            return []
        stems = {stem(w) for w in query}
        # Embeddings are the expensive part: rerank only the lexically best few.
        options = self.ctx.options
        limit = options.embed_passages
        rank = {p: r for r, p in enumerate(candidates)}

        def lexical(p: int) -> float:
            overlap = len(stems & self.passage_stems[p]) / len(stems) if stems else 0.0
            return overlap - 0.02 * rank[p]

        candidates = sorted(candidates, key=lexical, reverse=True)
        if stems and len(stems & self.passage_stems[candidates[0]]) / len(stems) >= (
            options.lexical_sure
        ):
            # a passage holds (nearly) every word of the sentence: the embeddings only
            # need to score the few passages that can become its evidence
            limit = min(limit, options.evidence_passages)
            if len(stems) >= options.sure_words:
                # ... and the sentence is long enough for that to be telling: support is
                # lexical, nothing is embedded (VerifyOptions.sure_words)
                return self._lexical(stems, candidates[:limit])
        candidates = candidates[:limit]
        vectors = self._vectors(candidates)
        cosines = vectors @ sentence_vector()
        out = []
        for passage, cosine in zip(candidates, cosines, strict=True):
            coverage = len(stems & self.passage_stems[passage]) / len(stems) if stems else 0.0
            out.append(
                _Scored(passage, 0.6 * float(cosine) + 0.4 * coverage, float(cosine), coverage)
            )
        out.sort(key=lambda s: -s.score)
        return out

    def _lexical(self, stems: set[str], candidates: list[int]) -> list[_Scored]:
        """Candidates scored by the share of the sentence's words they hold (no cosine)."""
        out = []
        for passage in candidates:
            coverage = len(stems & self.passage_stems[passage]) / len(stems)
            out.append(_Scored(passage, coverage, float("nan"), coverage))
        out.sort(key=lambda s: -s.score)
        return out

    def _shortlist(self, query: list[str], labels: set[str] | None, extra: list[int]) -> list[int]:
        if self.bm25 is None or not self.passages:
            return []
        scores = self.bm25.get_scores(query) if query else np.zeros(len(self.passages))
        if labels is not None:
            mask = np.array([label in labels for label in self.labels])
            scores = np.where(mask, scores, -np.inf)
        order = np.argsort(-scores)[: self.ctx.options.retrieve_passages]
        chosen = [int(i) for i in order if np.isfinite(scores[i])]
        for i in extra:
            if i not in chosen and (labels is None or self.passages[i].speaker in labels):
                chosen.append(i)
        return chosen

    # --- the check ---------------------------------------------------------------
    def check_section(self, section: Section) -> list[Finding]:
        sentences = [s for paragraph in section.summary for s in split_summary(paragraph)]
        if not sentences:
            return []
        near = self._near_section(section)
        findings = []
        for sentence in sentences:
            # embedded only when needed: a lexically sure sentence needs no vector
            vector = functools.partial(_sentence_vector, sentence)
            findings.extend(self._check_sentence(section, sentence, vector, near))
        return findings

    def _near_section(self, section: Section) -> list[int]:
        """Passages around where the section's quotes were found and around its ▶ time."""
        spans = [
            (loc.start_token, loc.end_token) for loc in self.ctx.located.get(section.number, [])
        ]
        near = []
        for passage in self.passages:
            if (
                any(passage.start_token < b and a < passage.end_token for a, b in spans)
                or section.start is not None
                and abs(passage.start - section.start) <= 120
            ):
                near.append(passage.index)
        return near

    def _named(self, section: Section, sentence: str) -> list[str]:
        people = self.ctx.people
        if _ALL_SPEAKERS.search(sentence):
            return []
        key = " " + name_key(sentence) + " "
        section_speakers = self.ctx.section_speakers(section)
        by_surname: dict[str, list[str]] = {}
        for speaker in people.speakers:
            parts = name_parts(speaker.name)
            if parts and (f" {parts[-1]} " in key or f" {parts[-1]}s " in key):
                by_surname.setdefault(parts[-1], []).append(speaker.name)
        named = []
        for surname, speakers in by_surname.items():
            # a full name is exactly that speaker; a shared bare surname is the
            # section's speaker of that name, else any of them (the names check warns)
            full = [s for s in speakers if f" {' '.join(name_parts(s))} " in key]
            if len(speakers) > 1 and not full:
                resolved = people.resolve(surname, fuzzy=False, prefer=section_speakers)
                full = [resolved] if resolved else speakers
            named.extend(full or speakers)
        return named or section_speakers

    def _check_sentence(
        self,
        section: Section,
        sentence: str,
        vector: Callable[[], np.ndarray],
        near: list[int],
    ) -> list[Finding]:
        ctx = self.ctx
        options = ctx.options
        tokens = normalise(sentence)
        named = self._named(section, sentence)
        name_words = {p for n in named for p in name_parts(ctx.people.resolve(n) or n)}
        name_words |= {p for s in ctx.people.speakers for p in name_parts(s.name)}
        query = [w for w in content_words(tokens) if w not in name_words]
        labels = ctx.people.labels_of(named) if named else None
        if named and not labels:
            labels = None  # the named people never speak under a known label: search everyone
        own = self._score(vector, query, self._shortlist(query, labels, near))
        findings: list[Finding] = []
        if not own:
            findings.append(
                Finding(
                    section.number,
                    "claim",
                    "warn",
                    sentence,
                    "No passage of the named speaker to check this against.",
                )
            )
            return findings
        best = own[0]
        window = self._window(own[: options.evidence_passages])
        evidence = [self._evidence(i) for i in sorted({s.passage for s in own[:2]})]
        if best.score >= options.support_warn:
            passage = self.passages[best.passage]
            ctx.located[section.number].append(
                Located(passage.start_token, passage.end_token, "claim", best.score)
            )

        # People's names and transcript labels are the names check's business; a
        # label such as "SPEAKER_02" would otherwise read as the number 02.
        facts = normalise(self._without_people(sentence))
        numbers = [t.norm for t in facts if t.number]
        aligned = align(
            ctx.index,
            claim_weights(query + numbers, self.bm25.idf if self.bm25 else {}),
            [self.passages[s.passage] for s in own[: options.evidence_passages]],
            cache=self.turns,
        )
        aligned_tokens = None
        unpaired = True
        mismatches: list[str] = []
        substituted: list[Mismatch] = []
        at = ""
        support = best.score
        if aligned is not None and aligned.coverage >= options.align_coverage:
            aligned_tokens = ctx.index.tokens[aligned.start_token : aligned.end_token]
            at = _fmt(ctx.index.time(aligned.start_token))
            if aligned.question_start is not None and aligned.coverage >= options.answer_coverage:
                # an answer ("No.") carries its question's words: support is the pair's
                support = max(support, options.support_ok)
            found, unpaired, replaced = self._consistency(sentence, aligned, own)
            mismatches = [m.describe(at) for m in found]
            mismatches += [
                f'says "{said}"; the transcript says "{heard}" at {at} (the one it speaks of)'
                for said, heard in self._renamed_referents(facts, aligned)
            ]
            substituted = replaced

            if mismatches:
                evidence = ctx.evidence(aligned.start_token, aligned.end_token)
        problems, doubts, suggestion = self._facts(
            facts,
            window,
            support,
            best.coverage,
            aligned_tokens,
            at,
            aligned.coverage if aligned is not None else 0.0,
            unpaired,
        )

        problems = mismatches + problems
        if substituted and not problems:
            # a word in the place of the transcript's, not close in meaning: it may be a
            # paraphrase or the opposite, which the checks cannot tell: a person should read it
            doubts = doubts + [
                f"{s.describe(at)} (another word in its place: check the meaning)"
                if s.check == "substitution"
                else f"{s.describe(at)} (check the wording)"
                if s.check == "unsaid"
                else f"{s.describe(at)} (check the meaning)"
                for s in substituted
            ]
            if aligned is not None:
                evidence = ctx.evidence(aligned.start_token, aligned.end_token)
        if labels is not None:
            other = None
            if support < options.support_warn:  # only then can someone else's be clearer
                other = self._best_other(vector, query, labels)
            finding = claim_attribution(section, ctx, sentence, named, support, other)
            if finding is not None:
                findings.append(finding)
        who = " and ".join(ctx.people.resolve(n) or n for n in named) or "the speakers"
        if problems:
            findings.append(
                Finding(
                    section.number,
                    "claim",
                    "fail",
                    sentence,
                    "; ".join(problems) + f" (what {who} said).",
                    evidence,
                    suggestion,
                )
            )
        elif doubts:
            findings.append(
                Finding(
                    section.number,
                    "claim",
                    "warn",
                    sentence,
                    "; ".join(doubts) + f" (what {who} said, as far as it was found).",
                    evidence,
                )
            )
        elif support >= options.support_ok:
            findings.append(
                Finding(
                    section.number,
                    "claim",
                    "ok",
                    sentence,
                    f"Supported by what {who} said at {_fmt(self.passages[best.passage].start)}.",
                    evidence,
                )
            )
        elif support >= options.support_warn:
            findings.append(
                Finding(
                    section.number,
                    "claim",
                    "warn",
                    sentence,
                    f"Only weak support in what {who} said; check the wording.",
                    evidence,
                )
            )
        else:
            findings.append(
                Finding(
                    section.number,
                    "claim",
                    "warn",
                    sentence,
                    f"No clear support in what {who} said.",
                    evidence,
                )
            )
        unknown = self._unknown_terms(sentence, named)
        if unknown and not problems:
            findings[-1].status = "warn"
            findings[-1].message += f" Not mentioned in the transcript: {', '.join(unknown)}."
        return findings

    def _consistency(
        self, sentence: str, aligned: Alignment, own: list[_Scored]
    ) -> tuple[list[Mismatch], bool, list[Mismatch]]:
        """The consistency checks (consistency.py) of `sentence` against its aligned passage,
        whether a negation of the sentence found nothing to be compared with, and the
        doubts: words put in the place of the passage's own (`substitutions`, a `warn`)."""
        from podium.engine.nlp import parse_many

        ctx = self.ctx
        index = ctx.index
        text = index.wording(aligned.start_token, aligned.end_token)
        context = " ".join(self.passages[s.passage].text for s in own[:2])
        # quoted words are the quote check's: a changed quote fails there, once
        unquoted = _QUOTED.sub("…", sentence)
        claim_doc, evidence_doc = parse_many([unquoted, text])
        speaker = ctx.people.name_of(index.speaker(max(aligned.end_token - 1, 0)))
        speaker_words = frozenset(name_parts(speaker))

        def is_speaker(name: str) -> bool:
            # a surname two speakers share ("Davies") is still a speaker's name: the
            # names check says which one, or that it is ambiguous
            people = ctx.people
            return people.resolve(name, fuzzy=False) is not None or bool(people.candidates(name))

        before = None
        if any(t.lower_ in ("he", "she") and t.dep_.startswith("nsubj") for t in evidence_doc):
            # "he" in the passage: the person it stands for may be named just before it
            start = max(
                turn_bounds(index, aligned.start_token, self.turns)[0], aligned.start_token - 60
            )
            if start < aligned.start_token:
                before = parse_many([index.wording(start, aligned.start_token)])[0]
        said = clauses(claim_doc, is_speaker=is_speaker)
        heard = clauses(evidence_doc, speaker_words=speaker_words, before=before, spoken=True)
        found = (
            polarity(said, heard)
            + antonyms(claim_doc, evidence_doc)
            + degree(claim_doc, evidence_doc)
            + modality(said, heard)
            + intentions(said, heard)
            + times(claim_doc, evidence_doc)
            + quantifiers(claim_doc, evidence_doc)
            + descriptions(claim_doc, evidence_doc, is_speaker=is_speaker)
            + existence(said, heard)
            + entities(claim_doc, evidence_doc, context=context, is_speaker=is_speaker)
            + agents(said, heard, speaker_words)
            + arguments(said, heard)
        )
        swapped, moved = roles(said, heard, claim_doc, evidence_doc)
        found += [m for m in swapped if all(f.check != "agent" for f in found)]
        other_complement, other_complement_doubts = complements(said, heard)
        found += other_complement
        found += negated_paraphrase(said, heard)
        unique: list[Mismatch] = []
        for mismatch in found:
            if all((m.said, m.heard) != (mismatch.said, mismatch.heard) for m in unique):
                unique.append(mismatch)
        doubts = [
            m
            for m in substitutions(said, heard, claim_doc, evidence_doc)
            + moved
            + other_complement_doubts
            + loose_polarity(said, heard)
            + light_verb_swaps(said, claim_doc, evidence_doc)
            + unsaid_predicates(
                clauses(claim_doc, is_speaker=is_speaker, bare_frames=True),
                claim_doc,
                evidence_doc,
                _word_similarity,
            )
            if not any(m.said in u.said or u.said in m.said for u in unique)
        ]
        return unique, unpaired_negation(said, heard, claim_doc), doubts

    def _window(self, top: list[_Scored]) -> list[Token]:
        """Tokens of the best passages and of the same speaker's passages just around them."""
        index = self.ctx.index
        spans = []
        for scored in top:
            passage = self.passages[scored.passage]
            spans.append(
                (max(passage.start_token - 40, 0), min(passage.end_token + 40, len(index.tokens)))
            )
        tokens: list[Token] = []
        for a, b in sorted(spans):
            tokens.extend(index.tokens[a:b])
        return tokens

    def _facts(
        self,
        tokens: list[Token],
        window: list[Token],
        support: float,
        coverage: float,
        aligned: list[Token] | None = None,
        at: str = "",
        aligned_coverage: float = 0.0,
        unpaired_negation: bool = True,
    ) -> tuple[list[str], list[str], str | None]:
        """(problems that fail, doubts that warn, suggestion) about the sentence's facts.

        Quantities (quantity.py) must match the aligned passage, or, when it has no
        quantity of that unit, the evidence window; identifiers ("COVID-19",
        "post-16") must occur in the transcript, hyphenated or not. With an aligned
        passage, negation is the polarity check's business (consistency.py) unless a
        negation of the sentence found no clause of the same predicate there."""
        problems: list[str] = []
        suggestion = None
        bigrams = {(a.norm, b.norm) for a, b in zip(window, window[1:], strict=False)}
        numbers = {t.norm for t in window if t.number}
        vocabulary = self.ctx.positions
        heard_window = quantities(window)
        heard_aligned = quantities(aligned) if aligned is not None else []
        in_quantity: set[int] = set()
        failed: set[int] = set()
        trusted = aligned is not None and aligned_coverage >= self.ctx.options.answer_coverage
        said_all = quantities(tokens)
        for said in said_all:
            if said.unit is None:  # "Stage 6": its label is checked below
                in_quantity.update(said.tokens)

            first = tokens[said.position]
            if said.unit is None and first.from_words and said.value == 1:
                continue  # "one of the", "one thing"
            if any(same_quantity(said, h) for h in heard_aligned):
                other = (
                    _other_in_best_sentence(tokens, said, aligned, said_all)
                    or _other_owns_the_words(tokens, said, aligned, said_all)
                    if trusted
                    else None
                )
                if other is not None:
                    # "a 50% loss" where the aligned sentence about that loss says 70%,
                    # though the next sentence lists 50%: the number is judged against
                    # the sentence the claim's words around it come from
                    problems.append(
                        f'says "{said.surface}"; the transcript says "{other.surface}"'
                        + (f" at {at}" if at else "")
                    )
                    failed.update(said.tokens)
                    suggestion = suggestion or f"the transcript says {other.surface}"
                continue
            before = tokens[said.position - 1].norm if said.position else ""
            if len(said.tokens) == 1 and before + first.norm in vocabulary:
                continue  # "Covid 19" where the transcript says "COVID-19"
            # the speaker said this number nearby: with the same unit when the aligned
            # passage has another number of that unit ("13 gigawatts" here, "17 years"
            # there), else with any unit (units are read loosely: "200,000, including")
            other = next((h for h in heard_aligned if same_unit(said, h)), None)
            if other is not None and trusted:
                nearby = False  # the aligned sentence says it with another number
            elif other is not None:
                # said nearby with the same unit, in words at least as close to the claim's
                # as those around the aligned passage's other number: "nearly a quarter of
                # the projects" / "nearly half of these projects", with "25% of Canada's
                # lands" a few sentences away, is judged against "half"
                aligned_fit = _fit(tokens, aligned, other.position)
                nearby = any(
                    same_quantity(said, h)
                    and same_unit(said, h)
                    and _fit(tokens, window, h.position) >= aligned_fit
                    for h in heard_window
                )
            else:
                nearby = any(same_value(said, h) for h in heard_window)
            if other is not None and not nearby:
                problems.append(
                    f'says "{said.surface}"; the transcript says "{other.surface}"'
                    + (f" at {at}" if at else "")
                )
                failed.update(said.tokens)
                suggestion = suggestion or f"the transcript says {other.surface}"
                continue
            if nearby:
                continue
            problems.append(f'"{said.surface}" is not in the transcript')
            failed.update(said.tokens)
            if suggestion is None:
                suggestion = _number_in_context(tokens, said.position, window)
        for position, token in enumerate(tokens):
            shown = token.surface.strip(",.;:?!")
            if _IDENTIFIER.match(token.norm):
                # "COVID-19", "Bill C-17", "post-16": an identifier the transcript never says
                if token.norm not in vocabulary and not self._said_apart(token.norm):
                    problems.append(f'"{shown}" is not in the transcript')
                continue
            if not token.number or position not in in_quantity or position in failed:
                continue
            # "Stage 6" / "amendments 5" where the speaker said "Stage 3" / "amendments 3":
            # a numbered thing, renumbered
            label = tokens[position - 1] if position else None
            if (
                label is not None
                and not label.number
                and label.norm not in _FUNCTION_WORDS
                and (label.norm, token.norm) not in bigrams
                and (label.norm + token.norm) not in vocabulary
                and any(a == label.norm and b in numbers for a, b in bigrams)
            ):
                problems.append(f'"{label.surface} {shown}" is not in the transcript')
        if aligned is not None and not unpaired_negation:
            return problems, [], suggestion
        negations = _negation_problems(tokens, window)

        if support >= self.ctx.options.support_ok or coverage >= 0.6:
            return problems + negations, [], suggestion
        return problems, negations, suggestion

    def _renamed_referents(self, tokens: list[Token], aligned: Alignment) -> list[tuple[str, str]]:
        """A numbered thing of the claim ("Bill C-7") that the aligned passage calls by its
        kind only ("The bill would make it a criminal offence …"), where the last thing of
        that kind the speaker numbered before the passage, in the same turn, is another
        ("The second petition is in support of Bill S-204"): (claim's, transcript's)."""
        index = self.ctx.index
        passage = index.tokens[aligned.start_token : aligned.end_token]
        words = {t.norm for t in passage}
        start = turn_bounds(index, aligned.start_token, self.turns)[0]
        before = index.tokens[start : aligned.start_token]
        out = []
        for position in range(1, len(tokens)):
            label, number = tokens[position - 1], tokens[position]
            if (
                not _IDENTIFIER.match(number.norm)
                or label.number
                or label.norm in _FUNCTION_WORDS
                or number.norm in words
                or label.norm not in words
            ):
                continue
            last = None
            for a, b in zip(before, before[1:], strict=False):
                if a.norm == label.norm and _IDENTIFIER.match(b.norm):
                    last = (a, b)
            if last is not None and last[1].norm != number.norm:
                out.append(
                    (
                        f"{label.surface} {number.surface.strip(',.;:?!')}",
                        f"{last[0].surface} {last[1].surface.strip(',.;:?!')}",
                    )
                )
        return out

    def _said_apart(self, identifier: str) -> bool:
        """ "covid19" said as "Covid 19", "post16" as "post 16"."""
        match = re.fullmatch(r"([a-z]+)(\d+)", identifier) or re.fullmatch(
            r"(\d+)([a-z]+)", identifier
        )
        return bool(match) and f" {match.group(1)} {match.group(2)} " in self.ctx.index.joined

    def _best_other(self, vector, query, labels) -> tuple[str, float, list[Evidence]] | None:
        others = {p.speaker for p in self.passages} - labels
        if not others:
            return None
        scored = self._score(vector, query, self._shortlist(query, others, [])[:6])
        if not scored:
            return None
        best = scored[0]
        passage = self.passages[best.passage]
        return self.ctx.people.name_of(passage.speaker), best.score, [self._evidence(best.passage)]

    def _evidence(self, passage_index: int) -> Evidence:
        passage = self.passages[passage_index]
        return Evidence(
            passage.start, passage.end, self.ctx.people.name_of(passage.speaker), passage.text
        )

    def _without_people(self, sentence: str) -> str:
        """The sentence with every speaker's name and transcript label blanked out."""
        pattern = self.ctx.cache.get("people_pattern")
        if pattern is None:
            people = self.ctx.people
            names = {*people.labels, *people.labels.values(), *(s.name for s in people.speakers)}
            alternatives = sorted((re.escape(n) for n in names if n), key=len, reverse=True)
            pattern = (
                re.compile(r"\b(?:" + "|".join(alternatives) + r")\b") if alternatives else None
            )
            self.ctx.cache["people_pattern"] = pattern or False
        return pattern.sub(" ", sentence) if pattern else sentence

    def _unknown_terms(self, sentence: str, named: list[str]) -> list[str]:
        ctx = self.ctx
        vocabulary = ctx.positions
        people = {p for s in ctx.people.speakers for p in name_parts(s.name)}
        unknown = []
        for match in _CAPITALISED.finditer(sentence):
            words = [w for w in match.group(0).replace("-", " ").split()]
            missing = [
                w
                for w in words
                if not any(n in vocabulary for n in _norms(w))
                and name_key(w) not in people
                and ctx.people.resolve(w) is None  # a misspelt speaker: the names check says so
            ]
            if missing and len(missing) == len(words):
                unknown.append(match.group(0))
        return unknown


def _word_similarity(word: str, others: list[str]) -> float:
    """The best MiniLM cosine of `word` with any of `others` (`embed` gives unit vectors and
    remembers them)."""
    from podium.engine.embed import embed

    vectors = embed([word, *others])
    return float(np.max(vectors[1:] @ vectors[0])) if len(others) else 0.0


def _sentence_vector(sentence: str) -> np.ndarray:
    from podium.engine.embed import embed

    return embed([sentence])[0]


def _norms(word: str) -> list[str]:
    norms = [t.norm for t in normalise(word)]
    return norms + [n.rstrip("s") for n in norms]


def _fmt(seconds: float) -> str:
    from podium.engine.timefmt import format_time

    return format_time(seconds)


def _number_in_context(tokens: list[Token], position: int, window: list[Token]) -> str | None:
    """The transcript's number in the place of the sentence's (same neighbouring words)."""
    around = {
        t.norm for t in tokens[max(position - 3, 0) : position + 4] if not t.number
    } - STOPWORDS
    best = None
    for i, token in enumerate(window):
        if not token.number:
            continue
        context = {t.norm for t in window[max(i - 4, 0) : i + 5]}
        overlap = len(around & context)
        if overlap and (best is None or overlap > best[0]):
            best = (overlap, token.surface.strip(",.;:"))
    return f"the transcript says {best[1]}" if best else None


_SENTENCE_ENDS = (".", "?", "!", '."', '?"', '!"')


def _other_in_best_sentence(tokens: list[Token], said, aligned: list[Token], claimed=()):
    """When the aligned passage has several sentences: the quantity of `said`'s unit, with
    another value, in the one sentence that shares clearly the most of the claim's content
    words and does not itself say `said`'s value, and that the claim (`claimed`: all its
    quantities) does not also say; else None."""
    sentences: list[list[Token]] = [[]]
    for token in aligned:
        sentences[-1].append(token)
        if token.surface.endswith(_SENTENCE_ENDS):
            sentences.append([])
    sentences = [s for s in sentences if s]
    if len(sentences) < 2:
        return None
    around = {
        stem(t.norm)
        for t in tokens
        if not t.number and t.norm not in STOPWORDS and t.norm not in _FUNCTION_WORDS
    }
    overlaps = [len(around & {stem(t.norm) for t in s}) for s in sentences]
    best = max(overlaps)
    if best == 0 or overlaps.count(best) > 1 or best < max(2, sorted(overlaps)[-2] + 2):
        return None  # no sentence is clearly the one the claim paraphrases
    sentence = sentences[overlaps.index(best)]
    heard = quantities(sentence)
    if any(same_value(said, h) for h in heard):
        return None
    # "15 years old when killed ten years ago": the sentence's other number is the
    # claim's other number, not a replacement for this one
    return next(
        (h for h in heard if same_unit(said, h) and not any(same_value(c, h) for c in claimed)),
        None,
    )


def _other_owns_the_words(tokens: list[Token], said, aligned: list[Token], claimed=()):
    """In a sentence that lists several numbers of one unit ("a 35 per cent increase in
    part time undergraduates …; a 57 per cent increase in disabled students; …"): the number
    whose own stretch of the sentence holds clearly more of the claim's content words than
    the stretch of the number the claim says (at least three, and three more), where the
    latter holds no word of the claim the former lacks, when the claim does not say that
    number too; else None. A number's stretch ends at the first punctuation mark after
    it (else halfway to the next number of its unit in the same sentence), so "a 57 per
    cent increase in part-time undergraduates" is judged against the 35 per cent said
    about them."""
    words = {
        stem(t.norm)
        for t in tokens
        if not t.number and t.norm not in STOPWORDS and t.norm not in _FUNCTION_WORDS
    }
    bounds = [0]
    for i, token in enumerate(aligned):
        if token.surface.endswith(_SENTENCE_ENDS):
            bounds.append(i + 1)
    bounds.append(len(aligned))
    heard = [h for h in quantities(aligned) if same_unit(said, h)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        listed = [h for h in heard if start <= h.position < end]
        if len(listed) < 2 or not any(same_value(said, h) for h in listed):
            continue
        cuts = [start]
        for a, b in zip(listed, listed[1:], strict=False):
            # the first ";" "," ":" or dash after a number ends its stretch ("… governing
            # bodies; women—44 per cent; BME—as low as 4 per cent"), else halfway
            mark = next(
                (
                    i + 1
                    for i in range(a.position, b.position)
                    if aligned[i].surface.endswith((";", ",", ":", "—", "–"))
                ),
                (a.position + b.position) // 2 + 1,
            )
            cuts.append(mark)
        cuts.append(end)
        spans = [
            words & {stem(t.norm) for t in aligned[left:right] if not t.number}
            for left, right in zip(cuts, cuts[1:], strict=False)
        ]
        own = [n for n, h in zip(spans, listed, strict=True) if same_value(said, h)]
        for held, h in sorted(zip(spans, listed, strict=True), key=lambda p: -len(p[0])):
            if same_value(said, h) or any(same_value(c, h) for c in claimed):
                continue
            # the claim's number is owned when its stretch has a word of the claim that the
            # other's lacks ("BME—as low as 4 per cent" after "men make up around 56 per
            # cent of … governing bodies"): the list states its shared words once
            if len(held) >= 3 and all(o <= held and len(held) >= len(o) + 3 for o in own):
                return h
            break
    return None


def _fit(tokens: list[Token], heard: list[Token], position: int, reach: int = 8) -> int:
    """How many of the claim's content words (stemmed) stand within `reach` words of
    `position` in `heard`."""
    said = {
        stem(t.norm)
        for t in tokens
        if not t.number and t.norm not in STOPWORDS and t.norm not in _FUNCTION_WORDS
    }
    around = heard[max(position - reach, 0) : position + reach + 1]
    return len(said & {stem(t.norm) for t in around if not t.number})


def _negation_problems(tokens: list[Token], window: list[Token]) -> list[str]:
    """A negation added to words the speaker said without one, or a second one stacked on.

    The words a negation applies to are looked up in the evidence where their
    surroundings match the sentence best; a negation there must precede them.
    """
    problems = []
    norms = [t.norm for t in window]
    sentence = [t.norm for t in tokens]
    for position, token in enumerate(tokens):
        if token.norm not in NEGATORS:
            continue
        if position and tokens[position - 1].norm in NEGATORS:
            continue  # counted with the negation before it
        found = _scope(tokens, position)
        if found is None:
            continue
        scope, at = found
        stacked = sum(t.norm in NEGATORS for t in tokens[max(at - 4, 0) : at])
        places = [i for i, w in enumerate(norms) if stem(w) == stem(scope)]
        if not places:
            continue
        around = set(sentence[max(position - 4, 0) : position] + sentence[at + 1 : at + 5])
        around -= NEGATORS | _FUNCTION_WORDS

        def fit(i: int, around: set[str] = around) -> int:
            return len(around & set(norms[max(i - 6, 0) : i] + norms[i + 1 : i + 6]))

        best = max(fit(i) for i in places)
        said = [
            sum(n in NEGATORS for n in norms[max(i - 4, 0) : i]) for i in places if fit(i) == best
        ]
        if max(said) == 0 or (stacked >= 2 and max(said) < 2):
            problems.append(
                f'"{token.surface.strip(",.;:")} … {scope}": the speaker did not say '
                f"this with a negation"
            )
    return problems


def _scope(tokens: list[Token], position: int) -> tuple[str, int] | None:
    """The first word (or number) a negation applies to, and its position."""
    for at in range(position + 1, min(position + 5, len(tokens))):
        token = tokens[at]
        if token.number or (token.norm not in _FUNCTION_WORDS and token.norm not in NEGATORS):
            return token.norm, at
    return None
