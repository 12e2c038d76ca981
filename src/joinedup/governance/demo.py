"""The demo world's governance: Oxfordshire's Health and Wellbeing Board with its sub-groups, the
Board meeting of 13 June 2019 that received the highlight report, a sub-group's meeting with
draft minutes and the next Board meeting with its papers; the plan's risk register and the monthly
oversight calls; Coventry's Board meetings on its plan, with the resolutions of the progress
report; Stockport's scrutiny meeting with its questions and responses.

The facts come from the seeds; the words are our own. Dates the seeds do not give (which day of a
month a call fell, the progress meeting in Coventry, Stockport's committee) are illustrative."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.errors import NotFound
from joinedup.governance import service
from joinedup.governance.demo_stories import (
    COVENTRY_PROGRESS_MINUTES,
    OXFORDSHIRE_MINUTES,
    OXFORDSHIRE_PRIORITIES,
    OXFORDSHIRE_SUB_GROUPS,
    RISKS,
    STOCKPORT_MINUTES,
    STOCKPORT_QUESTIONS,
)
from joinedup.governance.schemas import (
    ActionArisingIn,
    AgendaItemIn,
    ApproveMinutesIn,
    AttendanceIn,
    BoardIn,
    BoardKind,
    BoardSettingsIn,
    EngagementIn,
    MeetingIn,
    MemberIn,
    MinutesIn,
    OversightIn,
    QuestionIn,
    ResolutionIn,
    RiskIn,
    RiskScoreIn,
    TakeIntoPlanIn,
)
from joinedup.plans import service as plans
from joinedup.reports import service as reports
from joinedup.reviews import service as reviews
from joinedup.timeline import Timeline

OXFORDSHIRE, COVENTRY, STOCKPORT = "E10000025", "E08000026", "E08000007"
# Board meetings after June 2019 as the story's calendar would hold them; the first still to
# come is the forward plan's.
NEXT_BOARD_MEETINGS = ((2019, 9, 12), (2019, 11, 14), (2020, 3, 12), (2020, 7, 9))


def _meeting(
    session: Session,
    board_id: int,
    held_on: date,
    *,
    agenda: list[AgendaItemIn],
    attended: tuple[tuple[str, str], ...] = (),
) -> int:
    meeting = service.add_meeting(
        session, actor=OPERATOR, board_id=board_id, change=MeetingIn(held_on=held_on)
    )
    for item in agenda:
        service.add_agenda_item(session, actor=OPERATOR, meeting_id=meeting.id, change=item)
    for name, role in attended:
        service.add_attendance(
            session,
            actor=OPERATOR,
            meeting_id=meeting.id,
            change=AttendanceIn(name=name, role=role),
        )
    return meeting.id


def _minutes(
    session: Session,
    meeting_id: int,
    text: str,
    resolutions: list[str],
    *,
    approved_on: date | None,
) -> None:
    for resolution in resolutions:
        service.add_resolution(
            session, actor=OPERATOR, meeting_id=meeting_id, change=ResolutionIn(text=resolution)
        )
    view = service.get_meeting(session, actor=OPERATOR, meeting_id=meeting_id)
    service.save_minutes(
        session,
        actor=OPERATOR,
        meeting_id=meeting_id,
        change=MinutesIn(version=view.version, minutes=text),
    )
    if approved_on is not None:
        service.approve_minutes(
            session,
            actor=OPERATOR,
            meeting_id=meeting_id,
            change=ApproveMinutesIn(version=view.version + 1, approved_on=approved_on),
        )


def _current_plan_id(session: Session, area_code: str) -> int | None:
    try:
        return plans.current_plan(session, actor=OPERATOR, area_code=area_code).id
    except NotFound:
        return None


def _papers(session: Session, area_code: str) -> dict[date, int]:
    """The system's highlight reports by the meeting they were written for."""
    found = reports.list_reports(session, actor=OPERATOR, area_code=area_code)
    return {r.meeting_date: r.id for r in found if r.kind == "highlight" and r.meeting_date}


