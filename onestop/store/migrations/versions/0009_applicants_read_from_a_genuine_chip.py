"""applicants read from a genuine chip

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 12:30:00

An applicant whose details the counter read from the ID card's chip, and whose card the chip's
signature proved genuine, is marked so on the dossier that received them. Older dossiers were
typed or read from the QR.
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: SQLite takes it in place, where a batch would rebuild the table under
    # the dossiers that point at it
    op.add_column('applicants', sa.Column('genuine_chip', sa.Boolean(), nullable=False,
                                          server_default=sa.false()))


def downgrade() -> None:
    # in place on both stores (SQLite 3.35 and later), for the same reason as the upgrade
    op.execute("ALTER TABLE applicants DROP COLUMN genuine_chip")
