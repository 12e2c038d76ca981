"""Reminder emails: written as plain text with an HTML alternative (each item a link to its
page), and sent through the configured mail server."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from html import escape
from typing import Protocol

from joinedup.periods import long_date
from joinedup.reminders.schemas import DueItem, Email, ReminderKind
from joinedup.settings import Settings

TIMEOUT_SECONDS = 30


class Mailer(Protocol):
    """Sends a run's emails over one connection, opened by ``with``."""

    def __enter__(self) -> Mailer: ...

    def __exit__(self, *exc: object) -> None: ...

    def send(self, message: EmailMessage) -> None: ...


class SmtpMailer:
    """The configured mail server: STARTTLS, SSL or plain, with a sign-in when one is set."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpMailer:
        s = self.settings
        context = ssl.create_default_context()
        if s.smtp_tls == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                s.smtp_host, s.smtp_port, timeout=TIMEOUT_SECONDS, context=context
            )
        else:
            smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=TIMEOUT_SECONDS)
        if s.smtp_tls == "starttls":
            smtp.starttls(context=context)
        if s.smtp_username:
            smtp.login(s.smtp_username, s.smtp_password.get_secret_value())
        self.smtp = smtp
        return self

    def __exit__(self, *exc: object) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except smtplib.SMTPException:
                self.smtp.close()
            self.smtp = None

    def send(self, message: EmailMessage) -> None:
        assert self.smtp is not None, "send inside `with mailer:`"
        self.smtp.send_message(message)


def _grouped(items: tuple[DueItem, ...]) -> list[tuple[ReminderKind, list[DueItem]]]:
    order = list(ReminderKind)
    kinds = sorted({item.kind for item in items}, key=order.index)
    return [(kind, [i for i in items if i.kind is kind]) for kind in kinds]


def subject(email: Email) -> str:
    count = len(email.items)
    return f"Joined Up: {count} reminder{'s' if count != 1 else ''}"


def compose(email: Email, *, sender: str, site_url: str) -> EmailMessage:
    """The email for one person: each item under its heading, with its date and its link."""
    root = site_url.rstrip("/")
    text = [f"Dear {email.name},", "", "These need your attention in Joined Up:", ""]
    html = [f"<p>Dear {escape(email.name)},</p><p>These need your attention in Joined Up:</p>"]
    for kind, items in _grouped(email.items):
        text += [kind.heading, ""]
        html.append(f"<h2>{escape(kind.heading)}</h2><ul>")
        for item in items:
            when = ("due " if kind is not ReminderKind.MEETING else "by ") + long_date(item.due)
            link = f"{root}{item.path}"
            text.append(f"- {item.title} ({when})")
            if item.detail:
                text.append(f"  {item.detail}")
            text.append(f"  {link}")
            detail = f"<br>{escape(item.detail)}" if item.detail else ""
            anchor = f'<a href="{escape(link)}">{escape(item.title)}</a>'
            html.append(f"<li>{anchor} ({escape(when)}){detail}</li>")
        text.append("")
        html.append("</ul>")
    text += ["You get this email because you work on these in Joined Up.", ""]
    html.append("<p>You get this email because you work on these in Joined Up.</p>")
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to
    message["Subject"] = subject(email)
    message.set_content("\n".join(text))
    message.add_alternative("".join(html), subtype="html")
    return message
