"""Changing an evaluation framework: parts, KPIs (versioned edits), and KPI values kept with a
history of corrections. Every change is audited; nothing is committed here (the caller does)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, StaleEdit
from joinedup.metrics import service as metrics
from joinedup.monitoring.direction import Polarity
from joinedup.monitoring.models import Framework, FrameworkPart, Kpi, KpiValue
from joinedup.monitoring.permissions import readable_framework, readable_kpi, readable_part
from joinedup.monitoring.permissions import require_edit as _require_edit
from joinedup.monitoring.spc import Rebase
from joinedup.monitoring.targets import parse_target
from joinedup.monitoring.views import SOURCE_INDICATOR, SOURCE_LOCAL, value_entries

_CODE = re.compile(r"^[0-9]{1,2}[a-z]{1,2}$")
# Fields of a KPI a lead edits, in the order they are shown.
EDITABLE = ("name", "unit", "polarity", "target_text", "screen_outliers", "fix_after", "rebases")


@dataclass(frozen=True)
class ValueIn:
    """A value to record for a period; `version` is the period's version the editor saw (0 for
    a period with no value yet)."""

    period: date
    value: float | None
    version: int | None = None  # None: whatever is current (imports)
    note: str = ""


def _text(value: str, what: str, *, limit: int, required: bool = True) -> str:
    cleaned = " ".join(value.split())
    if required and not cleaned:
        raise InvalidInput(f"{what}: enter a value")
    if len(cleaned) > limit:
        raise InvalidInput(f"{what}: at most {limit} characters (got {len(cleaned)})")
    return cleaned


def _polarity(value: str) -> Polarity:
    try:
        return Polarity(value)
    except ValueError:
        allowed = ", ".join(p.value for p in Polarity)
        raise InvalidInput(f"polarity: {value!r} is not one of {allowed}") from None


def _fix_after(value: int | None) -> int | None:
    if value is not None and value < 2:
        raise InvalidInput(f"fix_after: {value} points is too few; limits need at least 2")
    return value


def _rebases(items: Sequence[Rebase]) -> list[dict[str, str]]:
    seen: set[date] = set()
    out = []
    for item in sorted(items, key=lambda r: r.at):
        if item.at in seen:
            raise InvalidInput(f"rebases: {item.at.isoformat()} is given twice")
        seen.add(item.at)
        reason = _text(item.reason, f"rebases: reason for {item.at.isoformat()}", limit=300)
        out.append({"at": item.at.isoformat(), "reason": reason})
    return out


def _set_target(kpi: Kpi, text: str) -> None:
    cleaned = _text(text, "target", limit=100, required=False)
    if not cleaned:
        kpi.target_text, kpi.target_comparator = "", None
        kpi.target_value, kpi.target_upper, kpi.target_percent = None, None, False
        return
    target = parse_target(cleaned, where="target")
    kpi.target_text = target.render()
    kpi.target_comparator = target.comparator.value
    kpi.target_value, kpi.target_upper = target.value, target.upper
    kpi.target_percent = target.percent


def kpi_state(kpi: Kpi) -> dict[str, Any]:
    """What a KPI edit changes, as shown to a person whose edit was refused."""
    return {
        "name": kpi.name,
        "unit": kpi.unit,
        "polarity": kpi.polarity,
        "target_text": kpi.target_text,
        "screen_outliers": kpi.screen_outliers,
        "fix_after": kpi.fix_after,
        "rebases": list(kpi.rebases or []),
        "version": kpi.version,
    }


def create_framework(
    session: Session, *, actor: Principal, area_code: str, title: str
) -> Framework:
    areas.get_system(session, actor=actor, area_code=area_code)
    _require_edit(actor, area_code)
    if session.scalar(select(Framework.id).where(Framework.area_code == area_code)) is not None:
        raise InvalidInput(f"{area_code} already has an evaluation framework")
    framework = Framework(area_code=area_code, title=_text(title, "title", limit=300))
    session.add(framework)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="framework.create",
        entity_type="framework",
        entity_id=framework.id,
        area_code=area_code,
        after={"title": framework.title},
    )
    return framework


def add_part(
    session: Session, *, actor: Principal, area_code: str, number: int, title: str
) -> FrameworkPart:
    framework = readable_framework(session, actor, area_code)
    _require_edit(actor, area_code)
    taken = select(FrameworkPart.id).where(
        FrameworkPart.framework_id == framework.id, FrameworkPart.number == number
    )
    if session.scalar(taken) is not None:
        raise InvalidInput(f"number: the framework already has a part {number}")
    part = FrameworkPart(
        framework_id=framework.id, number=number, title=_text(title, "title", limit=300)
    )
    session.add(part)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="framework.add_part",
        entity_type="framework_part",
        entity_id=part.id,
        area_code=area_code,
        after={"number": number, "title": part.title},
    )
    return part


def add_kpi(
    session: Session,
    *,
    actor: Principal,
    part_id: int,
    code: str,
    name: str,
    unit: str = "",
    polarity: str = Polarity.HIGHER_IS_BETTER.value,
    target_text: str = "",
    indicator_id: str | None = None,
    indicator_months: int = 1,
    screen_outliers: bool = True,
    fix_after: int | None = None,
    rebases: Sequence[Rebase] = (),
) -> Kpi:
    """A KPI of a part: with values entered locally, or linked to a stored indicator."""
    part, framework = readable_part(session, actor, part_id)
    _require_edit(actor, framework.area_code)
    code = code.strip().lower()
    if not _CODE.match(code):
        raise InvalidInput(f"code: {code!r} is not a KPI code like 1a or 2f")
    clash = select(Kpi.id).where(Kpi.framework_id == framework.id, Kpi.code == code)
    if session.scalar(clash) is not None:
        raise InvalidInput(f"code: the framework already has a KPI {code}")
    if indicator_id is not None:
        metrics.indicator(indicator_id)  # NotFound names the known indicators
    if indicator_months not in (1, 3, 12):
        raise InvalidInput(f"indicator_months: {indicator_months} is not 1, 3 or 12")
    position = session.scalar(
        select(func.coalesce(func.max(Kpi.position), 0)).where(Kpi.framework_id == framework.id)
    )
    kpi = Kpi(
        framework_id=framework.id,
        part_id=part.id,
        code=code,
        position=int(position or 0) + 1,
        name=_text(name, "name", limit=300),
        unit=_text(unit, "unit", limit=60, required=False),
        polarity=_polarity(polarity).value,
        source=SOURCE_LOCAL if indicator_id is None else SOURCE_INDICATOR,
        indicator_id=indicator_id,
        indicator_months=indicator_months,
        screen_outliers=screen_outliers,
        fix_after=_fix_after(fix_after),
        rebases=_rebases(rebases),
        version=1,
    )
    _set_target(kpi, target_text)
    session.add(kpi)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="kpi.create",
        entity_type="kpi",
        entity_id=kpi.id,
        area_code=framework.area_code,
        after={"code": kpi.code, **kpi_state(kpi), "indicator_id": indicator_id},
    )
    return kpi


def update_kpi(
    session: Session,
    *,
    actor: Principal,
    kpi_id: int,
    version: int,
    name: str | None = None,
    unit: str | None = None,
    polarity: str | None = None,
    target_text: str | None = None,
    screen_outliers: bool | None = None,
    fix_after: int | str | None = "unchanged",
    rebases: Sequence[Rebase] | None = None,
) -> Kpi:
    """Change a KPI's wording, target or SPC settings; refused if it changed since `version`."""
    kpi, framework = readable_kpi(session, actor, kpi_id)
    _require_edit(actor, framework.area_code)
    if kpi.version != version:
        raise StaleEdit(
            f"KPI {kpi.code} was changed by someone else after you opened it.",
            current=kpi_state(kpi),
        )
    before = kpi_state(kpi)
    if name is not None:
        kpi.name = _text(name, "name", limit=300)
    if unit is not None:
        kpi.unit = _text(unit, "unit", limit=60, required=False)
    if polarity is not None:
        kpi.polarity = _polarity(polarity).value
    if target_text is not None:
        _set_target(kpi, target_text)
    if screen_outliers is not None:
        kpi.screen_outliers = screen_outliers
    if fix_after != "unchanged":
        kpi.fix_after = _fix_after(fix_after if isinstance(fix_after, int) else None)
    if rebases is not None:
        kpi.rebases = _rebases(rebases)
    after = kpi_state(kpi)
    changed = {k: [before[k], after[k]] for k in EDITABLE if before[k] != after[k]}
    if not changed:
        return kpi
    kpi.version += 1
    audit.record(
        session,
        actor=actor,
        action="kpi.update",
        entity_type="kpi",
        entity_id=kpi.id,
        area_code=framework.area_code,
        before={k: v[0] for k, v in changed.items()},
        after={k: v[1] for k, v in changed.items()},
    )
    return kpi


