"""The whole-document brief editor: title, intro, closing, Parts, and section structure.

Every operation is a plain function over a copy of the current engine `Brief`
(`podium.engine.brief.model`); `edit_document` dispatches an operation by name,
checks the version the editor's form was made from (optimistic concurrency,
`transitions.check_version`, and again under the row lock in `save_version`),
and saves the result as a new `BriefVersion`. Sections are renumbered 1..n in
document order after every structural change.

Re-verification of only what changed happens in `save_version`
(`reusable_findings`): a section whose content (title, ▶ time, speakers,
summary, quotes with their speakers) is identical to a section of the version
the edit was made from keeps that section's findings (renumbered); only new or
changed sections go through the engine's per-section checks, and names are
checked over the whole brief every time (`podium.engine.verify.verify(reuse=)`).

Sentence boundaries for "split at a sentence" come from the claim check's
segmenter (`podium.engine.verify.claim.split_summary`, pysbd), so the editor
offers the same sentences verification reads.

Drafts (autosave) are kept per user, brief and field in `EditorDraft` rows:
`save_draft` overwrites, `draft_for` restores, `discard_draft` deletes (also
done when the field is saved as a version).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from podium.briefs.domain.content import load_brief
from podium.briefs.domain.errors import WorkflowError
from podium.briefs.domain.transitions import check_version
from podium.briefs.models import Brief, BriefVersion, EditorDraft
from podium.engine.brief.model import Part, Section
from podium.engine.timefmt import format_time, parse_time

MAX_DRAFT_CHARS = 100_000
"""A draft is the text of one form; anything longer is not an editor's typing."""


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs separated by a blank line (Windows line ends accepted), stripped, empty dropped."""
    return [
        p.strip() for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")) if p.strip()
    ]


def _sections(engine_brief) -> list[Section]:
    return list(engine_brief.sections())


def renumber(engine_brief) -> None:
    """Number the sections 1..n in document order and drop Parts left without sections."""
    engine_brief.parts = [p for p in engine_brief.parts if p.sections]
    for number, section in enumerate(_sections(engine_brief), start=1):
        section.number = number


def _find(engine_brief, number: int) -> tuple[int, int]:
    """(part index, index in part) of section `number`."""
    for p, part in enumerate(engine_brief.parts):
        for i, section in enumerate(part.sections):
            if section.number == number:
                return p, i
    raise WorkflowError(f"There is no section {number}; reload the page.")


def _part(engine_brief, index: int) -> Part:
    if not 0 <= index < len(engine_brief.parts):
        raise WorkflowError(f"There is no Part {index + 1}; reload the page.")
    return engine_brief.parts[index]


def _requote(section: Section, speakers_by_text: dict[str, str] | None = None) -> None:
    """Recompute a section's quotes from its summary, keeping each known quote's speaker."""
    from podium.briefs.domain.briefs import quotes_in

    known = {q.text: q.speaker for q in section.quotes if q.speaker}
    known.update({k: v for k, v in (speakers_by_text or {}).items() if v})
    main = section.speakers[0] if section.speakers else None
    section.quotes = quotes_in(section.summary, main)
    for quote in section.quotes:
        quote.speaker = known.get(quote.text, main)


# --- the operations (each changes `b`, a copy, and returns the note of the version) ---


def _set_text(b, *, title: str = "", intro: str = "", context: str = "", closing: str = "", **_):
    title = (title or "").strip()
    if not title:
        raise WorkflowError("The brief needs a title.")
    changed = []
    for name, new in (
        ("title", title),
        ("intro", paragraphs_of(intro)),
        ("context", paragraphs_of(context)),
        ("closing", paragraphs_of(closing)),
    ):
        if getattr(b, name) != new:
            setattr(b, name, new)
            changed.append(name)
    return f"{', '.join(changed).capitalize()} edited" if changed else ""


def _rename_part(b, *, part: int, title: str = "", **_):
    title = (title or "").strip()
    target = _part(b, part)
    if not title and part > 0:
        raise WorkflowError("A Part after the first needs a heading (or remove the Part).")
    if title == target.title:
        return ""
    old, target.title = target.title, title
    return f"Part {part + 1} renamed: “{old or '(untitled)'}” → “{title or '(untitled)'}”"


def _add_part(b, *, title: str = "", start: int, **_):
    """A new Part beginning at section `start`: it and the sections after it in its Part move in."""
    title = (title or "").strip()
    if not title:
        raise WorkflowError("Give the new Part a heading, such as “Part II: The Treatment Plan”.")
    p, i = _find(b, int(start))
    part = b.parts[p]
    moved = part.sections[i:]
    if i == 0 and p == 0 and not part.title:  # the untitled opening Part simply gets a heading
        part.title = title
        return f"Part “{title}” added at section {start}"
    part.sections = part.sections[:i]
    b.parts.insert(p + 1, Part(title=title, sections=moved))
    return f"Part “{title}” added at section {start}"


def _remove_part(b, *, part: int, **_):
    """Remove a Part heading; its sections join the Part before it (or the next one)."""
    target = _part(b, part)
    if len(b.parts) == 1:
        if not target.title:
            raise WorkflowError("The brief has no Part headings to remove.")
        target.title = ""
        return "Part heading removed"
    into = b.parts[part - 1] if part > 0 else b.parts[1]
    if part > 0:
        into.sections.extend(target.sections)
    else:
        into.sections[:0] = target.sections
    del b.parts[part]
    return f"Part “{target.title or '(untitled)'}” removed; its sections kept"


def _add_section(
    b, *, part: int, title: str = "", summary: str = "", start: str = "", speaker: str = "", **_
):
    title, paragraphs = (title or "").strip(), paragraphs_of(summary)
    if not title:
        raise WorkflowError("The new section needs a title.")
    if not paragraphs:
        raise WorkflowError("The new section needs a summary.")
    seconds = _time(start)
    section = Section(
        number=0,
        title=title,
        start=seconds,
        speakers=[speaker.strip()] if (speaker or "").strip() else [],
        summary=paragraphs,
    )
    _requote(section)
    _part(b, part).sections.append(section)
    return f"Section “{title}” added"


def _delete_section(b, *, number: int, **_):
    if len(_sections(b)) <= 1:
        raise WorkflowError("A brief needs at least one section: edit this one instead.")
    p, i = _find(b, int(number))
    section = b.parts[p].sections.pop(i)
    return f"Section {number} (“{section.title}”) deleted"


def _move_section(b, *, number: int, direction: str, **_):
    """One place up or down; at the edge of a Part the section crosses into the next Part."""
    number = int(number)
    p, i = _find(b, number)
    parts = b.parts
    section = parts[p].sections[i]
    if direction == "up":
        if i > 0:
            parts[p].sections[i - 1], parts[p].sections[i] = section, parts[p].sections[i - 1]
        elif p > 0:
            parts[p].sections.pop(0)
            parts[p - 1].sections.append(section)
        else:
            raise WorkflowError(f"Section {number} is already the first.")
    elif direction == "down":
        if i < len(parts[p].sections) - 1:
            parts[p].sections[i + 1], parts[p].sections[i] = section, parts[p].sections[i + 1]
        elif p < len(parts) - 1:
            parts[p].sections.pop()
            parts[p + 1].sections.insert(0, section)
        else:
            raise WorkflowError(f"Section {number} is already the last.")
    else:
        raise WorkflowError("Move a section up or down.")
    return f"Section {number} (“{section.title}”) moved {direction}"


def _merge_sections(b, *, number: int, **_):
    """Section `number` takes in the section after it (summary, quotes, speakers; first ▶ time)."""
    number = int(number)
    sections = _sections(b)
    first = next((s for s in sections if s.number == number), None)
    if first is None:
        raise WorkflowError(f"There is no section {number}; reload the page.")
    position = sections.index(first)
    if position == len(sections) - 1:
        raise WorkflowError(f"Section {number} is the last: there is no next section to merge.")
    second = sections[position + 1]
    first.summary = first.summary + second.summary
    first.quotes = first.quotes + second.quotes
    first.speakers = first.speakers + [s for s in second.speakers if s not in first.speakers]
    if first.start is None:
        first.start = second.start
    p, i = _find(b, second.number)
    b.parts[p].sections.pop(i)
    return f"Sections {number} and {second.number} merged (“{first.title}”)"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A place a section can be split: before sentence `index` (0-based over the summary)."""

    index: int
    paragraph: int
    text: str


