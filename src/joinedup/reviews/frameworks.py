"""Review frameworks as data: read from YAML or JSON, checked, and turned into milestone plans.

The file format is documented in docs/reviews.md ("Framework files"); two frameworks ship with
Joined Up in ``reviews/frameworks/``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml

from joinedup.errors import InvalidInput
from joinedup.reviews.rules import (
    REVIEW_KINDS,
    RatingBand,
    add_months,
    rating_for,
    score_percentage,
    whole_percent,
)

_ID = re.compile(r"^[a-z][a-z0-9_-]{0,59}$")
SHIPPED_FILES = ("local_system_review_2017.yaml", "cqc_local_authority_assessment.yaml")


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    theme: str | None = None


@dataclass(frozen=True)
class MilestoneTemplate:
    key: str
    label: str
    days: int = 0
    months: int = 0
    after: str | None = None  # another milestone's key; None: the review's start


@dataclass(frozen=True)
class Scoring:
    lowest: int
    highest: int
    labels: dict[int, str]
    bands: list[RatingBand]


@dataclass(frozen=True)
class OverallScore:
    total: int
    maximum: int
    percentage: Decimal
    percent: int  # rounded to a whole percent, as the thresholds are
    rating: str


@dataclass(frozen=True)
class Framework:
    key: str
    name: str
    description: str
    focus_question: str
    source: str
    question_label: str
    questions: list[Question]
    themes: dict[str, str] = field(default_factory=dict)
    finding_themes: list[str] = field(default_factory=list)  # suggested local words, if any
    # The controlled list every finding's national theme comes from (id -> title), so that the
    # national picture counts alike whatever each system calls its plan's sections.
    declared_national_themes: dict[str, str] = field(default_factory=dict)
    milestones: list[MilestoneTemplate] = field(default_factory=list)
    scoring: Scoring | None = None
    # A kind of review with its own process (a follow-up by telephone has no on-site week);
    # kinds not listed follow ``milestones``.
    kind_milestones: dict[str, list[MilestoneTemplate]] = field(default_factory=dict)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    @property
    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions]

    @property
    def national_themes(self) -> dict[str, str]:
        """The national themes a finding may carry: those declared, else the questions' themes."""
        return self.declared_national_themes or self.themes

    def national_theme_for(self, question_id: str, given: str) -> str:
        """The national theme a finding carries: the one given, else its question's own theme
        (CQC's quality statements each sit in a theme); empty only when the framework has none."""
        if given or not self.national_themes:
            return given
        question = next((q for q in self.questions if q.id == question_id), None)
        return question.theme or "" if question is not None else ""

    def milestones_for(self, kind: str) -> list[MilestoneTemplate]:
        """The steps of a review of this kind."""
        return self.kind_milestones.get(kind, self.milestones)

    def plan_milestones(
        self, start: date, kind: str = "full"
    ) -> list[tuple[MilestoneTemplate, date]]:
        """Planned dates from the review's start, following each milestone's rule in order."""
        planned: dict[str, date] = {}
        result = []
        for template in self.milestones_for(kind):
            base = start if template.after is None else planned[template.after]
            when = add_months(base, template.months) + timedelta(days=template.days)
            planned[template.key] = when
            result.append((template, when))
        return result

    def overall(self, scores: list[int]) -> OverallScore:
        """Percentage of the maximum score and the rating its band gives (CQC's method)."""
        if self.scoring is None:
            raise ValueError(f"{self.name} does not score")
        percentage = score_percentage(scores, maximum=self.scoring.highest)
        percent = whole_percent(percentage)
        return OverallScore(
            total=sum(scores),
            maximum=self.scoring.highest * len(scores),
            percentage=percentage,
            percent=percent,
            rating=rating_for(percent, self.scoring.bands),
        )


