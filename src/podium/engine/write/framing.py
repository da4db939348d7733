"""An LLM-written framing sentence for an "ask" answer, verified like a brief summary.

`podium.engine.search.build_answer` frames its verified quotes with a fixed
sentence ("On “Q”, 2 speakers at 2 events, in their own words:"). With an
LLM configured (`LLMOptions`, ``PODIUM_LLM_*``), `frame_answer` asks the
model (prompt ``framing.v1``, through `podium.engine.llm.ChatClient`) for one
sentence that says what the quotes say, and keeps it only if it passes what a
brief's summary passes:

- the verifier (`podium.engine.verify.verify`) on a one-section brief whose
  summary is the sentence, against an evidence transcript made of the shown
  quotes with their speakers: the claim check (supported by what the quoted
  speakers said, no contradicted fact, no number they did not say) and the
  names check (no person who is not among the quoted speakers);
- the writer's own rules: one sentence, at most `MAX_WORDS` words, no
  quotation marks, no number absent from the question and the quotes.

A doubtful claim (no clear support, an unknown term) counts as a problem too:
the framing sits above quotes the reader trusts. The model gets one more try
with the problems listed (as the brief writer does); when that fails too,
or the endpoint does not answer, the fixed sentence stays and `Framing.problems`
says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from podium.engine.brief.model import Brief, Part, Section
from podium.engine.brief.quotes import find_quotes
from podium.engine.llm.client import ChatClient, LLMError
from podium.engine.llm.options import LLMOptions
from podium.engine.llm.prompts import load_prompt
from podium.engine.search.answer import Answer
from podium.engine.transcript.model import Segment, Transcript
from podium.engine.verify import verify
from podium.engine.verify.claim import split_summary
from podium.engine.write.llm import feedback_text, finding_line, is_doubt, new_numbers

FRAMING_PROMPT = ("framing", "v1")
FRAMING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"framing": {"type": "string"}},
    "required": ["framing"],
    "additionalProperties": False,
}
MAX_WORDS = 35
ATTEMPTS = 2
_UNKNOWN = re.compile(r"Not mentioned in the transcript: (.*)\.$")


@dataclass
class Framing:
    text: str
    source: str
    """``"llm"`` when the model's sentence passed, else ``"fixed"``."""
    problems: list[str] = field(default_factory=list)
    """Why a model's sentence was not used (one line per problem and attempt)."""


def evidence_transcript(answer: Answer) -> Transcript:
    """The shown quotes as a transcript, one segment each, spoken by their speakers."""
    segments, clock = [], 0.0
    for quote in answer.quotes:
        text = quote.text.rstrip("…").strip()
        length = len(text.split()) * 0.4
        segments.append(Segment(start=clock, end=clock + length, speaker=quote.speaker, text=text))
        clock += length + 1.0
    return Transcript(segments, title="answer")


def check_framing(sentence: str, answer: Answer) -> list[str]:
    """What is wrong with `sentence` as the framing of `answer` (empty when it may be shown)."""
    problems = []
    if not sentence:
        return ['the answer needs a non-empty "framing"']
    if len(split_summary(sentence)) > 1:
        problems.append("[framing] one sentence only")
    if len(sentence.split()) > MAX_WORDS:
        problems.append(f"[framing] {len(sentence.split())} words; at most {MAX_WORDS}")
    spans, unpaired = find_quotes(sentence)
    if spans or unpaired:
        problems.append("[framing] no quotation marks")
    material = " ".join([answer.question, *(q.text for q in answer.quotes)])
    problems += [f"[framing] {n!r} is not in the quotes" for n in new_numbers(sentence, material)]
    speakers = list(dict.fromkeys(q.speaker for q in answer.quotes))
    section = Section(number=1, title="Answer", speakers=speakers, summary=[sentence])
    brief = Brief(title="Answer", parts=[Part(title="", sections=[section])])
    report = verify(brief, evidence_transcript(answer))
    spoken_names = {w.lower() for name in speakers for w in re.findall(r"[\w'’-]+", name)}
    for finding in report.findings:
        if finding.check not in ("claim", "names"):
            continue
        unknown = _UNKNOWN.search(finding.message)
        if (
            finding.status == "warn"
            and unknown
            and "No clear support" not in finding.message
            and all(t.lower() in spoken_names for t in unknown.group(1).split(", "))
        ):
            continue  # the "unknown term" is a quoted speaker's name (the evidence has it as a label)
        if (
            finding.status == "fail"
            or (finding.check == "names" and finding.status != "ok")
            or is_doubt(finding)
        ):
            problems.append(finding_line(finding))
    return problems


def frame_answer(
    answer: Answer, options: LLMOptions, *, client: ChatClient | None = None
) -> Framing:
    """The model's framing sentence for `answer` when it passes `check_framing`, else the fixed one."""
    if not answer.answered:
        return Framing(answer.framing, "fixed")
    client = client or ChatClient(options)
    prompt = load_prompt(*FRAMING_PROMPT)
    speakers = list(dict.fromkeys(q.speaker for q in answer.quotes))
    sources = {q.source for q in answer.quotes}
    quotes = "\n".join(f'- "{q.text}" ({q.speaker}, {q.source})' for q in answer.quotes)
    problems: list[str] = []
    feedback = ""
    for _ in range(ATTEMPTS):
        messages = prompt.messages(
            question=" ".join(answer.question.split()),
            count=len(answer.quotes),
            people=", ".join(speakers),
            events=f"{len(sources)} event{'s' if len(sources) != 1 else ''}",
            quotes=quotes,
            feedback=feedback,
        )
        try:
            reply = client.complete_json(messages, schema=FRAMING_SCHEMA, name="framing")
        except LLMError as error:
            problems.append(f"[llm] {error}")
            break
        sentence = reply.data.get("framing")
        sentence = " ".join(sentence.split()) if isinstance(sentence, str) else ""
        found = check_framing(sentence, answer)
        if not found:
            return Framing(sentence, "llm", problems)
        problems += found
        feedback = feedback_text(found, reply.text)
    return Framing(answer.framing, "fixed", problems)
