"""The LLM writer: a language model rewrites the prose of a verified extractive brief.

What the model writes: section titles and summaries, the opening paragraph of the intro and
Part headings. What it never decides: which sections there are, their order
and Parts, speakers, ▶ times and the quotes (chosen by the extractive writer
and given to the model to use verbatim). Every answer is checked before it
is used:

1. it is a JSON object with the asked fields (`client.parse_json_object`);
2. the engine's own rules: each required quote appears verbatim in double
   quotation marks, nothing else is quoted, the speaker is named as asked;
3. `podium.engine.verify.verify` on the section (quotes, attribution,
   timestamp, claims with their numbers, names).

A section with a `fail` is asked for once more with the findings in the
prompt (the ``$feedback`` slot), then falls back to the extractive text.
A section without a `fail` but with a doubtful claim (a summary sentence the
verifier finds no support for, or terms the transcript never uses) is asked
for once more too; the better of the two answers is kept.
Transport failures (timeouts and 429s after the client's retries, a spent
request budget) fall back at once. The whole brief is verified at the end;
a model-written section that fails there is put back to its extractive text,
so the result has no `fail` the extractive brief did not have.

Sections are written concurrently (`LLMOptions.concurrency` threads); the
verifier's shared index runs one section at a time behind a lock.
"""

from __future__ import annotations

import copy
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

from podium.engine.brief.model import Brief, Part, Quote, Section
from podium.engine.brief.quotes import find_quotes
from podium.engine.llm.client import ChatClient, LLMError, MalformedAnswer, Usage
from podium.engine.llm.options import LLMOptions
from podium.engine.llm.prompts import Prompt, load_prompt
from podium.engine.progress import Progress, no_progress
from podium.engine.speakers import Speaker
from podium.engine.timefmt import format_time
from podium.engine.transcript.model import Transcript
from podium.engine.verify import Finding, Report, build_context, verify
from podium.engine.verify.context import Context
from podium.engine.verify.text import normalise
from podium.engine.write.lint import pronouns_outside_quotes, themes_in
from podium.engine.write.passage import Passage, section_passages
from podium.engine.write.titles import is_good_title

SECTION_PROMPT = ("section", "v2")
INTRO_PROMPT = ("intro", "v1")

SECTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"title": {"type": "string"}, "summary": {"type": "string"}},
    "required": ["title", "summary"],
    "additionalProperties": False,
}
INTRO_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "intro": {"type": "string"},
        "parts": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["intro"],
    "additionalProperties": False,
}
MAX_TITLE_WORDS = 7
MAX_INTRO_WORDS = 150
MAX_PART_WORDS = 6
_NUMBER = re.compile(r"\d[\d,.]*")
_PART_PREFIX = re.compile(r"^(Part\s+[IVXLC\d]+)\s*[:.\-–—]\s*", re.IGNORECASE)

Source = str
"""``"llm"`` or ``"extractive"``: where a section's prose (0: the intro and Part titles) came from."""


@dataclass
class LLMResult:
    """The rewritten brief, its verification report and what the rewrite cost."""

    brief: Brief
    report: Report
    sources: dict[int, Source]
    """Section number -> "llm" or "extractive"; 0 is the intro and Part titles."""
    usage: Usage
    repairs: list[str] = field(default_factory=list)
    """One line per regeneration or fallback, saying why."""
    seconds: float = 0.0
    """Wall-clock time of the rewrite, verification included."""

    def usage_line(self) -> str:
        u = self.usage
        return (
            f"{u.requests} requests ({u.failed_attempts} failed attempts), "
            f"{u.prompt_tokens} tokens in, {u.completion_tokens} tokens out, "
            f"{self.seconds:.1f} s for the brief"
        )

    def sources_line(self) -> str:
        return ", ".join(
            f"{'intro' if n == 0 else n}: {s}" for n, s in sorted(self.sources.items())
        )


