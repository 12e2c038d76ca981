"""plans: an action's number is unique within its workstream (references like C.4 name one action)

Revision ID: plans_0002
Revises: plans_0001

A unique index rather than a table constraint: it guards the same way on both databases, and
SQLite can add it without rebuilding the table (a rebuild would trip the foreign keys of the
journal). Numbers already taken twice (two people adding actions at the same moment) are
renumbered first, after the workstream's highest, oldest action keeping its number.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "plans_0002"
down_revision = "plans_0001"
branch_labels = None
depends_on = None

INDEX = "uq_plan_actions_workstream_number"


def _renumber_duplicates() -> None:
    connection = op.get_bind()
    actions = sa.table(
        "plan_actions", sa.column("id"), sa.column("workstream_id"), sa.column("number")
    )
    rows = connection.execute(
        sa.select(actions.c.id, actions.c.workstream_id, actions.c.number).order_by(
            actions.c.workstream_id, actions.c.number, actions.c.id
        )
    ).all()
    highest: dict[int, int] = {}
    for row in rows:
        highest[row.workstream_id] = max(highest.get(row.workstream_id, 0), row.number)
    seen: set[tuple[int, int]] = set()
    for row in rows:
        key = (row.workstream_id, row.number)
        if key not in seen:
            seen.add(key)
            continue
        highest[row.workstream_id] += 1
        connection.execute(
            sa.update(actions)
            .where(actions.c.id == row.id)
            .values(number=highest[row.workstream_id])
        )


def upgrade() -> None:
    _renumber_duplicates()
    op.create_index(INDEX, "plan_actions", ["workstream_id", "number"], unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="plan_actions")
