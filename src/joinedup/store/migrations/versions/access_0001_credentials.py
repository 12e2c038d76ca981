"""access: API tokens expire; failed sign-ins counted atomically per email

Revision ID: access_0001
Revises: 0001

Tokens issued before this revision expire 90 days after they were made (the default lifetime).
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

import joinedup.store.db

revision = "access_0001"
down_revision = "0001"
branch_labels = ("access",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(
            sa.Column("expires_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=True)
        )
    tokens = sa.table(
        "api_tokens",
        sa.column("id", sa.Integer),
        sa.column("created_at", joinedup.store.db.UtcDateTime(timezone=True)),
        sa.column("expires_at", joinedup.store.db.UtcDateTime(timezone=True)),
    )
    connection = op.get_bind()
    for row in connection.execute(sa.select(tokens.c.id, tokens.c.created_at)).all():
        connection.execute(
            tokens.update()
            .where(tokens.c.id == row.id)
            .values(expires_at=row.created_at + timedelta(days=90))
        )
    op.create_table(
        "sign_in_throttles",
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_started", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("email", name=op.f("pk_sign_in_throttles")),
    )


def downgrade() -> None:
    op.drop_table("sign_in_throttles")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
