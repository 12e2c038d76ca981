"""Run Alembic migrations from Python (used by `joinedup db upgrade` and `serve`).

Each capability keeps its tables in its own branch of migrations, starting from the foundation
revision ``0001`` (``branch_labels`` = the capability's name; ``depends_on`` where it refers to
another capability's tables), so ``upgrade`` goes to every head.
"""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


def _config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("joinedup.store") / "migrations"))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    command.upgrade(_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    command.downgrade(_config(engine), revision)


def current_revision(engine: Engine) -> str:
    """The revisions the database is at, comma-separated ('' when empty)."""
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return ",".join(sorted(heads))


def head_revision(engine: Engine) -> str:
    """The newest revisions available, comma-separated."""
    return ",".join(sorted(ScriptDirectory.from_config(_config(engine)).get_heads()))
