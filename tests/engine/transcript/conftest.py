"""Paths to the transcript test files."""

from __future__ import annotations

from pathlib import Path

import pytest

TRANSCRIPTS = Path(__file__).resolve().parents[2] / "data" / "transcripts"


@pytest.fixture
def transcripts() -> Path:
    return TRANSCRIPTS


@pytest.fixture
def bad() -> Path:
    return TRANSCRIPTS / "bad"
