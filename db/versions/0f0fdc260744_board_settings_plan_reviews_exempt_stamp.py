"""board settings, co-opted members, plan reviews on agendas, exempt stamp on actions and decisions

Revision ID: 0f0fdc260744
Revises: 45817367b567
Create Date: 2026-12-06 14:18:24.073526

Plain ADD COLUMN (no batch rebuild), so the search triggers on action and decision stay as they
are; NOT NULL columns carry a server default for the rows already there. Actions and decisions
raised under an exempt item are stamped exempt here, once: from now on the stamp, not the item,
says whether they are Part II business.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0f0fdc260744'
down_revision: str | None = '45817367b567'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('agendaplanreview',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('plan_item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agendaitem.id'], name=op.f('fk_agendaplanreview_agenda_item_id_agendaitem'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_item_id'], ['planitem.id'], name=op.f('fk_agendaplanreview_plan_item_id_planitem'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agendaplanreview')),
    sa.UniqueConstraint('agenda_item_id', 'plan_item_id', name='review_once')
    )
    op.create_index(op.f('ix_agendaplanreview_agenda_item_id'), 'agendaplanreview', ['agenda_item_id'], unique=False)
    op.create_index(op.f('ix_agendaplanreview_plan_item_id'), 'agendaplanreview', ['plan_item_id'], unique=False)

    op.add_column('action', sa.Column('is_exempt', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('action', sa.Column('exempt_paragraph', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    op.add_column('board', sa.Column('usual_length_minutes', sa.Integer(), nullable=True))
    op.add_column('board', sa.Column('quorum', sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == 'postgresql':  # ADD COLUMN does not create a native enum type there
        sa.Enum('NONE', 'CONTINUOUS', 'MUNICIPAL_YEAR', name='minutenumbering').create(op.get_bind(), checkfirst=True)
        op.execute("ALTER TYPE memberrole ADD VALUE IF NOT EXISTS 'CO_OPTED'")  # SQLite stores enums as text
    op.add_column('board', sa.Column('minute_numbering', sa.Enum('NONE', 'CONTINUOUS', 'MUNICIPAL_YEAR', name='minutenumbering'), nullable=False, server_default='NONE'))
    op.add_column('board', sa.Column('municipal_year_start_month', sa.Integer(), nullable=False, server_default='5'))
    op.add_column('board', sa.Column('archived', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('decision', sa.Column('is_exempt', sa.Boolean(), nullable=False, server_default=sa.false()))

    true = '1' if op.get_bind().dialect.name == 'sqlite' else 'TRUE'  # PostgreSQL: a boolean is not 1
    op.execute(
        f"UPDATE action SET is_exempt = {true}, exempt_paragraph = "
        "(SELECT ai.exempt_paragraph FROM agendaitem AS ai WHERE ai.id = action.raised_item_id) "
        "WHERE raised_item_id IN (SELECT id FROM agendaitem WHERE is_exempt)"
    )
    op.execute(f"UPDATE decision SET is_exempt = {true} WHERE agenda_item_id IN (SELECT id FROM agendaitem WHERE is_exempt)")


def downgrade() -> None:
    op.drop_column('decision', 'is_exempt')
    for column in ('archived', 'municipal_year_start_month', 'minute_numbering', 'quorum', 'usual_length_minutes'):
        op.drop_column('board', column)
    if op.get_bind().dialect.name == 'postgresql':
        sa.Enum(name='minutenumbering').drop(op.get_bind(), checkfirst=True)
    op.drop_column('action', 'exempt_paragraph')
    op.drop_column('action', 'is_exempt')
    op.drop_index(op.f('ix_agendaplanreview_plan_item_id'), table_name='agendaplanreview')
    op.drop_index(op.f('ix_agendaplanreview_agenda_item_id'), table_name='agendaplanreview')
    op.drop_table('agendaplanreview')