def oxfordshire(session: Session, timeline: Timeline) -> None:
    on = timeline.on
    board = service.add_board(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        change=BoardIn(
            name="Oxfordshire Health and Wellbeing Board",
            kind=BoardKind.BOARD,
            strategy_priorities=list(OXFORDSHIRE_PRIORITIES),
        ),
    )
    for name, role in (
        ("Chair of the Board", "Cabinet member for adult social care"),
        ("Director of Adult Services", "Oxfordshire County Council"),
        ("Director of Quality", "Oxfordshire Clinical Commissioning Group"),
        ("Director of Public Health", "Oxfordshire County Council"),
        ("Healthwatch Oxfordshire", "Representative of the public"),
    ):
        service.add_member(
            session, actor=OPERATOR, board_id=board.id, change=MemberIn(name=name, role=role)
        )
    sub_group_ids = [
        service.add_board(
            session,
            actor=OPERATOR,
            area_code=OXFORDSHIRE,
            change=BoardIn(name=name, kind=BoardKind.SUB_GROUP, parent_id=board.id),
        ).id
        for name in OXFORDSHIRE_SUB_GROUPS
    ]
    # The Board sees its high and extreme risks (12 and above) in the highlight report.
    service.update_settings(
        session,
        actor=OPERATOR,
        board_id=board.id,
        change=BoardSettingsIn(
            version=board.version,
            strategy_priorities=list(OXFORDSHIRE_PRIORITIES),
            purposes=list(board.purposes),
            risk_threshold=12,
        ),
    )
    plan_id = _current_plan_id(session, OXFORDSHIRE)
    papers = _papers(session, OXFORDSHIRE)
    june = on(2019, 6, 13)
    june_meeting = _meeting(
        session,
        board.id,
        june,
        agenda=[
            AgendaItemIn(
                title="CQC action plan highlight report",
                presenter="Director of Adult Services and Director of Quality",
                report_id=papers.get(june),
                plan_id=plan_id,
            )
        ],
        attended=(
            ("Chair of the Board", "Cabinet member for adult social care"),
            ("Director of Adult Services", "Presenting the highlight report"),
            ("Director of Quality", "Presenting the highlight report"),
            ("Healthwatch Oxfordshire", "Representative of the public"),
        ),
    )
    if timeline.happened(june):
        arising = service.add_action_arising(
            session,
            actor=OPERATOR,
            meeting_id=june_meeting,
            change=ActionArisingIn(
                description="Ask the workforce workstream's leads how Oxfordshire feeds into "
                "the wider footprint's workforce strategy, and by when it will be delivered",
                owner="CQC Steering Group",
            ),
        )
        approved = june + timedelta(days=7)
        _minutes(
            session,
            june_meeting,
            OXFORDSHIRE_MINUTES,
            [
                "the progress on each workstream and the updated evaluation framework be noted",
                "the Board receives the Older People's Strategy implementation plan in September",
            ],
            approved_on=approved if timeline.happened(approved) else None,
        )
        if plan_id is not None and timeline.happened(approved):
            service.take_into_plan(
                session,
                actor=OPERATOR,
                action_arising_id=arising.id,
                change=TakeIntoPlanIn(plan_id=plan_id, workstream="G", due=on(2019, 9, 30)),
            )
    # The delivery board met before the Board; its minutes still await approval.
    delivery = on(2019, 6, 4)
    if timeline.happened(delivery):
        meeting_id = _meeting(
            session,
            sub_group_ids[0],
            delivery,
            agenda=[
                AgendaItemIn(title="Workstream ratings for the highlight report", plan_id=plan_id)
            ],
            attended=(("System leaders", "Integrated System Delivery Board"),),
        )
        for description in (
            "Name a lead for the organisational development workstream's area of future focus",
            "Bring updated continuing health care plans once the new commissioner starts",
        ):
            service.add_action_arising(
                session,
                actor=OPERATOR,
                meeting_id=meeting_id,
                change=ActionArisingIn(description=description, owner="System leaders"),
            )
        _minutes(
            session,
            meeting_id,
            "The Board agreed the workstream ratings to report to the Health and Wellbeing Board.",
            [],
            approved_on=None,
        )
    _later_board_meetings(session, timeline, board.id, plan_id, papers)
    if plan_id is not None:
        _risks(session, timeline, plan_id)
    _oversight_calls(session, timeline)
    _engagement(session, timeline, plan_id)


def _later_board_meetings(
    session: Session,
    timeline: Timeline,
    board_id: int,
    plan_id: int | None,
    papers: dict[date, int],
) -> None:
    """The Board's meetings after June: those held, with approved minutes, then the next one
    to come, on the forward plan with its papers."""
    for story_day in NEXT_BOARD_MEETINGS:
        day = timeline.on(*story_day)
        agenda = [
            AgendaItemIn(
                title="CQC action plan highlight report", report_id=papers.get(day), plan_id=plan_id
            )
        ]
        if story_day == NEXT_BOARD_MEETINGS[0]:
            agenda.insert(0, AgendaItemIn(title="Older People's Strategy: implementation plan"))
        meeting_id = _meeting(session, board_id, day, agenda=agenda)
        if not timeline.happened(day):
            return
        approved = day + timedelta(days=14)
        _minutes(
            session,
            meeting_id,
            "The Board received the highlight report on the CQC action plan and the updated "
            "evaluation framework.",
            ["the highlight report be noted"],
            approved_on=approved if timeline.happened(approved) else None,
        )


