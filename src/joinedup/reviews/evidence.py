"""The evidence log of a review and the files attached to its items."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, NotFound, StaleEdit
from joinedup.files import write_atomically
from joinedup.reviews import file_types
from joinedup.reviews.lookup import (
    STALE,
    changed_since,
    framework_of,
    get_review,
    review_for_change,
)
from joinedup.reviews.models import Attachment, EvidenceItem, Review
from joinedup.reviews.schemas import EvidenceIn, EvidenceUpdate
from joinedup.store.versioning import expect_version, flush_versioned

ATTACHMENT_FOLDER = "evidence"


def can_read_evidence(actor: Principal | None, review: Review) -> bool:
    """Evidence (interview notes, case tracking) stays with the review team and the system,
    even after the report is published."""
    return actor is not None and actor.can_read_system(review.area_code)


def evidence_fields(item: EvidenceItem) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "gathered_on": item.gathered_on.isoformat(),
        "source": item.source,
        "questions": list(item.questions),
        "summary": item.summary,
        "version": item.version,
    }


def list_evidence(
    session: Session, *, actor: Principal | None, review_id: int
) -> list[EvidenceItem]:
    review = get_review(session, actor=actor, review_id=review_id)
    if not can_read_evidence(actor, review):
        raise NotFound(f"no evidence for review {review_id}")
    query = (
        select(EvidenceItem)
        .where(EvidenceItem.review_id == review.id)
        .options(selectinload(EvidenceItem.attachments))
        .order_by(EvidenceItem.id)
    )
    return list(session.scalars(query))


def get_evidence(session: Session, *, actor: Principal | None, evidence_id: int) -> EvidenceItem:
    item = session.get(EvidenceItem, evidence_id)
    if item is None:
        raise NotFound(f"no evidence {evidence_id}")
    review = get_review(session, actor=actor, review_id=item.review_id)
    if not can_read_evidence(actor, review):
        raise NotFound(f"no evidence {evidence_id}")
    return item


def _checked(session: Session, review: Review, data: EvidenceIn) -> None:
    known = framework_of(session, review).question_ids
    unknown = [q for q in data.questions if q not in known]
    if unknown:
        raise InvalidInput.of("questions", f"{', '.join(unknown)} not in this review's framework")


def add_evidence(
    session: Session, *, actor: Principal, review_id: int, data: EvidenceIn
) -> EvidenceItem:
    review = review_for_change(session, actor=actor, review_id=review_id)
    _checked(session, review, data)
    item = EvidenceItem(
        kind=data.kind,
        gathered_on=data.gathered_on,
        source=data.source,
        questions=data.questions,
        summary=data.summary,
        version=1,
    )
    review.evidence.append(item)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="review.evidence.add",
        entity_type="evidence",
        entity_id=item.id,
        area_code=review.area_code,
        after=evidence_fields(item),
    )
    return item


def update_evidence(
    session: Session, *, actor: Principal, evidence_id: int, data: EvidenceUpdate
) -> EvidenceItem:
    item = get_evidence(session, actor=actor, evidence_id=evidence_id)
    review = review_for_change(session, actor=actor, review_id=item.review_id)

    def stale() -> StaleEdit:
        changed = changed_since(
            session,
            entity=("evidence", item.id),
            actions=("review.evidence.update",),
            loaded=data.version,
        )
        return StaleEdit(
            STALE.format(what="evidence"), current={**evidence_fields(item), "changed": changed}
        )

    _checked(session, review, data)
    before = evidence_fields(item)
    expect_version(item, data.version, stale=stale)
    item.kind, item.gathered_on, item.source = data.kind, data.gathered_on, data.source
    item.questions, item.summary = data.questions, data.summary
    audit.record(
        session,
        actor=actor,
        action="review.evidence.update",
        entity_type="evidence",
        entity_id=item.id,
        area_code=review.area_code,
        before=before,
        after=evidence_fields(item),
    )
    flush_versioned(session, stale=stale)
    return item


def attach_file(
    session: Session,
    *,
    actor: Principal,
    evidence_id: int,
    filename: str,
    content: bytes,
    data_dir: Path,
    max_bytes: int,
) -> Attachment:
    """Keep a file with an evidence item: size-limited, its type judged from its content, stored
    under a random name (the name it came with is only shown, never used as a path)."""
    item = get_evidence(session, actor=actor, evidence_id=evidence_id)
    review = review_for_change(session, actor=actor, review_id=item.review_id)
    shown_name = Path(filename.replace("\\", "/")).name.strip()[:255] or "file"
    if not content:
        raise InvalidInput.of("file", f"{shown_name} is empty")
    if len(content) > max_bytes:
        raise InvalidInput.of(
            "file", f"{shown_name} is {len(content):,} bytes; the largest accepted is {max_bytes:,}"
        )
    file_type = file_types.sniff(content, shown_name)
    if file_type is None:
        raise InvalidInput.of(
            "file",
            f"{shown_name} is not one of the accepted types "
            f"({file_types.accepted_extensions()}), or its content does not match its name",
        )
    stored_name = secrets.token_hex(16) + file_type.extension
    folder = data_dir / ATTACHMENT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / stored_name, content)
    attachment = Attachment(
        original_name=shown_name,
        stored_name=stored_name,
        content_type=file_type.content_type,
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    item.attachments.append(attachment)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="review.evidence.attach",
        entity_type="evidence",
        entity_id=item.id,
        area_code=review.area_code,
        after={"file": shown_name, "bytes": len(content), "sha256": attachment.sha256},
    )
    return attachment


def attachment_path(
    session: Session, *, actor: Principal | None, attachment_id: int, data_dir: Path
) -> tuple[Attachment, Path]:
    """An attachment the actor may read, and where its bytes are."""
    attachment = session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotFound(f"no attachment {attachment_id}")
    get_evidence(session, actor=actor, evidence_id=attachment.evidence_id)
    path = data_dir / ATTACHMENT_FOLDER / attachment.stored_name
    if not path.is_file():
        raise NotFound(f"the file of attachment {attachment_id} is missing")
    return attachment, path
