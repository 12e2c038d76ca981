"""Models of access: the text a person gives (a user's name, a token's label) clean at the
door, and the API's answers."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from joinedup.inputs import Code, Name


class UserIn(BaseModel):
    """The words of a new user (the email is checked by its own rules)."""

    name: Name = ""


class TokenIn(BaseModel):
    """A new API token: a label to tell it apart, and how many days it lasts."""

    label: Name = ""
    days: int = Field(default=90, ge=1, le=3650)


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


class InviteIn(BaseModel):
    """A person invited on the web: their email, name, and one role (with its system)."""

    email: Name
    name: Name = ""
    role: Name
    area_code: Code | None = None

    @field_validator("area_code", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value


class RoleChange(BaseModel):
    """A person's one role (nationally, or in one system), replacing what they held."""

    role: Name
    area_code: Code | None = None

    @field_validator("area_code", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value


class PasswordChange(BaseModel):
    """A person's own password changed: the current one, and the new one typed twice."""

    current_password: str = Field(default="", max_length=1000)
    new_password: str = Field(default="", max_length=1000)
    confirm_password: str = Field(default="", max_length=1000)
