"""What the framework and KPI pages (and the system overview's link) show, worked out from the
service's views: words, tags, inline SVG (charts and icons carry their own text alternatives)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from markupsafe import Markup

from joinedup.errors import InvalidInput
from joinedup.metrics import service as metrics
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.schemas import Polarity, Travel
from joinedup.monitoring.service import KpiRow
from joinedup.periods import point_label

POLARITY_WORDS = {
    Polarity.HIGHER_IS_BETTER: "Higher is better",
    Polarity.LOWER_IS_BETTER: "Lower is better",
    Polarity.NEUTRAL: "Neither higher nor lower is better",
}
TRAVEL_CLASS = {
    Travel.IMPROVING: "govuk-tag--green",
    Travel.WORSENING: "govuk-tag--red",
    Travel.UNCHANGED: "govuk-tag--grey",
    Travel.HIGHER: "govuk-tag--purple",
    Travel.LOWER: "govuk-tag--purple",
}


def svg(markup: str) -> Markup:
    """Inline SVG from the chart module, which escapes every text it embeds."""
    return Markup(markup)  # noqa: S704 - built by joinedup.monitoring.chart, text escaped there


def framework_section(area_code: str) -> dict[str, Any]:
    """The system overview's link to its evaluation framework."""
    href = f"/systems/{area_code}/framework"
    return {
        "title": "Evaluation framework",
        # Fixed text; format() escapes the area code.
        "html": Markup(
            '<p class="govuk-body">Measures against their targets, with direction of travel '
            'and statistical process control: <a class="govuk-link" href="{}">see the '
            "evaluation framework</a>.</p>"
        ).format(href),
    }


def period_label(day: date) -> str:
    """A KPI's period: its month when it starts on the first, else its day."""
    return point_label(day, monthly=day.day == 1)


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "withdrawn"
    return monitoring.number(value, "%" if unit == "%" else "")


STATUS_TAGS = {
    monitoring.TargetStatus.MET: ("Met", "govuk-tag--green"),
    monitoring.TargetStatus.NOT_MET: ("Not met", "govuk-tag--red"),
    monitoring.TargetStatus.NOT_COMPARABLE: ("Not comparable with the target", "govuk-tag--grey"),
    monitoring.TargetStatus.NO_TARGET: ("No target", "govuk-tag--grey"),
    monitoring.TargetStatus.NO_VALUE: ("No value", "govuk-tag--grey"),
}


def met_tag(row: KpiRow) -> dict[str, str]:
    text, css = STATUS_TAGS[row.target_status]
    return {"text": text, "class": css}


def basis_words(row: KpiRow) -> str:
    """What the target applies to, and why a figure may not be comparable with it."""
    if row.target is None:
        return ""
    words = f"The target applies to {monitoring.BASIS_WORDS[row.basis]}"
    if row.comparable or row.figure is None:
        return words + "."
    return (
        f"{words}; no figure on that basis is stored, so this figure (for "
        f"{row.figure.label}) cannot be judged against it."
    )


def figure_cells(row: KpiRow) -> dict[str, Any]:
    """The latest figure with its period, and whether it is older than expected."""
    figure = row.figure
    if figure is None:
        return {"latest": "No value yet", "latest_period": "", "out_of_date": ""}
    stale = (
        f"Out of date: {figure.label} is more than {row.expected_lag} month"
        f"{'' if row.expected_lag == 1 else 's'} before {row.as_of:%B %Y}"
        if row.out_of_date
        else ""
    )
    return {
        "latest": "[c]" if row.figure_withheld else value_text(figure.value, row.unit),
        "latest_reason": row.withheld_reason if row.figure_withheld else "",
        "latest_period": figure.label,
        "out_of_date": stale,
    }


def travel_cell(row: KpiRow) -> dict[str, str]:
    """The arrow and % as the board paper prints them, with the same in words."""
    if row.travel is None:
        return {"shown": "–", "words": "no earlier value to compare with", "class": ""}
    if row.travel_withheld:  # the change would give a held-back figure away
        return {"shown": "[c]", "words": f"change {row.withheld_reason}", "class": ""}
    return {
        "shown": row.travel.shown,
        "words": row.travel.words,
        "class": TRAVEL_CLASS[row.travel.travel],
    }


def framework_row(row: KpiRow, area_code: str) -> dict[str, Any]:
    spc = row.shown_spc  # as this reader may see it: held-back figures left out
    off_basis = row.target is not None and not row.chart_shows_target
    return {
        "id": row.id,
        "code": row.code,
        "name": row.name,
        "href": f"/systems/{area_code}/framework/kpis/{row.id}",
        "target": row.target_text or "None",
        "basis": monitoring.BASIS_LABELS[row.basis] if row.target else "",
        "basis_words": basis_words(row),
        **figure_cells(row),
        "met": met_tag(row),
        "travel": travel_cell(row),
        "variation_icon": svg(monitoring.variation_icon_svg(spc.variation, 36)) if spc else "",
        "variation_words": monitoring.VARIATION[spc.variation] if spc else row.spc_problem,
        "assurance_icon": svg(monitoring.assurance_icon_svg(spc.assurance, 36))
        if spc and not off_basis
        else "",
        "assurance_words": row.assurance_words,
        "small_numbers": row.small_numbers,
        "disclosure_note": _disclosure_note() if row.withheld else "",
        "sparkline": (
            svg(monitoring.sparkline_svg(spc, title=f"{row.code} {row.name}", unit=row.unit))
            if spc
            else ""
        ),
        "source": "Interface dashboard" if row.source == monitoring.SOURCE_INDICATOR else "Local",
    }


