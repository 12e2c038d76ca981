"""Hostile files: uploads over the size limit and zip bombs are refused and store nothing."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from joinedup.errors import InvalidInput
from joinedup.monitoring.values_file import read_values
from joinedup.plans.excel import read_plan
from joinedup.ranking.files import read_values_file
from joinedup.spreadsheets import MAX_UNCOMPRESSED_BYTES, check_xlsx
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, demo_email
from tests.hardening.hostile import count, files_under, post_file, signed_in, workbook, zip_bomb

LIMIT = 2048
TOO_BIG = b"date,value\n" + b"2019-04,1\n" * 600  # 6,011 bytes: over the limit
SYSTEM = f"/systems/{OXFORDSHIRE}"


def test_an_oversized_evidence_file_is_refused_and_nothing_is_stored(
    database: Database, tmp_path: Path
) -> None:
    before = count(database, "evidence_attachments"), count(database, "evidence_items")
    with signed_in(
        database, demo_email("admin"), data_dir=tmp_path, upload_max_bytes=LIMIT
    ) as client:
        attached = post_file(client, "/reviews/1", "/reviews/evidence/1/files", "big.pdf", TOO_BIG)
        added = post_file(
            client,
            "/reviews/1",
            "/reviews/1/evidence",
            "big.pdf",
            TOO_BIG,
            kind="document",
            gathered_on="2017-10-16",
            source="Board papers",
            summary="Too big to keep",
        )
    for response in (attached, added):
        assert response.status_code in (400, 413), response.status_code  # type: ignore[attr-defined]
        assert "2,048" in response.text  # type: ignore[attr-defined]
    assert (count(database, "evidence_attachments"), count(database, "evidence_items")) == before
    assert files_under(tmp_path) == []


def test_an_oversized_kpi_values_file_is_refused_and_nothing_is_stored(
    database: Database, tmp_path: Path
) -> None:
    before = count(database, "monitoring_kpi_values")
    page = f"{SYSTEM}/framework/kpis/1"
    with signed_in(
        database, demo_email("system_lead", OXFORDSHIRE), data_dir=tmp_path, upload_max_bytes=LIMIT
    ) as client:
        response = post_file(client, page, f"{page}/import", "values.csv", TOO_BIG)
    assert response.status_code in (400, 413)  # type: ignore[attr-defined]
    assert count(database, "monitoring_kpi_values") == before
    assert files_under(tmp_path) == []


def test_an_oversized_plan_spreadsheet_is_refused_and_nothing_is_stored(
    database: Database, tmp_path: Path
) -> None:
    before = count(database, "plans"), count(database, "plan_actions")
    page = f"{SYSTEM}/plans/import"
    big = workbook([["x" * 100] * 10] * 40)
    assert len(big) > LIMIT
    with signed_in(
        database, demo_email("system_lead", OXFORDSHIRE), data_dir=tmp_path, upload_max_bytes=LIMIT
    ) as client:
        response = post_file(client, page, page, "plan.xlsx", big, title="Too big")
    assert response.status_code in (400, 413)  # type: ignore[attr-defined]
    assert (count(database, "plans"), count(database, "plan_actions")) == before
    assert files_under(tmp_path) == []


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb(256)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_the_bomb_is_tiny_but_declares_hundreds_of_megabytes(bomb: bytes) -> None:
    assert len(bomb) < 1024 * 1024
    with pytest.raises(InvalidInput, match="expands to 268,"):
        check_xlsx(bomb, source="bomb.xlsx")
    assert MAX_UNCOMPRESSED_BYTES < 256 * 1024 * 1024


def test_xlsx_readers_refuse_a_zip_bomb_before_expanding_it(bomb: bytes, tmp_path: Path) -> None:
    before = _peak_rss_mb()
    with pytest.raises(InvalidInput, match=r"values\.xlsx: the workbook expands to"):
        read_values("values.xlsx", bomb, max_bytes=20 * 1024 * 1024)
    with pytest.raises(InvalidInput, match=r"plan\.xlsx: the workbook expands to"):
        read_plan(bomb, source="plan.xlsx")
    bomb_file = tmp_path / "values.xlsx"
    bomb_file.write_bytes(bomb)
    with pytest.raises(InvalidInput, match="the workbook expands to"):
        read_values_file(bomb_file)  # the ranking command's values file
    # Expanding it would have taken at least its 256 MB of text.
    assert _peak_rss_mb() - before < 100


def test_a_zip_bomb_uploaded_as_a_plan_or_values_is_refused(
    bomb: bytes, database: Database, tmp_path: Path
) -> None:
    before = count(database, "plans"), count(database, "monitoring_kpi_values")
    kpi = f"{SYSTEM}/framework/kpis/1"
    with signed_in(database, demo_email("system_lead", OXFORDSHIRE), data_dir=tmp_path) as client:
        plan = post_file(
            client, f"{SYSTEM}/plans/import", f"{SYSTEM}/plans/import", "plan.xlsx", bomb
        )
        values = post_file(client, kpi, f"{kpi}/import", "values.xlsx", bomb)
    for response in (plan, values):
        assert response.status_code == 400  # type: ignore[attr-defined]
        assert "the workbook expands to" in response.text  # type: ignore[attr-defined]
    assert (count(database, "plans"), count(database, "monitoring_kpi_values")) == before


def test_a_huge_upload_is_refused_before_it_is_read(database: Database, tmp_path: Path) -> None:
    # 3 MB against a 2 KB limit: answered 413 from the declared length, nothing spooled or kept.
    page = f"{SYSTEM}/plans/import"
    before = count(database, "plans")
    with signed_in(
        database, demo_email("system_lead", OXFORDSHIRE), data_dir=tmp_path, upload_max_bytes=LIMIT
    ) as client:
        huge = post_file(client, page, page, "plan.xlsx", b"PK" + b"\0" * (3 * 1024 * 1024))
        assert huge.status_code == 413  # type: ignore[attr-defined]
        assert "the largest accepted is 2,048 bytes" in huge.text  # type: ignore[attr-defined]

        def chunks():  # type: ignore[no-untyped-def]
            # Sent without a Content-Length: counted as it arrives.
            yield b'--x\r\nContent-Disposition: form-data; name="file"; filename="v.csv"\r\n\r\n'
            for _ in range(3 * 1024):
                yield b"\0" * 1024

        streamed = client.post(
            f"/api/v1/systems/{OXFORDSHIRE}/plans",
            content=chunks(),
            headers={"content-type": "multipart/form-data; boundary=x"},
        )
        # Cut off at the limit; the framework reports the unfinished body as a bad request.
        assert streamed.status_code in (400, 413), streamed.status_code
    assert count(database, "plans") == before
    assert files_under(tmp_path) == []