class _Reader:
    """Reads one definition, naming the file and the field in every complaint."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> InvalidInput:
        return InvalidInput.of("file", f"In {self.source}, {where}: {problem}")

    def text(self, raw: dict[str, Any], name: str, where: str, *, required: bool = True) -> str:
        value = raw.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}{name}", f"must be some text (got {value!r})")
        return value.strip()

    def identifier(self, raw: dict[str, Any], name: str, where: str) -> str:
        value = self.text(raw, name, where)
        if not _ID.match(value):
            raise self.fail(
                f"{where}{name}", f"{value!r} must be lower-case letters, digits, _ or -"
            )
        return value

    def integer(self, raw: dict[str, Any], name: str, where: str, default: int = 0) -> int:
        value = raw.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{where}{name}", f"must be a whole number (got {value!r})")
        return value

    def items(self, raw: dict[str, Any], name: str, *, required: bool) -> list[dict[str, Any]]:
        value = raw.get(name)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise self.fail(name, "must be a non-empty list")
        for index, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                raise self.fail(f"{name} item {index}", f"must be a mapping (got {item!r})")
        return value


def parse_framework(raw: object, *, source: str) -> Framework:
    """Check a framework definition (already parsed from YAML or JSON); all or nothing."""
    reader = _Reader(source)
    if not isinstance(raw, dict):
        raise reader.fail("top level", "must be a mapping of fields")
    themes: dict[str, str] = {}
    for index, item in enumerate(reader.items(raw, "themes", required=False), start=1):
        where = f"themes item {index}, "
        themes[reader.identifier(item, "id", where)] = reader.text(item, "title", where)
    national_themes: dict[str, str] = {}
    for index, item in enumerate(reader.items(raw, "national_themes", required=False), start=1):
        where = f"national_themes item {index}, "
        theme_id = reader.identifier(item, "id", where)
        if theme_id in national_themes:
            raise reader.fail(f"{where}id", f"{theme_id!r} repeats")
        national_themes[theme_id] = reader.text(item, "title", where)
    questions: list[Question] = []
    for index, item in enumerate(reader.items(raw, "questions", required=True), start=1):
        where = f"questions item {index}, "
        question = Question(
            reader.identifier(item, "id", where),
            reader.text(item, "title", where),
            item.get("theme"),
        )
        if question.id in {q.id for q in questions}:
            raise reader.fail(f"{where}id", f"{question.id!r} repeats")
        if question.theme is not None and question.theme not in themes:
            raise reader.fail(f"{where}theme", f"{question.theme!r} is not one of the themes")
        questions.append(question)
    milestones = _milestones(reader, raw.get("milestones"), "milestones")
    kinds = raw.get("kinds") or {}
    if not isinstance(kinds, dict):
        raise reader.fail("kinds", "must map each kind of review to its milestones")
    kind_milestones: dict[str, list[MilestoneTemplate]] = {}
    for kind, spec in kinds.items():
        if kind not in REVIEW_KINDS:
            raise reader.fail(f"kinds, {kind}", f"must be one of {', '.join(REVIEW_KINDS)}")
        if not isinstance(spec, dict):
            raise reader.fail(f"kinds, {kind}", "must be a mapping with its milestones")
        where = f"kinds, {kind}, milestones"
        kind_milestones[kind] = _milestones(reader, spec.get("milestones"), where)
    finding_themes = raw.get("finding_themes") or []
    if not isinstance(finding_themes, list) or not all(isinstance(t, str) for t in finding_themes):
        raise reader.fail("finding_themes", "must be a list of texts")
    return Framework(
        key=reader.identifier(raw, "key", ""),
        name=reader.text(raw, "name", ""),
        description=reader.text(raw, "description", "", required=False),
        focus_question=reader.text(raw, "focus_question", "", required=False),
        source=reader.text(raw, "source", "", required=False),
        question_label=reader.text(raw, "question_label", "", required=False) or "Key question",
        questions=questions,
        themes=themes,
        finding_themes=list(finding_themes),
        declared_national_themes=national_themes,
        milestones=milestones,
        scoring=_scoring(reader, raw.get("scoring")),
        kind_milestones=kind_milestones,
    )


def _milestones(reader: _Reader, raw: object, name: str) -> list[MilestoneTemplate]:
    if not isinstance(raw, list) or not raw:
        raise reader.fail(name, "must be a non-empty list")
    milestones: list[MilestoneTemplate] = []
    for index, item in enumerate(raw, start=1):
        where = f"{name} item {index}, "
        if not isinstance(item, dict):
            raise reader.fail(f"{name} item {index}", f"must be a mapping (got {item!r})")
        after = item.get("after")
        template = MilestoneTemplate(
            key=reader.identifier(item, "key", where),
            label=reader.text(item, "label", where),
            days=reader.integer(item, "days", where),
            months=reader.integer(item, "months", where),
            after=after,
        )
        if template.key in {m.key for m in milestones}:
            raise reader.fail(f"{where}key", f"{template.key!r} repeats")
        if after is not None and after not in {m.key for m in milestones}:
            raise reader.fail(f"{where}after", f"{after!r} is not an earlier milestone's key")
        milestones.append(template)
    return milestones


def _scoring(reader: _Reader, raw: object) -> Scoring | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise reader.fail("scoring", "must be a mapping")
    lowest = reader.integer(raw, "lowest", "scoring, ")
    highest = reader.integer(raw, "highest", "scoring, ")
    if not 0 <= lowest < highest:
        raise reader.fail("scoring", f"lowest {lowest} must be below highest {highest}")
    labels_raw = raw.get("labels") or {}
    if not isinstance(labels_raw, dict):
        raise reader.fail("scoring, labels", "must map each score to its meaning")
    labels = {int(k): str(v) for k, v in labels_raw.items()}
    bands = []
    for index, item in enumerate(reader.items(raw, "bands", required=True), start=1):
        where = f"scoring, bands item {index}, "
        bands.append(
            RatingBand(reader.text(item, "rating", where), reader.integer(item, "from", where))
        )
    return Scoring(lowest, highest, labels, sorted(bands, key=lambda b: b.lowest_percent))


def load_text(text: str, *, source: str) -> tuple[Framework, dict[str, Any]]:
    """Parse a framework file's text (JSON when the source ends .json, else YAML)."""
    try:
        raw = json.loads(text) if source.lower().endswith(".json") else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise InvalidInput.of("file", f"In {source}: not valid JSON or YAML ({error})") from None
    framework = parse_framework(raw, source=source)
    # JSON keys are text: store score labels that way so the stored copy reads back the same.
    if isinstance(raw.get("scoring"), dict) and isinstance(raw["scoring"].get("labels"), dict):
        raw["scoring"]["labels"] = {str(k): v for k, v in raw["scoring"]["labels"].items()}
    return framework, raw


def shipped() -> list[tuple[Framework, dict[str, Any]]]:
    folder = resources.files("joinedup.reviews") / "frameworks"
    return [load_text((folder / name).read_text(), source=name) for name in SHIPPED_FILES]
