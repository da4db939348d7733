"""`Brief` -> one standalone HTML page: readable typography, no external resources.

Every ▶ time is a link ``<a class="seek" href="#t=2124" data-t="2124">▶ [35:24]</a>``
that a page with the video turns into a seek; quotes are marked
``<span class="quote" data-speaker="…">`` around the original quotation
marks. Everything from the brief is escaped with `html.escape`.
"""

from __future__ import annotations

from html import escape

from podium.engine.brief.model import Brief, Section
from podium.engine.brief.quotes import find_quotes
from podium.engine.brief.render.common import PLAY
from podium.engine.timefmt import format_time

STYLE = """
:root { color-scheme: light dark; --ink: #1d232b; --muted: #5c6672; --accent: #0b5cad;
  --rule: #d9dee4; --paper: #ffffff; --quote: #f3f6fa; }
@media (prefers-color-scheme: dark) { :root { --ink: #e6e9ed; --muted: #a2acb8;
  --accent: #7db7ff; --rule: #39424d; --paper: #14181d; --quote: #1e252d; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 1.0625rem/1.65 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif; }
main { max-width: 42rem; margin: 0 auto; padding: 3rem 1.25rem 4rem; }
.kicker { font: 600 .8rem/1 system-ui, sans-serif; letter-spacing: .08em;
  text-transform: uppercase; color: var(--muted); margin: 0 0 .75rem; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0 0 1.5rem; }
h2 { font: 700 1.05rem/1.3 system-ui, sans-serif; letter-spacing: .04em; text-transform: uppercase;
  color: var(--muted); border-top: 1px solid var(--rule); padding-top: 1.5rem; margin: 2.5rem 0 1rem; }
h3 { font-size: 1.25rem; line-height: 1.3; margin: 2rem 0 .25rem; }
h3 .num { color: var(--muted); font-variant-numeric: tabular-nums; }
.context { color: var(--muted); font-style: italic; }
.speakers { font: .9rem/1.4 system-ui, sans-serif; color: var(--muted); margin: 0 0 .5rem; }
a.seek { font: 600 .85rem/1 system-ui, sans-serif; color: var(--accent); text-decoration: none;
  white-space: nowrap; margin-left: .35rem; padding: .15rem .4rem; border-radius: .3rem;
  border: 1px solid currentColor; font-variant-numeric: tabular-nums; }
a.seek:hover, a.seek:focus { background: var(--accent); color: var(--paper); }
.quote { background: var(--quote); border-radius: .2rem; padding: 0 .1rem; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: 1rem;
  font-size: .9rem; color: var(--muted); }
""".strip()


def seek_link(seconds: float) -> str:
    whole = int(seconds)
    return f'<a class="seek" href="#t={whole}" data-t="{whole}">{PLAY} [{format_time(seconds)}]</a>'


def _quote_speakers(section: Section) -> list[list[str | None]]:
    """The speaker of each quoted span, paragraph by paragraph.

    Quotes are matched to spans in order when they line up (the parser's
    case); otherwise by their text, so hand-made JSON still gets its labels.
    """
    spans = [find_quotes(paragraph)[0] for paragraph in section.summary]
    flat = [span.text for paragraph in spans for span in paragraph]
    if flat == [quote.text for quote in section.quotes]:
        speakers = iter(quote.speaker for quote in section.quotes)
        return [[next(speakers) for _ in paragraph] for paragraph in spans]
    by_text: dict[str, str | None] = {}
    for quote in section.quotes:
        by_text.setdefault(quote.text, quote.speaker)
    return [[by_text.get(span.text) for span in paragraph] for paragraph in spans]


def _paragraph(text: str, speakers: list[str | None]) -> str:
    spans, _ = find_quotes(text)
    out, position = [], 0
    for span, speaker in zip(spans, speakers, strict=True):
        out.append(escape(text[position : span.start]))
        attribute = f' data-speaker="{escape(speaker)}"' if speaker else ""
        out.append(f'<span class="quote"{attribute}>{escape(text[span.start : span.end])}</span>')
        position = span.end
    out.append(escape(text[position:]))
    return f"<p>{''.join(out)}</p>"


def render_html(brief: Brief) -> str:
    body: list[str] = ['<p class="kicker">Program Brief</p>']
    if brief.title:
        body.append(f"<h1>{escape(brief.title)}</h1>")
    body += [f"<p>{escape(p)}</p>" for p in brief.intro]
    body += [f'<p class="context">{escape(line)}</p>' for line in brief.context]
    for part in brief.parts:
        body.append('<section class="part">')
        if part.title:
            body.append(f"<h2>{escape(part.title)}</h2>")
        for section in part.sections:
            link = f" {seek_link(section.start)}" if section.start is not None else ""
            body.append(f'<article class="brief-section" id="section-{section.number}">')
            body.append(
                f'<h3><span class="num">{section.number}.</span> {escape(section.title)}{link}</h3>'
            )
            if section.speakers:
                body.append(f'<p class="speakers">{escape(", ".join(section.speakers))}</p>')
            body += [
                _paragraph(paragraph, speakers)
                for paragraph, speakers in zip(
                    section.summary, _quote_speakers(section), strict=True
                )
            ]
            body.append("</article>")
        body.append("</section>")
    if brief.closing:
        body.append("<footer>")
        body += [f"<p>{escape(line)}</p>" for line in brief.closing]
        body.append("</footer>")
    content = "\n".join(body)
    title = escape(brief.title or "Program Brief")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{STYLE}\n</style>\n</head>\n"
        f"<body>\n<main>\n{content}\n</main>\n</body>\n</html>\n"
    )
