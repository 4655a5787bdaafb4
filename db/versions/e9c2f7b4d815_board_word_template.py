"""board setting: the secretariat's own Word house template

Revision ID: e9c2f7b4d815
Revises: d5b8e1f3a620
Create Date: 2026-12-06 17:30:00.000000

`board.word_template`: the path of the .docx whose styles the board's Word exports use; '' (the
server default, so every board already there keeps its exports as they were) means the reference
template shipped in resources/templates/. Plain ADD COLUMN: no batch rebuild of the board table.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = 'e9c2f7b4d815'
down_revision: str | None = 'd5b8e1f3a620'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'board', sa.Column('word_template', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='')
    )


def downgrade() -> None:
    op.drop_column('board', 'word_template')
