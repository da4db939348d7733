"""Every reader on the committed example files (tests/data/transcripts)."""

from __future__ import annotations

import pytest

from podium.engine.transcript import READ_FORMATS, Word, read_transcript

PANEL = ["Dana Whitfield", "Min-jun Park", "Eleanor Voss", "Samuel Okafor"]
TITLE = "After the Party Congress: Options for Engagement with Pyongyang"


def starts(transcript):
    return [s.start for s in transcript.segments]


def test_vtt_voice_tags_notes_styles_settings_and_tags(transcripts):
    t = read_transcript(transcripts / "panel.vtt")
    assert t.title == TITLE
    assert t.language == "en"
    assert t.warnings == []
    assert t.speakers == PANEL
    first = t.segments[0]
    # cue id, cue settings, multi-line cue text, closing </v>
    assert (first.start, first.end, first.speaker) == (631.2, 638.9, "Dana Whitfield")
    assert first.text == (
        "Let's turn to Pyongyang's own agenda. Min-jun, the Party Congress set out a "
        "five-year plan. What stood out to you?"
    )
    # <i> stripped, &amp; decoded
    assert "as a military threat, not" in t.segments[1].text
    assert "trade with Russia & China." in t.segments[2].text
    # <v.loud Name> with a class
    assert t.segments[4].speaker == "Eleanor Voss"
    assert t.segments[4].text.startswith("It does. A North Korea that")
    # a cue with no voice keeps the speaker before it; <c.x> and <b> stripped
    assert t.segments[5].speaker == "Eleanor Voss"
    assert t.segments[5].text == (
        "And the doctrine they published in 2022 lowers the bar for use. "
        "That is the part that worries me most."
    )
    # an inner <00:11:50.000> timestamp tag is stripped
    assert "pandemic. Most international aid staff" in t.segments[6].text
    # NOTE and STYLE blocks are not text
    assert not any("microphone" in s.text or "::cue" in s.text for s in t.segments)


def test_vtt_cue_with_two_voices_is_split_by_words(transcripts):
    t = read_transcript(transcripts / "panel.vtt")
    last_two = t.segments[-2:]
    assert [(s.speaker, s.text) for s in last_two] == [
        ("Dana Whitfield", "Let's take a few questions from the audience."),
        ("Min-jun Park", "Happy to."),
    ]
    # 768.1-772.0 shared 8 words : 2 words
    assert last_two[0].start == 768.1
    assert last_two[0].end == last_two[1].start == pytest.approx(768.1 + 3.9 * 8 / 10, abs=1e-3)
    assert last_two[1].end == 772.0


def test_vtt_bom_crlf_and_name_prefixes(transcripts):
    t = read_transcript(transcripts / "zoom_bom_crlf.vtt")
    assert [(s.start, s.end, s.speaker) for s in t.segments] == [
        (2.5, 9.1, "Dana Whitfield"),
        (9.1, 17.85, "Dana Whitfield"),
        (18.2, 26.0, "Min-jun Park"),
        (26.0, 33.4, "SPEAKER_03"),
    ]
    assert t.segments[0].text == "Good evening and welcome to the Asia Policy Forum."
    assert len(t.turns()) == 3


def test_vtt_unsorted_and_overlapping_cues_are_repaired_with_warnings(transcripts):
    t = read_transcript(transcripts / "unsorted_overlap.vtt")
    assert starts(t) == [1.0, 6.0, 12.0, 18.0, 24.0]
    assert t.segments[0].end == 6.0  # was 6.5, overlapping the next cue
    assert [s.speaker for s in t.segments] == [
        "Dana Whitfield",
        "Eleanor Voss",
        "Min-jun Park",
        "Samuel Okafor",
        "Dana Whitfield",
    ]
    # the zero-length cue is kept, the empty one dropped
    assert (t.segments[-1].start, t.segments[-1].end, t.segments[-1].text) == (24.0, 24.0, "Right.")
    assert t.warnings == [
        "line 12: cue at 00:00:12.000 starts before the cue above it; "
        "1 cue(s) out of order, sorted by start time",
        "line 3: cue ends at 00:00:06.500, after the next cue starts at 00:00:06.000; "
        "1 overlapping cue(s) cut to end where the next begins",
    ]


def test_srt_prefixes_dialogue_dashes_sound_tags_and_blank_lines(transcripts):
    t = read_transcript(transcripts / "panel.srt")
    got = [(s.start, s.end, s.speaker, s.text) for s in t.segments]
    assert got[0] == (
        631.2,
        638.9,
        "Dana Whitfield",
        "Let's turn to Pyongyang's own agenda. Min-jun, the Party Congress set out a five-year plan.",
    )
    assert got[1][2:] == (
        "Min-jun Park",
        "What stood out was how little space the report gave to the United States.",
    )
    # no prefix: same speaker; <i> stripped
    assert got[2][2:] == (
        "Min-jun Park",
        "The economic sections were far longer, and they lean heavily on trade with Russia and China.",
    )
    # [Applause] is a sound, not a speaker
    assert got[5][2:] == ("Eleanor Voss", "[Applause]")
    # two dialogue lines in one cue: two segments, time shared by words (7 : 3)
    assert got[6][2:] == ("Samuel Okafor", "Access has been closed since the pandemic.")
    assert got[7][2:] == ("Dana Whitfield", "For how long?")
    assert got[6][1] == got[7][0] == pytest.approx(702.5 + 15.5 * 7 / 10, abs=1e-3)
    # a blank line inside the last cue does not lose its second half
    assert got[-1][3] == (
        "Small ones. Agricultural and public-health exchanges have survived in third "
        "countries, in Mongolia and in Southeast Asia."
    )
    assert t.warnings == []