def _risks(session: Session, timeline: Timeline, plan_id: int) -> None:
    for title, cause, (first, later), owner, mitigation, codes in RISKS:
        assessed = timeline.on(2018, 6, 1)
        if not timeline.happened(assessed):
            return
        risk = service.add_risk(
            session,
            actor=OPERATOR,
            plan_id=plan_id,
            change=RiskIn(
                title=title,
                cause=cause,
                likelihood=first[0],
                impact=first[1],
                owner=owner,
                mitigations=mitigation,
                workstream_codes=list(codes),
            ),
            on=assessed,
        )
        rescored = timeline.on(2019, 5, 1)
        if later != first and timeline.happened(rescored):
            service.rescore(
                session,
                actor=OPERATOR,
                risk_id=risk.id,
                change=RiskScoreIn(
                    version=risk.version,
                    likelihood=later[0],
                    impact=later[1],
                    note="Reassessed for the June highlight report",
                    assessed_on=rescored,
                ),
            )


def _oversight_calls(session: Session, timeline: Timeline) -> None:
    """Monthly calls with the Department's oversight lead, from the month after the plan."""
    for n in range(15):
        year, month = 2018 + (3 + n) // 12, (3 + n) % 12 + 1
        day = timeline.on(year, month, 12)
        if not timeline.happened(day):
            break
        service.add_oversight(
            session,
            actor=OPERATOR,
            area_code=OXFORDSHIRE,
            change=OversightIn(
                held_on=day,
                participants=[
                    "Deputy Director for Social Care Oversight – "
                    "Department of Health and Social Care",
                    "Director of Adult Services – Oxfordshire County Council",
                    "Accountable Officer – Oxfordshire Clinical Commissioning Group",
                ],
                discussed="Progress on the improvement plan's workstreams since the last call, "
                "the month's delayed transfers of care and the workstreams rated Amber.",
                follow_ups="Send the latest highlight report and evaluation framework.",
            ),
        )


def _engagement(session: Session, timeline: Timeline, plan_id: int | None) -> None:
    day = timeline.on(2019, 2, 20)
    if not timeline.happened(day):
        return
    action_ids: list[int] = []
    if plan_id is not None:
        try:
            detail = plans.workstream_detail(session, actor=OPERATOR, plan_id=plan_id, code="K")
            action_ids = [a.id for a in detail.actions[:1]]
        except NotFound:
            action_ids = []
    findings = reviews.findings_needing_action(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    service.add_engagement(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        change=EngagementIn(
            held_on=day,
            who="Carers and carers' organisations",
            how="Workshop hosted with Healthwatch Oxfordshire",
            heard="Carers want to be asked earlier, before a discharge date is set, and to know "
            "who to call when a care package changes.",
            finding_ids=[f.id for f in findings[:1]],
            action_ids=action_ids,
        ),
    )


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
        meeting = _meeting(
            session,
            board.id,
            agreed,
            agenda=[
                AgendaItemIn(title="CQC local system review: improvement plan", review_id=review_id)
            ],
        )
        _minutes(
            session,
            meeting,
            "The Board considered the improvement plan in seven sections agreed at the summit of "
            "14 March, each with its responsible group, for submission to CQC.",
            ["the improvement plan be agreed and submitted to the Care Quality Commission"],
            approved_on=on(2018, 6, 4) if timeline.happened(on(2018, 6, 4)) else None,
        )
    cabinet_day = on(2018, 6, 12)
    if timeline.happened(cabinet_day):
        meeting = _meeting(
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
        _minutes(
            session,
            meeting,
            "Cabinet received the outcome of the review and the plan the Board agreed in April.",
            ["Cabinet supports the Board in delivering the agreed improvement plan"],
            approved_on=on(2018, 7, 10) if timeline.happened(on(2018, 7, 10)) else None,
        )
    progress = on(2019, 1, 28)
    if timeline.happened(progress):
        meeting = _meeting(
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
        _minutes(
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
    meeting = _meeting(
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
    _minutes(
        session,
        meeting,
        STOCKPORT_MINUTES,
        ["the report be noted"],
        approved_on=timeline.on(2018, 4, 24)
        if timeline.happened(timeline.on(2018, 4, 24))
        else None,
    )


def build(session: Session, timeline: Timeline) -> None:
    oxfordshire(session, timeline)
    coventry(session, timeline)
    stockport(session, timeline)