def _disclosure_note() -> str:
    return metrics.disclosure_rule().note


def rules_explained(row: KpiRow) -> list[dict[str, str]]:
    """Each special-cause rule in plain words, with how many points it flags on this chart."""
    out = []
    for rule, words in monitoring.RULES.items():
        flagged = sum(1 for p in row.spc.points if rule in p.rules) if row.spc else 0
        out.append(
            {
                "name": monitoring.RULE_NAMES[rule].capitalize(),
                "words": words,
                "flagged": f"{flagged} point{'s' if flagged != 1 else ''} on this chart",
            }
        )
    return out


FIELD_LABELS = {
    "name": "Measure",
    "unit": "Unit",
    "polarity": "Which way is better",
    "target": "Target",
    "target_basis": "The target applies to",
    "expected_lag": "Expected lag in months",
    "screen_outliers": "Screen out unusual jumps",
    "fix_after": "Fix the limits after",
    "rebases": "Rebase dates",
}


def settings_form(row: KpiRow) -> dict[str, str]:
    return {
        "name": row.name,
        "unit": row.unit,
        "polarity": row.polarity.value,
        "target": row.target_text,
        "target_basis": row.basis.value,
        "expected_lag": str(row.expected_lag),
        "screen_outliers": "yes" if row.screen_outliers else "",
        "fix_after": "" if row.fix_after is None else str(row.fix_after),
        "rebases": "\n".join(f"{r.at.isoformat()}: {r.reason}" for r in row.rebases),
        "version": str(row.version),
    }


def state_as_form(state: dict[str, Any]) -> dict[str, str]:
    """A KPI's current state (as a refused edit reports it) in the form's own terms."""
    rebases = state.get("rebases") or []
    return {
        "name": str(state.get("name", "")),
        "unit": str(state.get("unit", "")),
        "polarity": str(state.get("polarity", "")),
        "target": str(state.get("target", "")),
        "target_basis": str(state.get("target_basis", "")),
        "expected_lag": str(state.get("expected_lag", "")),
        "screen_outliers": "yes" if state.get("screen_outliers") else "",
        "fix_after": "" if state.get("fix_after") is None else str(state.get("fix_after")),
        "rebases": "\n".join(f"{r['at']}: {r['reason']}" for r in rebases),
        "version": str(state.get("version", "")),
    }


def basis_items(selected: str) -> list[dict[str, Any]]:
    """The radio items of a target's basis."""
    return [
        {"value": basis.value, "text": label, "checked": basis.value == (selected or "month")}
        for basis, label in monitoring.BASIS_LABELS.items()
    ]


MONTH_PARTS = ("month", "year")


def _month_problems(month: str, year: str) -> dict[str, str]:
    """What is wrong with each part of a typed month, by part."""
    problems = {}
    if not month:
        problems["month"] = "include a month"
    elif not (month.isdecimal() and len(month) <= 2 and 1 <= int(month) <= 12):
        problems["month"] = "give the month as a number from 1 to 12"
    if not year:
        problems["year"] = "include a year"
    elif not (year.isdecimal() and len(year) == 4):
        problems["year"] = "give the year as 4 digits"
    return problems


def typed_month(fields: Mapping[str, Any], name: str) -> str:
    """A GOV.UK month input (``name-month``, ``name-year``) as "2020-04"; the single field
    ``name`` when neither part was sent (older links and scripts post "2020-04"). Raises
    InvalidInput naming the field."""
    month, year = (str(fields.get(f"{name}-{p}", "")).strip() for p in MONTH_PARTS)
    if not month and not year:
        return str(fields.get(name, "")).strip()
    problems = _month_problems(month, year)
    if problems:
        said = " and ".join(problems.values())
        raise InvalidInput.of(name, f"The period must {said}, for example 4 2020")
    return f"{int(year):04d}-{int(month):02d}"


def month_error_parts(fields: Mapping[str, Any], name: str) -> list[str]:
    """The parts of a month input to highlight: those at fault, or both when the month as a
    whole is wrong (for example in the future)."""
    month, year = (str(fields.get(f"{name}-{p}", "")).strip() for p in MONTH_PARTS)
    return list(_month_problems(month, year)) or list(MONTH_PARTS)


def month_fields(name: str, period: str) -> dict[str, str]:
    """A month's parts for the form from "2020-04" (empty parts for anything else)."""
    year, _, month = period.partition("-")
    if not (year.isdigit() and month.isdigit()):
        return {f"{name}-month": "", f"{name}-year": ""}
    return {f"{name}-month": str(int(month)), f"{name}-year": year}
