"""A light-touch follow-up in a real Chromium, as seed 000 tells Coventry's: the reviewer
commissions it, records the telephone interviews, the draft and final slide decks and the report
to the Department, and shares the deck with the system, without any site-visit milestone; it is
never published. The system's lead reads it but cannot publish it (no button, and the request is
refused). Every page on the way passes axe."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from joinedup import clock
from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import COVENTRY, demo_email

pytestmark = pytest.mark.browser

TITLE = "Coventry: light-touch follow-up by telephone"
# The light-touch steps (review framework) and the day each happened, counted from the start
STEPS = (
    ("progress_assessed", "Progress against the action plan assessed", 28),
    ("telephone_interviews", "Telephone interviews", 61),
    ("latest_indicators", "Latest indicators reviewed", 61),
    ("draft_deck", "Draft slide deck shared", 89),
    ("final_deck", "Final slide deck shared with system leaders", 117),
    ("reported", "Reported to the Department", 117),
)
SITE_VISIT = ("Information request", "Relational audit", "On-site week", "Summit", "Site visit")


def _type_date(page: Any, prefix: str, day: Any) -> None:
    """Type ``day`` into the date ``prefix``: GOV.UK day, month and year boxes."""
    for part in ("day", "month", "year"):
        page.locator(f"#{prefix}-{part}").fill(str(getattr(day, part)))


def _commission(page: Any, base: str, start: Any) -> str:
    """The reviewer adds the follow-up of Coventry's review to its programme; its page's URL."""
    page.goto(f"{base}/reviews")
    links = page.locator("main a[href^='/reviews/programmes/']")
    programmes = [links.nth(i).get_attribute("href") for i in range(links.count())]
    form = page.locator("form[action$='/reviews']")
    for programme in programmes:  # the one holding Coventry's review
        page.goto(f"{base}{programme}")
        if form.locator("#follow_up_of_id option", has_text="Coventry").count():
            break
    form.locator("#area_code").select_option(value=COVENTRY)
    form.locator("#kind").select_option(value="follow_up_light")
    earlier = form.locator("#follow_up_of_id option", has_text="Coventry").first
    form.locator("#follow_up_of_id").select_option(earlier.get_attribute("value"))
    _type_date(page, "start", start)
    form.locator("#title").fill(TITLE)
    form.get_by_role("button", name="Add review").click()
    if not re.search(r"/reviews/\d+$", page.url):
        page.get_by_role("link", name=TITLE).first.click()
    return str(page.url)


def test_a_reviewer_runs_a_light_touch_follow_up_without_a_site_visit(
    page: Any, browser: Any, live_server: str
) -> None:
    sign_in(page, live_server, demo_email("reviewer"))
    start = clock.today() - timedelta(days=150)
    review = _commission(page, live_server, start)
    milestones = page.locator("main table", has=page.locator("th", has_text="Milestone"))
    shown = milestones.first.inner_text()
    for label in SITE_VISIT:
        assert label not in shown, f"a light-touch follow-up shows {label}"
    for _, label, _ in STEPS:
        assert label in shown
    assert_accessible(page)

    for key, label, days in STEPS:
        page.get_by_text(f"Change dates: {label}", exact=True).click()
        _type_date(page, f"milestone-{key}-actual", start + timedelta(days=days))
        page.get_by_role("button", name=re.compile(f"^Save dates.*{re.escape(label)}")).click()
        assert page.locator(".govuk-error-summary").count() == 0, label
    done = milestones.first.inner_text()
    assert "Overdue" not in page.locator("main").inner_text()
    assert "Not started" not in done

    # The deck is shared with the system and reported to the Department, not published
    page.locator("form[action$='/report'] label", has_text="Shared with the system").click()
    page.get_by_role("button", name="Save report").click()
    assert "Shared with the system" in page.locator("main").inner_text()
    published = page.locator("form[action$='/report'] label", has_text="Published")
    if published.count():
        published.first.click()
        page.get_by_role("button", name="Save report").click()
        assert "it is not published" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server}/published")
    assert TITLE not in page.locator("main").inner_text()

    # The system's lead reads it, and can publish nothing of it
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    lead = context.new_page()
    try:
        sign_in(lead, live_server, demo_email("system_lead", COVENTRY))
        lead.goto(review)
        assert TITLE in lead.locator("main").inner_text()
        assert lead.locator("form[action$='/report']").count() == 0
        assert lead.get_by_role("button", name=re.compile("Publish")).count() == 0
        assert_accessible(lead)
        token = lead.locator("input[name=csrf_token]").first.get_attribute("value")
        refused = lead.request.post(
            f"{review}/report",
            form={"csrf_token": token, "state": "published", "version": "1", "summary": ""},
            max_redirects=0,
        )
        assert refused.status in (403, 404), refused.status
        lead.goto(review)
        assert "Shared with the system" in lead.locator("main").inner_text()
    finally:
        context.close()
