"""The demo world's governance: Oxfordshire's Health and Wellbeing Board with its sub-groups, the
Board meeting of 13 June 2019 that received the highlight report, a sub-group's meeting with
draft minutes and the next Board meeting with its papers; the plan's risk register and the monthly
oversight calls; Coventry's Board meetings on its plan, with the resolutions of the progress
report; Stockport's scrutiny meeting with its questions and responses.

The facts come from the seeds; the words are our own. Dates the seeds do not give (which day of a
month a call fell, the progress meeting in Coventry, Stockport's committee) are illustrative."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.governance import service
from joinedup.governance.demo_meetings import (
    COVENTRY,
    STOCKPORT,
    hold_meeting,
    write_minutes,
)
from joinedup.governance.demo_oxfordshire import oxfordshire, oxfordshire_board
from joinedup.governance.demo_stories import (
    COVENTRY_PROGRESS_MINUTES,
    STOCKPORT_MINUTES,
    STOCKPORT_QUESTIONS,
)
from joinedup.governance.schemas import (
    AgendaItemIn,
    BoardIn,
    BoardKind,
    QuestionIn,
)
from joinedup.reviews import service as reviews
from joinedup.timeline import Timeline


def coventry(session: Session, timeline: Timeline) -> None:
    on = timeline.on
    board = service.add_board(
        session,
        actor=OPERATOR,
        area_code=COVENTRY,
        change=BoardIn(name="Coventry Health and Wellbeing Board", kind=BoardKind.BOARD),
    )
    cabinet = service.add_board(
        session,
        actor=OPERATOR,
        area_code=COVENTRY,
        change=BoardIn(name="Coventry City Council Cabinet", kind=BoardKind.CABINET),
    )
    review_ids = [r.id for r in reviews.list_reviews(session, actor=OPERATOR, area_code=COVENTRY)]
    review_id = review_ids[0] if review_ids else None
    agreed = on(2018, 4, 9)
    if timeline.happened(agreed):
        meeting = hold_meeting(
            session,
            board.id,
            agreed,
            agenda=[
                AgendaItemIn(title="CQC local system review: improvement plan", review_id=review_id)
            ],
        )
        write_minutes(
            session,
            meeting,
            "The Board considered the improvement plan in seven sections agreed at the summit of "
            "14 March, each with its responsible group, for submission to CQC.",
            ["the improvement plan be agreed and submitted to the Care Quality Commission"],
            approved_on=on(2018, 6, 4) if timeline.happened(on(2018, 6, 4)) else None,
        )
    cabinet_day = on(2018, 6, 12)
    if timeline.happened(cabinet_day):
        meeting = hold_meeting(
            session,
            cabinet.id,
            cabinet_day,
            agenda=[
                AgendaItemIn(
                    title="Care Quality Commission: outcome of the system review",
                    review_id=review_id,
                )
            ],
        )
        write_minutes(
            session,
            meeting,
            "Cabinet received the outcome of the review and the plan the Board agreed in April.",
            ["Cabinet supports the Board in delivering the agreed improvement plan"],
            approved_on=on(2018, 7, 10) if timeline.happened(on(2018, 7, 10)) else None,
        )
    progress = on(2019, 1, 28)
    if timeline.happened(progress):
        meeting = hold_meeting(
            session,
            board.id,
            progress,
            agenda=[
                AgendaItemIn(
                    title="CQC local system review: improvement plan progress",
                    presenter="Director of Adult Services",
                    review_id=review_ids[1] if len(review_ids) > 1 else review_id,
                )
            ],
        )
        write_minutes(
            session,
            meeting,
            COVENTRY_PROGRESS_MINUTES,
            [
                "the progress made, and what remains to be done, on the improvement plan's "
                "actions be noted",
                "the Board keep the plan's progress under review at its future meetings",
            ],
            approved_on=on(2019, 3, 25) if timeline.happened(on(2019, 3, 25)) else None,
        )


def stockport(session: Session, timeline: Timeline) -> None:
    committee = service.add_board(
        session,
        actor=OPERATOR,
        area_code=STOCKPORT,
        change=BoardIn(
            name="Stockport Health and Wellbeing Scrutiny Committee", kind=BoardKind.SCRUTINY
        ),
    )
    day = timeline.on(2018, 3, 20)
    if not timeline.happened(day):
        return
    review_ids = [r.id for r in reviews.list_reviews(session, actor=OPERATOR, area_code=STOCKPORT)]
    meeting = hold_meeting(
        session,
        committee.id,
        day,
        agenda=[
            AgendaItemIn(
                title="CQC local system review of Stockport Together: final report",
                presenter="Cabinet Members for Adult Social Care and for Health",
                review_id=review_ids[0] if review_ids else None,
            )
        ],
        attended=(
            ("Cabinet Member for Adult Social Care", "Attending to answer questions"),
            ("Cabinet Member for Health", "Attending to answer questions"),
        ),
    )
    for asked, answer in STOCKPORT_QUESTIONS:
        service.add_question(
            session,
            actor=OPERATOR,
            meeting_id=meeting,
            change=QuestionIn(
                asked_by="Members of the committee",
                question=asked,
                response=answer,
                responded_by="Cabinet Members",
            ),
        )
    write_minutes(
        session,
        meeting,
        STOCKPORT_MINUTES,
        ["the report be noted"],
        approved_on=timeline.on(2018, 4, 24)
        if timeline.happened(timeline.on(2018, 4, 24))
        else None,
    )


def boards(session: Session, timeline: Timeline) -> None:
    """What the Board's papers draw on: its settings and the plan's risk register."""
    oxfordshire_board(session, timeline)


def build(session: Session, timeline: Timeline) -> None:
    oxfordshire(session, timeline)
    coventry(session, timeline)
    stockport(session, timeline)
