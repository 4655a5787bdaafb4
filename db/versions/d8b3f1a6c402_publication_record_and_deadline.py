"""publication deadline (board setting) and the record of what was published for a meeting

Revision ID: d8b3f1a6c402
Revises: c5a2e9d13f70
Create Date: 2026-12-06 15:15:00.000000

Plain ADD COLUMN with a server default (5 clear working days, the statutory minimum for a
principal council's agenda) for the boards already there, and a new table of publications:
each pack or agenda written for a meeting with its file name, SHA-256 checksum and size, and the papers a pack held (so a
supplementary pack can hold exactly the papers added since).
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = 'd8b3f1a6c402'
down_revision: str | None = 'c5a2e9d13f70'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('board', sa.Column('publication_days', sa.Integer(), nullable=False, server_default='5'))
    op.create_table('publication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('published_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('published_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('paper_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_publication_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication'))
    )
    op.create_index(op.f('ix_publication_meeting_id'), 'publication', ['meeting_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_publication_meeting_id'), table_name='publication')
    op.drop_table('publication')
    op.drop_column('board', 'publication_days')
