"""Changing an evaluation framework: the framework, its parts and KPIs (versioned edits). Each use
case takes its input model; every change is audited; nothing is committed here (the caller does).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import FORM, InvalidInput, NotFound, StaleEdit
from joinedup.monitoring.basis import DEFAULT_LAG, Basis
from joinedup.monitoring.models import Framework, FrameworkPart, Kpi
from joinedup.monitoring.permissions import readable_framework, readable_kpi
from joinedup.monitoring.permissions import require_edit as _require_edit
from joinedup.monitoring.schemas import EDITABLE, FrameworkIn, KpiChange, KpiIn, PartIn, RebaseIn
from joinedup.monitoring.targets import parse_target
from joinedup.monitoring.views import SOURCE_INDICATOR, SOURCE_LOCAL
from joinedup.store.versioning import expect_version, flush_versioned


def kpi_state(kpi: Kpi) -> dict[str, Any]:
    """What a KPI edit changes, as shown to a person whose edit was refused."""
    return {
        "name": kpi.name,
        "unit": kpi.unit,
        "polarity": kpi.polarity,
        "target": kpi.target_text,
        "target_basis": kpi.target_basis,
        "expected_lag": kpi.expected_lag,
        "screen_outliers": kpi.screen_outliers,
        "fix_after": kpi.fix_after,
        "rebases": list(kpi.rebases or []),
        "version": kpi.version,
    }


def _rebases(items: list[RebaseIn]) -> list[dict[str, str]]:
    return [{"at": r.at.isoformat(), "reason": r.reason} for r in items]


def _target_columns(text: str) -> dict[str, Any]:
    if not text:
        return {
            "target_text": "",
            "target_comparator": None,
            "target_value": None,
            "target_upper": None,
            "target_percent": False,
        }
    target = parse_target(text)
    return {
        "target_text": target.render(),
        "target_comparator": target.comparator.value,
        "target_value": target.value,
        "target_upper": target.upper,
        "target_percent": target.percent,
    }


def _flush_unique(session: Session, field: str, problem: str) -> None:
    """Flush; a row that someone else created meanwhile (a unique constraint) is bad input."""
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise InvalidInput.of(field, problem) from None


def _add_part(
    session: Session, actor: Principal, framework: Framework, part: PartIn, field: str
) -> FrameworkPart:
    taken = select(FrameworkPart.id).where(
        FrameworkPart.framework_id == framework.id, FrameworkPart.number == part.number
    )
    if session.scalar(taken) is not None:
        raise InvalidInput.of(field, f"The framework already has a part {part.number}")
    row = FrameworkPart(framework_id=framework.id, number=part.number, title=part.title)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="framework.add_part",
        entity_type="framework_part",
        entity_id=row.id,
        area_code=framework.area_code,
        after={"number": row.number, "title": row.title},
    )
    return row


def create_framework(
    session: Session, *, actor: Principal, area_code: str, framework: FrameworkIn
) -> Framework:
    """A system's framework with the parts given (an empty title names it after the system)."""
    system = areas.get_system(session, actor=actor, area_code=area_code)
    _require_edit(actor, area_code)
    if session.scalar(select(Framework.id).where(Framework.area_code == area_code)) is not None:
        raise InvalidInput.of(FORM, f"{system.name} already has an evaluation framework")
    numbers = [p.number for p in framework.parts]
    if len(set(numbers)) != len(numbers):
        raise InvalidInput.of("parts", "Give each part its own number")
    row = Framework(
        area_code=area_code, title=framework.title or f"{system.name} evaluation framework"
    )
    session.add(row)
    _flush_unique(session, FORM, f"{system.name} already has an evaluation framework")
    audit.record(
        session,
        actor=actor,
        action="framework.create",
        entity_type="framework",
        entity_id=row.id,
        area_code=area_code,
        after={"title": row.title},
    )
    for part in framework.parts:
        _add_part(session, actor, row, part, "parts")
    return row


