"""The demo world's areas and systems."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.areas import service
from joinedup.timeline import Timeline

# Systems reviewed in the 2017-18 local system review programme, with their partners.
DEMO_SYSTEMS = [
    (
        "E10000025",
        "Oxfordshire",
        "Oxfordshire County Council; Oxfordshire CCG; Oxford University "
        "Hospitals NHS FT; Oxford Health NHS FT",
    ),
    (
        "E08000026",
        "Coventry",
        "Coventry City Council; Coventry and Rugby CCG; University "
        "Hospitals Coventry and Warwickshire NHS Trust",
    ),
    (
        "E06000001",
        "Hartlepool",
        "Hartlepool Borough Council; Hartlepool and Stockton-on-Tees "
        "CCG; North Tees and Hartlepool NHS FT",
    ),
    (
        "E08000007",
        "Stockport",
        "Stockport Metropolitan Borough Council; Stockport CCG; Stockport NHS FT",
    ),
    ("E08000009", "Trafford", "Trafford Council; Trafford CCG; Manchester University NHS FT"),
    ("E06000014", "York", "City of York Council; Vale of York CCG; York Teaching Hospital NHS FT"),
]


def build(session: Session, timeline: Timeline) -> list[str]:
    service.ensure_reference_areas(session)
    for code, name, partners in DEMO_SYSTEMS:
        service.add_system(session, actor=OPERATOR, area_code=code, name=name, partners=partners)
    return [code for code, _, _ in DEMO_SYSTEMS]
