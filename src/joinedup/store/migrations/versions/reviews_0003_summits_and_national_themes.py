"""reviews: the summit that closes a review, a national theme on every finding, and the reason a
review started in error was withdrawn

Revision ID: reviews_0003
Revises: reviews_0002

Findings stored before this revision carry only their system's own word for a theme ("Vision,
Governance & Strategy", "Workforce Strategy"); each is given the national theme that word means,
by the table below, and keeps its own word. The stored 2017-18 framework gains its national
themes, as the shipped file now declares them.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

import joinedup.store.db

revision = "reviews_0003"
down_revision = "reviews_0002"
branch_labels = None
depends_on = None

LSR = "local-system-review-2017"
# A copy of the shipped file's list as it was when this revision was written: a migration must
# not change with the code.
NATIONAL_THEMES = [
    {"id": "vision_strategy", "title": "Shared vision, strategy and governance"},
    {"id": "engagement", "title": "Engagement, co-production and carers"},
    {"id": "performance", "title": "Performance, pace and use of data"},
    {"id": "flow", "title": "Flow, pathways and use of capacity"},
    {"id": "market", "title": "Commissioning and the care market"},
    {"id": "workforce", "title": "Workforce and organisational development"},
    {"id": "information", "title": "Information sharing and navigation"},
    {"id": "care_at_home", "title": "Person-centred care at home and in the community"},
]
# Words in a system's own theme, in the order they are tried, and the national theme they mean.
WORDS = [
    (("workforce", "organisational development"), "workforce"),
    (("information", "navigation", "digital"), "information"),
    (("flow", "capacity", "pathway", "trusted assessor", "demand", "discharge"), "flow"),
    (("market", "commission", "self-fund"), "market"),
    (("performance", "pace", "data"), "performance"),
    (("engagement", "involvement", "co-production", "carer", "voluntary"), "engagement"),
    (("vision", "strategy", "governance", "leadership"), "vision_strategy"),
    (("frontline", "housing", "escalation", "care"), "care_at_home"),
]


def national_theme(local: str) -> str:
    words = local.lower()
    for keys, theme in WORDS:
        if any(k in words for k in keys):
            return theme
    return ""


def upgrade() -> None:
    op.create_table(
        "review_summits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("chair_name", sa.String(length=200), nullable=False),
        sa.Column("chair_role", sa.String(length=200), nullable=False),
        sa.Column("attendees", sa.JSON(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("created_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_review_summits_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_summits")),
        sa.UniqueConstraint("review_id", name=op.f("uq_review_summits_review_id")),
    )
    with op.batch_alter_table("findings") as batch:
        batch.add_column(
            sa.Column("national_theme", sa.String(length=60), nullable=False, server_default="")
        )
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(
            sa.Column("withdrawn_reason", sa.Text(), nullable=False, server_default="")
        )
    bind = op.get_bind()
    findings = sa.table(
        "findings",
        sa.column("id", sa.Integer),
        sa.column("theme", sa.String),
        sa.column("national_theme", sa.String),
    )
    for row in bind.execute(sa.select(findings.c.id, findings.c.theme)).all():
        mapped = national_theme(row.theme or "")
        if mapped:
            bind.execute(
                findings.update().where(findings.c.id == row.id).values(national_theme=mapped)
            )
    frameworks = sa.table(
        "review_frameworks",
        sa.column("key", sa.String),
        sa.column("definition", sa.JSON),
    )
    stored = bind.execute(
        sa.select(frameworks.c.definition).where(frameworks.c.key == LSR)
    ).scalar()
    if isinstance(stored, dict) and "national_themes" not in stored:
        definition: dict[str, Any] = {**stored, "national_themes": NATIONAL_THEMES}
        bind.execute(
            frameworks.update().where(frameworks.c.key == LSR).values(definition=definition)
        )


def downgrade() -> None:
    bind = op.get_bind()
    frameworks = sa.table(
        "review_frameworks",
        sa.column("key", sa.String),
        sa.column("definition", sa.JSON),
    )
    stored = bind.execute(
        sa.select(frameworks.c.definition).where(frameworks.c.key == LSR)
    ).scalar()
    if isinstance(stored, dict) and "national_themes" in stored:
        definition = {k: v for k, v in stored.items() if k != "national_themes"}
        bind.execute(
            frameworks.update().where(frameworks.c.key == LSR).values(definition=definition)
        )
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("withdrawn_reason")
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("national_theme")
    op.drop_table("review_summits")
