"""action log: index of action updates by action and date

Revision ID: 45817367b567
Revises: b7e4c2a91d58
Create Date: 2026-11-22 11:57:48.947547

The action log sorts by each action's newest update (max(recorded_on) per action): with this
index that is one seek per action instead of reading its updates (30,000 actions: ~110 ms →
~35 ms). A plain CREATE INDEX, not batch mode: the table is not rebuilt, so the search
triggers on it (b7e4c2a91d58) are untouched.
"""
from collections.abc import Sequence

from alembic import op


revision: str = '45817367b567'
down_revision: str | None = 'b7e4c2a91d58'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_actionupdate_action_id_recorded_on', 'actionupdate', ['action_id', 'recorded_on'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_actionupdate_action_id_recorded_on', table_name='actionupdate')