@dataclass
class _Attempt:
    """One checked answer: the value built from it (None when unusable) and its problems."""

    value: Any
    problems: list[str]
    answer: str
    doubts: list[str] = field(default_factory=list)
    """Warnings worth one more try (a claim without support), but no reason to fall back."""


def rewrite_brief(
    brief: Brief,
    transcript: Transcript,
    *,
    options: LLMOptions,
    speakers: list[Speaker] | None = None,
    progress: Progress | None = None,
    context: Context | None = None,
) -> LLMResult:
    """Rewrite the prose of a verified `brief` with the model `options` point at.

    Never raises for the endpoint's failures: a section the model cannot write
    well keeps its extractive text, and `LLMResult.repairs` says why.
    """
    started = time.perf_counter()
    progress = progress or no_progress
    progress(0.0, "indexing transcript")
    ctx = context or build_context(transcript, speakers=speakers)
    client = ChatClient(options)
    writer = _Writer(brief, transcript, ctx, client, speakers)
    sections = list(brief.sections())
    passages = section_passages(brief, ctx)
    rules = naming_rules(brief)
    results: dict[int, tuple[Section | None, list[str]]] = {}
    with ThreadPoolExecutor(
        max_workers=options.concurrency, thread_name_prefix="podium-llm"
    ) as pool:
        futures = {
            pool.submit(writer.section, s, passages[s.number], rules[s.number]): s.number
            for s in sections
        }
        for done, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            progress(
                0.05 + 0.8 * done / max(len(sections), 1), f"section {futures[future]} written"
            )

    new = copy.deepcopy(brief)
    sources: dict[int, Source] = {}
    repairs: list[str] = []
    for part in new.parts:
        for position, section in enumerate(part.sections):
            rewritten, notes = results[section.number]
            repairs.extend(notes)
            if rewritten is not None:
                part.sections[position] = rewritten
                sources[section.number] = "llm"
            else:
                sources[section.number] = "extractive"

    progress(0.87, "writing the intro")
    try:
        intro, notes = writer.intro(new)
    except Exception as error:  # noqa: BLE001 - the intro's surprise must not sink the brief
        intro, notes = (
            None,
            [f"intro: kept the extractive text (unexpected {type(error).__name__}: {error})"],
        )
    repairs.extend(notes)
    sources[0] = "extractive"
    if intro is not None:
        new.intro, part_titles = intro
        for part, title in zip(new.parts, part_titles, strict=False):
            part.title = title
        sources[0] = "llm"

    progress(0.92, "verifying the brief")
    report = revert_failures(new, brief, transcript, speakers, ctx, sources, repairs)
    seconds = time.perf_counter() - started
    result = LLMResult(
        brief=new,
        report=report,
        sources=sources,
        usage=client.usage,
        repairs=repairs,
        seconds=seconds,
    )
    new.metadata.update(_metadata(options, result))
    progress(1.0, "done")
    return result


def naming_rules(brief: Brief) -> dict[int, tuple[str, str, bool]]:
    """Section number -> (full name, surname, first mention?) of its main speaker, in brief order."""
    seen: set[str] = set()
    rules: dict[int, tuple[str, str, bool]] = {}
    for section in brief.sections():
        name = section.speakers[0] if section.speakers else ""
        surname = name.split()[-1] if name.split() else name
        rules[section.number] = (name, surname, name not in seen)
        seen.add(name)
    return rules