def add_kpi(session: Session, *, actor: Principal, area_code: str, kpi: KpiIn) -> Kpi:
    """A KPI of the framework's part `kpi.part`: with values entered locally, or linked to a
    stored indicator."""
    from joinedup.metrics import service as metrics  # loaded when used: the CLI starts faster

    framework = readable_framework(session, actor, area_code)
    _require_edit(actor, area_code)
    part = session.scalar(
        select(FrameworkPart).where(
            FrameworkPart.framework_id == framework.id, FrameworkPart.number == kpi.part
        )
    )
    if part is None:
        raise InvalidInput.of("part", f"The framework has no part {kpi.part}")
    clash = select(Kpi.id).where(Kpi.framework_id == framework.id, Kpi.code == kpi.code)
    if session.scalar(clash) is not None:
        raise InvalidInput.of("code", f"The framework already has a KPI {kpi.code}")
    if kpi.indicator_id is not None:
        try:
            metrics.indicator(kpi.indicator_id)
        except NotFound as error:  # it names the known indicators
            raise InvalidInput.of("indicator_id", str(error)) from None
    position = session.scalar(
        select(func.coalesce(func.max(Kpi.position), 0)).where(Kpi.framework_id == framework.id)
    )
    row = Kpi(
        framework_id=framework.id,
        part_id=part.id,
        code=kpi.code,
        position=int(position or 0) + 1,
        name=kpi.name,
        unit=kpi.unit,
        polarity=kpi.polarity.value,
        source=SOURCE_LOCAL if kpi.indicator_id is None else SOURCE_INDICATOR,
        indicator_id=kpi.indicator_id,
        indicator_months=kpi.indicator_months,
        target_basis=(kpi.target_basis or Basis.MONTH).value,
        expected_lag=DEFAULT_LAG if kpi.expected_lag is None else kpi.expected_lag,
        screen_outliers=kpi.screen_outliers,
        fix_after=kpi.fix_after,
        rebases=_rebases(kpi.rebases),
        version=1,
        **_target_columns(kpi.target),
    )
    session.add(row)
    _flush_unique(session, "code", f"The framework already has a KPI {kpi.code}")
    audit.record(
        session,
        actor=actor,
        action="kpi.create",
        entity_type="kpi",
        entity_id=row.id,
        area_code=framework.area_code,
        after={"code": row.code, **kpi_state(row), "indicator_id": kpi.indicator_id},
    )
    return row


def _changes(kpi: Kpi, change: KpiChange) -> dict[str, Any]:
    """The columns `change` sets, by column name."""
    columns: dict[str, Any] = {}
    for name in ("name", "unit", "screen_outliers"):
        if getattr(change, name) is not None:
            columns[name] = getattr(change, name)
    if change.polarity is not None:
        columns["polarity"] = change.polarity.value
    if change.target is not None:
        columns.update(_target_columns(change.target))
    if change.target_basis is not None:
        columns["target_basis"] = change.target_basis.value
    if change.expected_lag is not None:
        columns["expected_lag"] = change.expected_lag
    if change.clear_fix_after:
        columns["fix_after"] = None
    elif change.fix_after is not None:
        columns["fix_after"] = change.fix_after
    if change.rebases is not None:
        columns["rebases"] = _rebases(change.rebases)
    return columns


def _stale_kpi(session: Session, kpi_id: int) -> StaleEdit:
    kpi = session.get(Kpi, kpi_id)
    if kpi is None:
        raise NotFound(f"no KPI {kpi_id}")
    return StaleEdit(
        f"KPI {kpi.code} was changed by someone else after you opened it.",
        current=kpi_state(kpi),
    )


def update_kpi(session: Session, *, actor: Principal, kpi_id: int, change: KpiChange) -> Kpi:
    """Change a KPI's wording, target or SPC settings; refused if it changed since
    `change.version`, whatever the interleaving (the database checks the version it updates)."""
    kpi, framework = readable_kpi(session, actor, kpi_id)
    _require_edit(actor, framework.area_code)

    def stale() -> StaleEdit:
        return _stale_kpi(session, kpi_id)

    before = kpi_state(kpi)
    columns = _changes(kpi, change)
    changed = {k for k, v in columns.items() if getattr(kpi, k) != v}
    if not changed:
        if kpi.version != change.version:  # nothing to save, but a stale form is still told
            raise stale()
        return kpi
    expect_version(kpi, change.version, stale=stale)
    for name, value in columns.items():
        setattr(kpi, name, value)
    after = kpi_state(kpi)
    shown = [k for k in EDITABLE if before[k] != after[k]]
    audit.record(
        session,
        actor=actor,
        action="kpi.update",
        entity_type="kpi",
        entity_id=kpi.id,
        area_code=framework.area_code,
        before={k: before[k] for k in shown},
        after={k: after[k] for k in shown},
    )
    flush_versioned(session, stale=stale)
    return kpi
