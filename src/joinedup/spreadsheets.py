"""Opening an uploaded XLSX safely.

A workbook is a zip archive, and a zip of a few hundred kilobytes can expand to gigabytes (a "zip
bomb"). openpyxl would expand it while reading, so every reader of uploaded workbooks asks this
module first: the sizes the archive declares are checked before anything is decompressed. Python's
zip reader never returns more than an entry declares, so a lying header cannot get past it.
"""

from __future__ import annotations

import io
import zipfile

from joinedup.errors import InvalidInput

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
