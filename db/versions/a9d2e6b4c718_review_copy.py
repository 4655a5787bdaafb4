"""the chair's offline review copy: database identity, copy info, proposals, imported reviews

Revision ID: a9d2e6b4c718
Revises: f4c1a8e2b357
Create Date: 2026-12-06 16:00:00.000000

Four new tables and nothing else changed (issue 16 point 4): `databaseidentity` (one row, this
database's uuid, made on first need), `reviewcopyinfo` and `reviewproposal` (used only inside a review
copy) and `reviewimport` (in the clerk's database: a review imported once is not imported again).
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 'a9d2e6b4c718'
down_revision: str | None = 'f4c1a8e2b357'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('databaseidentity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_databaseidentity')),
    sa.UniqueConstraint('uuid', name=op.f('uq_databaseidentity_uuid'))
    )
    op.create_table('reviewcopyinfo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_uuid', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source_uuid', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('board_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('made_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('made_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('includes_part2', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviewcopyinfo')),
    sa.UniqueConstraint('review_uuid', name=op.f('uq_reviewcopyinfo_review_uuid'))
    )
    op.create_table('reviewproposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('old_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('proposed_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('comment', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('made_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('made_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviewproposal'))
    )
    op.create_table('reviewimport',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_uuid', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=True),
    sa.Column('imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('imported_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('proposals', sa.Integer(), nullable=False),
    sa.Column('accepted', sa.Integer(), nullable=False),
    sa.Column('rejected', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviewimport')),
    sa.UniqueConstraint('review_uuid', name=op.f('uq_reviewimport_review_uuid'))
    )


def downgrade() -> None:
    op.drop_table('reviewimport')
    op.drop_table('reviewproposal')
    op.drop_table('reviewcopyinfo')
    op.drop_table('databaseidentity')
