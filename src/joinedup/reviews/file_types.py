"""What an uploaded evidence file really is, judged by its content, not only its name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


PDF = FileType(".pdf", "application/pdf", "PDF")
PNG = FileType(".png", "image/png", "PNG image")
JPEG = FileType(".jpg", "image/jpeg", "JPEG image")
DOCX = FileType(
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word document",
)
XLSX = FileType(
    ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook"
)
PPTX = FileType(
    ".pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint presentation",
)
CSV = FileType(".csv", "text/csv", "CSV file")
TXT = FileType(".txt", "text/plain", "text file")
ACCEPTED = (PDF, PNG, JPEG, DOCX, XLSX, PPTX, CSV, TXT)
# Names people give the same type.
_ALIASES = {".jpeg": ".jpg"}
_OFFICE = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}


def accepted_extensions() -> str:
    return ", ".join(t.extension for t in ACCEPTED)


def _office_type(content: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, file_type in _OFFICE.items():
        if any(name.startswith(prefix) for name in names):
            return file_type
    return None


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff(content: bytes, filename: str) -> FileType | None:
    """The accepted type that both the content and the file's extension agree on, or None."""
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    extension = _ALIASES.get(extension, extension)
    detected: FileType | None = None
    if content.startswith(b"%PDF-"):
        detected = PDF
    elif content.startswith(b"\x89PNG\r\n\x1a\n"):
        detected = PNG
    elif content.startswith(b"\xff\xd8\xff"):
        detected = JPEG
    elif content.startswith(b"PK\x03\x04"):
        detected = _office_type(content)
    elif extension in (CSV.extension, TXT.extension) and _is_text(content):
        detected = CSV if extension == CSV.extension else TXT
    if detected is None or detected.extension != extension:
        return None
    return detected
