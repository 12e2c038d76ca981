"""`joinedup boards ...` on the demo world: the forward plan, a meeting's resolutions as the
minutes write them, a risk register; an unknown meeting is one line and a non-zero exit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from joinedup.settings import get_settings
from joinedup.store.database import Database
from tests.conftest import COVENTRY, OXFORDSHIRE
from tests.test_cli import joinedup


@pytest.fixture
def demo_env(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("JOINEDUP_DATABASE_URL", database.url)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_the_boards_commands_read_the_demo(demo_env: None) -> None:
    boards = joinedup("boards", "list", "--system", OXFORDSHIRE)
    assert boards.returncode == 0, boards.stderr
    assert (
        "Integrated System Delivery Board (reports to Oxfordshire Health and Wellbeing Board)"
        in boards.stdout.splitlines()[1]
    )
    coming = joinedup("boards", "forward-plan", "--system", OXFORDSHIRE)
    assert "CQC action plan highlight report" in coming.stdout
    assert (
        "Coventry City Council Cabinet" in joinedup("boards", "list", "--system", COVENTRY).stdout
    )
    meeting = joinedup("boards", "meeting", "1")
    assert "RESOLVED that: (1)" in meeting.stdout
    risks = joinedup("boards", "risks", "--plan", "1")
    assert "Extreme" in risks.stdout or "High" in risks.stdout
    missing = joinedup("boards", "meeting", "9999")
    assert missing.returncode != 0
    assert len(missing.stderr.strip().splitlines()) == 1
