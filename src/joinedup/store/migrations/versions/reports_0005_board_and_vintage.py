"""reports: the board a highlight report goes to, and the data vintage its figures came from

Revision ID: reports_0005
Revises: reports_0004

Plain columns rather than foreign keys: boards and vintages are other capabilities' tables.
Reports drafted before this revision have neither.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reports_0005"
down_revision = "reports_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("reports", sa.Column("board_id", sa.Integer(), nullable=True))
    op.add_column("reports", sa.Column("vintage_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+ too), as reports_0004 does.
    for column in ("vintage_id", "board_id"):
        op.execute(f"ALTER TABLE reports DROP COLUMN {column}")
