"""Section 1 of the highlight report, the background: the system's history up to the paper's
date, told with its dates, as board papers tell it: the review and its report's publication,
the action plan submitted and agreed, each follow-up with the Areas of Future Focus it named, and
the evaluation framework with when, and by which board, it was agreed. Read through the reviews,
plans and monitoring doors only."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.periods import long_date
from joinedup.reports.document import Block, BulletList, Paragraph
from joinedup.reviews import service as reviews

FUTURE_FOCUS = "area_of_future_focus"
LIGHT = "light-touch "
FOLLOW_UP_DONE = ("reported", "final_deck", "report_shared", "site_visit", "telephone_interviews")


def _done(review: object, key: str, as_of: date) -> date | None:
    """The date a milestone of the review was done, if it was by the paper's date."""
    for milestone in getattr(review, "milestones", ()):
        if milestone.key == key and milestone.actual_date and milestone.actual_date <= as_of:
            day: date = milestone.actual_date
            return day
    return None


def history(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    system_name: str,
    plan_title: str,
    plan_agreed_on: date | None,
    framework_title: str | None,
    as_of: date,
    framework_agreed_on: date | None = None,
    framework_agreed_by: str = "",
) -> list[Block]:
    """The background's paragraphs, oldest first; only what happened by ``as_of``."""
    found = reviews.list_reviews(session, actor=actor, area_code=area_code)
    full = [r for r in found if r.follow_up_of_id is None]
    follow_ups = [r for r in found if r.follow_up_of_id is not None]
    blocks: list[Block] = []
    submitted: date | None = None
    for review in full:
        summit = _done(review, "summit", as_of)
        published = _done(review, "report_published", as_of)
        if published is None and review.published_at and review.published_at.date() <= as_of:
            published = review.published_at.date()
        if summit is None and published is None:
            continue
        text = f"The Care Quality Commission's local system review of {system_name}"
        text += f" held its summit on {long_date(summit)}" if summit else " was carried out"
        text += f"; its report was published on {long_date(published)}." if published else "."
        blocks.append(Paragraph(text))
        submitted = submitted or _done(review, "action_plan_submitted", as_of)
    plan = f"{system_name} set out its response to the review in the {plan_title}"
    # The two steps in the order they happened, whichever came first.
    steps = [("submitted", submitted)]
    if plan_agreed_on and plan_agreed_on <= as_of:
        steps.append(("agreed", plan_agreed_on))
    dated = sorted((day, word) for word, day in steps if day is not None)
    if dated:
        plan += ", " + " and ".join(f"{word} on {long_date(day)}" for day, word in dated)
    blocks.append(Paragraph(plan + "."))
    for review in follow_ups:
        held = next(
            (day for key in FOLLOW_UP_DONE if (day := _done(review, key, as_of)) is not None),
            None,
        )
        if held is None:
            continue
        blocks.append(
            Paragraph(
                f"The review team's {LIGHT if review.kind == 'follow_up_light' else ''}follow-up "
                f"of {system_name} was completed on {long_date(held)}."
            )
        )
        focus = [
            f.text
            for f in reviews.list_findings(session, actor=actor, review_id=review.id)
            if f.kind == FUTURE_FOCUS
        ]
        if focus:
            several = len(focus) > 1
            blocks.append(
                Paragraph(
                    f"It identified {len(focus) if several else 'one'} "
                    f"Area{'s' if several else ''} of Future Focus:"
                )
            )
            blocks.append(BulletList(tuple(focus)))
    if framework_title:
        agreed = ""
        if framework_agreed_on and framework_agreed_on <= as_of:
            by = (
                f" by the {framework_agreed_by.removeprefix('the ')}" if framework_agreed_by else ""
            )
            agreed = f", agreed{by} on {long_date(framework_agreed_on)}"
        blocks.append(
            Paragraph(
                f"Progress is measured against the {framework_title}, the system's Evaluation "
                f"Framework{agreed}."
            )
        )
    return blocks
