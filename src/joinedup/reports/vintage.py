"""The data vintage a paper's figures came from: the latest load of indicator values known on
the paper's date (what the framework's values "as at" that date are read from), recorded on the
report and said in the paper's notes, so a reader can tell which release of the data it used.
Read through the metrics door only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from joinedup.metrics import service as metrics
from joinedup.periods import long_date
from joinedup.reports.document import Paragraph


@dataclass(frozen=True)
class DataVintage:
    id: int
    loaded_on: date
    checksum: str
    first_period: date | None
    last_period: date | None


def vintage_as_at(session: Session, as_of: date) -> DataVintage | None:
    """The newest vintage loaded by ``as_of``; None when no data had been loaded by then."""
    known = [v for v in metrics.list_vintages(session) if v.loaded_on <= as_of]
    if not known:
        return None
    latest = max(known, key=lambda v: (v.loaded_on, v.id))
    return DataVintage(
        latest.id, latest.loaded_on, latest.checksum, latest.first_period, latest.last_period
    )


def vintage_words(vintage: DataVintage | None) -> str:
    """The vintage as the paper's facts name it."""
    if vintage is None:
        return "None loaded"
    return f"Loaded on {long_date(vintage.loaded_on)} (checksum {vintage.checksum[:12]})"


def vintage_note(vintage: DataVintage | None, as_of: date) -> Paragraph:
    """The note under the framework's tables saying which data the figures came from."""
    if vintage is None:
        return Paragraph(
            f"Data: no national indicator data had been loaded by {long_date(as_of)}; the "
            "figures are those recorded locally."
        )
    span = ""
    if vintage.first_period and vintage.last_period:
        span = (
            f", covering {vintage.first_period:%B %Y} to {vintage.last_period:%B %Y}"
            if vintage.first_period != vintage.last_period
            else f", covering {vintage.first_period:%B %Y}"
        )
    return Paragraph(
        f"Data: figures from national indicators are those of the data loaded on "
        f"{long_date(vintage.loaded_on)}{span} (checksum {vintage.checksum[:12]}), the latest "
        f"loaded by {long_date(as_of)}, the date this paper is as at; later revisions are not "
        "included."
    )
