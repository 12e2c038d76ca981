"""The demo world's people: one per role, and a lead of a second system to show isolation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from joinedup.access import service
from joinedup.access.rules import OPERATOR
from joinedup.timeline import Timeline

# Printed at start; the demo runs on loopback only.
DEMO_PASSWORD = "joined-up-demo"  # noqa: S105


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: str
    area_code: str | None
    system: str = "national"  # the system by name, as the demo's table prints it

    @property
    def role_name(self) -> str:
        return self.role.replace("_", " ")


DEMO_USERS = [
    DemoUser("admin@demo.joinedup.test", "Ada Okafor", "admin", None),
    DemoUser("analyst@demo.joinedup.test", "Sam Patel", "analyst", None),
    DemoUser("reviewer@demo.joinedup.test", "Ruth Evans", "reviewer", None),
    DemoUser(
        "lead@oxfordshire.demo.joinedup.test",
        "Lucy Barton",
        "system_lead",
        "E10000025",
        "Oxfordshire",
    ),
    DemoUser(
        "workstream@oxfordshire.demo.joinedup.test",
        "Tom Hughes",
        "contributor",
        "E10000025",
        "Oxfordshire",
    ),
    DemoUser(
        "board@oxfordshire.demo.joinedup.test", "Priya Shah", "viewer", "E10000025", "Oxfordshire"
    ),
    DemoUser(
        "lead@coventry.demo.joinedup.test", "Peter Flynn", "system_lead", "E08000026", "Coventry"
    ),
]


def build(session: Session, timeline: Timeline) -> list[DemoUser]:
    for user in DEMO_USERS:
        service.add_user(
            session,
            actor=OPERATOR,
            email=user.email,
            name=user.name,
            role=user.role,
            area_code=user.area_code,
            password=DEMO_PASSWORD,
        )
    return DEMO_USERS
