"""queue tickets, calls and ratings

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-02 11:00:00
"""

from alembic import op
import sqlalchemy as sa

import onestop.store.types


revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('queue_fields',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('prefix', sa.String(length=3), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('queue_counters',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('field_codes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('queue_numbers',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('sequence', sa.String(length=40), nullable=False),
    sa.Column('next_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'sequence')
    )
    op.create_table('queue_tickets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('field_code', sa.String(length=40), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=10), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('taken_at', onestop.store.types.UTCDateTime(), nullable=False),
    sa.Column('first_called_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.Column('called_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.Column('ended_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.Column('counter_code', sa.String(length=20), nullable=True),
    sa.Column('sent_to', sa.String(length=20), nullable=True),
    sa.Column('officer', sa.String(length=60), nullable=True),
    sa.Column('dossier_code', sa.String(length=60), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['field_code'], ['queue_fields.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    with op.batch_alter_table('queue_tickets', schema=None) as batch_op:
        batch_op.create_index('ix_queue_tickets_waiting', ['state', 'field_code', 'id'], unique=False)
        batch_op.create_index('ix_queue_tickets_day', ['day', 'field_code'], unique=False)
        batch_op.create_index('ix_queue_tickets_counter', ['counter_code', 'state'], unique=False)
    op.create_table('queue_calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('counter_code', sa.String(length=20), nullable=False),
    sa.Column('at', onestop.store.types.UTCDateTime(), nullable=False),
    sa.Column('again', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['queue_tickets.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('queue_calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_queue_calls_ticket_id'), ['ticket_id'], unique=False)
    op.create_table('queue_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=True),
    sa.Column('dossier_code', sa.String(length=60), nullable=True),
    sa.Column('procedure_code', sa.String(length=60), nullable=True),
    sa.Column('officer', sa.String(length=60), nullable=False),
    sa.Column('officer_name', sa.String(length=200), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('channel', sa.Integer(), nullable=False),
    sa.Column('at', onestop.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['queue_tickets.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    with op.batch_alter_table('queue_ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_queue_ratings_ticket_id'), ['ticket_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_queue_ratings_dossier_code'), ['dossier_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_queue_ratings_at'), ['at'], unique=False)


def downgrade() -> None:
    op.drop_table('queue_ratings')
    op.drop_table('queue_calls')
    op.drop_table('queue_tickets')
    op.drop_table('queue_numbers')
    op.drop_table('queue_counters')
    op.drop_table('queue_fields')
