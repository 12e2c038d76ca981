"""An approved report's files, rendered once: PDF (seconds of layout) and DOCX (charts rasterised)
are made at approval from the snapshot and kept, append-only, so every later download is the
same bytes, served without rendering again."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.reports.document import Document
from joinedup.reports.models import RenderedFile
from joinedup.reports.render import render
from joinedup.reports.schemas import STORED_FORMATS, ReportFormat
from joinedup.store.db import utcnow


def render_stored(document: Document) -> dict[ReportFormat, bytes]:
    """The formats that are kept, rendered from ``document``."""
    return {fmt: render(document, fmt) for fmt in STORED_FORMATS}


def store_rendered(session: Session, report_id: int, files: dict[ReportFormat, bytes]) -> None:
    now = utcnow()
    for fmt, content in files.items():
        session.add(
            RenderedFile(report_id=report_id, format=fmt.value, content=content, created_at=now)
        )


def stored_file(session: Session, report_id: int, report_format: ReportFormat) -> bytes | None:
    """The kept bytes, or None (a draft, a format not kept, or approved before files were)."""
    query = select(RenderedFile.content).where(
        RenderedFile.report_id == report_id, RenderedFile.format == report_format.value
    )
    content: bytes | None = session.scalar(query)
    return content
