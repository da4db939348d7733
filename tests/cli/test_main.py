"""The `podium` entry point: version, usage errors and engine errors, as a user runs it."""

import subprocess
import sys

from podium import __version__


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "podium", *args], capture_output=True, text=True, timeout=120
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"podium {__version__}"


def test_usage_errors_exit_2_without_traceback():
    for args in (["nosuch"], ["render", "x.txt", "--bogus"]):
        result = run(*args)
        assert result.returncode == 2, result
        assert "Traceback" not in result.stderr + result.stdout
        assert "Error:" in result.stderr


def test_engine_errors_are_one_red_line_and_exit_2(tmp_path):
    missing = tmp_path / "missing.vtt"
    result = run("transcript", "show", str(missing))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(missing) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_help_lists_every_command_group():
    result = run("--help")
    assert result.returncode == 0
    for command in (
        "transcript",
        "render",
        "brief",
        "verify",
        "transcribe",
        "serve",
        "demo",
        "worker",
    ):
        assert command in result.stdout


def test_error_text_with_rich_markup_is_printed_literally(tmp_path):
    (tmp_path / "[").mkdir()
    path = tmp_path / "[" / "x][bold]talk.vtt"  # the path contains "[/x]", a Rich closing tag
    path.write_text("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nhello\n", encoding="utf-8")
    result = run("transcript", "show", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "[/x][bold]talk.vtt:3:" in result.stderr
