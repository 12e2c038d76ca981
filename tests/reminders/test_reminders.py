"""`joinedup remind` against a real SMTP server: each person gets one email listing what falls
due for them, with links; a rerun sends nothing twice; nothing is sent or recorded until mail
is configured, or when the server refuses."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from joinedup.plans.models import Action
from joinedup.reminders import service
from joinedup.reminders.models import SentReminder
from joinedup.reminders.schemas import MailUnavailable, RemindIn
from joinedup.store.database import Database
from tests.conftest import demo_email
from tests.races import race
from tests.reminders.conftest import (
    SENDER,
    SITE,
    Due,
    Mailbox,
    TlsMailbox,
    free_port,
    mail_settings,
)

# The loopback test server asks for a sign-in without TLS on purpose; aiosmtpd warns of it.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

TOM = demo_email("contributor")
LUCY = demo_email("system_lead")
RUTH = demo_email("reviewer")
PRIYA = demo_email("viewer")


def remind(session: Session, database: Database, mailbox: Mailbox, **changes: object) -> int:
    settings = mail_settings(database.url, mailbox.port, **changes)
    data = RemindIn(days_ahead=7, paper_deadline_days=10)
    outcome = service.send_reminders(session, settings=settings, data=data)
    return len(outcome.emails) if outcome.sent else 0


def sent_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SentReminder)) or 0


def test_each_person_gets_one_email_of_what_falls_due_with_links(
    session: Session, database: Database, mailbox: Mailbox, due: Due
) -> None:
    assert remind(session, database, mailbox) == 3
    assert mailbox.logins  # signed in with the configured credentials
    assert sorted(m["To"] for m in mailbox.messages) == sorted([TOM, LUCY, RUTH])
    assert all(m["From"] == SENDER for m in mailbox.messages)

    (tom,) = mailbox.to(TOM)
    assert tom["Subject"] == "Joined Up: 3 reminders"
    text = mailbox.text(tom)
    assert "Actions past their due date" in text
    assert "Actions due soon" in text
    assert f"{SITE}/actions/{due.late}" in text
    assert f"{SITE}/actions/{due.soon}" in text
    assert f"/actions/{due.later}" not in text  # thirty days away: not yet
    soon = due.today + timedelta(days=3)
    assert f"due {soon.day} {soon:%B %Y}" in text  # dates as GOV.UK writes them
    # The contributor's digest before the paper deadline of the system's next meeting.
    deadline = due.meeting - timedelta(days=10)
    assert "Papers due for a board meeting" in text
    assert f"by {deadline.day} {deadline:%B %Y}" in text
    assert f'href="{SITE}/actions/{due.soon}"' in mailbox.html(tom)

    (lucy,) = mailbox.to(LUCY)
    lucy_text = mailbox.text(lucy)
    assert "Papers waiting for your sign-off" in lucy_text
    assert f"{SITE}/reports/{due.report}" in lucy_text
    assert "Papers due for a board meeting" in lucy_text  # the lead has the digest too

    (ruth,) = mailbox.to(RUTH)
    ruth_text = mailbox.text(ruth)
    assert "Review milestones due" in ruth_text
    assert "York" in ruth_text
    assert not mailbox.to(PRIYA)  # a viewer has nothing to do


def test_over_starttls_the_sign_in_and_the_emails_are_encrypted(
    session: Session,
    database: Database,
    tls_mailbox: TlsMailbox,
    due: Due,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server refuses a sign-in before STARTTLS: a delivered email proves the upgrade, with
    the certificate checked (the test's own authority trusted in place of the system's)."""
    trusted = ssl.create_default_context(cafile=str(tls_mailbox.certificate))
    monkeypatch.setattr(ssl, "create_default_context", lambda *a, **k: trusted)
    assert remind(session, database, tls_mailbox, smtp_tls="starttls") == 3
    assert tls_mailbox.logins == ["joinedup"]
    assert sorted(m["To"] for m in tls_mailbox.messages) == sorted([TOM, LUCY, RUTH])


