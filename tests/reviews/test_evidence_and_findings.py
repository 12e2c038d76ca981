"""The evidence log, attached files, findings linked to evidence, and statement scores."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from joinedup.errors import InvalidInput, NotFound, StaleEdit
from joinedup.reviews import service
from joinedup.reviews.models import Attachment, EvidenceItem, Review
from joinedup.reviews.schemas import EvidenceIn, FindingIn, FindingUpdate, ScoreIn
from tests.reviews.conftest import COVENTRY_LEAD, CQC, OXFORD_LEAD, REVIEWER, make_review

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _interview(session: Session, review: Review) -> EvidenceItem:
    return service.add_evidence(
        session,
        actor=REVIEWER,
        review_id=review.id,
        data=EvidenceIn(
            kind="interview",
            gathered_on=date(2018, 1, 23),
            source="Discharge team, acute trust",
            questions=["responsive", "well_led"],
            summary="Staff describe waits for packages of care after people are medically fit.",
        ),
    )


def _attach(session: Session, review: Review, name: str, content: bytes, tmp: Path) -> Attachment:
    item = _interview(session, review)
    return service.attach_file(
        session,
        actor=REVIEWER,
        evidence_id=item.id,
        filename=name,
        content=content,
        data_dir=tmp,
        max_bytes=1024,
    )


def test_evidence_is_logged_against_key_questions(session: Session, review: Review) -> None:
    item = _interview(session, review)
    listed = service.list_evidence(session, actor=OXFORD_LEAD, review_id=review.id)
    assert [(e.kind, e.questions) for e in listed] == [("interview", ["responsive", "well_led"])]
    assert item.version == 1
    with pytest.raises(NotFound):
        service.list_evidence(session, actor=COVENTRY_LEAD, review_id=review.id)
    with pytest.raises(InvalidInput) as refused:
        service.add_evidence(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=EvidenceIn(
                kind="survey",
                gathered_on=date(2018, 1, 1),
                source="Carers",
                questions=["safeguarding"],
                summary="x",
            ),
        )
    assert refused.value.problems == {"questions": "Safeguarding not in this review's framework"}


def test_a_pdf_is_stored_under_a_random_name(
    session: Session, review: Review, tmp_path: Path
) -> None:
    attachment = _attach(session, review, "../../etc/notes.pdf", PDF_BYTES, tmp_path)
    stored = list((tmp_path / "evidence").iterdir())
    assert len(stored) == 1
    assert stored[0].read_bytes() == PDF_BYTES
    assert stored[0].name != "notes.pdf"
    assert stored[0].suffix == ".pdf"
    assert attachment.original_name == "notes.pdf"
    assert attachment.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"MZ\x90\x00 an executable", "not one of the accepted types"),
        ("report.exe", b"MZ\x90\x00 an executable", "not one of the accepted types"),
        ("photo.png", PDF_BYTES, "content does not match its name"),
        ("big.pdf", b"%PDF-" + b"x" * 2000, "the largest accepted is 1,024"),
        ("empty.txt", b"", "is empty"),
        ("binary.csv", b"a,b\n\x00\x01", "not one of the accepted types"),
    ],
)
def test_files_are_checked_by_size_and_content(
    session: Session, review: Review, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message) as refused:
        _attach(session, review, name, content, tmp_path)
    assert list(refused.value.problems) == ["file"]
    assert not (tmp_path / "evidence").exists() or not any((tmp_path / "evidence").iterdir())


def test_a_word_document_is_recognised_inside_its_zip(
    session: Session, review: Review, tmp_path: Path
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    attachment = _attach(session, review, "notes.docx", buffer.getvalue(), tmp_path)
    assert attachment.content_type.endswith("wordprocessingml.document")
    with pytest.raises(InvalidInput):
        _attach(session, review, "notes.xlsx", buffer.getvalue(), tmp_path)


def test_a_finding_links_the_evidence_behind_it(session: Session, review: Review) -> None:
    item = _interview(session, review)
    finding = service.add_finding(
        session,
        actor=REVIEWER,
        review_id=review.id,
        data=FindingIn(
            kind="area_for_improvement",
            key_question="responsive",
            theme="Flow and use of capacity",
            national_theme="flow",
            text="People wait in hospital for home care once they are ready to leave.",
            evidence_ids=[item.id],
        ),
    )
    assert [e.id for e in finding.evidence] == [item.id]
    other = make_review(session, name="Other")
    with pytest.raises(InvalidInput) as refused:
        service.add_finding(
            session,
            actor=REVIEWER,
            review_id=other.id,
            data=FindingIn(
                kind="working_well",
                key_question="caring",
                national_theme="care_at_home",
                text="x",
                evidence_ids=[item.id],
            ),
        )
    assert refused.value.problems == {
        "evidence_ids": f"Evidence {item.id} is not in this review's evidence log"
    }
    updated = service.update_finding(
        session,
        actor=REVIEWER,
        finding_id=finding.id,
        data=FindingUpdate(
            version=1,
            kind="area_of_future_focus",
            key_question="responsive",
            theme="Flow and use of capacity",
            national_theme="flow",
            text=finding.text,
        ),
    )
    assert (updated.kind, updated.evidence, updated.version) == ("area_of_future_focus", [], 2)
    with pytest.raises(StaleEdit) as stale:
        service.update_finding(
            session,
            actor=REVIEWER,
            finding_id=finding.id,
            data=FindingUpdate(
                version=1,
                kind="working_well",
                key_question="caring",
                national_theme="care_at_home",
                text="x",
            ),
        )
    assert stale.value.current["kind"] == "area_of_future_focus"


def test_scores_give_an_overall_rating_once_every_statement_is_scored(session: Session) -> None:
    review = make_review(session, framework_key=CQC, name="Assessments")
    statements = [
        "assessing_needs",
        "healthier_lives",
        "equity",
        "care_provision",
        "partnerships",
        "safe_pathways",
        "safeguarding",
        "governance",
        "learning",
    ]
    for statement, score in zip(statements, [3, 2, 2, 3, 3, 2, 3, 2, 3], strict=True):
        assert service.overall_score(session, review) is None
        service.set_score(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=ScoreIn(statement_id=statement, score=score),
        )
    overall = service.overall_score(session, review)
    assert overall is not None
    # 23 of 36 = 63.9%, rounded 64%: good (63 to 87%)
    assert (overall.total, overall.maximum, overall.percent, overall.rating) == (
        23,
        36,
        64,
        "Good",
    )
    with pytest.raises(InvalidInput) as refused:
        service.set_score(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=ScoreIn(statement_id="equity", score=5, version=1),
        )
    assert refused.value.problems == {"score": "5 is not between 1 and 4"}
    with pytest.raises(StaleEdit):
        service.set_score(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=ScoreIn(statement_id="equity", score=3),
        )


def test_the_local_system_review_does_not_score(session: Session, review: Review) -> None:
    with pytest.raises(InvalidInput, match="does not score") as refused:
        service.set_score(
            session, actor=REVIEWER, review_id=review.id, data=ScoreIn(statement_id="safe", score=3)
        )
    assert list(refused.value.problems) == ["score"]
