"""Recording KPI values, kept with a history of corrections: an entry for a period that has one
appends a correction with the period's next version (the earlier entry stays).

Two people saving the same period from the same version both compute the same next version; the
unique constraint (kpi_id, period, version) lets the database take the first and refuse the
second, which is answered as a stale edit with what the winner saved, never as a crash.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import FORM, InvalidInput, StaleEdit
from joinedup.inputs import strip_control
from joinedup.monitoring.models import KpiValue
from joinedup.monitoring.permissions import readable_kpi
from joinedup.monitoring.permissions import require_edit as _require_edit
from joinedup.monitoring.schemas import ValueIn, ValuesImport
from joinedup.monitoring.series import SOURCE_LOCAL, value_entries
from joinedup.monitoring.values_file import PeriodValue, read_pasted, read_values


def _value_stale(session: Session, kpi_id: int, period: date) -> StaleEdit:
    entries = value_entries(session, kpi_id).get(period, [])
    current = entries[-1] if entries else None
    shown = "no value" if current is None or current.value is None else current.value
    who = current.actor if current else "someone else"
    return StaleEdit(
        f"The value for {period:%B %Y} was changed by {who} after you opened it: "
        f"it is now {shown}.",
        current={
            "period": period.isoformat(),
            "value": None if current is None else current.value,
            "version": current.version if current else 0,
            "actor": None if current is None else current.actor,
            "note": None if current is None else current.note,
        },
    )


def record_values(
    session: Session,
    *,
    actor: Principal,
    kpi_id: int,
    values: Sequence[PeriodValue],
    source: str,
    field: str = "value",
    recorded_at: datetime | None = None,
) -> list[KpiValue]:
    """Record values of a local KPI, all or nothing; an unchanged value adds nothing. Returns
    the rows added. Problems belong to `field` of the form that sent the values. The entries are
    dated now by the clock, or `recorded_at` (a world built as at a day dates its history)."""
    kpi, framework = readable_kpi(session, actor, kpi_id)
    _require_edit(actor, framework.area_code)
    if kpi.source != SOURCE_LOCAL:
        raise InvalidInput.of(
            FORM,
            f"KPI {kpi.code} shows the loaded values of indicator {kpi.indicator_id}: "
            "its values cannot be entered here",
        )
    existing = value_entries(session, kpi.id)
    seen: set[date] = set()
    added: list[KpiValue] = []
    loaded: dict[date, int] = {}
    for item in values:
        if item.period in seen:
            raise InvalidInput.of(
                field, f"{item.period:%B %Y} is given twice: give one value per period"
            )
        seen.add(item.period)
        entries = existing.get(item.period, [])
        current = entries[-1] if entries else None
        loaded[item.period] = current.version if current else 0
        if item.version is not None and item.version != loaded[item.period]:
            raise _value_stale(session, kpi.id, item.period)  # answered before any write
        if (current.value if current else None) == item.value:
            continue
        row = KpiValue(
            kpi_id=kpi.id,
            period=item.period,
            value=item.value,
            version=loaded[item.period] + 1,
            note=" ".join(item.note.split()),
            source=strip_control(source)[:200],
            at=item.recorded_at or recorded_at or clock.now(),
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
    try:
        session.flush()
    except IntegrityError:
        # Someone saved one of these periods since they were read: say what they saved.
        session.rollback()
        for period, version in loaded.items():
            now = value_entries(session, kpi_id).get(period, [])
            if (now[-1].version if now else 0) != version:
                raise _value_stale(session, kpi_id, period) from None
        raise
    return added


def record_value(
    session: Session,
    *,
    actor: Principal,
    kpi_id: int,
    entry: ValueIn,
    source: str = "web form",
) -> KpiValue | None:
    """One period's value (None withdraws it); `entry.version` is the period's version the
    editor loaded. None when the value was already the current one."""
    added = record_values(
        session,
        actor=actor,
        kpi_id=kpi_id,
        values=[PeriodValue(entry.period, entry.value, entry.version, entry.note)],
        source=source,
    )
    return added[0] if added else None


def import_values(
    session: Session,
    *,
    actor: Principal,
    kpi_id: int,
    upload: ValuesImport,
    max_bytes: int,
) -> list[KpiValue]:
    """Values from a file (CSV or XLSX) or pasted text, all or nothing; each replaces whatever
    the period holds (the earlier entry stays on record)."""
    readable_kpi(session, actor, kpi_id)  # a KPI one may not see is not found, before parsing
    if upload.file_name:
        values = read_values(upload.file_name, upload.data, max_bytes=max_bytes)
        source, field = f"file {upload.file_name}", "file"
    else:
        values = read_pasted(upload.pasted)
        source, field = "pasted values", "pasted"
    return record_values(
        session, actor=actor, kpi_id=kpi_id, values=values, source=source, field=field
    )