def sentences_of(section: Section) -> list[Sentence]:
    from podium.engine.verify.claim import split_summary

    found, index = [], 0
    for p, paragraph in enumerate(section.summary):
        for text in split_summary(paragraph):
            found.append(Sentence(index=index, paragraph=p, text=text))
            index += 1
    return found


def _split_paragraphs(section: Section, at: int) -> tuple[list[str], list[str]]:
    """The summary before and from sentence `at`, cut inside the paragraph's own text."""
    sentences = sentences_of(section)
    if not 0 < at < len(sentences):
        raise WorkflowError("Choose a sentence after the first one to split the section at.")
    target = sentences[at]
    paragraph = section.summary[target.paragraph]
    offset = 0
    for s in sentences:
        if s.paragraph != target.paragraph:
            continue
        position = paragraph.find(s.text, offset)
        if position < 0:  # the segmenter normalised something: cut at the sentence text
            position = offset
        if s.index == at:
            head, tail = paragraph[:position].strip(), paragraph[position:].strip()
            before = section.summary[: target.paragraph] + ([head] if head else [])
            after = ([tail] if tail else []) + section.summary[target.paragraph + 1 :]
            return before, after
        offset = position + len(s.text)
    raise WorkflowError("That sentence no longer exists; reload the page.")


def _split_section(b, *, number: int, at: int, title: str = "", **_):
    """Section `number` ends before sentence `at`; the rest becomes a new section after it."""
    number, at = int(number), int(at)
    p, i = _find(b, number)
    section = b.parts[p].sections[i]
    before, after = _split_paragraphs(section, at)
    title = (title or "").strip() or f"{section.title} (continued)"
    speakers_by_text = {q.text: q.speaker for q in section.quotes if q.speaker}
    rest = Section(
        number=0,
        title=title,
        start=section.start,
        speakers=list(section.speakers),
        summary=after,
    )
    section.summary = before
    _requote(section, speakers_by_text)
    _requote(rest, speakers_by_text)
    b.parts[p].sections.insert(i + 1, rest)
    return f"Section {number} split at sentence {at + 1}; the rest is “{title}”"


