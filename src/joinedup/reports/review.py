"""The review report's content, from the review, the stored indicator values and the ranking.

The area's data profile (the six interface indicators against England, and its place in the
latest ranking); what is working well and the areas for improvement, by key question; areas of
future focus; and the next steps.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.areas.rules import ENGLAND
from joinedup.errors import NotFound
from joinedup.metrics import service as metrics
from joinedup.metrics.schemas import INDICATORS, Polarity
from joinedup.periods import period_label
from joinedup.plans import service as plans
from joinedup.ranking import service as ranking
from joinedup.reports.document import (
    Block,
    BulletList,
    Cell,
    CoverSheet,
    Document,
    Paragraph,
    Purpose,
    Quote,
    Section,
    Table,
)
from joinedup.reviews import service as reviews

PROFILE_MONTHS = 12


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "No value"
    text = f"{value:,.1f}".removesuffix(".0")
    return f"{text}%" if unit in ("%", "percent") else text


def compared_with_england(
    value: float | None,
    lower: float | None,
    upper: float | None,
    england: float | None,
    lower_is_better: bool,
) -> str:
    """Better, worse or similar: England's value outside the area's 95% interval, by polarity (the
    measure capability's comparison, as on the dashboard); without an interval, the plain
    comparison is given as higher or lower."""
    if value is None or england is None:
        return "Not compared"
    if lower is not None and upper is not None:
        polarity = Polarity.LOWER_IS_BETTER if lower_is_better else Polarity.HIGHER_IS_BETTER
        comparison = metrics.compare_with_england(
            lower_95=lower,
            upper_95=upper,
            lower_998=None,
            upper_998=None,
            england=england,
            polarity=polarity,
        )
        return comparison.verdict.value.capitalize()
    if value == england:
        return "Same"
    return "Lower (no interval)" if value < england else "Higher (no interval)"


def data_profile(
    session: Session,
    area_code: str,
    area_name: str,
    *,
    before: date | None = None,
    run_id: int | None = None,
) -> list[Block]:
    """The area against England over the latest 12 months ending before ``before`` (a review's
    start: the data available when it began), and its rank in run ``run_id`` (the run that
    selected the review) or else the latest run."""
    blocks: list[Block] = []
    rows = []
    latest: date | None = None
    for indicator in INDICATORS:
        ours = [
            value
            for value in metrics.indicator_series(
                session, area_code=area_code, indicator=indicator.id, months=PROFILE_MONTHS
            )
            if before is None or value.period_end < before
        ]
        if not ours:
            continue
        last = ours[-1]
        latest = last.period_end if latest is None else max(latest, last.period_end)
        england = {
            v.period_start: v
            for v in metrics.indicator_series(
                session, area_code=ENGLAND, indicator=indicator.id, months=PROFILE_MONTHS
            )
        }.get(last.period_start)
        lower_is_better = indicator.polarity == Polarity.LOWER_IS_BETTER
        rows.append(
            (
                Cell(indicator.title),
                Cell(period_label(last.period_start, PROFILE_MONTHS)),
                Cell(_number(last.value, indicator.unit)),
                Cell(_number(england.value if england else None, indicator.unit)),
                Cell(
                    compared_with_england(
                        last.value,
                        last.lower_95,
                        last.upper_95,
                        england.value if england else None,
                        lower_is_better,
                    )
                ),
                Cell("Lower" if lower_is_better else "Higher"),
            )
        )
    if rows:
        blocks.append(
            Table(
                caption=f"{area_name} against England, the latest {PROFILE_MONTHS} months",
                header=(
                    "Indicator",
                    "Period",
                    area_name,
                    "England",
                    "Compared with England (95% interval)",
                    "Better when",
                ),
                rows=tuple(rows),
                row_headers=True,
                name="Data profile",
            )
        )
    else:
        blocks.append(Paragraph("No indicator values are stored for this area yet."))
    try:
        rank = ranking.latest_rank_for(session, area_code=area_code, run_id=run_id)
    except NotFound:
        blocks.append(Paragraph("The area is not in a saved ranking yet."))
    else:
        which = "the ranking that selected the review" if run_id else "the latest ranking"
        blocks.append(
            Paragraph(
                f"In {which} ({rank.run_name}, {rank.areas_ranked} areas; 1 is the "
                f"best), {area_name} ranked {rank.rank}, with a 5–95% rank interval of "
                f"{rank.rank_p05} to {rank.rank_p95} over the uncertainty analysis."
            )
        )
    return blocks


def _by_question(findings: list[tuple[str, str]], titles: dict[str, str]) -> list[Section]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for question, text in findings:
        grouped[question].append(text)
    order = [q for q in titles if q in grouped] + [q for q in grouped if q not in titles]
    return [
        Section(
            heading=titles.get(q, q or "Other findings"), blocks=(BulletList(tuple(grouped[q])),)
        )
        for q in order
    ]


def build_review(session: Session, *, actor: Principal, review_id: int) -> Document:
    """The review report of one review, as its findings and the data stand today."""
    review = reviews.get_review(session, actor=actor, review_id=review_id)
    system = areas.get_system(session, actor=actor, area_code=review.area_code)
    framework = reviews.framework_of(session, review)
    titles = {q.id: q.title for q in framework.questions}
    findings = sorted(review.findings, key=lambda f: f.id)
    working = [(f.key_question, f.text) for f in findings if f.kind == "working_well"]
    improve = [(f.key_question, f.text) for f in findings if f.kind == "area_for_improvement"]
    focus = [f.text for f in findings if f.kind == "area_of_future_focus"]
    team = ", ".join(m.get("name", "") for m in review.team if m.get("name"))
    # the day the review began (its first milestone's): the data profile is of what was known
    started = min(
        (d for d in (m.actual_date or m.planned_date for m in review.milestones) if d), default=None
    )
    sections = [
        Section(
            "1. Background",
            blocks=(
                Paragraph(
                    f"This report presents the findings of the {framework.name} of {system.name}."
                ),
                Paragraph(framework.focus_question)
                if framework.focus_question
                else Paragraph(framework.description),
            ),
        ),
        Section(
            "2. Data profile",
            blocks=tuple(
                data_profile(
                    session,
                    system.area_code,
                    system.name,
                    before=started,
                    run_id=review.ranking_run_id,
                )
            ),
        ),
        Section(
            "3. What is working well",
            blocks=() if working else (Paragraph("No findings of this kind were recorded."),),
            subsections=tuple(_by_question(working, titles)),
        ),
        Section(
            "4. Areas for improvement",
            blocks=() if improve else (Paragraph("No findings of this kind were recorded."),),
            subsections=tuple(_by_question(improve, titles)),
        ),
    ]
    if focus:
        sections.append(
            Section("5. Areas of future focus", blocks=tuple(Quote(text) for text in focus))
        )
    sections.append(
        Section(
            f"{len(sections) + 1}. Next steps",
            blocks=tuple(
                _next_steps(session, actor, review.area_code, review.id, len(improve) + len(focus))
            ),
        )
    )
    cover = CoverSheet(
        board=f"{system.name} Health and Wellbeing Board",
        meeting_date="",
        title=review.title,
        authors=team or "The review team",
        presenters="",
        summary=review.report_summary
        or f"The findings of the {framework.name} of {system.name} and the next steps.",
        purpose=Purpose.DISCUSSION,
        purpose_text="To receive the review's findings and agree how the system will respond.",
    )
    return Document(
        kind="review",
        title=review.title,
        subtitle=framework.name,
        cover=cover,
        sections=tuple(sections),
        facts=(
            ("System", system.name),
            ("Review", f"{review.id}"),
        ),
    )


def _next_steps(
    session: Session, actor: Principal, area_code: str, review_id: int, needing_action: int
) -> list[Block]:
    steps: list[Block] = [
        Paragraph(
            f"The Health and Wellbeing Board agrees an improvement plan with an action for each "
            f"of the {needing_action} areas for improvement and of future focus, and reports on "
            "its progress at each meeting."
        )
    ]
    answering = [
        p
        for p in plans.plans_of(session, actor=actor, area_code=area_code)
        if p.review_id == review_id
    ]
    for plan in answering:
        cover = plans.coverage(session, actor=actor, plan_id=plan.id)
        steps.append(
            Paragraph(
                f"{plan.title}: {len(cover.findings) - len(cover.uncovered)} of "
                f"{len(cover.findings)} findings needing action are covered by an action."
            )
        )
    return steps
