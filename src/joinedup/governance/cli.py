"""`joinedup boards ...`: a system's boards, forward plan, a meeting's record and a plan's risks."""

from __future__ import annotations

from typing import Annotated

import typer

from joinedup.access.rules import OPERATOR
from joinedup.cli_support import cli_session, console

boards_app = typer.Typer(
    help="Boards and meetings: forward plans, minutes, resolutions and risk registers.",
    no_args_is_help=True,
)

System = Annotated[str, typer.Option("--system", help="Area code of the system.")]


@boards_app.command("list")
def list_boards(system: System) -> None:
    """The system's boards and committees, with the board each sub-group reports to."""
    from joinedup.governance import service

    with cli_session() as session:
        boards = service.boards_of(session, actor=OPERATOR, area_code=system.strip().upper())
    for b in boards:
        under = f" (reports to {b.parent_name})" if b.parent_name else ""
        console.print(f"{b.id}\t{b.name}{under}", markup=False, soft_wrap=True)


@boards_app.command("forward-plan")
def forward_plan(system: System) -> None:
    """The coming meetings of the system's boards, soonest first, with the papers due."""
    from joinedup.governance import service

    with cli_session() as session:
        coming = service.forward_plan(session, actor=OPERATOR, area_code=system.strip().upper())
    if not coming:
        console.print("No meeting is planned.", soft_wrap=True)
    for m in coming:
        papers = "; ".join(m.papers) or "no papers yet"
        console.print(
            f"{m.held_on.isoformat()}\t{m.board_name}\t{papers}", markup=False, soft_wrap=True
        )


@boards_app.command("meeting")
def meeting(meeting_id: Annotated[int, typer.Argument(help="The meeting's number.")]) -> None:
    """A meeting's agenda, minutes, resolutions and questions."""
    from joinedup.governance import service

    with cli_session() as session:
        view = service.get_meeting(session, actor=OPERATOR, meeting_id=meeting_id)
    console.print(
        f"{view.board_name}, {view.held_on.isoformat()} ({view.minutes_status})", markup=False
    )
    for item in view.agenda:
        console.print(f"  {item.number}. {item.title}", markup=False, soft_wrap=True)
    if view.minutes:
        console.print(view.minutes, markup=False, soft_wrap=True)
    if view.resolutions:
        console.print(view.resolved, markup=False, soft_wrap=True)
    for q in view.questions:
        console.print(f"Q: {q.question}\nA: {q.response}", markup=False, soft_wrap=True)


@boards_app.command("risks")
def risks(plan: Annotated[int, typer.Option("--plan", help="The plan's number.")]) -> None:
    """A plan's risk register, highest score first."""
    from joinedup.governance import service

    with cli_session() as session:
        register = service.risk_register(session, actor=OPERATOR, plan_id=plan)
    for r in register:
        console.print(
            f"{r.score:>2} {r.band:<8} {r.title} ({r.owner})", markup=False, soft_wrap=True
        )
