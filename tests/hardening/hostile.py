"""Helpers for the hostile-input tests: payloads, a zip bomb, counting rows, signed-in clients."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import text

from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import create_app
from tests.conftest import TEST_SECRET, csrf_from, sign_in

FORMULA = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def count(database: Database, table: str) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def execute(database: Database, sql: str, **params: object) -> None:
    with database.engine.begin() as connection:
        connection.execute(text(sql), params)


@contextmanager
def signed_in(
    database: Database, email: str, *, data_dir: Path, upload_max_bytes: int = 20 * 1024 * 1024
) -> Iterator[TestClient]:
    settings = Settings(
        database_url=database.url,
        secret_key=TEST_SECRET,
        upload_max_bytes=upload_max_bytes,
        data_dir=str(data_dir),
    )
    with TestClient(create_app(settings, database), base_url="http://127.0.0.1") as client:
        sign_in(client, email)
        yield client


def post_file(
    client: TestClient, page: str, url: str, name: str, data: bytes, **form: str
) -> object:
    return client.post(
        url,
        data={"csrf_token": csrf_from(client.get(page).text), **form},
        files={"file": (name, data, "application/octet-stream")},
        follow_redirects=False,
    )


def workbook(rows: list[list[object]], title: str = "Sheet") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb(expanded_mb: int = 256) -> bytes:
    """A real workbook whose first sheet expands to ``expanded_mb`` MB of XML from a few hundred
    kilobytes: one inline string cell of repeated letters."""
    source = zipfile.ZipFile(io.BytesIO(workbook([["date", "value"]])))
    out = io.BytesIO()
    chunk = b"A" * (1024 * 1024)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for entry in source.infolist():
            if entry.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(entry, source.read(entry))
                continue
            with bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
                    b'<c r="A1" t="inlineStr"><is><t>'
                )
                for _ in range(expanded_mb):
                    sheet.write(chunk)
                sheet.write(b"</t></is></c></row></sheetData></worksheet>")
    return out.getvalue()


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []
