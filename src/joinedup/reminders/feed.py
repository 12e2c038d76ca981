"""A person's calendar as an iCalendar feed (RFC 5545): their actions' due dates, their
systems' review milestones and board meetings, each an all-day event with a stable identifier
so that calendar programs update an event rather than add it again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

PRODUCT_ID = "-//Joined Up//Reminders//EN"
UID_DOMAIN = "joinedup"


@dataclass(frozen=True)
class Entry:
    uid: str  # e.g. "action-12": the same thing keeps the same event
    title: str
    day: date
    path: str
    description: str = ""


def calendar(name: str, entries: list[Entry], *, site_url: str, stamp: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    root = site_url.rstrip("/")
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("url", f"{root}{entry.path}")
        event.add("description", "\n".join(filter(None, [entry.description, root + entry.path])))
        event.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
