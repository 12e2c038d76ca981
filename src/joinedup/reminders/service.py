"""Reminders, the one door: the emails due today (each item once), sending them, and a person's
calendar feed behind a secret link they can renew or revoke."""

from __future__ import annotations

import hashlib
import secrets
import smtplib
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.models import User
from joinedup.access.rules import Principal
from joinedup.access.service import principal_for
from joinedup.errors import NotFound
from joinedup.plans import service as plans
from joinedup.reminders import feed
from joinedup.reminders.due import due_for, meetings_of, milestones_of
from joinedup.reminders.mail import Mailer, SmtpMailer, compose
from joinedup.reminders.models import CalendarToken, SentReminder
from joinedup.reminders.schemas import DueItem, Email, MailUnavailable, RemindIn, RemindOutcome
from joinedup.settings import Settings
from joinedup.store.db import utcnow

TOKEN_BYTES = 32

__all__ = [
    "calendar_feed",
    "due_emails",
    "has_calendar_link",
    "new_calendar_link",
    "revoke_calendar_link",
    "send_reminders",
]


def _people(session: Session) -> list[User]:
    return list(session.scalars(select(User).where(User.is_active.is_(True)).order_by(User.id)))


def _already_sent(session: Session, user_id: int) -> set[tuple[str, str]]:
    query = select(SentReminder.kind, SentReminder.item_key).where(SentReminder.user_id == user_id)
    return {(kind, key) for kind, key in session.execute(query)}


def due_emails(session: Session, *, today: date, data: RemindIn) -> list[tuple[int, Email]]:
    """For each active person, by user id, the items due that they have not been sent."""
    emails = []
    for user in _people(session):
        principal = principal_for(user)
        sent = _already_sent(session, user.id)
        items = due_for(
            session,
            principal,
            today=today,
            days=data.days_ahead,
            deadline_days=data.paper_deadline_days,
        )
        fresh = tuple(i for i in items if (i.kind.value, i.key) not in sent)
        if fresh:
            emails.append((user.id, Email(to=user.email, name=user.name, items=fresh)))
    return emails


def _claim(session: Session, user_id: int, items: tuple[DueItem, ...]) -> bool:
    """Record the items as sent before sending; False when another run got there first."""
    try:
        with session.begin_nested():
            session.add_all(
                SentReminder(user_id=user_id, kind=i.kind.value, item_key=i.key) for i in items
            )
            session.flush()
    except IntegrityError:
        return False
    return True


def send_reminders(
    session: Session,
    *,
    settings: Settings,
    data: RemindIn,
    mailer: Mailer | None = None,
    today: date | None = None,
) -> RemindOutcome:
    """Send each person one email of what is due, each item once ever.

    Each email is its own transaction: its items are recorded, the email is sent, then the
    record is committed; a failed send rolls its record back so the next run tries again, and a
    run that starts while another is sending finds the items taken and skips them."""
    due = due_emails(session, today=today or clock.today(), data=data)
    emails = tuple(email for _, email in due)
    if data.dry_run or not settings.mail_configured:
        session.rollback()
        return RemindOutcome(emails=emails, sent=False)
    if not due:
        session.rollback()
        return RemindOutcome(emails=(), sent=True)  # nothing to send: no connection either
    session.commit()  # the reading transaction ends; each email takes its own
    delivered: list[Email] = []
    try:
        with mailer or SmtpMailer(settings) as connection:
            for user_id, email in due:
                if not _claim(session, user_id, email.items):
                    session.rollback()
                    continue
                message = compose(email, sender=settings.smtp_sender, site_url=settings.site_url)
                try:
                    connection.send(message)
                except BaseException:
                    session.rollback()  # not sent: not recorded
                    raise
                session.commit()
                delivered.append(email)
    except (OSError, smtplib.SMTPException) as error:
        raise MailUnavailable(
            f"The mail server {settings.smtp_host}:{settings.smtp_port} could not be reached or "
            f"refused ({error}); {len(delivered)} email(s) were sent, the rest go next run."
        ) from error
    return RemindOutcome(emails=tuple(delivered), sent=True)


# -- Calendar feed ----------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _revoke_all(session: Session, user_id: int) -> int:
    result = session.execute(
        update(CalendarToken)
        .where(CalendarToken.user_id == user_id, CalendarToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _require_user(actor: Principal) -> int:
    if actor.user_id is None:
        raise NotFound("calendar feeds belong to people who sign in")
    return actor.user_id


def has_calendar_link(session: Session, *, actor: Principal) -> bool:
    user_id = _require_user(actor)
    query = select(CalendarToken.id).where(
        CalendarToken.user_id == user_id, CalendarToken.revoked_at.is_(None)
    )
    return session.scalar(query) is not None


def new_calendar_link(session: Session, *, actor: Principal) -> str:
    """A new secret for the person's feed address; any earlier address stops working."""
    user_id = _require_user(actor)
    _revoke_all(session, user_id)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(CalendarToken(user_id=user_id, token_hash=_digest(token)))
    audit.record(
        session, actor=actor, action="calendar_link_created", entity_type="user", entity_id=user_id
    )
    session.flush()
    return token


def revoke_calendar_link(session: Session, *, actor: Principal) -> None:
    user_id = _require_user(actor)
    if _revoke_all(session, user_id):
        audit.record(
            session,
            actor=actor,
            action="calendar_link_revoked",
            entity_type="user",
            entity_id=user_id,
        )


def _owner(session: Session, token: str) -> User:
    query = select(CalendarToken.user_id).where(
        CalendarToken.token_hash == _digest(token), CalendarToken.revoked_at.is_(None)
    )
    user_id = session.scalar(query)
    user = None if user_id is None else session.get(User, user_id)
    if user is None or not user.is_active:
        raise NotFound("no such calendar")
    return user


def calendar_feed(
    session: Session, *, token: str, site_url: str, today: date | None = None
) -> bytes:
    """The feed of the person whose secret this is: their open actions, the milestones of their
    systems' reviews and of reviews they are on the team of, and their systems' board meetings."""
    user = _owner(session, token)
    principal = principal_for(user)
    on = today or clock.today()
    entries = [
        feed.Entry(
            uid=f"action-{row.id}",
            title=f"Action {row.reference} due: {row.description}",
            day=row.forecast_due,
            path=f"/actions/{row.id}",
            description=row.workstream_title,
        )
        for row in plans.my_actions(session, actor=principal, on=on)
    ]
    entries += [
        feed.Entry(
            uid=f"milestone-{m.id}",
            title=f"{m.review_title}: {m.label}" + (" (done)" if m.done else ""),
            day=m.day,
            path=f"/reviews/{m.review_id}",
        )
        for m in milestones_of(session, principal)
    ]
    for area_code in sorted(principal.system_codes):
        entries += [
            feed.Entry(
                uid=f"meeting-{area_code}-{meeting.held_on.isoformat()}",
                title=meeting.name,
                day=meeting.held_on,
                path=f"/systems/{area_code}/reports",
                description="Papers: " + "; ".join(meeting.papers),
            )
            for meeting in meetings_of(session, principal, area_code)
        ]
    return feed.calendar(f"Joined Up: {user.name}", entries, site_url=site_url, stamp=clock.now())
