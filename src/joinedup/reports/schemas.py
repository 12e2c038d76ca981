"""The reports API's shapes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict


class SignOffOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    role: str
    name: str
    title: str
    organisation: str
    sent_on: date | None
    received_on: date | None


class ReportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    area_code: str
    kind: str
    review_id: int | None
    title: str
    as_of: date
    meeting_date: date | None
    state: str
    slug: str | None
    created_by: str
    created_at: datetime
    approved_by: str | None
    approved_at: datetime | None
    published_at: datetime | None
    version: int


class ReportDetail(ReportOut):
    sign_off: list[SignOffOut]
    downloads: dict[str, str]
    public_url: str | None


class GenerateIn(BaseModel):
    area_code: str
    kind: Literal["highlight", "review"] = "highlight"
    as_of: date | None = None
    meeting_date: date | None = None
    review_id: int | None = None


class VersionIn(BaseModel):
    version: int
