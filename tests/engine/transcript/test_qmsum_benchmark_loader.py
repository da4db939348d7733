"""benchmarks/qmsum.py: the loader other benchmarks use."""

from __future__ import annotations

import shutil

import pytest
from benchmarks import qmsum


def test_meetings_of_each_split(qmsum_dir, monkeypatch):
    monkeypatch.setenv("PODIUM_QMSUM_DIR", str(qmsum_dir))
    val = list(qmsum.meetings("val"))
    assert len(val) == len(list((qmsum_dir / "val").glob("*.json")))
    assert all(m.transcript.segments and m.topics for m in val)
    assert [m.transcript.source for m in val] == [str(p) for p in qmsum.meeting_paths("val")]
    with pytest.raises(ValueError, match="unknown QMSum split 'test'"):
        qmsum.meeting_paths("test")


def test_directory_comes_from_the_environment(qmsum_dir, tmp_path, monkeypatch):
    (tmp_path / "val").mkdir()
    first = sorted((qmsum_dir / "val").glob("*.json"))[0]
    shutil.copyfile(first, tmp_path / "val" / first.name)
    monkeypatch.setenv("PODIUM_QMSUM_DIR", str(tmp_path))
    assert [m.transcript.title for m in qmsum.meetings()] == [first.stem.replace("_", " ").title()]
    monkeypatch.setenv("PODIUM_QMSUM_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="set PODIUM_QMSUM_DIR"):
        qmsum.meeting_paths("train")
