"""QMSum committee meetings (data/qmsum, committed) through the transcript readers."""

from __future__ import annotations

import json

from podium.engine.transcript import format_transcript, parse_transcript, read_transcript
from podium.engine.transcript.qmsum import load_meeting


def test_every_meeting_reads_with_sniffing(qmsum_dir):
    paths = sorted(qmsum_dir.glob("*/*.json"))
    assert len(paths) >= 20
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        transcript = read_transcript(path)
        meeting = load_meeting(path)
        assert transcript.segments == meeting.transcript.segments
        assert transcript.warnings == []
        # every QMSum turn is there, in order, with growing synthesized times
        assert len(meeting.turn_times) == len(data["meeting_transcripts"])
        starts = [s.start for s in transcript.segments]
        assert starts == sorted(starts)
        words = sum(len(t["content"].split()) for t in data["meeting_transcripts"])
        assert transcript.word_count() == words


def test_meeting_speakers_are_names_and_topics_point_at_turns(qmsum_dir):
    meeting = load_meeting(qmsum_dir / "train" / "covid_0.json")
    speakers = meeting.transcript.speakers
    assert all("(" not in s and not s.startswith(("Hon.", "Mr.", "Right Hon.")) for s in speakers)
    turns = len(meeting.turn_times)
    for topic in meeting.topics:
        for first, last in topic.spans:
            assert 0 <= first <= last < turns


def test_qmsum_converts_to_vtt_and_back(qmsum_dir):
    path = sorted((qmsum_dir / "val").glob("*.json"))[0]
    transcript = read_transcript(path, format="qmsum")
    back = parse_transcript(format_transcript(transcript, "vtt"), format="vtt")
    assert [(s.start, s.end, s.speaker, s.text) for s in back.segments] == [
        (s.start, s.end, s.speaker, s.text) for s in transcript.segments
    ]


def test_bad_meeting_files_are_transcript_errors(bad, tmp_path):
    import pytest

    from podium.engine.errors import TranscriptError

    with pytest.raises(TranscriptError, match="binary file"):
        load_meeting(bad / "binary.vtt")
    with pytest.raises(TranscriptError) as caught:
        load_meeting(bad / "truncated.json")
    assert caught.value.line == 12
    broken = tmp_path / "meeting.json"
    broken.write_text(
        '{"meeting_transcripts": [{"speaker": "Chair", "content": "Order."}],\n'
        ' "topic_list": [{"topic": "Opening", "relevant_text_span": [["0", "x"]]}]}',
        encoding="utf-8",
    )
    with pytest.raises(TranscriptError) as caught:
        load_meeting(broken)
    assert caught.value.reason == "topic_list[0].relevant_text_span: expected pairs of turn numbers"


def test_from_qmsum_refuses_other_json(transcripts):
    import pytest

    from podium.engine.errors import TranscriptError

    with pytest.raises(TranscriptError) as caught:
        read_transcript(transcripts / "panel.json", format="qmsum")
    assert caught.value.line == 1
    assert caught.value.reason == "not a QMSum meeting: no 'meeting_transcripts' list"
