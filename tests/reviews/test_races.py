"""Two people save the same reviews row at the same moment, from the same version: exactly one
save wins, the other is told somebody else changed it first (never a silent loss), the row holds
the winner's values, and the audit log gains exactly one entry. On SQLite and PostgreSQL, with
two real transactions that both load before either writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup.access.models import AuditEvent
from joinedup.errors import InvalidInput, StaleEdit
from joinedup.reviews import service
from joinedup.reviews.schemas import (
    EvidenceUpdate,
    FindingUpdate,
    MilestoneDates,
    ProgrammeChange,
    ProgrammeIn,
    ReviewChange,
    ScoreIn,
)
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE
from tests.races import race
from tests.reviews.conftest import REVIEWER

HARTLEPOOL, YORK = "E06000001", "E06000014"


def _review(session: Session, area_code: str, kind: str = "full") -> int:
    reviews = service.list_reviews(session, actor=REVIEWER, area_code=area_code)
    return next(r.id for r in reviews if r.kind == kind)


def _follow_up(session: Session) -> int:
    return _review(session, OXFORDSHIRE, "follow_up_visit")


def _evidence(session: Session) -> Any:
    return service.list_evidence(session, actor=REVIEWER, review_id=_follow_up(session))[0]


def _finding(session: Session) -> Any:
    return service.list_findings(session, actor=REVIEWER, review_id=_follow_up(session))[0]


def _milestone(session: Session) -> Any:
    review = service.get_review(session, actor=REVIEWER, review_id=_follow_up(session))
    return next(m for m in review.milestones if m.key == "plan_updated")


def _score(session: Session, area_code: str) -> Any:
    review = service.get_review(session, actor=REVIEWER, review_id=_review(session, area_code))
    return next((s for s in review.scores if s.statement_id == "learning"), None)


def _save_programme(session: Session, version: int, mark: str) -> object:
    return service.update_programme(
        session,
        actor=REVIEWER,
        programme_id=1,
        data=ProgrammeChange(version=version, name=f"Programme {mark}"),
    )


def _save_review(session: Session, version: int, mark: str) -> object:
    return service.update_review(
        session,
        actor=REVIEWER,
        review_id=_follow_up(session),
        data=ReviewChange(version=version, title=f"Review {mark}"),
    )


def _save_milestone(session: Session, version: int, mark: str) -> object:
    day = date(2019, 1, 10 if mark == "A" else 20)
    return service.update_milestone(
        session,
        actor=REVIEWER,
        review_id=_follow_up(session),
        key="plan_updated",
        # the step is done: its actual day stays, only the plan moves
        data=MilestoneDates(
            version=version, planned_date=day, actual_date=_milestone(session).actual_date
        ),
    )


def _save_evidence(session: Session, version: int, mark: str) -> object:
    item = _evidence(session)
    data = EvidenceUpdate(
        version=version,
        kind=item.kind,
        gathered_on=item.gathered_on,
        source=item.source,
        questions=item.questions,
        summary=f"Evidence {mark}",
    )
    return service.update_evidence(session, actor=REVIEWER, evidence_id=item.id, data=data)


def _save_finding(session: Session, version: int, mark: str) -> object:
    finding = _finding(session)
    data = FindingUpdate(
        version=version,
        kind=finding.kind,
        key_question=finding.key_question,
        theme=finding.theme,
        national_theme=finding.national_theme,
        text=f"Finding {mark}",
        evidence_ids=[e.id for e in finding.evidence],
    )
    return service.update_finding(session, actor=REVIEWER, finding_id=finding.id, data=data)


def _scorer(area_code: str) -> Callable[[Session, int, str], object]:
    def save(session: Session, version: int, mark: str) -> object:
        data = ScoreIn(statement_id="learning", score=3, rationale=f"Score {mark}", version=version)
        review_id = _review(session, area_code)
        return service.set_score(session, actor=REVIEWER, review_id=review_id, data=data)

    return save


@dataclass(frozen=True)
class Case:
    name: str
    save: Callable[[Session, int, str], object]
    now: Callable[[Session], tuple[int, str]]  # the row's version and the value raced for
    field: str | None = None  # the field the refusal says was changed


def _programme_now(session: Session) -> tuple[int, str]:
    programme = service.get_programme(session, actor=REVIEWER, programme_id=1)
    return programme.version, programme.name


def _review_now(session: Session) -> tuple[int, str]:
    review = service.get_review(session, actor=REVIEWER, review_id=_follow_up(session))
    return review.version, review.title


def _score_now(area_code: str) -> Callable[[Session], tuple[int, str]]:
    def now(session: Session) -> tuple[int, str]:
        score = _score(session, area_code)
        return (score.version, score.rationale) if score else (0, "")

    return now


CASES = [
    Case("programme", _save_programme, _programme_now, "name"),
    Case("review", _save_review, _review_now, "title"),
    Case(
        "milestone",
        _save_milestone,
        lambda s: (_milestone(s).version, "A" if _milestone(s).planned_date.day == 10 else "B"),
        "planned_date",
    ),
    Case(
        "evidence",
        _save_evidence,
        lambda s: (_evidence(s).version, _evidence(s).summary),
        "summary",
    ),
    Case("finding", _save_finding, lambda s: (_finding(s).version, _finding(s).text), "text"),
    Case("score", _scorer(HARTLEPOOL), _score_now(HARTLEPOOL)),
    Case("first score", _scorer(YORK), _score_now(YORK)),
]


def _audit_rows(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_two_saves_from_one_version_one_wins(database: Database, case: Case) -> None:
    with database.session() as session:
        loaded, _ = case.now(session)
    audited = _audit_rows(database)

    results = race(
        database,
        lambda session: case.save(session, loaded, "A"),
        lambda session: case.save(session, loaded, "B"),
    )

    winners = [i for i, result in enumerate(results) if not isinstance(result, Exception)]
    refused = [result for result in results if isinstance(result, StaleEdit)]
    assert len(winners) == 1, results
    assert len(refused) == 1, results
    mark = "AB"[winners[0]]
    with database.session() as session:
        version, value = case.now(session)
    assert version == loaded + 1
    assert value.endswith(mark)
    # the refusal shows what the winner saved
    current = refused[0].current
    if case.name == "milestone":
        assert current["planned_date"] == date(2019, 1, 10 if mark == "A" else 20).isoformat()
    else:
        assert any(str(v).endswith(mark) for v in current.values()), current
    if case.field:
        assert current["changed"] == [case.field]
    assert _audit_rows(database) == audited + 1


def test_two_programmes_started_at_once_under_one_name_make_one(database: Database) -> None:
    def start(session: Session) -> object:
        data = ProgrammeIn(name="Reviews 2026-27", framework_key="local-system-review-2017")
        return service.create_programme(session, actor=REVIEWER, data=data)

    results = race(database, start, start)

    refused = [r for r in results if isinstance(r, InvalidInput)]
    assert len(refused) == 1, results
    assert refused[0].problems == {"name": "A programme called 'Reviews 2026-27' already exists"}
    with database.session() as session:
        names = [p.name for p in service.list_programmes(session, actor=REVIEWER)]
    assert names.count("Reviews 2026-27") == 1