class _Writer:
    """The per-brief state the section threads share."""

    def __init__(
        self,
        brief: Brief,
        transcript: Transcript,
        ctx: Context,
        client: ChatClient,
        speakers: list[Speaker] | None,
    ):
        self.brief = brief
        self.transcript = transcript
        self.ctx = ctx
        self.client = client
        self.speakers = speakers
        self.section_prompt: Prompt = load_prompt(*SECTION_PROMPT)
        self.intro_prompt: Prompt = load_prompt(*INTRO_PROMPT)
        self.verify_lock = threading.Lock()

    # --- the ask / check / ask-again loop ------------------------------------------
    def _ask(
        self,
        label: str,
        messages: Callable[[str], list[dict[str, str]]],
        schema: dict[str, Any],
        check: Callable[[dict[str, Any], str], _Attempt],
    ) -> tuple[Any, list[str]]:
        notes: list[str] = []
        feedback = ""
        backup: _Attempt | None = None
        for attempt in (1, 2):
            try:
                reply = self.client.complete_json(
                    messages(feedback), schema=schema, name=schema_name(schema)
                )
            except MalformedAnswer as error:
                result = _Attempt(None, [str(error)], "")
            except LLMError as error:
                notes.append(f"{label}: kept the extractive text ({error})")
                return None, notes
            else:
                result = check(reply.data, reply.text)
            usable = result.value is not None and not result.problems
            if usable and (not result.doubts or attempt == 2):
                if attempt == 2 and backup is not None and len(backup.doubts) < len(result.doubts):
                    notes.append(f"{label}: kept the model's first answer (fewer doubts)")
                    return backup.value, notes
                if attempt == 2:
                    notes.append(f"{label}: written by the model on the second try")
                return result.value, notes
            if attempt == 1:
                if usable:
                    backup = result  # no fail: the fallback if the second answer is worse
                asked = result.problems or result.doubts
                notes.append(f"{label}: asked again ({'; '.join(asked)[:300]})")
                feedback = feedback_text(asked, result.answer)
            elif backup is not None:
                notes.append(
                    f"{label}: kept the model's first answer (the second failed: "
                    f"{'; '.join(result.problems)[:300]})"
                )
                return backup.value, notes
            else:
                notes.append(
                    f"{label}: kept the extractive text ({'; '.join(result.problems)[:300]})"
                )
        return None, notes

    # --- sections -------------------------------------------------------------------
    def section(
        self, section: Section, passage: Passage, rule: tuple[str, str, bool]
    ) -> tuple[Section | None, list[str]]:
        label = f"section {section.number}"
        if not passage.lines or not section.speakers:
            return None, [
                f"{label}: kept the extractive text (no transcript passage of its speakers)"
            ]
        name, surname, first = rule
        if first:
            name_rule = (
                f'call the speaker "{name}" (full name: this is the first mention in the brief).'
            )
        else:
            name_rule = (
                f'call the speaker "{surname}" (surname only: the full name was given earlier).'
            )
        quotes = "\n".join(f'- "{q.text}" ({q.speaker or name})' for q in section.quotes) or (
            "(none: use no quotation marks)"
        )
        others = ", ".join(section.speakers[1:]) or "none"

        def messages(feedback: str) -> list[dict[str, str]]:
            return self.section_prompt.messages(
                speaker=name,
                others=others,
                name_rule=name_rule,
                quotes=quotes,
                start=format_time(passage.start),
                end=format_time(passage.end),
                passage=passage.text,
                facts=section_facts(section),
                feedback=feedback,
            )

        def check(data: dict[str, Any], answer: str) -> _Attempt:
            return self.check_section(section, data, answer, rule)

        try:
            return self._ask(label, messages, SECTION_SCHEMA, check)
        except Exception as error:  # noqa: BLE001 - one section's surprise must not sink the brief
            return None, [
                f"{label}: kept the extractive text (unexpected {type(error).__name__}: {error})"
            ]

    def check_section(
        self, section: Section, data: dict[str, Any], answer: str, rule: tuple[str, str, bool]
    ) -> _Attempt:
        """Build the model's section and list every rule or verification failure."""
        title, summary = data.get("title"), data.get("summary")
        if isinstance(summary, list) and all(isinstance(p, str) for p in summary):
            summary = "\n\n".join(summary)  # some models answer with a list of paragraphs
        if (
            not isinstance(title, str)
            or not title.strip()
            or not isinstance(summary, str)
            or not summary.strip()
        ):
            return _Attempt(None, ['the answer needs a non-empty "title" and "summary"'], answer)
        problems: list[str] = []
        title = " ".join(title.split()).rstrip(".;:")
        if len(title.split()) > MAX_TITLE_WORDS or find_quotes(title)[0] or find_quotes(title)[1]:
            problems.append(f"[title] {title!r}: a title is 2 to 7 words without quotation marks")
        elif not is_good_title(title):
            problems.append(
                f"[title] {title!r}: a title is a noun phrase of 2 to 7 words, not one word "
                "and not starting with a verb"
            )
        paragraphs = [
            " ".join(p.split()) for p in re.split(r"\n\s*\n", summary.strip()) if p.strip()
        ]
        if any(p.startswith(("#", "- ", "* ")) or "**" in p for p in paragraphs):
            problems.append("[summary] plain prose only: no Markdown headings, lists or bold")
        paragraphs, quotes, quote_problems = place_quotes(paragraphs, section)
        problems += quote_problems
        name, surname, first = rule
        text = " ".join(paragraphs)
        pronouns = pronouns_outside_quotes(text)
        if pronouns:
            problems.append(
                f"[summary] {', '.join(dict.fromkeys(pronouns))} outside quotation marks: "
                "report in the third person"
            )
        named = _mentions(text, name) or (not first and _mentions(text, surname))
        if not named:
            wanted = name if first else f"{surname} (or {name})"
            problems.append(f"[names] the summary must name the speaker as {wanted}")
        candidate = Section(
            number=section.number,
            title=title,
            start=section.start,
            speakers=list(section.speakers),
            summary=paragraphs,
            quotes=quotes,
        )
        probe = Brief(title=self.brief.title, parts=[Part("", [candidate])])
        with self.verify_lock:
            report = verify(probe, self.transcript, speakers=self.speakers, context=self.ctx)
        problems += [finding_line(f) for f in report.failures()]
        doubts = [finding_line(f) for f in report.findings if is_doubt(f)]
        return _Attempt(candidate, problems, answer, doubts)

    # --- intro and Part titles ------------------------------------------------------------
    def intro(self, brief: Brief) -> tuple[tuple[list[str], list[str]] | None, list[str]]:
        names: list[str] = []
        for section in brief.sections():
            names += [n for n in section.speakers if n not in names]
        titled = [p for p in brief.parts if p.title]
        parts = (
            "\n".join(
                f"{_part_heading(p.title)[1] or p.title}: " + "; ".join(s.title for s in p.sections)
                for p in titled
            )
            or "(none: answer with an empty list)"
        )
        titles_seen = [s.title for s in brief.sections()]
        material = "\n".join([brief.title, *brief.intro, *brief.context, *names, *titles_seen])
        baseline = self._intro_warnings(brief, brief.intro)

        def messages(feedback: str) -> list[dict[str, str]]:
            return self.intro_prompt.messages(
                title=brief.title,
                speakers=", ".join(names) or "(not known)",
                opening=brief.intro[0] if brief.intro else "(none yet)",
                rest="\n".join(brief.intro[1:] + brief.context) or "(none)",
                parts=parts,
                feedback=feedback,
            )

        def check(data: dict[str, Any], answer: str) -> _Attempt:
            intro = data.get("intro")
            if not isinstance(intro, str) or not intro.strip():
                return _Attempt(None, ['the answer needs a non-empty "intro"'], answer)
            intro = " ".join(intro.split())
            problems = []
            if any(themes_in(s) > 3 for s in re.split(r"(?<=[.!?])\s+", intro)):
                problems.append("[intro] name two or three themes in a sentence, not a list")
            if len(intro.split()) > MAX_INTRO_WORDS:
                problems.append(f"[intro] {len(intro.split())} words; at most 90")
            spans, unpaired = find_quotes(intro)
            if spans or unpaired:
                problems.append("[intro] no quotation marks in the intro")
            problems += [
                f"[intro] {n!r} is not in the material" for n in new_numbers(intro, material)
            ]
            for subject in self._intro_warnings(brief, [intro, *brief.intro[1:]]) - baseline:
                problems.append(
                    f"[names] {subject!r} is not a speaker of the event: do not name them"
                )
            titles = [p.title for p in brief.parts]
            wanted = data.get("parts") or []
            if titled:
                if not isinstance(wanted, list) or len(wanted) != len(titled):
                    pass  # Part headings are optional: the engine's stay
                else:
                    titles = []
                    new_titles = iter(wanted)
                    for part in brief.parts:
                        if not part.title:
                            titles.append(part.title)
                            continue
                        heading = " ".join(str(next(new_titles)).split()).strip(" .:")
                        prefix, _ = _part_heading(part.title)
                        if (
                            not heading
                            or len(heading.split()) > MAX_PART_WORDS
                            or _NUMBER.search(heading)
                        ):
                            problems.append(
                                f"[parts] {heading!r}: a heading is 2 to 5 words without numbers"
                            )
                        elif find_quotes(heading)[0] or find_quotes(heading)[1]:
                            problems.append(f"[parts] {heading!r}: no quotation marks")
                        titles.append(f"{prefix}: {heading}" if prefix else heading)
            return _Attempt(([intro, *brief.intro[1:]], titles), problems, answer)

        return self._ask("intro", messages, INTRO_SCHEMA, check)

    def _intro_warnings(self, brief: Brief, intro: list[str]) -> set[str]:
        """Names the names check flags (warn or fail) in an intro."""
        probe = Brief(title=brief.title, intro=intro, context=list(brief.context))
        with self.verify_lock:
            report = verify(probe, self.transcript, speakers=self.speakers, context=self.ctx)
        return {f.subject for f in report.findings if f.section == 0 and f.status != "ok"}


