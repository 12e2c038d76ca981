"""The door of improvement plans: every use case other capabilities, the web and the CLI may call.

Writes take the acting user and one input model of ``joinedup.plans.schemas`` (keyword-only);
reads answer frozen view objects built with set-based queries. The use cases live in modules
named by what they do; this module gathers them so that nothing outside reaches past it."""

from __future__ import annotations

from joinedup.plans.action_lists import (
    action_detail,
    members,
    my_actions,
    overdue_actions,
    slipped_actions,
)
from joinedup.plans.actions import add_action, link_findings, update_action
from joinedup.plans.building import (
    add_workstream,
    assign_member,
    assign_member_by_email,
    create_plan,
    make_current,
    set_plan_status,
)
from joinedup.plans.editing import details_history, edit_plan, edit_workstream
from joinedup.plans.overview import (
    current_plan,
    get_plan,
    plan_overview,
    plans_of,
    workstream_by_code,
    workstream_detail,
    workstream_details,
)
from joinedup.plans.progress import coverage, reporting_dates, since_last_report
from joinedup.plans.ratings import record_rag, suggestion
from joinedup.plans.transfer import export_plan, import_plan
from joinedup.plans.view_models import (
    ActionDetail,
    ActionRow,
    Coverage,
    JournalView,
    PlanOverview,
    PlanView,
    RagView,
    WorkstreamDetail,
    WorkstreamSummary,
    WorkstreamView,
)

__all__ = [
    # what the reads answer
    "ActionDetail",
    "ActionRow",
    "Coverage",
    "JournalView",
    "PlanOverview",
    "PlanView",
    "RagView",
    "WorkstreamDetail",
    "WorkstreamSummary",
    "WorkstreamView",
    # reads
    "action_detail",
    # writes
    "add_action",
    "add_workstream",
    "assign_member",
    "assign_member_by_email",
    "coverage",
    "create_plan",
    "current_plan",
    "details_history",
    "edit_plan",
    "edit_workstream",
    "export_plan",
    "get_plan",
    "import_plan",
    "link_findings",
    "make_current",
    "members",
    "my_actions",
    "overdue_actions",
    "plan_overview",
    "plans_of",
    "record_rag",
    "reporting_dates",
    "set_plan_status",
    "since_last_report",
    "slipped_actions",
    "suggestion",
    "update_action",
    "workstream_by_code",
    "workstream_detail",
    "workstream_details",
]
