"""edit versions on minutes, actions, agenda items and plan items (no lost updates)

Revision ID: f4c1a8e2b357
Revises: e3a7c5d90b14
Create Date: 2026-12-06 15:50:00.000000

Each record two clerks may edit at once carries a version, bumped on every edit and checked on
write: a save made from an older version is refused as an edit conflict instead of overwriting.
Plain ADD COLUMN (no batch rebuild), so the search triggers stay as they are; existing rows start
at version 1.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'f4c1a8e2b357'
down_revision: str | None = 'e3a7c5d90b14'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ('minute', 'action', 'agendaitem', 'planitem')


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_column(table, 'version')
