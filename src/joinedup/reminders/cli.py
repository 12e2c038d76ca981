"""`joinedup remind`: email each person what falls due, once. Safe to run from cron as often as
you like: what was sent is recorded, so a rerun sends nothing twice."""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import ValidationError

from joinedup.cli_support import cli_session, console
from joinedup.errors import InvalidInput

OPTIONS = {"days_ahead": "--days"}


def remind(
    days: Annotated[
        int | None,
        typer.Option(help="Days ahead to remind actions and milestones (default: the setting)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be sent; send and record nothing.")
    ] = False,
) -> None:
    """Email each person, once, what falls due: actions, milestones, sign-offs, paper deadlines."""
    from joinedup.reminders import service
    from joinedup.reminders.schemas import RemindIn
    from joinedup.settings import get_settings

    settings = get_settings()
    try:
        data = RemindIn.model_validate(
            {
                "days_ahead": settings.reminder_days if days is None else days,
                "paper_deadline_days": settings.paper_deadline_days,
                "dry_run": dry_run,
            }
        )
    except ValidationError as error:
        problems = InvalidInput.from_validation(error).problems
        raise InvalidInput({OPTIONS.get(k, k): v for k, v in problems.items()}) from None
    with cli_session() as session:
        outcome = service.send_reminders(
            session, settings=settings, data=data, today=settings.today
        )
    items = sum(len(e.items) for e in outcome.emails)
    if outcome.sent:
        console.print(f"Sent {len(outcome.emails)} email(s) listing {items} item(s).")
        return
    for email in outcome.emails:
        console.print(f"{email.to}: {len(email.items)} item(s)")
    if not dry_run and not settings.mail_configured:
        console.print(
            "Email is off: set JOINEDUP_SMTP_HOST and JOINEDUP_SMTP_SENDER to send reminders. "
            f"{len(outcome.emails)} email(s) would be sent."
        )
    else:
        console.print(f"Dry run: {len(outcome.emails)} email(s) would be sent; nothing recorded.")
