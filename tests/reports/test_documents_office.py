"""Every Word document and spreadsheet the product writes opens in a real office suite:
LibreOffice, without a display, converts each one, and what it reads back is what the product
wrote (the paper's headings, the sheets' column headings), not an empty or repaired file.

`make test` installs LibreOffice from Debian packages (scripts/install-system-deps.sh)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader

from joinedup.ranking.files import write_table
from joinedup.reports.word import render_docx
from tests.conftest import demo_email, missing_part, sign_in
from tests.reports.sample import sample_document

CONVERT_SECONDS = 240


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        missing_part("LibreOffice (soffice) is not installed: run `make system-deps`")
    assert found is not None
    return found


def convert(files: list[Path], to: str, out: Path) -> dict[str, Path]:
    """LibreOffice's conversion of each file, by the original's name; refuses a silent failure."""
    profile = out / "profile"  # its own profile, so parallel runs do not share a lock
    out.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=CONVERT_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    extension = to.split(":")[0]
    converted = {f.name: out / f"{f.stem}.{extension}" for f in files}
    missing = [name for name, path in converted.items() if not path.is_file()]
    assert not missing, f"LibreOffice could not read {missing}: {result.stdout}{result.stderr}"
    return converted


def download(client: TestClient, url: str, folder: Path, name: str) -> Path:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    path = folder / name
    path.write_bytes(response.content)
    return path


@pytest.fixture
def written(client: TestClient, tmp_path: Path) -> dict[str, Path]:
    """Every kind of DOCX and XLSX file, fetched from the demo as the people who use them."""
    folder = tmp_path / "written"
    folder.mkdir()
    files: dict[str, Path] = {}
    sign_in(client, demo_email("admin"))
    for report_id in (1, 2, 3):  # published highlight, draft highlight, draft review
        for fmt in ("docx", "xlsx"):
            url = f"/reports/{report_id}/download.{fmt}"
            files[url] = download(client, url, folder, f"report-{report_id}.{fmt}")
    files["plan"] = download(client, "/plans/1/export.xlsx", folder, "plan.xlsx")
    files["ranking"] = download(client, "/rankings/1/download.xlsx", folder, "ranking.xlsx")
    national = "/reviews/programmes/1/national.xlsx"
    files["national"] = download(client, national, folder, "national.xlsx")
    client.cookies.clear()
    published = "/published/oxfordshire-highlight-report-1.docx"
    files["published"] = download(client, published, folder, "published.docx")
    # The ranking command writes its own workbook (joinedup ranking ... --out file.xlsx).
    command = folder / "ranking-command.xlsx"
    write_table(command, ["area", "rank"], [{"area": "Oxfordshire", "rank": 3}])
    files["command"] = command
    return files


def pdf_words(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())


def test_every_word_document_opens_and_prints_in_libreoffice(
    written: dict[str, Path], tmp_path: Path
) -> None:
    documents = [p for p in written.values() if p.suffix == ".docx"]
    assert len(documents) == 4
    printed = convert(documents, "pdf", tmp_path / "pdf")
    for document in documents:
        pdf = printed[document.name]
        assert len(PdfReader(pdf).pages) >= 2, document.name  # the cover, then the paper
        words = pdf_words(pdf)
        # Every heading python-docx wrote is on LibreOffice's pages (wrapped lines joined).
        for paragraph in docx.Document(str(document)).paragraphs:
            if paragraph.style is not None and paragraph.style.name.startswith("Heading"):
                assert " ".join(paragraph.text.split()) in words, (document.name, paragraph.text)


def test_every_spreadsheet_opens_in_libreoffice_with_its_cells(
    written: dict[str, Path], tmp_path: Path
) -> None:
    books = [p for p in written.values() if p.suffix == ".xlsx"]
    assert len(books) == 7
    # LibreOffice saves each workbook again as its own XLSX: only a workbook it read can be
    # written back, and the first sheet's column headings must survive the trip.
    again = convert(books, "xlsx:Calc MS Excel 2007 XML", tmp_path / "again")
    for book in books:
        original = load_workbook(book, read_only=True)
        copy = load_workbook(io.BytesIO(again[book.name].read_bytes()), read_only=True)
        assert copy.sheetnames == original.sheetnames, book.name
        for name in original.sheetnames:
            first = next(original[name].iter_rows(max_row=1, values_only=True), ())
            after = next(copy[name].iter_rows(max_row=1, values_only=True), ())
            wanted = [v for v in first if v not in (None, "")]
            assert [v for v in after if v not in (None, "")] == wanted, (book.name, name)


def test_libreoffice_keeps_the_papers_column_widths_captions_and_language(tmp_path: Path) -> None:
    """Read back from LibreOffice's own save: the columns keep the widths their words need (the
    indicator's name widest, the whole text width used) rather than equal shares that break
    words, a caption stays with its table, and the language is British English."""
    written = tmp_path / "paper.docx"
    written.write_bytes(render_docx(sample_document()))
    saved = convert([written], "docx:MS Word 2007 XML", tmp_path / "saved")["paper.docx"]
    paper = docx.Document(str(saved))
    framework = next(t for t in paper.tables if t.rows[0].cells[0].text == "Code")
    widths = [column.width for column in framework.columns]
    header = [cell.text for cell in framework.rows[0].cells]
    assert max(widths) == widths[header.index("Indicator")]
    assert min(widths) > 0
    assert abs(sum(widths) / 36000 - 170) < 2  # millimetres: the page's text width
    captions = [p for p in paper.paragraphs if p.style is not None and p.style.name == "Caption"]
    assert captions
    assert all(p.paragraph_format.keep_with_next for p in captions)
    assert paper.core_properties.language == "en-GB"
