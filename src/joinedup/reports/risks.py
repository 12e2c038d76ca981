"""The risks a highlight report shows its board: the plan's risks scoring at or above the
threshold the board set in its settings (likelihood times impact, each 1 to 5), highest first,
with their owners and mitigations. Read through the governance door only."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.periods import long_date
from joinedup.reports.document import Block, Cell, Paragraph, Section, Table

HEADING = "Risks"


def risk_section(
    session: Session,
    *,
    actor: Principal,
    plan_id: int,
    board: str,
    board_id: int,
    threshold: int,
    number: str,
    as_of: date,
) -> Section:
    """Section ``number`` (say "2.4."): the board's risks table, or a line saying none
    reaches the threshold."""
    from joinedup.governance import service as governance  # governance reads reports' door

    risks = governance.risks_for_board(
        session, actor=actor, board_id=board_id, plan_id=plan_id, as_of=as_of
    )
    who = f"The {board}" if board else "The board"
    blocks: list[Block] = [
        Paragraph(
            f"{who} sees the risks on the plan's register that score {threshold} or more out "
            "of 25 (likelihood times impact, each scored from 1 to 5), highest first, each "
            f"scored as last assessed by {long_date(as_of)}."
        )
    ]
    if not risks:
        blocks.append(Paragraph(f"No risk on the register scores {threshold} or more."))
    else:
        blocks.append(
            Table(
                caption=f"Risks scoring {threshold} or more",
                header=("Risk", "Score", "Owner", "Mitigations"),
                rows=tuple(
                    (
                        Cell(r.title + (f" (cause: {r.cause})" if r.cause else "")),
                        Cell(
                            f"{r.score} – {r.band} (likelihood {r.likelihood} × impact {r.impact})"
                        ),
                        Cell(r.owner or "Not named"),
                        Cell(r.mitigations or "None recorded"),
                    )
                    for r in risks
                ),
                row_headers=True,
                name="Risks",
            )
        )
    return Section(f"{number} {HEADING}", blocks=tuple(blocks))
