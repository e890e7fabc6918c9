"""province changes set aside

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 11:00:00

A change from the province that the counter cannot apply is kept here with its reason, so that
the pull's cursor moves on instead of asking for the same page for ever.
"""

import sqlalchemy as sa
from alembic import op

import onestop.store.types

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('province_changes_set_aside',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_code', sa.String(length=100), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('pulled_at', onestop.store.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('province_changes_set_aside')
