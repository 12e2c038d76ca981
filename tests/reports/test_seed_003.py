"""The demo world as at 13 June 2019 carries seed 003: Oxfordshire's highlight report to that day's
Board, as at 31 May 2019, read back from the PDF and the Word file the Board received.

Green A, C, D, F, I, L, M and Amber B, E, G, H, J, K, N, O; a mitigation for every Amber; the
Areas of Future Focus quoted under B, H, J and O; Part 1 (1a-1g) with the seed's targets, April
2019 values, arrows and changes; Part 2 (2a-2f) on the targets' basis and of realistic size.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.demo import populate
from joinedup.reports import service
from joinedup.reports.models import Report
from joinedup.reports.schemas import ReportFormat
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import OXFORDSHIRE
from tests.reports.reading import table_text, word

STORY_DAY = date(2019, 6, 13)
AS_AT = date(2019, 5, 31)
GREEN = ["A", "C", "D", "F", "I", "L", "M"]
AMBER = ["B", "E", "G", "H", "J", "K", "N", "O"]
FUTURE_FOCUS = ["B", "H", "J", "O"]
# code: (target, April 2019 value, arrow, size of the change) as seed 003 prints them
PART_1 = {
    "1a": ("997 or fewer", 1218, "↓", 1),
    "1b": ("95% or above", 87, "↓", 1),
    "1c": ("83 or fewer", 95, "↑", 17),
    "1d": ("86% or above", 92, "→", None),
    "1e": ("16.5 or fewer", 11.5, "↑", 28),
    "1f": ("8920 or above", 8842, "↑", 10),
    "1g": ("5750 or above", 5944, "↑", 13),
}
PART_2_TARGETS = {
    "2a": "24550 or fewer",
    "2b": "18 or below",
    "2c": "83 or fewer",
    "2d": "85% or above",
    "2e": "3.3% or above",
    "2f": "18.86% or above",
}
NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?")


@pytest.fixture
def paper(empty_database: Database) -> Iterator[tuple[bytes, bytes]]:
    """The PDF and DOCX of the paper to the Board of 13 June 2019, from the world as at then."""
    saved = clock.pinned()
    clock.pin(STORY_DAY)
    try:
        empty_database.upgrade()
        populate(empty_database, timeline=Timeline.as_at(STORY_DAY))
        with empty_database.session() as session:
            report = session.scalars(
                select(Report).where(
                    Report.area_code == OXFORDSHIRE,
                    Report.kind == "highlight",
                    Report.meeting_date == STORY_DAY,
                )
            ).one()
            assert report.as_of == AS_AT
            assert report.state in ("approved", "published")
            files = [
                service.download(
                    session, actor=OPERATOR, report_id=report.id, report_format=f
                ).content
                for f in (ReportFormat.PDF, ReportFormat.DOCX)
            ]
        yield files[0], files[1]
    finally:
        clock.pin(saved)


def _pdf_words(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _number(text: str) -> float:
    found = NUMBER.search(text)
    assert found, text
    return float(found.group().replace(",", ""))


def _check_row(row: list[str], target: str, value: float, arrow: str, size: int | None) -> None:
    """Code, measure, target, value (with or without its period), met, change, ..."""
    assert row[2] == target, row
    assert _number(row[3]) == pytest.approx(value, abs=0.5), row
    assert "out of date" not in row[3], row
    change = row[5]
    assert change.startswith(arrow), row
    if size is None:
        assert change == arrow, row
    else:  # a percentage in points, a count or rate in relative %: the seed prints both as %
        assert re.fullmatch(rf"{arrow} \({size}(?: pp|%)\)", change), row


def test_the_paper_to_the_board_of_13_june_2019_carries_seed_003(
    paper: tuple[bytes, bytes], tmp_path: Path
) -> None:
    pdf, docx_bytes = paper
    document = word(docx_bytes)
    tables = [table_text(t) for t in document.tables]

    # The RAG summary: Green and Amber columns, nothing Red.
    summary = next(t for t in tables if t and t[0][:3] == ["Green", "Amber", "Red"])
    columns = [[row[i].split(" - ")[0] for row in summary[1:] if row[i]] for i in range(3)]
    assert columns == [GREEN, AMBER, []]

    # Each Amber workstream has its mitigation; the Areas of Future Focus sit under B, H, J, O.
    paragraphs = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    under: dict[str, list[str]] = {}
    current = ""
    for style, text in paragraphs:
        if style == "Heading 3":
            current = text.split(" - ")[0]
            under[current] = []
        elif current:
            under[current].append(text)
    assert sorted(under) == sorted(GREEN + AMBER)
    for code in AMBER:
        mitigations = [t for t in under[code] if t.startswith("Mitigation – ")]
        assert mitigations, code
        assert "none recorded" not in mitigations[0], code
    quoted = [c for c in GREEN + AMBER if any("of Future Focus" in t for t in under[c])]
    assert sorted(quoted) == FUTURE_FOCUS

    # Part 1 and Part 2 of the evaluation framework.
    rows = {
        row[0]: row for t in tables for row in t[1:] if row and re.fullmatch(r"[12][a-g]", row[0])
    }
    for code, (target, value, arrow, size) in PART_1.items():
        _check_row(rows[code], target, value, arrow, size)
    part_1 = next(t for t in tables if t and any(r[0] == "1a" for r in t))
    assert part_1[0][3] == "Apr-19"  # every figure of Part 1 is for April 2019, as in the seed
    for code, target in PART_2_TARGETS.items():
        assert rows[code][2] == target, rows[code]
        assert rows[code][4] != "Not comparable with the target", rows[code]
    assert 15_000 <= _number(rows["2a"][3]) <= 30_000, rows["2a"]

    # The PDF the Board read says the same (read in the order it was written, so a cell's words
    # wrapped over lines stay together).
    text = " ".join(_pdf_words(pdf, tmp_path).split())
    for code in GREEN + AMBER:
        assert re.search(rf"\b{code} - ", text), code
    assert text.count("Mitigation – ") >= len(AMBER)
    for code, (target, _value, _arrow, _size) in PART_1.items():
        assert f"{code} " in text
        assert target in text
    for target in PART_2_TARGETS.values():
        assert target in text
    assert "Performance since last report compares each figure" in text


def test_the_board_sees_its_cover_and_its_risks_as_they_stood_on_31_may_2019(
    paper: tuple[bytes, bytes], tmp_path: Path
) -> None:
    words = " ".join(_pdf_words(paper[0], tmp_path).split())
    assert words.startswith("OXFORDSHIRE HEALTH AND WELLBEING BOARD 13 JUNE 2019")
    assert "☒ The resident's journey through health and social care (the CQC action plan)" in words
    assert "☒ Integrated System Delivery Board" in words
    tables = [table_text(t) for t in word(paper[1]).tables]
    risks = next(t for t in tables if t and t[0] == ["Risk", "Score", "Owner", "Mitigations"])
    # Rescored on 1 May 2019: two risks at 16, the continuing health care one below 12.
    assert [row[1].split(" (")[0] for row in risks[1:]] == ["16 – Extreme", "16 – Extreme"]
    assert "scored as last assessed by 31 May 2019" in words
