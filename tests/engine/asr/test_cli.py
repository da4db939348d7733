"""`podium transcribe` end to end: options, speaker map, output formats, exit codes."""

from __future__ import annotations

import sys

import pytest
from benchmarks.asr.score import script_text, word_error_rate

from podium.cli import main
from podium.engine.transcript import read_transcript


def run(monkeypatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["podium", "transcribe", *map(str, args)])
    try:
        main()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def test_transcribe_to_vtt_with_a_speaker_map(clips, tmp_path, monkeypatch, capsys):
    names = tmp_path / "speakers.yaml"
    names.write_text(
        "- name: Jonathan Corrado\n  label: SPEAKER_00\n- name: Rachel Lee\n  label: SPEAKER_01\n",
        encoding="utf-8",
    )
    out = tmp_path / "panel.vtt"
    code = run(
        monkeypatch,
        *(clips.two_voices, "-o", out, "--model", "tiny", "--speakers", "2"),
        *("--speaker-map", names),
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "real time" in err and "2 speaker(s)" in err and f"wrote {out}" in err
    transcript = read_transcript(out)
    assert transcript.speakers == ["Jonathan Corrado", "Rachel Lee"]
    assert word_error_rate(script_text(clips.lines), transcript.text) <= 0.12
    assert [t.speaker for t in transcript.turns()] == ["Jonathan Corrado", "Rachel Lee"] * 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{missing}"], "no such file"),
        (["{not_media}"], "not an audio or video file"),
        (["{silent}", "--model", "tiny"], "no speech detected"),
        (["{clip}", "-o", "{tmp}/out.docx"], "cannot tell the format"),
        (["{clip}", "--model", "huge"], "unknown model 'huge'"),
        (["{clip}", "--speaker-map", "{missing}"], "no such file"),
    ],
)
def test_bad_input_is_one_red_line_and_exit_2(clips, tmp_path, monkeypatch, capsys, args, message):
    values = {
        "missing": tmp_path / "nothing.mp4",
        "not_media": clips.not_media,
        "silent": clips.silent,
        "clip": clips.two_voices,
        "tmp": tmp_path,
    }
    code = run(monkeypatch, *(a.format(**values) for a in args))
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.docx").exists()
