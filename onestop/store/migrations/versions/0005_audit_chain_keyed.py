"""audit chain keyed

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 10:50:00

The chain's rows stay as they are: the rows of a store written before this revision keep their
plain SHA-256 seals. The first time the program opens the store after this revision it adds a
marker row, sealed with a secret key kept outside the database, and every row from the marker on
is sealed with that key (see onestop/audit.py). Nothing already written is sealed again.
"""

from alembic import op
import sqlalchemy as sa

import onestop.store.types

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_seal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('keyed_from', sa.Integer(), nullable=False),
    sa.Column('head_seal', sa.String(length=64), nullable=False),
    sa.Column('anchored_rows', sa.Integer(), nullable=False),
    sa.Column('anchored_digest', sa.String(length=64), nullable=False),
    sa.Column('anchored_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.Column('anchored_seal', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('audit_seal')
