"""the formal record: declarations of interest, votes, urgent items, minute numbers, decision records

Revision ID: e3a7c5d90b14
Revises: d8b3f1a6c402
Create Date: 2026-12-06 15:40:00.000000

Plain ADD COLUMN (no batch rebuild), so the search triggers on agendaitem and decision stay as
they are; NOT NULL columns carry a server default for the rows already there. Call-in defaults
to 5 working days, the usual period in a council's constitution.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = 'e3a7c5d90b14'
down_revision: str | None = 'd8b3f1a6c402'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('declaration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('DISCLOSABLE_PECUNIARY', 'OTHER_REGISTRABLE', 'NON_REGISTRABLE', name='interestkind'), nullable=False),
    sa.Column('nature', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('nature_withheld', sa.Boolean(), nullable=False),
    sa.Column('action', sa.Enum('LEFT_ROOM', 'SPOKE_THEN_LEFT', 'TOOK_NO_PART', 'DISPENSATION', 'REMAINED', name='interestaction'), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agendaitem.id'], name=op.f('fk_declaration_agenda_item_id_agendaitem'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_declaration_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_declaration_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_declaration'))
    )
    op.create_index(op.f('ix_declaration_agenda_item_id'), 'declaration', ['agenda_item_id'], unique=False)
    op.create_index(op.f('ix_declaration_meeting_id'), 'declaration', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_declaration_person_id'), 'declaration', ['person_id'], unique=False)

    op.create_table('vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('motion', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sa.Enum('MOTION', 'AMENDMENT', name='votekind'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('mover_id', sa.Integer(), nullable=True),
    sa.Column('seconder_id', sa.Integer(), nullable=True),
    sa.Column('result', sa.Enum('CARRIED', 'LOST', 'WITHDRAWN', name='voteresult'), nullable=False),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('abstentions', sa.Integer(), nullable=True),
    sa.Column('recorded', sa.Boolean(), nullable=False),
    sa.Column('casting_vote', sa.Enum('FOR', 'AGAINST', 'NONE', name='castingvote'), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_vote_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mover_id'], ['person.id'], name=op.f('fk_vote_mover_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['seconder_id'], ['person.id'], name=op.f('fk_vote_seconder_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote'))
    )
    op.create_index(op.f('ix_vote_decision_id'), 'vote', ['decision_id'], unique=False)

    op.create_table('voterecord',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.Enum('FOR', 'AGAINST', 'ABSTAIN', name='votechoice'), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_voterecord_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vote_id'], ['vote.id'], name=op.f('fk_voterecord_vote_id_vote'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voterecord'))
    )
    op.create_index(op.f('ix_voterecord_person_id'), 'voterecord', ['person_id'], unique=False)
    op.create_index(op.f('ix_voterecord_vote_id'), 'voterecord', ['vote_id'], unique=False)

    op.add_column('agendaitem', sa.Column('is_urgent', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('agendaitem', sa.Column('urgency_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    op.add_column('agendaitem', sa.Column('minute_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    op.add_column('decision', sa.Column('needs_record', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('decision', sa.Column('reasons', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    op.add_column('decision', sa.Column('alternatives_rejected', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    op.add_column('decision', sa.Column('conflicts', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    op.add_column('decision', sa.Column('takes_effect_on', sa.Date(), nullable=True))
    op.add_column('board', sa.Column('call_in_days', sa.Integer(), nullable=False, server_default='5'))


def downgrade() -> None:
    op.drop_column('board', 'call_in_days')
    for column in ('takes_effect_on', 'conflicts', 'alternatives_rejected', 'reasons', 'needs_record'):
        op.drop_column('decision', column)
    for column in ('minute_number', 'urgency_reason', 'is_urgent'):
        op.drop_column('agendaitem', column)
    op.drop_index(op.f('ix_voterecord_vote_id'), table_name='voterecord')
    op.drop_index(op.f('ix_voterecord_person_id'), table_name='voterecord')
    op.drop_table('voterecord')
    op.drop_index(op.f('ix_vote_decision_id'), table_name='vote')
    op.drop_table('vote')
    op.drop_index(op.f('ix_declaration_person_id'), table_name='declaration')
    op.drop_index(op.f('ix_declaration_meeting_id'), table_name='declaration')
    op.drop_index(op.f('ix_declaration_agenda_item_id'), table_name='declaration')
    op.drop_table('declaration')
