"""Spreadsheets, safely: text written to a cell, and an uploaded XLSX opened.

Written text never runs as a formula (a cell starting ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading apostrophe: CSV and XLSX injection) and never holds a control
character that XLSX cannot store (text stored before input was checked would otherwise make the
whole download fail for every reader).

A workbook is a zip archive, and a zip of a few hundred kilobytes can expand to gigabytes (a "zip
bomb"). openpyxl would expand it while reading, so every reader of uploaded workbooks asks this
module first: the sizes the archive declares are checked before anything is decompressed. Python's
zip reader never returns more than an entry declares, so a lying header cannot get past it.
"""

from __future__ import annotations

import io
import zipfile
from typing import TypeVar

from joinedup.errors import InvalidInput
from joinedup.inputs import strip_control

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
T = TypeVar("T")


def safe_text(text: str) -> str:
    """Text a spreadsheet shows as written: never a formula, never a control character."""
    text = strip_control(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_cell(value: T) -> T | str:
    """A cell's value: text made safe as above, anything else as it is."""
    return safe_text(value) if isinstance(value, str) else value


def unsafe_text(text: str) -> str:
    """Text read back from a cell :func:`safe_text` wrote (the apostrophe taken off)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


#: A plan or a year of KPI values is well under a megabyte of XML; this leaves ample room.
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 500


def check_xlsx(data: bytes, *, source: str) -> None:
    """Refuse a workbook that would expand too far; a file that is not a zip is left to the
    reader, which reports it in its own words."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception:  # not a zip at all: the caller's reader says so
        return
    if len(entries) > MAX_ENTRIES:
        raise InvalidInput(
            f"{source}: the workbook holds {len(entries):,} parts; the most accepted is "
            f"{MAX_ENTRIES:,}"
        )
    expanded = sum(entry.file_size for entry in entries)
    if expanded > MAX_UNCOMPRESSED_BYTES:
        raise InvalidInput(
            f"{source}: the workbook expands to {expanded:,} bytes; the largest accepted is "
            f"{MAX_UNCOMPRESSED_BYTES:,}. Save only the sheet needed and try again."
        )