def test_srt_hours_past_one_and_short_hour_field(transcripts):
    t = read_transcript(transcripts / "late_session.srt")
    assert starts(t) == [4848.05, 4860.0, 4873.0, 7510.0]
    assert t.segments[1].end == 4872.48
    assert t.segments[1].text == (
        "A detained citizen, a famine, a natural disaster. "
        "Those moments forced both sides to pick up the phone."
    )
    assert t.duration == 7514.5


def test_podium_json_with_words(transcripts):
    t = read_transcript(transcripts / "panel.json")
    assert (t.title, t.language) == (TITLE, "en")
    assert t.speakers == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02", "SPEAKER_03"]
    assert len(t.segments) == 7
    worded = t.segments[4]
    assert worded.words == (
        Word(673.1, 673.42, "It", probability=0.98),
        Word(673.42, 676.2, "does.", probability=0.91),
    )


def test_bare_list_of_segments(transcripts):
    t = read_transcript(transcripts / "segments_list.json")
    assert [(s.start, s.end, s.speaker) for s in t.segments] == [
        (0.0, 4.25, "Dana Whitfield"),
        (4.25, 11.8, "Samuel Okafor"),
        (11.8, 19.04, "Samuel Okafor"),
    ]
    assert t.title is None


def test_faster_whisper_segments_with_spaced_words(transcripts):
    t = read_transcript(transcripts / "faster_whisper.json")
    assert [s.text for s in t.segments] == [
        "Good evening and welcome.",
        "Tonight's panel asks what comes after the Party Congress.",
    ]
    assert all(s.speaker == "" for s in t.segments)
    assert [w.text for w in t.segments[0].words] == ["Good", "evening", "and", "welcome."]
    assert t.segments[1].words[-1] == Word(6.6, 8.9, "Congress.", probability=0.94)


def test_whisperx_per_word_speakers_split_segments_and_unaligned_words(transcripts):
    t = read_transcript(transcripts / "whisperx.json")
    assert [(s.start, s.end, s.speaker, s.text) for s in t.segments] == [
        (12.031, 13.835, "SPEAKER_00", "Eleanor, where do the numbers stand?"),
        (14.316, 17.402, "SPEAKER_02", "Roughly 50 warheads, I'd say."),
        (17.9, 22.5, "SPEAKER_02", "And more fissile material every year."),
    ]
    fifty = t.segments[1].words[1]
    assert (fifty.text, fifty.start, fifty.end) == ("50", 14.757, 15.398)
    assert t.segments[1].words[2].probability == 0.923
    # a word without a speaker keeps the speaker of the words before it
    assert t.segments[1].words[3].speaker is None
    assert t.warnings == [
        "segments[0].words[7]: 1 word(s) without times, timed from the words around them"
    ]


def test_text_headers_with_paragraphs(transcripts):
    t = read_transcript(transcripts / "panel_headers.txt")
    assert t.title == TITLE
    assert [(s.start, s.speaker) for s in t.segments] == [
        (631.0, "Dana Whitfield"),
        (640.0, "Min-jun Park"),
        (667.0, "Dana Whitfield"),
        (673.0, "Eleanor Voss"),  # "Name (11:13)"
        (702.0, "Samuel Okafor"),  # "Name 11:42" after a blank line
        (741.0, "Min-jun Park"),
    ]
    # ends are the next start; the last one is estimated at 150 words a minute
    assert t.segments[0].end == 640.0
    assert t.segments[-1].end == pytest.approx(741.0 + 11 * 60 / 150)
    # two paragraphs of one speaker make one segment, lines joined
    assert t.segments[1].text.endswith(
        "negotiating partner. The economic sections were far "
        "longer, and they lean heavily on trade with Russia and China."
    )


def test_text_timestamped_lines(transcripts):
    t = read_transcript(transcripts / "panel_lines.txt")
    assert [(s.start, s.speaker) for s in t.segments] == [
        (631.0, "Dana Whitfield"),
        (640.0, "Min-jun Park"),
        (667.0, "Dana Whitfield"),
        (673.1, "Eleanor Voss"),  # hh:mm:ss.mmm
        (689.0, "Eleanor Voss"),  # "[00:11:29] text" continues the speaker
        (702.0, "Samuel Okafor"),  # no brackets
        (718.0, "Dana Whitfield"),  # mm:ss
    ]
    # a line without a timestamp continues the cue above it
    assert t.segments[1].text.endswith(
        "United States. Washington appears mostly as a "
        "military threat, not as a negotiating partner."
    )


