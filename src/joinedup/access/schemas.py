"""API models of access."""

from __future__ import annotations

from pydantic import BaseModel


class GrantOut(BaseModel):
    role: str
    area_code: str | None


class MeOut(BaseModel):
    email: str
    name: str
    grants: list[GrantOut]


class UserOut(BaseModel):
    id: int
    email: str
    name: str
    active: bool
    grants: list[GrantOut]
