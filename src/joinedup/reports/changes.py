"""Every change to a report goes through here: loaded for the acting user, refused unless it is
still at the version the person loaded, and checked again by the database when it is saved
(``store.versioning``), so two people pressing a button at the same moment get one success and
one "changed since you loaded it", never a lost change or a server error."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.errors import FORM, InvalidInput, StaleEdit
from joinedup.reports.models import Report
from joinedup.reports.permissions import readable
from joinedup.reports.schemas import ReportState
from joinedup.store.versioning import expect_version, flush_versioned


def current(report: Report) -> dict[str, object]:
    """What the report holds now, shown beside what the person typed."""
    return {"state": report.state, "version": report.version, "title": report.title}


def stale(session: Session, report_id: int) -> Callable[[], StaleEdit]:
    def build() -> StaleEdit:
        # After a lost race the session was rolled back: this reads what the winner saved.
        report = session.get(Report, report_id)
        assert report is not None  # reports are never deleted
        return StaleEdit(
            f"Report {report_id} changed since you loaded it (now version {report.version}, "
            f"{report.state}).",
            current=current(report),
        )

    return build


def load_for_change(
    session: Session,
    actor: Principal,
    report_id: int,
    version: int,
    *,
    allowed: Callable[[Principal, Report], None],
    state: ReportState = ReportState.DRAFT,
    refusal: str,
) -> Report:
    """The report, if ``actor`` may read it and ``allowed`` lets them, still at ``version`` and in
    ``state`` (else ``refusal``, after "Report 3 is approved: "). Nothing is changed yet."""
    report = readable(session, actor, report_id)
    allowed(actor, report)
    if report.version != version:
        raise stale(session, report_id)()
    if report.state != state:
        raise InvalidInput.of(FORM, f"Report {report.id} is {report.state}: {refusal}")
    return report


def pin(session: Session, report: Report, version: int) -> None:
    """Call right before changing ``report``: its save succeeds only if the database still holds
    ``version``."""
    expect_version(report, version, stale=stale(session, report.id))


def save(session: Session, report: Report) -> None:
    """Write the change now; a race lost at the database becomes StaleEdit."""
    flush_versioned(session, stale=stale(session, report.id))
