"""An approved report is rendered once: every download of its PDF or DOCX, signed in or from the
public address, is the same bytes, served without rendering again."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from joinedup.access.rules import OPERATOR
from joinedup.reports import pdf, service, word
from joinedup.reports.schemas import GenerateIn
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.reports.reading import word as read_word


def _refuse(*_: object) -> bytes:
    raise AssertionError("an approved report was rendered again")


def _drafts(database: Database, count: int) -> list[tuple[str, int]]:
    """New drafts of the next paper, as the lead would generate them: (page, version)."""
    with database.session() as session:
        made = [
            service.generate(session, actor=OPERATOR, data=GenerateIn(area_code=OXFORDSHIRE))
            for _ in range(count)
        ]
        session.commit()
        return [(f"/reports/{r.id}", r.version) for r in made]


def test_approval_renders_once_and_every_download_is_those_bytes(
    client: TestClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    (report, version), (other, _) = _drafts(database, 2)
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(report)
    token = csrf_from(page.text)
    draft_pdf = client.get(f"{report}/download.pdf")
    assert draft_pdf.status_code == 200  # a draft renders as it stands
    approved = client.post(
        f"{report}/approve",
        data={"csrf_token": token, "version": str(version)},
        follow_redirects=False,
    )
    assert approved.status_code == 303
    monkeypatch.setattr(pdf, "render_pdf", _refuse)
    monkeypatch.setattr(word, "render_docx", _refuse)
    with pytest.raises(AssertionError, match="rendered again"):
        client.get(f"{other}/download.pdf")  # a draft would be rendered: refused here
    first = client.get(f"{report}/download.pdf")
    second = client.get(f"{report}/download.pdf")
    assert first.status_code == 200
    assert first.headers["content-type"] == "application/pdf"
    assert first.content.startswith(b"%PDF")
    assert first.content == second.content
    docx = client.get(f"{report}/download.docx")
    assert docx.status_code == 200
    assert docx.content == client.get(f"{report}/download.docx").content
    assert len(read_word(docx.content).inline_shapes) >= 13  # the charts, rasterised at approval
    published = client.post(
        f"{report}/publish",
        data={"csrf_token": token, "version": str(version + 1)},
        follow_redirects=False,
    )
    assert published.status_code == 303
    client.cookies.clear()  # the public, signed out
    slug = f"oxfordshire-highlight-report-{report.rsplit('/', 1)[1]}"
    assert client.get(f"/published/{slug}.pdf").content == first.content
    assert client.get(f"/published/{slug}.docx").content == docx.content


def test_the_demo_published_report_is_served_as_stored(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "render_pdf", _refuse)
    monkeypatch.setattr(word, "render_docx", _refuse)
    one = client.get("/published/oxfordshire-highlight-report-1.pdf")
    two = client.get("/published/oxfordshire-highlight-report-1.pdf")
    assert one.status_code == 200
    assert one.content == two.content
