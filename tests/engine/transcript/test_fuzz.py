"""Any text either reads as a transcript or raises one `TranscriptError`; nothing else escapes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium.engine.errors import TranscriptError
from podium.engine.transcript import READ_FORMATS, Transcript, parse_transcript

PIECES = [
    "WEBVTT", "\n", "\n\n", "\r\n", " ", "-->", " --> ", "00:00:01.000", "00:00:02,500", "1:02:03",
    "10:40", "99:99", "00:0x:05.000", "<v Dana Whitfield>", "<v.loud A>", "</v>", "<i>", "<", ">",
    "&amp;", "&", "NOTE", "STYLE", "REGION", "Dana Whitfield:", "[Min-jun Park]", "[Applause]",
    "1", "2", "{", "}", "[", "]", '"segments"', '"start"', '"end"', '"text"', '"words"', ":", ",",
    "0.5", "-1", "null", "true", '"x"', "[00:10:40]", "Speaker 1  0:05", "### A · 1:00", "\ufeff",
    "text", "é", "\x00", "meeting_transcripts",
]  # fmt: skip
documents = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([None, *READ_FORMATS]))
def test_any_text_reads_or_raises_a_transcript_error(text, fmt):
    try:
        transcript = parse_transcript(text, format=fmt, source="fuzz")
    except TranscriptError as error:
        assert str(error).startswith("fuzz")
        assert "\n" not in error.reason
        return
    assert isinstance(transcript, Transcript)
    assert transcript.segments
    for segment in transcript.segments:
        assert 0 <= segment.start <= segment.end
    starts = [s.start for s in transcript.segments]
    assert starts == sorted(starts)
    for earlier, later in zip(transcript.segments, transcript.segments[1:], strict=False):
        assert earlier.end <= later.start + 1e-9