def test_text_rev_style_headers(transcripts):
    t = read_transcript(transcripts / "panel_rev.txt")
    assert [(s.start, s.speaker) for s in t.segments] == [
        (631.0, "Dana Whitfield"),
        (640.0, "Min-jun Park"),
        (673.0, "Speaker 3"),
    ]


def test_markdown(transcripts):
    t = read_transcript(transcripts / "panel.md")
    assert t.title == TITLE
    assert [(s.start, s.speaker) for s in t.segments] == [
        (631.0, "Dana Whitfield"),
        (640.0, "Min-jun Park"),
        (673.0, "Eleanor Voss"),
    ]


def test_every_read_format_has_a_reader_exercised_here():
    assert set(READ_FORMATS) == {"vtt", "srt", "json", "qmsum", "txt", "md"}


def test_json_repairs_name_the_segment():
    from podium.engine.transcript import parse_transcript

    text = (
        '{"segments": [{"start": 0, "end": 5, "speaker": "A", "text": "one"},'
        ' {"start": 9, "end": 12, "speaker": "B", "text": "three"},'
        ' {"start": 4, "end": 9, "speaker": "C", "text": "two"}]}'
    )
    t = parse_transcript(text)
    assert [(s.start, s.end, s.text) for s in t.segments] == [
        (0.0, 4.0, "one"),
        (4.0, 9.0, "two"),
        (9.0, 12.0, "three"),
    ]
    assert t.warnings == [
        "segments[2]: cue at 00:00:04.000 starts before the cue above it; "
        "1 cue(s) out of order, sorted by start time",
        "segments[0]: cue ends at 00:00:05.000, after the next cue starts at 00:00:04.000; "
        "1 overlapping cue(s) cut to end where the next begins",
    ]


def test_youtube_rolling_auto_captions_are_read_once_with_word_times(transcripts):
    t = read_transcript(transcripts / "youtube_auto.vtt")
    assert [(s.start, s.end, s.text) for s in t.segments] == [
        (0.16, 2.75, "good evening everyone and welcome to"),
        (2.76, 5.19, "the Asia Policy Forum tonight"),
        (5.2, 8.63, "we will look at what the party congress"),
        (8.64, 10.95, "means for engagement"),
        (10.96, 12.4, "[Applause]"),
    ]
    assert t.text.count("engagement") == 1
    assert t.segments[1].words == (
        Word(2.76, 3.04, "the"),
        Word(3.04, 3.36, "Asia"),
        Word(3.36, 3.76, "Policy"),
        Word(3.76, 4.4, "Forum"),
        Word(4.4, 5.19, "tonight"),
    )
    assert (t.language, t.warnings) == ("en", [])


def test_vtt_blank_line_inside_a_cue_is_joined_with_a_warning():
    from podium.engine.transcript import parse_transcript

    text = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\n<v Dana Whitfield>Welcome to the panel.\n\n"
        "Our first speaker needs no introduction.\n\n"
        "00:00:05.000 --> 00:00:06.000\n<v Min-jun Park>Thank you.\n"
    )
    t = parse_transcript(text, source="x.vtt")
    assert [(s.speaker, s.text) for s in t.segments] == [
        ("Dana Whitfield", "Welcome to the panel. Our first speaker needs no introduction."),
        ("Min-jun Park", "Thank you."),
    ]
    assert t.warnings == [
        "line 6: text after a blank line inside a cue; 1 such block(s) joined to the cue above"
    ]


def test_youtube_transcript_panel_copied_as_text(transcripts):
    t = read_transcript(transcripts / "youtube_transcript_panel.txt")
    assert [(s.start, s.end, s.speaker, s.text) for s in t.segments] == [
        (3.0, 6.0, "", "good evening everyone and welcome to the"),
        (6.0, 9.0, "", "Asia Policy Forum tonight we look at"),
        (9.0, 11.0, "", "what the party congress means for"),
        (11.0, 3735.0, "", "engagement with Pyongyang"),
        (3735.0, 3737.0, "", "thank you all for coming"),
    ]
    assert t.title is None


def test_otter_export_footer_is_not_speech(transcripts):
    t = read_transcript(transcripts / "otter_export.txt")
    assert t.title == "Asia Policy Forum - spring panel"
    assert [(s.start, s.speaker) for s in t.segments] == [
        (2.0, "Dana Whitfield"),
        (9.0, "Samuel Okafor"),
        (18.0, "Dana Whitfield"),
    ]
    assert t.segments[-1].text == "Please."
    assert t.warnings == []


@pytest.mark.parametrize("name", ["name_time_lines.txt", "sonix.txt"])
def test_name_line_then_time_line_and_sonix_lines(transcripts, name):
    t = read_transcript(transcripts / name)
    assert [(s.start, s.speaker) for s in t.segments][:2] == [
        (2.0, "Dana Whitfield"),
        (9.0, "Samuel Okafor"),
    ]
    assert t.segments[0].text == "Good evening, everyone, and welcome to the Asia Policy Forum."
    assert t.segments[1].text.startswith(
        "Thank you, Dana. I want to start with the divided families."
    )
    assert t.title is None
    assert t.warnings == []
