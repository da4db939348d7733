"""The bridge between stored rows and the engine's data: briefs, transcripts, reports.

Briefs are stored as `render_brief(brief, "json")` and read back with
`parse_brief`; transcripts as `format_transcript(t, "json")` and read back with
`parse_transcript`. The speaker map of a transcript version is applied here, so
every caller sees the event's names instead of SPEAKER_00 labels.
"""

from __future__ import annotations

from podium.engine.speakers import Speaker


def load_brief(version):
    """The engine `Brief` of a `BriefVersion`."""
    from podium.engine.brief import parse_brief

    return parse_brief(version.content, source=f"brief version {version.number}")


def dump_brief(brief) -> str:
    from podium.engine.brief import render_brief

    return render_brief(brief, "json")


def load_transcript(transcript_version, *, mapped: bool = True):
    """The engine `Transcript` of a `TranscriptVersion`, speaker map applied unless `mapped=False`."""
    from podium.engine.transcript import parse_transcript

    transcript = parse_transcript(
        transcript_version.content,
        format="json",
        source=transcript_version.original_name or f"transcript {transcript_version.pk}",
    )
    names = {k: v for k, v in (transcript_version.speaker_map or {}).items() if v}
    return transcript.renamed(names) if mapped and names else transcript


def dump_transcript(transcript) -> str:
    from podium.engine.transcript import format_transcript

    return format_transcript(transcript, "json")


def event_speakers(event) -> list[Speaker]:
    """The event's speakers as engine `Speaker`s (name, role, title, organisation)."""
    speakers = []
    for appearance in event.speakers.select_related("person", "person__organisation"):
        person = appearance.person
        organisation = appearance.organisation_name or (
            person.organisation.name if person.organisation else None
        )
        speakers.append(
            Speaker(
                name=person.name,
                role=appearance.role or None,
                title=appearance.title or person.title or None,
                organisation=organisation,
            )
        )
    return speakers


def event_vocabulary(event) -> list[str]:
    """The event's own words for speech-to-text to spell right, most important first.

    Speakers' names and organisations, the partners (co-organisers, sponsors),
    the topics, the proper names in the title, summary, description and
    sponsor line (`vocabulary.text_terms`), then the staff's word list
    (`PODIUM_ASR_VOCABULARY`: a file with one name or term per line, ``#``
    comments). `vocabulary.initial_prompt` keeps each term once and caps the
    prompt, so the first terms win when there are many.
    """
    import os

    from django.conf import settings

    from podium.engine.asr.vocabulary import read_word_list, speaker_terms, text_terms

    terms = speaker_terms(event_speakers(event))
    partners = event.partners.select_related("organisation").order_by("kind", "order", "id")
    terms += [partner.organisation.name for partner in partners]
    terms += [topic.name for topic in event.topics.all()]
    for text in (event.title, event.summary, event.description, event.sponsor_text):
        terms += text_terms(text)
    word_list = getattr(settings, "PODIUM_ASR_VOCABULARY", None) or os.environ.get(
        "PODIUM_ASR_VOCABULARY"
    )
    if word_list:
        terms += read_word_list(word_list)
    return terms