def _checked_value(item: ValueIn, where: str) -> None:
    if item.value is not None and not math.isfinite(item.value):
        raise InvalidInput(f"{where}: value {item.value!r} is not a finite number")


def record_values(
    session: Session,
    *,
    actor: Principal,
    kpi_id: int,
    values: Sequence[ValueIn],
    source: str,
) -> list[KpiValue]:
    """Record values of a local KPI, all or nothing. An entry for a period that has one appends
    a correction (the earlier entry stays); an unchanged value adds nothing. Returns the rows
    added."""
    kpi, framework = readable_kpi(session, actor, kpi_id)
    _require_edit(actor, framework.area_code)
    if kpi.source != SOURCE_LOCAL:
        raise InvalidInput(
            f"KPI {kpi.code} shows the loaded values of indicator {kpi.indicator_id}: "
            "its values cannot be entered here"
        )
    existing = value_entries(session, kpi.id)
    seen: set[date] = set()
    added: list[KpiValue] = []
    for item in values:
        where = f"period {item.period.isoformat()}"
        if item.period in seen:
            raise InvalidInput(f"{where} is given twice: give one value per period")
        seen.add(item.period)
        _checked_value(item, where)
        entries = existing.get(item.period, [])
        current = entries[-1] if entries else None
        current_version = current.version if current else 0
        if item.version is not None and item.version != current_version:
            shown = "no value" if current is None or current.value is None else current.value
            who = current.actor if current else "someone else"
            raise StaleEdit(
                f"The value for {item.period:%B %Y} was changed by {who} after you opened it: "
                f"it is now {shown}.",
                current={
                    "period": item.period.isoformat(),
                    "value": None if current is None else current.value,
                    "version": current_version,
                    "actor": None if current is None else current.actor,
                    "note": None if current is None else current.note,
                },
            )
        if current is not None and current.value == item.value:
            continue
        if current is None and item.value is None:
            continue
        row = KpiValue(
            kpi_id=kpi.id,
            period=item.period,
            value=item.value,
            version=current_version + 1,
            note=_text(item.note, f"{where}: note", limit=1000, required=False),
            source=source[:200],
            actor_user_id=actor.user_id,
            actor=actor.email,
        )
        session.add(row)
        added.append(row)
        audit.record(
            session,
            actor=actor,
            action="kpi.value" if current is None else "kpi.value_correct",
            entity_type="kpi",
            entity_id=kpi.id,
            area_code=framework.area_code,
            before=None
            if current is None
            else {"period": item.period.isoformat(), "value": current.value},
            after={"period": item.period.isoformat(), "value": item.value, "source": source},
            note=item.note,
        )
    session.flush()
    return added


def record_value(
    session: Session,
    *,
    actor: Principal,
    kpi_id: int,
    period: date,
    value: float | None,
    version: int,
    note: str = "",
    source: str = "web form",
) -> KpiValue | None:
    """One value (None withdraws it); `version` is the period's version the editor loaded."""
    added = record_values(
        session,
        actor=actor,
        kpi_id=kpi_id,
        values=[ValueIn(period, value, version, note)],
        source=source,
    )
    return added[0] if added else None