def section_facts(section: Section) -> str:
    """What the extractive writer made of the section (from the parse), for the prompt."""
    summary = " ".join(section.summary)
    return "\n".join(
        [
            f"- subject (the extractive title): {section.title}",
            f"- the claim, detail and quote in the third person: {summary}",
        ]
    )


def place_quotes(
    paragraphs: list[str], section: Section
) -> tuple[list[str], list[Quote], list[str]]:
    """Match the model's quoted spans to the section's required quotes.

    A span whose words (case, punctuation and fillers aside) are a required
    quote is printed with the engine's exact wording; a required quote not
    used, or a span that is not one, is a problem. Returns the paragraphs,
    the quotes in order of appearance (extra spans attributed to the main
    speaker, so the verifier checks them too) and the problems.
    """
    required = {_norms(q.text): q for q in section.quotes}
    used: set[tuple[str, ...]] = set()
    quotes: list[Quote] = []
    problems: list[str] = []
    out: list[str] = []
    main = section.speakers[0] if section.speakers else None
    for paragraph in paragraphs:
        spans, unpaired = find_quotes(paragraph)
        if unpaired:
            problems.append("[quote] a quotation mark without its partner")
        pieces: list[str] = []
        cursor = 0
        for span in spans:
            key = _norms(span.text)
            pieces.append(paragraph[cursor : span.start])
            if key in required and key not in used:
                quote = required[key]
                used.add(key)
                quotes.append(Quote(quote.text, quote.speaker))
                pieces.append(f'"{quote.text}"')
            else:
                quotes.append(Quote(span.text, main))
                problems.append(
                    f'[quote] "{span.text}": only the required quotes may be in quotation marks'
                )
                pieces.append(paragraph[span.start : span.end])
            cursor = span.end
        pieces.append(paragraph[cursor:])
        out.append("".join(pieces))
    for key, quote in required.items():
        if key not in used:
            problems.append(
                f'[quote] the required quote "{quote.text}" is missing or altered: use it verbatim'
            )
    return out, quotes, problems


