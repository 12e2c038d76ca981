"""The rules of governance: a risk's score and its band on the 5 x 5 matrix, which risks a board
sees, how resolutions read, and how a participant line is written. Pure: no database, no files.

The bands follow the NHS risk matrix (National Patient Safety Agency, "A risk matrix for risk
managers", 2008): 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme (see docs/governance.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

SCALE = range(1, 6)  # likelihood and impact are each scored 1 (rare, negligible) to 5
LIKELIHOOD = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Catastrophic"}
DEFAULT_THRESHOLD = 15  # a board sees its extreme risks unless it asks for more

T = TypeVar("T")


def score(likelihood: int, impact: int) -> int:
    """Likelihood times impact, each 1 to 5; ValueError outside the scale."""
    if likelihood not in SCALE or impact not in SCALE:
        raise ValueError("likelihood and impact are each scored from 1 to 5")
    return likelihood * impact


def band(value: int) -> str:
    """The band of a score on the 5 x 5 matrix."""
    if value >= 15:
        return "Extreme"
    if value >= 8:
        return "High"
    if value >= 4:
        return "Moderate"
    return "Low"


@dataclass(frozen=True)
class Scored:
    """What the threshold needs to know of one risk."""

    id: int
    likelihood: int
    impact: int

    @property
    def score(self) -> int:
        return score(self.likelihood, self.impact)


def above_threshold(risks: Iterable[Scored], threshold: int) -> list[Scored]:
    """The risks scoring at least ``threshold``, highest first (then by id)."""
    chosen = [r for r in risks if r.score >= threshold]
    return sorted(chosen, key=lambda r: (-r.score, r.id))


def resolutions_text(texts: Sequence[str]) -> str:
    """The minute's form: "RESOLVED that: (1) ... (2) ..."; one alone is not numbered."""
    if not texts:
        return ""
    if len(texts) == 1:
        return f"RESOLVED that {texts[0]}"
    numbered = " ".join(f"({n}) {text}" for n, text in enumerate(texts, start=1))
    return f"RESOLVED that: {numbered}"


def participant(line: str) -> dict[str, str]:
    """'Pete Fahy – Director of Adult Services' (or with a comma or hyphen) as name and role."""
    for separator in (" – ", " - ", ", "):
        if separator in line:
            name, role = line.split(separator, 1)
            return {"name": name.strip(), "role": role.strip()}
    return {"name": line.strip(), "role": ""}


def participant_line(entry: dict[str, str]) -> str:
    return f"{entry['name']} – {entry['role']}" if entry.get("role") else entry["name"]


def coming(dated: Iterable[tuple[date, T]], today: date) -> list[T]:
    """The things dated today or later, soonest first: a forward plan."""
    return [thing for day, thing in sorted(dated, key=lambda d: d[0]) if day >= today]