def _time(value) -> float | None:
    if value in (None, ""):
        return None
    try:
        return parse_time(str(value).strip())
    except ValueError:
        raise WorkflowError(f"“{value}” is not a time: write m:ss or h:mm:ss.") from None


OPERATIONS = {
    "text": _set_text,
    "rename_part": _rename_part,
    "add_part": _add_part,
    "remove_part": _remove_part,
    "add_section": _add_section,
    "delete_section": _delete_section,
    "move_section": _move_section,
    "merge_sections": _merge_sections,
    "split_section": _split_section,
}
"""The document editor's operations by the name its forms post as `op`."""

DRAFT_KEYS = {"text": "document"}
"""The draft a successful operation discards (the form whose text it saved)."""


def edit_document(
    *, brief: Brief, op: str, user=None, expected_version: int | None = None, **fields
) -> BriefVersion:
    """Apply one document operation to the current version and save the result as a new version.

    Returns the current version unchanged when the operation changes nothing.
    Raises `StaleVersion` when `expected_version` is no longer current and
    `WorkflowError` with a sentence for the editor on bad input.
    """
    from podium.briefs.domain.briefs import _current, save_version

    operation = OPERATIONS.get(op)
    if operation is None:
        raise WorkflowError(f"Unknown document action “{op}”.")
    check_version(brief, expected_version)
    engine_brief = copy.deepcopy(_current(brief))
    try:
        note = operation(engine_brief, **fields)
    except (TypeError, ValueError):
        raise WorkflowError("The form was incomplete; reload the page and try again.") from None
    renumber(engine_brief)
    if not note:
        return brief.current_version
    version = save_version(
        brief=brief,
        engine_brief=engine_brief,
        origin=BriefVersion.Origin.EDITED,
        user=user,
        note=note,
        expected_version=expected_version,
    )
    if op in DRAFT_KEYS:
        discard_draft(brief=brief, user=user, key=DRAFT_KEYS[op])
    return version


# --- drafts (autosave) -------------------------------------------------------------------------

_DRAFT_KEY = re.compile(r"^(document|section-\d{1,4})$")


def _check_key(key: str) -> str:
    if not _DRAFT_KEY.match(key or ""):
        raise WorkflowError(f"“{key}” is not a field of the brief editor.")
    return key


def save_draft(*, brief: Brief, user, key: str, data: dict[str, str]) -> EditorDraft:
    """Keep the text being typed in a form (one draft per user, brief and form; overwritten)."""
    _check_key(key)
    clean = {str(k)[:40]: str(v) for k, v in data.items() if k not in ("csrfmiddlewaretoken",)}
    if sum(len(v) for v in clean.values()) > MAX_DRAFT_CHARS:
        raise WorkflowError(f"The draft is longer than {MAX_DRAFT_CHARS:,} characters.")
    version = brief.current_version.number if brief.current_version else 0
    draft, _ = EditorDraft.objects.update_or_create(
        brief=brief, user=user, key=key, defaults={"data": clean, "base_version": version}
    )
    return draft


def draft_for(*, brief: Brief, user, key: str) -> EditorDraft | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return EditorDraft.objects.filter(brief=brief, user=user, key=_check_key(key)).first()


def discard_draft(*, brief: Brief, user, key: str) -> None:
    if getattr(user, "is_authenticated", False):
        EditorDraft.objects.filter(brief=brief, user=user, key=_check_key(key)).delete()


# --- what the document editor page shows ------------------------------------------------------


def document_of(version: BriefVersion) -> dict:
    """The current version as the editor page lists it: text fields, Parts and their sections."""
    engine_brief = load_brief(version)
    parts = []
    for p, part in enumerate(engine_brief.parts):
        parts.append(
            {
                "index": p,
                "title": part.title,
                "sections": [
                    {
                        "number": s.number,
                        "title": s.title,
                        "start": s.start,
                        "time": "" if s.start is None else format_time(s.start),
                        "speakers": s.speakers,
                        "sentences": sentences_of(s),
                    }
                    for s in part.sections
                ],
            }
        )
    numbers = [s.number for s in engine_brief.sections()]
    return {
        "title": engine_brief.title,
        "intro": "\n\n".join(engine_brief.intro),
        "context": "\n\n".join(engine_brief.context),
        "closing": "\n\n".join(engine_brief.closing),
        "parts": parts,
        "first": numbers[0] if numbers else 0,
        "last": numbers[-1] if numbers else 0,
    }