_DOUBTS = ("No clear support", "Not mentioned in the transcript", "as far as it was found")


def is_doubt(finding: Finding) -> bool:
    """A claim warning that model prose should not carry: no support, unknown terms, doubts."""
    return (
        finding.check == "claim"
        and finding.status == "warn"
        and any(d in finding.message for d in _DOUBTS)
    )


def finding_line(finding: Finding) -> str:
    """A verification failure as one line of feedback for the model."""
    line = f'[{finding.check}] "{finding.subject}": {finding.message}'
    if finding.suggestion:
        line += f" (the transcript says: {finding.suggestion})"
    return line


def feedback_text(problems: list[str], answer: str) -> str:
    """The ``$feedback`` slot of a second request: the previous answer and what failed."""
    lines = ["", "Your previous answer failed these checks against the transcript:"]
    lines += [f"- {p}" for p in problems]
    if answer.strip():
        lines += ["", "Your previous answer was:", answer.strip()[:2000]]
    lines += ["", "Write the whole answer again, fixing every problem, as one JSON object."]
    return "\n".join(lines)


def schema_name(schema: dict[str, Any]) -> str:
    return "section" if "summary" in schema["properties"] else "intro"


def revert_failures(
    new: Brief,
    original: Brief,
    transcript: Transcript,
    speakers: list[Speaker] | None,
    ctx: Context,
    sources: dict[int, Source],
    repairs: list[str],
) -> Report:
    """Verify the whole brief; put back the extractive prose of model-written parts that fail.

    `sources` (section number -> "llm"/"extractive", 0 = intro and Part titles)
    is updated in place and each revert is added to `repairs`. Returns the
    report of the brief as it is left.
    """
    report = verify(new, transcript, speakers=speakers, context=ctx)
    for _ in range(3):
        failing = {f.section for f in report.failures() if sources.get(f.section) == "llm"}
        if not failing:
            break
        for number in sorted(failing):
            if number == 0:
                new.intro = list(original.intro)
                for part, old in zip(new.parts, original.parts, strict=True):
                    part.title = old.title
            else:
                for part in new.parts:
                    part.sections = [
                        copy.deepcopy(original.section(number)) if s.number == number else s
                        for s in part.sections
                    ]
            sources[number] = "extractive"
            label = "intro" if number == 0 else f"section {number}"
            repairs.append(
                f"{label}: kept the extractive text (failed verification within the whole brief)"
            )
        report = verify(new, transcript, speakers=speakers, context=ctx)
    return report


