"""Oxfordshire's governance in the demo: its Health and Wellbeing Board with the sub-groups, the
Board meeting of 13 June 2019 that received the highlight report, the delivery board's meeting
with draft minutes, the later Board meetings (the next one on the forward plan), the plan's risk
register, the monthly oversight calls and an engagement."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.errors import NotFound
from joinedup.governance import service
from joinedup.governance.demo_meetings import (
    OXFORDSHIRE,
    current_plan_id,
    hold_meeting,
    papers_by_meeting,
    write_minutes,
)
from joinedup.governance.demo_stories import (
    OXFORDSHIRE_MINUTES,
    OXFORDSHIRE_PRIORITIES,
    OXFORDSHIRE_SUB_GROUPS,
    RISKS,
)
from joinedup.governance.schemas import (
    ActionArisingIn,
    AgendaItemIn,
    BoardIn,
    BoardKind,
    BoardSettingsIn,
    EngagementIn,
    MemberIn,
    OversightIn,
    RiskIn,
    RiskScoreIn,
    SignOffAskIn,
    SignOffRole,
    TakeIntoPlanIn,
)
from joinedup.plans import service as plans
from joinedup.reviews import service as reviews
from joinedup.timeline import Timeline

# Board meetings after June 2019 as the story's calendar would hold them; the first still to
# come is the forward plan's.
BOARD = "Oxfordshire Health and Wellbeing Board"
NEXT_BOARD_MEETINGS = ((2019, 9, 12), (2019, 11, 14), (2020, 3, 12), (2020, 7, 9))


def oxfordshire_board(session: Session, timeline: Timeline) -> None:
    """The Board, its members and sub-groups, its cover settings and the plan's risk register:
    in place before the Board's papers are written, which show its risks."""
    board = service.add_board(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        change=BoardIn(
            name=BOARD,
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
    for name in OXFORDSHIRE_SUB_GROUPS:
        service.add_board(
            session,
            actor=OPERATOR,
            area_code=OXFORDSHIRE,
            change=BoardIn(name=name, kind=BoardKind.SUB_GROUP, parent_id=board.id),
        )
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
    plan_id = current_plan_id(session, OXFORDSHIRE)
    if plan_id is not None:
        _risks(session, timeline, plan_id)


def oxfordshire(session: Session, timeline: Timeline) -> None:
    on = timeline.on
    boards = service.boards_of(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    board = next(b for b in boards if b.parent_id is None and b.name == BOARD)
    sub_group_ids = [
        next(b.id for b in boards if b.name == name) for name in OXFORDSHIRE_SUB_GROUPS
    ]
    plan_id = current_plan_id(session, OXFORDSHIRE)
    papers = papers_by_meeting(session, OXFORDSHIRE)
    june = on(2019, 6, 13)
    june_meeting = hold_meeting(
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
        write_minutes(
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
        meeting_id = hold_meeting(
            session,
            sub_group_ids[0],
            delivery,
            agenda=[
                AgendaItemIn(title="Workstream ratings for the highlight report", plan_id=plan_id)
            ],
            attended=(("System leaders", "Integrated System Delivery Board"),),
        )
        # The ratings paper is signed off by a workstream contributor and the system lead.
        paper = service.get_meeting(session, actor=OPERATOR, meeting_id=meeting_id).agenda[0]
        for email, role in (
            ("workstream@oxfordshire.demo.joinedup.test", SignOffRole.CONTRIBUTOR),
            ("lead@oxfordshire.demo.joinedup.test", SignOffRole.APPROVER),
        ):
            service.ask_for_sign_off(
                session,
                actor=OPERATOR,
                agenda_item_id=paper.id,
                change=SignOffAskIn(email=email, role=role),
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
        write_minutes(
            session,
            meeting_id,
            "The Board agreed the workstream ratings to report to the Health and Wellbeing Board.",
            [],
            approved_on=None,
        )
    _later_board_meetings(session, timeline, board.id, plan_id, papers)
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
        meeting_id = hold_meeting(session, board_id, day, agenda=agenda)
        if not timeline.happened(day):
            return
        approved = day + timedelta(days=14)
        write_minutes(
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
