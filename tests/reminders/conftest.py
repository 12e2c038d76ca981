"""A real SMTP server on loopback (aiosmtpd), and the demo world with things falling due."""

from __future__ import annotations

import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import demo as access_demo
from joinedup.governance.models import Meeting
from joinedup.plans.models import Action, Plan, Workstream
from joinedup.reports.models import Report, SignOff
from joinedup.reports.schemas import ReportKind
from joinedup.reviews.models import Milestone, Review
from joinedup.settings import Settings
from tests.conftest import OXFORDSHIRE, TEST_SECRET

SITE = "https://joinedup.example.org"
SENDER = "reminders@joinedup.example.org"
SMTP_USER = "joinedup"
SMTP_PASSWORD = "mail-password-for-tests"


@dataclass
class Mailbox:
    """What the server received: one parsed message per email."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    def text(self, message: EmailMessage) -> str:
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        return str(body.get_content())

    def html(self, message: EmailMessage) -> str:
        body = message.get_body(preferencelist=("html",))
        assert body is not None
        return str(body.get_content())


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_DATA(  # noqa: N802 - the name aiosmtpd calls
        self, server: SMTP, session: object, envelope: Envelope
    ) -> str:
        content = envelope.original_content or b""
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.box.messages.append(parsed)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _server(box: Mailbox, **options: Any) -> Controller:
    """An SMTP server that delivers into ``box`` and accepts only the configured sign-in."""

    def authenticate(
        server: SMTP, session: object, envelope: object, mechanism: str, data: object
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == SMTP_USER
            and data.password.decode() == SMTP_PASSWORD
        )
        if ok:
            box.logins.append(SMTP_USER)
        return AuthResult(success=ok)

    return Controller(
        _Handler(box),
        hostname="127.0.0.1",
        port=box.port,
        authenticator=authenticate,
        auth_required=True,
        **options,
    )


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    """A real SMTP server on loopback that requires a sign-in, as a relay would."""
    box = Mailbox(port=free_port())
    controller = _server(box, auth_require_tls=False)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@dataclass
class TlsMailbox(Mailbox):
    certificate: Path = Path()


@pytest.fixture
def tls_mailbox(tmp_path: Path) -> Iterator[TlsMailbox]:
    """The same server offering STARTTLS with its own certificate, and accepting a sign-in only
    once the connection is encrypted."""
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(certificate), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, key)
    box = TlsMailbox(port=free_port(), certificate=certificate)
    controller = _server(box, tls_context=context, require_starttls=True)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


def mail_settings(database_url: str, port: int, **changes: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "site_url": SITE,
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_tls": "none",
        "smtp_username": SMTP_USER,
        "smtp_password": SMTP_PASSWORD,
        "smtp_sender": SENDER,
    }
    values.update(changes)
    return Settings.model_validate(values)


@dataclass(frozen=True)
class Due:
    """The things the fixture made fall due, by id."""

    today: date
    soon: int  # the contributor's action due in three days
    late: int  # their action five days overdue
    later: int  # their action due in thirty days: not reminded yet
    milestone: int  # York's review milestone, the reviewer on the team, in two days
    coventry_milestone: int
    report: int  # Oxfordshire's draft board paper: the lead's sign-off asked; meeting in 12 days
    meeting: date


def demo_user(role: str, area_code: str | None = OXFORDSHIRE) -> access_demo.DemoUser:
    """The demo world's person in that role (in Oxfordshire, for a system's roles)."""
    system = area_code if role in {"system_lead", "contributor", "viewer"} else None
    return next(u for u in access_demo.DEMO_USERS if u.role == role and u.area_code == system)


def _oxfordshire_actions(session: Session) -> list[Action]:
    query = (
        select(Action)
        .join(Workstream, Action.workstream_id == Workstream.id)
        .join(Plan, Workstream.plan_id == Plan.id)
        .where(Plan.area_code == OXFORDSHIRE, Plan.is_current.is_(True))
        .order_by(Action.id)
    )
    return list(session.scalars(query))


@pytest.fixture
def due(session: Session) -> Due:
    """Quiet the demo world's own due dates, then make one of each kind fall due."""
    today = clock.today()
    far = today + timedelta(days=400)
    session.execute(update(Action).values(forecast_due=far, owner=""))
    session.execute(update(Milestone).values(planned_date=far))
    session.execute(update(Report).values(meeting_date=None))
    for n, held in enumerate(session.scalars(select(Meeting).order_by(Meeting.id))):
        held.held_on = far + timedelta(days=n)  # every board's meetings, out of the way
    contributor, lead = demo_user("contributor"), demo_user("system_lead")
    actions = _oxfordshire_actions(session)
    soon, late, later = actions[0], actions[1], actions[2]
    for action, days in ((soon, 3), (late, -5), (later, 30)):
        action.owner = contributor.name
        action.forecast_due = today + timedelta(days=days)
        action.status = "on_track"
        action.completed_on = None
    york = session.scalars(select(Review).where(Review.title.like("York%"))).one()
    milestone = next(m for m in york.milestones if m.actual_date is None)
    milestone.planned_date = today + timedelta(days=2)
    coventry = session.scalars(select(Review).where(Review.area_code == "E08000026")).first()
    assert coventry is not None
    coventry_milestone = coventry.milestones[0]
    coventry_milestone.planned_date = today + timedelta(days=2)
    coventry_milestone.actual_date = None
    # A board paper (highlight report): the demo's draft CQC review report is not the system's
    # to read until it is shared, so nobody in the system is asked to sign it off.
    drafts = select(Report).where(
        Report.area_code == OXFORDSHIRE,
        Report.kind == ReportKind.HIGHLIGHT,
        Report.state == "draft",
    )
    report = session.scalars(drafts.order_by(Report.id.desc())).first()
    assert report is not None, "the demo world has a draft board paper for Oxfordshire"
    meeting = today + timedelta(days=12)
    report.meeting_date = meeting
    session.add(
        SignOff(
            report_id=report.id,
            role="approver",
            name=lead.name,
            title="System lead",
            organisation="County Council",
            sent_on=today - timedelta(days=2),
        )
    )
    session.commit()
    return Due(
        today=today,
        soon=soon.id,
        late=late.id,
        later=later.id,
        milestone=milestone.id,
        coventry_milestone=coventry_milestone.id,
        report=report.id,
        meeting=meeting,
    )
