"""Backups that cannot be made or restored end with one line a person can act on, and change
nothing: a folder or an unwritable place as the target, a damaged backup file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _joinedup(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from joinedup.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "JOINEDUP_DATABASE_URL": url, "COLUMNS": "200"},
    )


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    assert _joinedup(url, "db", "upgrade").returncode == 0
    return url


def test_a_backup_to_a_folder_or_nowhere_says_so(db_url: str, tmp_path: Path) -> None:
    for target, words in ((tmp_path, "is a folder"), (Path("/proc/nowhere/x.db"), "Cannot write")):
        done = _joinedup(db_url, "backup", str(target))
        assert done.returncode == 1
        assert words in done.stderr
        assert "Traceback" not in done.stderr + done.stdout


def test_a_damaged_backup_is_refused_and_the_database_kept(db_url: str, tmp_path: Path) -> None:
    good = tmp_path / "good.db"
    assert _joinedup(db_url, "backup", str(good)).returncode == 0
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(good.read_bytes()[:5000])
    target = f"sqlite:///{tmp_path / 'target.db'}"
    assert _joinedup(target, "db", "upgrade").returncode == 0
    before = (tmp_path / "target.db").read_bytes()
    done = _joinedup(target, "restore", "--force", str(truncated))
    assert done.returncode == 1
    assert "damaged or incomplete" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert (tmp_path / "target.db").read_bytes() == before
