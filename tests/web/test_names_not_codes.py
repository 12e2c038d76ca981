"""No email address, ONS code or internal identifier in the text people read, on any page of the
demo world, as any role, except where it is the subject (the people pages show emails; the
account page its own)."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from datetime import date

import pytest
from fastapi.testclient import TestClient

from joinedup.store.database import Database
from joinedup.web.names import Names
from joinedup.web.templating import make_templates
from tests.conftest import COVENTRY, OXFORDSHIRE, Backend, demo_email, sign_in

ROLES = [
    ("admin", None),
    ("analyst", None),
    ("reviewer", None),
    ("system_lead", OXFORDSHIRE),
    ("contributor", OXFORDSHIRE),
    ("viewer", OXFORDSHIRE),
    ("system_lead", COVENTRY),
]
SEEDS = ["/", "/my-actions", "/reviews", "/published", "/dashboard", "/rankings", "/people"]
SKIP = re.compile(
    r"\.(csv|xlsx|pdf|docx|ics|svg|png)$|/download|/export|/attachments/|^/api/|^/static/"
    r"|/sign-out|/calendar"
)
PER_KIND = 2  # pages of one kind (the same route with other ids) visited per role
MOST = 120

CHECKS = {
    "ONS code": re.compile(r"\b[EWSNK]\d{8}\b"),
    "email address": re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    "internal identifier": re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"),
}
# Where it is the subject of the page.
SUBJECT = {
    "email address": re.compile(r"^/people|^/account$"),
}


def visible_text(page: str) -> str:
    """What a person reads in the breadcrumbs and the main content: no tags, scripts, styles or
    visually hidden text."""
    crumbs = "".join(re.findall(r'<nav class="govuk-breadcrumbs.*?</nav>', page, flags=re.S))
    main = crumbs + page.split('id="main-content"', 1)[-1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r'<[^>]*class="[^"]*govuk-visually-hidden[^"]*"[^>]*>.*?</', " </", main)
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


def kind(path: str) -> str:
    return re.sub(r"\d+", "N", re.sub(r"\b[EWSNK]\d{8}\b", "AREA", path.split("?")[0]))


def crawl(client: TestClient) -> dict[str, str]:
    """Pages reachable by links from the seeds: path -> HTML (a few of each kind)."""
    seen: dict[str, str] = {}
    per_kind: dict[str, int] = defaultdict(int)
    queue = list(SEEDS)
    while queue and len(seen) < MOST:
        path = queue.pop(0)
        if path in seen or SKIP.search(path) or per_kind[kind(path)] >= PER_KIND:
            continue
        answer = client.get(path, follow_redirects=False)
        if answer.status_code != 200 or "text/html" not in answer.headers["content-type"]:
            continue
        per_kind[kind(path)] += 1
        seen[path] = answer.text
        for link in re.findall(r'href="(/[^"#]*)"', answer.text):
            queue.append(html.unescape(link))
    return seen


@pytest.mark.parametrize(("role", "area"), ROLES)
def test_pages_show_people_and_places_by_name(
    client: TestClient, backend: Backend, role: str, area: str | None
) -> None:
    if backend.name != "sqlite":
        pytest.skip("what a page says does not depend on the database engine")
    sign_in(client, demo_email(role, area))
    pages = crawl(client)
    assert len(pages) > 5
    found = []
    for path, page in pages.items():
        text = visible_text(page)
        for what, pattern in CHECKS.items():
            subject = SUBJECT.get(what)
            if subject is not None and subject.search(path):
                continue
            shown = sorted({m.group(0) for m in pattern.finditer(text)})
            found.extend(f"{path} shows {what} {match!r}" for match in shown)
    assert not found, "\n".join(found)


def test_templates_name_areas_and_people(database: Database) -> None:
    template = make_templates().env.from_string(
        "{{ code | area_name }}; {{ lead | person_name }}; {{ other | person_name }}; "
        "{{ day | govuk_date }}"
    )
    shown = template.render(
        names=Names(database),
        code=OXFORDSHIRE,
        lead=demo_email("system_lead", OXFORDSHIRE).upper(),
        other="someone@example.org",
        day=date(2026, 12, 1),
    )
    assert shown == "Oxfordshire; Lucy Barton; someone@example.org; 1 December 2026"