def _metadata(options: LLMOptions, result: LLMResult) -> dict[str, str]:
    u = result.usage
    return {
        "writer": "llm",
        **options.describe(),
        "llm_prompts": ", ".join(f"{n}.{v}" for n, v in (SECTION_PROMPT, INTRO_PROMPT)),
        "llm_sources": result.sources_line(),
        "llm_usage": (
            f"requests {u.requests}, tokens in {u.prompt_tokens}, tokens out {u.completion_tokens}, "
            f"{result.seconds:.1f} s"
        ),
    }


def _norms(text: str) -> tuple[str, ...]:
    return tuple(t.norm for t in normalise(text))


def _mentions(text: str, name: str) -> bool:
    return bool(name) and re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text) is not None


def _part_heading(title: str) -> tuple[str, str]:
    """("Part I", "The Diagnosis") from "Part I: The Diagnosis"; ("", title) without a prefix."""
    match = _PART_PREFIX.match(title)
    if not match:
        return "", title
    return match.group(1), title[match.end() :]


def new_numbers(text: str, material: str) -> list[str]:
    """The numbers of `text` that `material` does not hold ("1,000" and "1000" alike)."""
    known = {n.strip(".,").replace(",", "") for n in _NUMBER.findall(material)}
    return [
        n.strip(".,") for n in _NUMBER.findall(text) if n.strip(".,").replace(",", "") not in known
    ]
