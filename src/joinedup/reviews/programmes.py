"""Review frameworks as stored, and the programmes that run reviews under them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Permission, Principal
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.reviews import frameworks
from joinedup.reviews.frameworks import Framework as FrameworkDefinition
from joinedup.reviews.lookup import STALE, changed_since, framework, get_programme, require_manager
from joinedup.reviews.models import Framework, Programme
from joinedup.reviews.schemas import ProgrammeChange, ProgrammeIn
from joinedup.store.versioning import expect_version, flush_versioned


def ensure_frameworks(session: Session) -> int:
    """Store the shipped frameworks that are not stored yet; returns how many were added."""
    known = {row.key: row for row in session.scalars(select(Framework))}
    added = 0
    for definition, raw in frameworks.shipped():
        stored = known.get(definition.key)
        if stored is None:
            session.add(Framework(key=definition.key, name=definition.name, definition=raw))
            added += 1
        elif "national_themes" in raw and "national_themes" not in stored.definition:
            # a copy stored before the file declared its national themes gains them
            stored.definition = {**stored.definition, "national_themes": raw["national_themes"]}
    session.flush()
    return added


def add_framework(session: Session, *, actor: Principal, text: str, source: str) -> Framework:
    """Add a framework from a YAML or JSON file's text (format: docs/reviews.md)."""
    if not actor.can(Permission.MANAGE_REVIEWS):
        raise PermissionDenied("only reviewers and admins add review frameworks")
    definition, raw = frameworks.load_text(text, source=source)
    if session.scalar(select(Framework).where(Framework.key == definition.key)) is not None:
        raise InvalidInput.of(
            "file", f"In {source}, key: a framework {definition.key!r} already exists"
        )
    row = Framework(key=definition.key, name=definition.name, definition=raw)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="review_framework.add",
        entity_type="review_framework",
        entity_id=definition.key,
        after={"name": definition.name, "source": source},
    )
    return row


def list_frameworks(session: Session) -> list[FrameworkDefinition]:
    rows = session.scalars(select(Framework).order_by(Framework.name))
    return [frameworks.parse_framework(r.definition, source=r.key) for r in rows]


def create_programme(session: Session, *, actor: Principal, data: ProgrammeIn) -> Programme:
    require_manager(actor)
    try:
        framework(session, data.framework_key)
    except NotFound:
        raise InvalidInput.of(
            "framework_key", f"{data.framework_key!r} is not a known framework"
        ) from None
    if session.scalar(select(Programme).where(Programme.name == data.name)) is not None:
        raise _name_taken(data.name)
    programme = Programme(
        name=data.name,
        framework_key=data.framework_key,
        description=data.description.strip(),
        version=1,
    )
    session.add(programme)
    try:
        session.flush()
    except IntegrityError:  # the same name, saved a moment earlier by somebody else
        session.rollback()
        raise _name_taken(data.name) from None
    audit.record(
        session,
        actor=actor,
        action="review_programme.create",
        entity_type="review_programme",
        entity_id=programme.id,
        after={"name": data.name, "framework": data.framework_key},
    )
    return programme


def list_programmes(session: Session) -> list[Programme]:
    """Programmes are not secret: their names and frameworks; their reviews are filtered."""
    return list(session.scalars(select(Programme).order_by(Programme.id)))


def programme_fields(programme: Programme) -> dict[str, object]:
    return {
        "name": programme.name,
        "description": programme.description,
        "version": programme.version,
    }


def update_programme(
    session: Session, *, actor: Principal, programme_id: int, data: ProgrammeChange
) -> Programme:
    """Rename a programme or change its description; its framework stays."""
    require_manager(actor)
    programme = get_programme(session, programme_id)

    def stale() -> StaleEdit:
        changed = changed_since(
            session,
            entity=("review_programme", programme.id),
            actions=("review_programme.update",),
            loaded=data.version,
        )
        current = {**programme_fields(programme), "changed": changed}
        return StaleEdit(STALE.format(what="programme"), current=current)

    if data.name is not None:
        clash = session.scalar(
            select(Programme.id).where(Programme.name == data.name, Programme.id != programme_id)
        )
        if clash is not None:
            raise _name_taken(data.name)
    expect_version(programme, data.version, stale=stale)
    before = programme_fields(programme)
    if data.name is not None:
        programme.name = data.name
    if data.description is not None:
        programme.description = data.description.strip()
    audit.record(
        session,
        actor=actor,
        action="review_programme.update",
        entity_type="review_programme",
        entity_id=programme.id,
        before=before,
        after=programme_fields(programme),
    )
    try:
        flush_versioned(session, stale=stale)
    except IntegrityError:  # renamed to a name somebody else took a moment earlier
        session.rollback()
        raise _name_taken(data.name or "") from None
    return programme


def _name_taken(name: str) -> InvalidInput:
    return InvalidInput.of("name", f"A programme called {name!r} already exists")
