"""The national picture of a programme: its reviews' status and what they found, by theme and
key question, and the most common areas for improvement (the analysis behind CQC's national
report on the 2017-18 reviews, "Beyond barriers", 2018)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import PermissionDenied
from joinedup.reviews.findings import ACTION_KINDS
from joinedup.reviews.lookup import framework as framework_called
from joinedup.reviews.lookup import get_programme
from joinedup.reviews.models import Finding, Review
from joinedup.reviews.presenting import overdue
from joinedup.reviews.rules import FINDING_KINDS, REPORT_STATES, REVIEW_KINDS, REVIEW_STATUSES
from joinedup.reviews.visibility import can_read_review

NO_THEME = "(no national theme)"


@dataclass(frozen=True)
class Table:
    """A titled table of text and numbers: shown on the page and exported as it is."""

    title: str
    header: list[str]
    rows: list[list[str | int]]


@dataclass(frozen=True)
class NationalPicture:
    programme_name: str
    question_label: str
    reviews: Table
    by_theme: Table
    by_question: Table
    common_improvements: Table
    findings: Table

    @property
    def tables(self) -> list[Table]:
        return [
            self.reviews,
            self.common_improvements,
            self.by_theme,
            self.by_question,
            self.findings,
        ]


def national_picture(
    session: Session, *, actor: Principal, programme_id: int, today: date
) -> NationalPicture:
    if not actor.can(Permission.VIEW_NATIONAL):
        raise PermissionDenied("The national picture is for national users.")
    programme = get_programme(session, programme_id)
    framework = framework_called(session, programme.framework_key)
    query = (
        select(Review)
        .where(Review.programme_id == programme_id)
        .options(selectinload(Review.milestones), selectinload(Review.findings))
        .order_by(Review.id)
    )
    reviews = [r for r in session.scalars(query) if can_read_review(actor, r)]
    names = {s.area_code: s.name for s in areas.all_systems(session)}
    kinds = list(FINDING_KINDS)
    review_rows: list[list[str | int]] = []
    for review in reviews:
        counts = Counter(f.kind for f in review.findings)
        late = overdue(review, today)
        review_rows.append(
            [
                names.get(review.area_code, review.area_code),
                REVIEW_KINDS[review.kind],
                REVIEW_STATUSES[review.status],
                REPORT_STATES[review.report_state],
                ", ".join(m.label for m in late) or "None",
                *[counts[k] for k in kinds],
            ]
        )
    all_findings = [(r, f) for r in reviews for f in r.findings]
    # Counted by national theme, so that one system's "Workforce" and another's "Workforce
    # Strategy" count as one; a finding stored before it had one shows as having none.
    national_titles = framework.national_themes

    def national(finding: Finding) -> str:
        if not national_titles:  # a framework without a national list: the systems' own words
            return finding.theme or NO_THEME
        return national_titles.get(finding.national_theme, NO_THEME)

    theme_counts: Counter[tuple[str, str]] = Counter((national(f), f.kind) for _, f in all_findings)
    seen = {t for t, _ in theme_counts}
    themes = [*national_titles.values(), *sorted(seen - set(national_titles.values()))]
    question_counts: Counter[tuple[str, str]] = Counter(
        (f.key_question, f.kind) for _, f in all_findings
    )
    titles = {q.id: q.title for q in framework.questions}
    # How many systems share each area for improvement (a system counts once per theme).
    improvement_systems: dict[str, set[str]] = {}
    for review, finding in all_findings:
        if finding.kind in ACTION_KINDS:
            improvement_systems.setdefault(national(finding), set()).add(review.area_code)
    common = sorted(improvement_systems.items(), key=lambda item: (-len(item[1]), item[0]))
    kind_labels = [FINDING_KINDS[k] for k in kinds]
    return NationalPicture(
        programme_name=programme.name,
        question_label=framework.question_label,
        reviews=Table(
            "Reviews and their status",
            ["System", "Kind", "Status", "Report", "Overdue", *kind_labels],
            review_rows,
        ),
        by_theme=Table(
            "Findings by national theme",
            ["National theme", *kind_labels],
            [[t, *[theme_counts[(t, k)] for k in kinds]] for t in themes],
        ),
        by_question=Table(
            f"Findings by {framework.question_label.lower()}",
            [framework.question_label, *kind_labels],
            [[q.title, *[question_counts[(q.id, k)] for k in kinds]] for q in framework.questions],
        ),
        common_improvements=Table(
            "Most common areas for improvement",
            ["National theme", "Systems", "Which"],
            [
                [theme, len(codes), ", ".join(sorted(names.get(c, c) for c in codes))]
                for theme, codes in common
            ],
        ),
        findings=Table(
            "Every finding",
            [
                "System",
                "Review",
                "Kind",
                framework.question_label,
                "National theme",
                "System's own theme",
                "Finding",
            ],
            [
                [
                    names.get(r.area_code, r.area_code),
                    r.title,
                    FINDING_KINDS[f.kind],
                    titles.get(f.key_question, f.key_question),
                    national(f),
                    f.theme,
                    f.text,
                ]
                for r, f in all_findings
            ],
        ),
    )
