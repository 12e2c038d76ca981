"""`joinedup users ...`: manage people and their roles from the command line."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from joinedup.access.rules import OPERATOR
from joinedup.cli_support import cli_session, console

app = typer.Typer(help="Manage users, their roles and their API tokens.", no_args_is_help=True)

SystemOption = Annotated[
    str | None, typer.Option("--system", help="Area code of the system, for system roles.")
]


def _password(from_stdin: bool) -> tuple[str, bool]:
    from joinedup.access.passwords import generate_password

    if from_stdin:
        return sys.stdin.readline().rstrip("\n"), False
    return generate_password(), True


@app.command("add")
def add(
    email: str,
    role: Annotated[str, typer.Option(help="admin, analyst, reviewer, system_lead, ...")],
    system: SystemOption = None,
    name: Annotated[str, typer.Option(help="Full name.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a user with one role, nationally or in one system."""
    from joinedup.access import service

    password, generated = _password(password_stdin)
    with cli_session() as session:
        user = service.add_user(
            session,
            actor=OPERATOR,
            email=email,
            name=name,
            role=role,
            area_code=system,
            password=password,
        )
    console.print(f"Added {user.email} as {role}" + (f" in {system}" if system else ""))
    if generated:
        console.print(f"Password (shown once): {password}", highlight=False)


@app.command("list")
def list_users() -> None:
    """List users with their roles."""
    from joinedup.access import service

    with cli_session() as session:
        table = Table("email", "name", "roles", "active")
        for user in service.list_users(session, actor=OPERATOR):
            roles = ", ".join(
                m.role + (f" ({m.area_code})" if m.area_code else "") for m in user.memberships
            )
            table.add_row(user.email, user.name, roles, "yes" if user.is_active else "no")
    console.print(table)


@app.command("set-role")
def set_role(
    email: str,
    role: Annotated[str, typer.Option(help="The new role; replaces the user's roles.")],
    system: SystemOption = None,
) -> None:
    """Give a user a new role (their sessions and tokens end so that it applies at once)."""
    from joinedup.access import service

    with cli_session() as session:
        service.set_role(session, actor=OPERATOR, email=email, role=role, area_code=system)
    console.print(f"{email} is now {role}" + (f" in {system}" if system else ""))


@app.command("reset-password")
def reset_password(
    email: str,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Set a new password (generated and printed once unless read from stdin)."""
    from joinedup.access import service

    password, generated = _password(password_stdin)
    with cli_session() as session:
        service.reset_password(session, actor=OPERATOR, email=email, password=password)
    console.print(f"Password of {email} reset; their sessions and API tokens have ended.")
    if generated:
        console.print(f"Password (shown once): {password}", highlight=False)


@app.command("token")
def token(
    email: str,
    label: Annotated[str, typer.Option(help="What the token is for.")] = "",
    days: Annotated[
        int | None,
        typer.Option(min=1, max=3660, help="Days it lasts (default: JOINEDUP_API_TOKEN_DAYS)."),
    ] = None,
) -> None:
    """Print a new personal API token for the user (shown once); it expires after `days`."""
    from joinedup.access import service
    from joinedup.settings import get_settings

    lifetime = days or get_settings().api_token_days
    with cli_session() as session:
        value = service.issue_token(
            session, actor=OPERATOR, email=email, label=label, days=lifetime
        )
    console.print(value, highlight=False)


@app.command("revoke-token")
def revoke_token(
    prefix: Annotated[str, typer.Argument(help="The token's first 10 characters.")],
) -> None:
    """Revoke an API token: it stops working at once."""
    from joinedup.access import service

    with cli_session() as session:
        service.revoke_token(session, actor=OPERATOR, prefix=prefix)
    console.print(f"Revoked token {prefix}…")


@app.command("deactivate")
def deactivate(email: str) -> None:
    """Stop a user signing in: every session and API token of theirs ends at once."""
    from joinedup.access import service

    with cli_session() as session:
        service.set_active(session, actor=OPERATOR, email=email, active=False)
    console.print(f"{email} is deactivated; their sessions and API tokens have ended.")


@app.command("reactivate")
def reactivate(email: str) -> None:
    """Let a deactivated user sign in again (they need a new token for the API)."""
    from joinedup.access import service

    with cli_session() as session:
        service.set_active(session, actor=OPERATOR, email=email, active=True)
    console.print(f"{email} can sign in again.")
