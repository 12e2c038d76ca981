"""Typed dependencies: the database session and the signed-in user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from joinedup.access import service as access
from joinedup.access.rules import Principal
from joinedup.errors import NotFound
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.security import SESSION_COOKIE, bearer_token


class NotSignedIn(Exception):
    """No valid session or token: pages redirect to sign-in, the API answers 401."""


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """A session for one request. Writing routes commit explicitly before they answer, so an
    acknowledged write is always a committed one."""
    session = get_database(request).sessions()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def optional_principal(request: Request) -> Principal | None:
    """The signed-in user, from a Bearer token or the session cookie, or None."""
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    principal: Principal | None = None
    database = get_database(request)
    token = bearer_token(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    if token or cookie:
        try:
            with database.session() as session:
                if token:
                    principal = access.principal_from_token(session, token)
                elif cookie:
                    principal = access.principal_from_session(
                        session, cookie, session_hours=get_settings_dep(request).session_hours
                    )
        except NotFound:
            principal = None
    if token and principal is None:
        raise NotSignedIn("unknown or revoked API token")
    request.state.principal = principal
    return principal


def current_principal(
    principal: Annotated[Principal | None, Depends(optional_principal)],
) -> Principal:
    if principal is None:
        raise NotSignedIn("sign in to continue")
    return principal


OptionalUser = Annotated[Principal | None, Depends(optional_principal)]
CurrentUser = Annotated[Principal, Depends(current_principal)]