def test_a_rerun_sends_nothing_twice_and_a_new_due_date_is_a_new_reminder(
    session: Session, database: Database, mailbox: Mailbox, due: Due
) -> None:
    assert remind(session, database, mailbox) == 3
    recorded = sent_count(session)
    assert remind(session, database, mailbox) == 0
    assert len(mailbox.messages) == 3
    assert sent_count(session) == recorded

    # The action's date moves: that is news, and only that is sent.
    session.execute(
        update(Action)
        .where(Action.id == due.soon)
        .values(forecast_due=due.today + timedelta(days=5))
    )
    session.commit()
    assert remind(session, database, mailbox) == 1
    latest = mailbox.messages[-1]
    assert latest["To"] == TOM
    assert latest["Subject"] == "Joined Up: 1 reminder"
    assert f"/actions/{due.soon}" in mailbox.text(latest)


def test_nothing_is_sent_or_recorded_until_mail_is_configured(
    session: Session, database: Database, mailbox: Mailbox, due: Due
) -> None:
    assert remind(session, database, mailbox, smtp_host="") == 0
    settings = mail_settings(database.url, mailbox.port, smtp_sender="")
    assert not settings.mail_configured
    outcome = service.send_reminders(
        session, settings=settings, data=RemindIn(days_ahead=7, paper_deadline_days=10)
    )
    assert not outcome.sent
    assert {e.to for e in outcome.emails} == {TOM, LUCY, RUTH}  # what would be sent
    dry = service.send_reminders(
        session,
        settings=mail_settings(database.url, mailbox.port),
        data=RemindIn(days_ahead=7, paper_deadline_days=10, dry_run=True),
    )
    assert not dry.sent
    assert not mailbox.messages
    assert sent_count(session) == 0
    assert remind(session, database, mailbox) == 3  # once configured, everything goes


def test_a_mail_server_that_cannot_be_reached_records_nothing_so_the_next_run_retries(
    session: Session, database: Database, mailbox: Mailbox, due: Due
) -> None:
    with pytest.raises(MailUnavailable, match="could not be reached"):
        remind(session, database, mailbox, smtp_port=free_port())  # nobody listening
    session.rollback()
    assert sent_count(session) == 0
    assert not mailbox.messages
    assert remind(session, database, mailbox) == 3


def test_joinedup_remind_from_cron_sends_once(
    session: Session, database: Database, mailbox: Mailbox, due: Due
) -> None:
    env = {
        **os.environ,
        "JOINEDUP_DATABASE_URL": database.url,
        "JOINEDUP_SITE_URL": SITE,
        "JOINEDUP_SMTP_HOST": "127.0.0.1",
        "JOINEDUP_SMTP_PORT": str(mailbox.port),
        "JOINEDUP_SMTP_TLS": "none",
        "JOINEDUP_SMTP_USERNAME": "joinedup",
        "JOINEDUP_SMTP_PASSWORD": "mail-password-for-tests",
        "JOINEDUP_SMTP_SENDER": SENDER,
        "JOINEDUP_TODAY": due.today.isoformat(),
    }
    command = [sys.executable, "-m", "joinedup.cli", "remind"]
    # A mail server that cannot be reached: one line, no traceback, nothing recorded.
    down = {**env, "JOINEDUP_SMTP_PORT": str(free_port())}
    failed = subprocess.run(command, env=down, capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert "could not be reached" in failed.stderr
    assert "Traceback" not in failed.stderr
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    assert "Sent 3 email(s)" in first.stdout
    again = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert "Sent 0 email(s)" in again.stdout
    assert len(mailbox.messages) == 3
    wrong = subprocess.run(
        [*command, "--days", "100"], env=env, capture_output=True, text=True, check=False
    )
    assert wrong.returncode == 1
    assert "--days" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    assert len(mailbox.messages) == 3


def test_two_runs_at_once_send_each_email_once(
    session: Session, database: Database, mailbox: Mailbox, due: Due
) -> None:
    """Cron starts a run while the last is still sending: both find the same three emails due,
    both try to record them at the same moment, and the database lets only one record each."""
    settings = mail_settings(database.url, mailbox.port)
    data = RemindIn(days_ahead=7, paper_deadline_days=10)

    def run(other: Session) -> int:
        return len(service.send_reminders(other, settings=settings, data=data).emails)

    session.close()
    outcomes = race(database, run, run)
    assert all(isinstance(o, int) for o in outcomes), outcomes
    assert sum(outcomes) == 3
    assert sorted(m["To"] for m in mailbox.messages) == sorted([TOM, LUCY, RUTH])
