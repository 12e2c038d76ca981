"""API models of programmes, reviews, milestones, evidence and findings."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class ProgrammeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    framework_key: str
    description: str


class ProgrammeIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    framework_key: str = Field(examples=["local-system-review-2017"])
    description: str = Field(default="", max_length=4000)


class MilestoneOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str
    label: str
    planned_date: date | None
    actual_date: date | None
    state: str = Field(description="done, overdue, due_soon, upcoming or unplanned")
    days: int = Field(description="days late, or days until due")
    version: int


class TeamMember(BaseModel):
    name: str
    role: str = ""


class ReviewOut(BaseModel):
    id: int
    programme_id: int
    area_code: str
    title: str
    kind: str
    status: str
    team: list[TeamMember]
    follow_up_of_id: int | None
    report_state: str
    report_summary: str
    overdue: list[str] = Field(description="keys of milestones past their planned date")
    milestones: list[MilestoneOut]
    version: int


class ReviewIn(BaseModel):
    programme_id: int
    area_code: str = Field(pattern=r"^E\d{8}$", examples=["E10000025"])
    kind: str = Field(examples=["full", "follow_up_visit", "follow_up_light"])
    start: date
    title: str = Field(default="", max_length=200)
    team: list[TeamMember] = Field(default_factory=list)
    follow_up_of_id: int | None = None


class AttachmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    original_name: str
    content_type: str
    size_bytes: int
    sha256: str


class EvidenceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    review_id: int
    kind: str
    gathered_on: date
    source: str
    questions: list[str]
    summary: str
    attachments: list[AttachmentOut]
    version: int


class EvidenceIn(BaseModel):
    kind: str = Field(examples=["interview"])
    gathered_on: date
    source: str = Field(min_length=1, max_length=300)
    questions: list[str] = Field(default_factory=list, examples=[["responsive"]])
    summary: str = Field(min_length=1, max_length=20000)


class EvidenceUpdate(EvidenceIn):
    version: int


class FindingOut(BaseModel):
    id: int
    review_id: int
    kind: str
    key_question: str
    theme: str
    text: str
    evidence_ids: list[int]
    version: int


class FindingIn(BaseModel):
    kind: str = Field(examples=["area_for_improvement"])
    key_question: str = Field(examples=["responsive"])
    theme: str = Field(default="", max_length=200)
    text: str = Field(min_length=1, max_length=20000)
    evidence_ids: list[int] = Field(default_factory=list)


class FindingUpdate(FindingIn):
    version: int
