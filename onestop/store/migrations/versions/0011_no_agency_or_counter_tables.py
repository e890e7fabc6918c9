"""no agency or counter tables

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 02:00:00

The office's agency code and name and the counter's code, name and first number live in the
settings; the queue's counters in their own tables. The agencies and counters tables of the first
schema were never written, so they go; taking a store back makes them again, empty.
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table('counters')
    op.drop_table('agencies')


def downgrade() -> None:
    op.create_table('agencies',
    sa.Column('code', sa.String(length=35), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('counters',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('agency_code', sa.String(length=35), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sequence_start', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_code'], ['agencies.code'], ),
    sa.PrimaryKeyConstraint('code')
    )
