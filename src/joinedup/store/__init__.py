"""Storage: the SQLAlchemy engine and sessions, Alembic migrations, backup and restore."""

from joinedup.store.db import Base, make_engine, make_session_factory, session_scope

__all__ = ["Base", "make_engine", "make_session_factory", "session_scope"]
