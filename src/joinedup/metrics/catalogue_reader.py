"""One catalogue file read into an indicator: every field checked against the vocabulary the
engines understand (the contract's tables and columns, the statistics and interval methods),
every problem noted with its line and field and what was expected."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from joinedup.metrics.catalogue_files import Located, Problem
from joinedup.metrics.contract import TABLES, Kind, Table
from joinedup.metrics.expressions import (
    Always,
    And,
    Col,
    Compare,
    DaysBetween,
    Expr,
    IsoWeekday,
    Lit,
)
from joinedup.metrics.indicators import (
    Indicator,
    IntervalMethod,
    Polarity,
    Population,
    Statistic,
    Tally,
)

ID = re.compile(r"[a-z][a-z0-9_]{1,59}")
FIELDS = {
    "id": "a name of lower-case letters, digits and _ (2 to 60)",
    "title": "the title shown on pages",
    "short_title": "a short title for table headings (optional)",
    "unit": "the unit shown after values",
    "definition": "the definition in words",
    "source": "the publication the measure comes from (optional)",
    "citation": "a reference to its published definition (optional)",
    "version": "a whole number from 1",
    "valid_from": "a date written YYYY-MM-DD",
    "valid_to": "a date written YYYY-MM-DD (optional)",
    "polarity": "lower_is_better or higher_is_better",
    "statistic": "one of " + ", ".join(s.value for s in Statistic),
    "interval": "one of " + ", ".join(m.value for m in IntervalMethod),
    "per": "a positive number (100 for a percentage, 100000 for a rate per 100,000)",
    "percentile": "a number between 0 and 1, for the percentile statistic",
    "numerator": "a tally",
    "denominator": "a tally, or population: COLUMN",
}
# ``total_of``: a whole-number column, or days_between: [from, to].
TALLY_FIELDS = ("tally", "table", "area", "date", "where", "total_of", "bucket")
TESTS = ("at_least", "at_most", "equals", "differs_from", "starts_with", "one_of", "is")
SUBJECTS = ("column", "weekday_of", "days_between")
POPULATIONS = ("population_all", "population_18plus", "population_65plus")


@dataclass
class Reader:
    """Turns one file's document into an indicator, noting every problem on the way."""

    path: Path
    problems: list[Problem]

    def problem(self, item: Located, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, item.line, field, message))

    def text(self, doc: dict[str, Located], name: str, line: int, *, required: bool) -> str:
        item = doc.get(name)
        if item is None or item.value is None or str(item.value).strip() == "":
            if required:
                self.problems.append(
                    Problem(self.path, line, name, f"missing; expected {FIELDS[name]}")
                )
            return ""
        if not isinstance(item.value, str | int | float) or isinstance(item.value, bool):
            self.problem(item, name, f"expected {FIELDS[name]}")
            return ""
        return " ".join(str(item.value).split())

    def choice(self, doc: dict[str, Located], name: str, line: int, kind: Any) -> Any:
        raw = self.text(doc, name, line, required=True)
        if not raw:
            return None
        try:
            return kind(raw)
        except ValueError:
            self.problem(doc[name], name, f"{raw!r} is not allowed; expected {FIELDS[name]}")
            return None

    def day(self, doc: dict[str, Located], name: str, line: int, *, required: bool) -> date | None:
        item = doc.get(name)
        if item is None or item.value is None:
            if required:
                self.problems.append(
                    Problem(self.path, line, name, f"missing; expected {FIELDS[name]}")
                )
            return None
        if isinstance(item.value, date):
            return item.value
        try:
            return date.fromisoformat(str(item.value))
        except ValueError:
            self.problem(item, name, f"{item.value!r} is not {FIELDS[name]}")
            return None

    def number(self, item: Located, name: str, low: float, high: float | None) -> float | None:
        value = item.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(item, name, f"{value!r} is not a number; expected {FIELDS[name]}")
            return None
        if value <= low or (high is not None and value >= high):
            self.problem(item, name, f"{value!r} is out of range; expected {FIELDS[name]}")
            return None
        return float(value)

    # --- tallies -------------------------------------------------------------------------

    def column(self, table: Table, item: Located, field: str, kinds: tuple[Kind, ...]) -> str:
        name = item.value
        known = {c.name: c for c in table.columns}
        if not isinstance(name, str) or name not in known:
            self.problem(
                item,
                field,
                f"{name!r} is not a column of {table.name}; expected one of " + ", ".join(known),
            )
            return ""
        if kinds and known[name].kind not in kinds:
            wanted = " or ".join(k.value for k in kinds)
            self.problem(item, field, f"{name} holds {known[name].kind.value}; expected {wanted}")
            return ""
        return name

    def condition(self, table: Table, item: Located, field: str) -> Expr | None:
        if not isinstance(item.value, dict):
            self.problem(
                item, field, "expected a condition such as {column: startage, at_least: 65}"
            )
            return None
        parts = item.value
        subjects = [k for k in SUBJECTS if k in parts]
        tests = [k for k in TESTS if k in parts]
        unknown = [k for k in parts if k not in SUBJECTS + TESTS]
        if unknown or len(subjects) != 1 or len(tests) != 1:
            self.problem(
                item,
                field,
                "expected one of " + ", ".join(SUBJECTS) + " and one test of " + ", ".join(TESTS),
            )
            return None
        subject, test = subjects[0], tests[0]
        where = f"{field}.{test}"
        target: Expr
        if subject == "column":
            target = Col(self.column(table, parts["column"], f"{field}.column", ()))
        elif subject == "weekday_of":
            dated = self.column(table, parts[subject], f"{field}.{subject}", (Kind.DATE,))
            target = IsoWeekday(Col(dated))
        else:
            target = self.days_between(table, parts[subject], f"{field}.{subject}")
        value = parts[test].value
        if test in ("at_least", "at_most"):
            if self.number(parts[test], where, float("-inf"), None) is None:
                return None
            return Compare(">=" if test == "at_least" else "<=", target, Lit(value))
        if test == "equals":
            return Compare("=", target, Lit(value))
        if test in ("differs_from", "starts_with"):
            if not isinstance(value, str) or not isinstance(target, Col):
                self.problem(parts[test], where, "expected text (in quotes) and a column")
                return None
            return (
                target.differs_from(value) if test == "differs_from" else target.starts_with(value)
            )
        if test == "one_of":
            values = [v.value for v in value] if isinstance(value, list) else None
            if not values or not isinstance(target, Col):
                self.problem(parts[test], where, "expected a list of values and a column")
                return None
            return target.one_of(tuple(values))
        if not isinstance(target, Col) or value not in (True, False, "known", "missing"):
            self.problem(parts[test], where, "expected true, false, known or missing, of a column")
            return None
        if value is True:
            return target.is_true()
        if value is False:
            return Compare("=", target, Lit(False))
        return target.is_known() if value == "known" else target.is_missing()

    def days_between(self, table: Table, item: Located, field: str) -> Expr:
        if not isinstance(item.value, list) or len(item.value) != 2:
            self.problem(item, field, "expected two date columns, [from, to]")
            return Always()
        start, end = (self.column(table, part, field, (Kind.DATE,)) for part in item.value)
        return DaysBetween(Col(start), Col(end))

    def tally(self, item: Located, field: str) -> Tally | None:
        if not isinstance(item.value, dict):
            self.problem(item, field, "expected a tally (tally, table, area, date, where)")
            return None
        doc: dict[str, Located] = item.value
        for key, value in doc.items():
            if key not in TALLY_FIELDS:
                self.problem(
                    value, f"{field}.{key}", "unknown; expected one of " + ", ".join(TALLY_FIELDS)
                )
        for key in ("tally", "table", "area", "date"):
            if key not in doc:
                self.problem(item, f"{field}.{key}", "missing")
        if any(key not in doc for key in ("tally", "table", "area", "date")):
            return None
        name = doc["tally"].value
        if not isinstance(name, str) or not ID.fullmatch(name):
            self.problem(doc["tally"], f"{field}.tally", f"expected {FIELDS['id']}")
        tables = {t.name: t for t in TABLES if t.name != "population"}
        table = tables.get(str(doc["table"].value))
        if table is None:
            self.problem(doc["table"], f"{field}.table", "expected one of " + ", ".join(tables))
            return None
        area = self.column(table, doc["area"], f"{field}.area", (Kind.AREA,))
        dated = self.column(table, doc["date"], f"{field}.date", (Kind.DATE, Kind.MONTH))
        conditions: list[Expr] = []
        where = doc.get("where")
        if where is not None:
            listed = where.value if isinstance(where.value, list) else [where]
            for i, part in enumerate(listed):
                made = self.condition(table, part, f"{field}.where[{i + 1}]")
                if made is not None:
                    conditions.append(made)
        total_of: str | Expr | None = None
        if "total_of" in doc:
            spec = doc["total_of"]
            if isinstance(spec.value, dict) and list(spec.value) == ["days_between"]:
                total_of = self.days_between(table, spec.value["days_between"], f"{field}.total_of")
            else:
                kinds = (Kind.COUNT, Kind.INTEGER)
                total_of = self.column(table, spec, f"{field}.total_of", kinds)
        bucket = None
        if "bucket" in doc:
            spec = doc["bucket"]
            if not isinstance(spec.value, dict) or list(spec.value) != ["days_between"]:
                self.problem(spec, f"{field}.bucket", "expected days_between: [from, to]")
            else:
                bucket = self.days_between(table, spec.value["days_between"], f"{field}.bucket")
        filtered: Expr = Always()
        if len(conditions) == 1:
            filtered = conditions[0]
        elif conditions:
            filtered = And(tuple(conditions))
        return Tally(str(name), table.name, area, dated, filtered, total_of, bucket)

    # --- the indicator -------------------------------------------------------------------

    def indicator(self, document: Located) -> Indicator | None:
        doc: dict[str, Located] = document.value
        before = len(self.problems)
        for key, value in doc.items():
            if key not in FIELDS:
                self.problem(value, key, "unknown; expected one of " + ", ".join(FIELDS))
        line = document.line
        identity = self.text(doc, "id", line, required=True)
        if identity and not ID.fullmatch(identity):
            self.problem(doc["id"], "id", f"{identity!r} is not {FIELDS['id']}")
        if identity and re.sub(r"^[0-9]+[-_]", "", self.path.stem) != identity:
            self.problem(
                doc["id"],
                "id",
                f"{identity!r} differs from the file's name; expected the file to be named "
                f"{identity}.yaml (a number first, as in 07-{identity}.yaml, sets the order)",
            )
        version = doc.get("version", Located("missing", line))
        if type(version.value) is not int or version.value < 1:
            self.problem(version, "version", f"{version.value!r} is not {FIELDS['version']}")
        valid_from = self.day(doc, "valid_from", line, required=True)
        valid_to = self.day(doc, "valid_to", line, required=False)
        if valid_from and valid_to and valid_to < valid_from:
            self.problem(doc["valid_to"], "valid_to", "is before valid_from; expected a later date")
        statistic = self.choice(doc, "statistic", line, Statistic)
        interval = self.choice(doc, "interval", line, IntervalMethod)
        polarity = self.choice(doc, "polarity", line, Polarity)
        per = 1.0
        if "per" in doc:
            per = self.number(doc["per"], "per", 0.0, None) or 1.0
        numerator = self.tally(doc["numerator"], "numerator") if "numerator" in doc else None
        denominator: Tally | Population | None = None
        if "denominator" not in doc:
            self.problems.append(
                Problem(
                    self.path, line, "denominator", f"missing; expected {FIELDS['denominator']}"
                )
            )
        else:
            denominator = self.denominator(doc["denominator"])
        percentile = None
        if "percentile" in doc:
            percentile = self.number(doc["percentile"], "percentile", 0.0, 1.0)
        self.fits(doc, line, statistic, interval, numerator, denominator, percentile)
        if len(self.problems) > before:
            return None
        assert denominator is not None
        assert valid_from is not None
        return Indicator(
            id=identity,
            title=self.text(doc, "title", line, required=True),
            unit=self.text(doc, "unit", line, required=True),
            polarity=polarity,
            statistic=statistic,
            interval=interval,
            denominator=denominator,
            numerator=numerator,
            per=per,
            percentile=percentile,
            source=self.text(doc, "source", line, required=False),
            definition=self.text(doc, "definition", line, required=True),
            short_title=self.text(doc, "short_title", line, required=False),
            citation=self.text(doc, "citation", line, required=False),
            version=int(doc["version"].value),
            valid_from=valid_from,
            valid_to=valid_to,
            declared_in=str(self.path),
        )

    def denominator(self, item: Located) -> Tally | Population | None:
        if isinstance(item.value, dict) and list(item.value) == ["population"]:
            column = item.value["population"]
            if column.value not in POPULATIONS:
                self.problem(
                    column,
                    "denominator.population",
                    f"{column.value!r} is not a population column; expected one of "
                    + ", ".join(POPULATIONS),
                )
                return None
            return Population(str(column.value))
        return self.tally(item, "denominator")

    def fits(
        self,
        doc: dict[str, Located],
        line: int,
        statistic: Statistic | None,
        interval: IntervalMethod | None,
        numerator: Tally | None,
        denominator: Tally | Population | None,
        percentile: float | None,
    ) -> None:
        """The parts the statistic needs, and only those."""
        at = doc.get("statistic", Located(None, line))
        failed = ("numerator" in doc and numerator is None) or (
            "denominator" in doc and denominator is None
        )
        if failed:  # already refused, with its own field
            return
        if statistic in (Statistic.RATE, Statistic.PER_DAY_RATE):
            if numerator is None or not isinstance(denominator, Population):
                self.problem(
                    at,
                    "statistic",
                    f"{statistic.value} expected a numerator tally and "
                    "denominator population: COLUMN",
                )
        elif statistic in (Statistic.PROPORTION, Statistic.MEAN):
            if numerator is None or not isinstance(denominator, Tally):
                self.problem(
                    at,
                    "statistic",
                    f"{statistic.value} expected a numerator tally and a denominator tally",
                )
        elif statistic is Statistic.PERCENTILE:
            if (
                not isinstance(denominator, Tally)
                or denominator.bucket is None
                or numerator is not None
            ):
                self.problem(
                    at, "statistic", "percentile expected only a denominator tally with a bucket"
                )
            if percentile is None and "percentile" not in doc:
                self.problem(at, "percentile", f"missing; expected {FIELDS['percentile']}")
        expected_interval = (
            {
                Statistic.RATE: (IntervalMethod.BYAR_EXACT, IntervalMethod.NONE),
                Statistic.PROPORTION: (IntervalMethod.WILSON, IntervalMethod.NONE),
            }.get(statistic, (IntervalMethod.NONE,))
            if statistic
            else ()
        )
        if interval is not None and statistic is not None and interval not in expected_interval:
            wanted = " or ".join(i.value for i in expected_interval)
            self.problem(
                doc["interval"],
                "interval",
                f"{interval.value} does not suit {statistic.value}; expected {wanted}",
            )
