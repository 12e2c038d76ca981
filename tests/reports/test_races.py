"""Two people pressing the same button on the same report at the same moment, in two real
transactions on each database: exactly one succeeds, the other is told the report changed
(StaleEdit, a 409 on the web), and what is kept is one consistent history: one version step,
one audit row, one snapshot and one set of rendered files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access import service as access
from joinedup.access.rules import Principal
from joinedup.errors import StaleEdit
from joinedup.reports import service
from joinedup.reports.models import RenderedFile, Report, Snapshot
from joinedup.reports.schemas import ApproveIn, CoverIn, GenerateIn, PublishIn, SignOffIn
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, demo_email
from tests.races import race


@pytest.fixture
def draft(database: Database) -> int:
    """A draft of the next paper with two sign-off rows, so at version 3, as the lead makes it."""
    with database.session() as session:
        who = lead(session)
        report = service.generate(session, actor=who, data=GenerateIn(area_code=OXFORDSHIRE))
        for version, name in ((1, "Lara Knight"), (2, "Gail Quinton")):
            row = SignOffIn(version=version, role="contributor", name=name)
            service.add_sign_off(session, actor=who, report_id=report.id, data=row)
        session.commit()
        assert report.version == 3
        return report.id


def lead(session: Session) -> Principal:
    return access.principal_for(access.get_user(session, demo_email("system_lead", OXFORDSHIRE)))


def one_wins(results: list[Any]) -> Any:
    """The winner's result, after checking the other party was refused as stale."""
    stale = [r for r in results if isinstance(r, StaleEdit)]
    won = [r for r in results if not isinstance(r, BaseException)]
    assert len(stale) == 1, results
    assert len(won) == 1, results
    assert "changed since you loaded it" in str(stale[0])
    return won[0]


def both(change: Callable[[Session, Principal], Any]) -> Callable[[Session], Any]:
    """One party's attempt: ``change`` as the system lead, in the party's own session."""

    def attempt(session: Session) -> Any:
        result = change(session, lead(session))
        return result.version if isinstance(result, Report) else result

    return attempt


def _count(database: Database, model: Any) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _report(database: Database, draft: int) -> tuple[int, str, list[str]]:
    with database.session() as session:
        report = session.get(Report, draft)
        assert report is not None
        actions = [e.action for e in audit.events_for(session, "report", draft)]
        return report.version, report.state, actions


def test_two_cover_sheet_edits_at_once_keep_one(database: Database, draft: int) -> None:
    def edit(summary: str) -> Callable[[Session], int]:
        data = CoverIn(version=3, summary=summary, purpose="decision")
        return both(lambda s, who: service.update_cover(s, actor=who, report_id=draft, data=data))

    assert one_wins(race(database, edit("First words."), edit("Second words."))) == 4
    version, _, actions = _report(database, draft)
    assert version == 4
    assert actions.count("report.cover") == 1
    with database.session() as session:
        cover = service.document_of(session, actor=lead(session), report_id=draft).cover
        assert cover is not None
        assert cover.summary in ("First words.", "Second words.")


def test_a_sign_off_row_and_an_approval_at_once(database: Database, draft: int) -> None:
    row = SignOffIn(version=3, role="approver", name="Janice White")
    add = both(lambda s, who: service.add_sign_off(s, actor=who, report_id=draft, data=row))
    approve = both(
        lambda s, who: service.approve(s, actor=who, report_id=draft, data=ApproveIn(version=3))
    )
    one_wins(race(database, add, approve))
    version, state, actions = _report(database, draft)
    assert version == 4
    # Either the row was added to the draft, or the draft was approved without it: never a row
    # added behind an approval's back. The draft has two rows already.
    added = actions.count("report.sign_off.add") - 2
    approved = actions.count("report.approve")
    assert (added, approved) == ((0, 1) if state == "approved" else (1, 0))


def test_two_approvals_at_once_freeze_and_render_once(database: Database, draft: int) -> None:
    approve = both(
        lambda s, who: service.approve(s, actor=who, report_id=draft, data=ApproveIn(version=3))
    )
    files_before = _count(database, RenderedFile)
    snapshots_before = _count(database, Snapshot)
    assert one_wins(race(database, approve, approve)) == 4
    version, state, actions = _report(database, draft)
    assert (version, state) == (4, "approved")
    assert actions.count("report.approve") == 1
    assert _count(database, Snapshot) == snapshots_before + 1
    assert _count(database, RenderedFile) == files_before + 2  # its PDF and DOCX


def test_two_publications_at_once(database: Database, draft: int) -> None:
    with database.session() as session:
        service.approve(session, actor=lead(session), report_id=draft, data=ApproveIn(version=3))
    publish = both(
        lambda s, who: service.publish(s, actor=who, report_id=draft, data=PublishIn(version=4))
    )
    assert one_wins(race(database, publish, publish)) == 5
    version, state, actions = _report(database, draft)
    assert (version, state) == (5, "published")
    assert actions.count("report.publish") == 1
