"""No markup in text: every page of the demo world, as each role, shows words, never tags.

A tag that was escaped twice (``&lt;a class=...&gt;`` in the source) reaches the reader as the
literal text ``<a class=...>``. The walk starts from every page of the route table (the concrete
addresses the authorisation matrix uses, ids from the demo) and follows the links each page
offers, so other people's reviews, actions and reports are read too.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.conftest import demo_email, sign_in
from tests.web.authorisation import CASES, PERSONAS
from tests.web.test_authorisation_matrix import app_routes

# A tag as a reader would see it typed out: <span ...>, </a>, <br>, <br/>.
TAG_IN_TEXT = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
# Addresses that are not pages: files, the API and the sign-out form's target.
NOT_PAGES = re.compile(r"^/(api/|static/|sign-out)|\.(csv|xlsx|pdf|docx|json|svg|png)$")
PAGES_PER_ROUTE = 3  # enough to see more than the first review, action or report of each kind
NUMBER = re.compile(r"/\d+(?=/|$)")


class VisibleText(HTMLParser):
    """The text a reader sees (and a screen reader reads): every text node outside scripts,
    styles and form values."""

    SKIPPED = frozenset({"script", "style", "textarea", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.texts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.texts.append(data)


def markup_in(html: str) -> tuple[list[str], list[str]]:
    """(tags shown as text, links) of one page."""
    parser = VisibleText()
    parser.feed(html)
    shown = [match.group(0) for text in parser.texts for match in TAG_IN_TEXT.finditer(text)]
    return shown, parser.links


def test_the_checker_sees_an_escaped_tag() -> None:
    shown, _ = markup_in(
        '<dd>&lt;a class="govuk-link" href="/published/x"&gt;/published/x&lt;/a&gt;</dd>'
        '<label>Planned<span class="govuk-visually-hidden">: Summit</span></label>'
    )
    assert shown == ['<a class="govuk-link" href="/published/x">', "</a>"]


def _start_pages(client: TestClient) -> list[str]:
    """A concrete address for every page of the route table (an HTML GET outside the API)."""
    routes = {path for method, path in app_routes(client.app.routes) if method == "GET"}  # type: ignore[attr-defined]
    pages = [
        case.url
        for case in CASES
        if case.method == "GET" and case.route in routes and not NOT_PAGES.search(case.route)
    ]
    assert "/" in pages
    assert len(pages) > 20
    return pages


def _walk(client: TestClient, start: list[str]) -> tuple[dict[str, list[str]], int]:
    """Every page reachable from ``start`` (a few of each route), with the tags it shows."""
    seen: set[str] = set()
    per_route: Counter[str] = Counter()
    queue = list(start)
    problems: dict[str, list[str]] = {}
    read = 0
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        route = NUMBER.sub("/{id}", urlsplit(url).path)
        if per_route[route] >= PAGES_PER_ROUTE and url not in start:
            continue
        per_route[route] += 1
        response = client.get(url, follow_redirects=False)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        read += 1
        shown, links = markup_in(response.text)
        if shown:
            problems[url] = shown
        for href in links:
            path = href.split("#", 1)[0]
            if (
                path.startswith("/")
                and not path.startswith("//")
                and not NOT_PAGES.search(urlsplit(path).path)
            ):
                queue.append(path)
    return problems, read


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_no_page_shows_markup_as_text(persona: str, client: TestClient) -> None:
    who = PERSONAS[persona]
    if who is not None:
        sign_in(client, demo_email(*who))
    problems, read = _walk(client, _start_pages(client))
    assert read >= (3 if who is None else 10), f"{persona} read only {read} pages"
    assert not problems, f"{persona} sees markup as text: {problems}"


def test_public_address_is_a_link(client: TestClient) -> None:
    """The published demo paper (the first report) names its public address as a link."""
    sign_in(client, demo_email("admin"))
    page = client.get("/reports/1")
    assert page.status_code == 200
    assert re.search(r'<a class="govuk-link" href="/published/[a-z0-9-]+">/published/', page.text)
    assert not markup_in(page.text)[0]
