"""The door of governance: every use case the web, the CLI and other capabilities may call.

Writes take the acting user and one input model of ``joinedup.governance.schemas``
(keyword-only); reads answer frozen views. The use cases live in modules named by what they do;
this module gathers them so that nothing outside reaches past it."""

from __future__ import annotations

from joinedup.governance.boards import (
    add_board,
    add_member,
    board_meetings,
    boards_of,
    forward_plan,
    get_board,
    update_settings,
)
from joinedup.governance.decisions import (
    add_action_arising,
    add_question,
    add_resolution,
    get_action_arising,
    take_into_plan,
)
from joinedup.governance.logs import add_engagement, add_oversight, engagement_log, oversight_log
from joinedup.governance.meetings import (
    add_agenda_item,
    add_attendance,
    add_meeting,
    approve_minutes,
    get_meeting,
    published_meeting,
    published_meetings,
    save_minutes,
)
from joinedup.governance.papers import (
    CoverSettings,
    attach_paper,
    paper_settings,
    system_cover_settings,
)
from joinedup.governance.permissions import may_keep, may_log_oversight
from joinedup.governance.risks import add_risk, get_risk, rescore, risk_register, risks_for_board
from joinedup.governance.rules import IMPACT, LIKELIHOOD, band
from joinedup.governance.signoffs import (
    answer_sign_off,
    approval_blockers,
    ask_for_sign_off,
    meeting_of_item,
    my_sign_offs,
    paper_sign_offs,
    sign_off_table,
)
from joinedup.governance.views import (
    BoardView,
    EngagementView,
    MeetingSummary,
    MeetingView,
    OversightView,
    RiskView,
    SignOffView,
)

__all__ = [
    "IMPACT",
    "LIKELIHOOD",
    "BoardView",
    "CoverSettings",
    "EngagementView",
    "MeetingSummary",
    "MeetingView",
    "OversightView",
    "RiskView",
    "SignOffView",
    "add_action_arising",
    "add_agenda_item",
    "add_attendance",
    "add_board",
    "add_engagement",
    "add_meeting",
    "add_member",
    "add_oversight",
    "add_question",
    "add_resolution",
    "add_risk",
    "answer_sign_off",
    "approval_blockers",
    "approve_minutes",
    "ask_for_sign_off",
    "attach_paper",
    "band",
    "board_meetings",
    "boards_of",
    "engagement_log",
    "forward_plan",
    "get_action_arising",
    "get_board",
    "get_meeting",
    "get_risk",
    "may_keep",
    "may_log_oversight",
    "meeting_of_item",
    "my_sign_offs",
    "oversight_log",
    "paper_settings",
    "paper_sign_offs",
    "published_meeting",
    "published_meetings",
    "rescore",
    "risk_register",
    "risks_for_board",
    "save_minutes",
    "sign_off_table",
    "system_cover_settings",
    "take_into_plan",
    "update_settings",
]
