"""results returned to whom

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 02:00:00

A result handed over at the counter keeps who collected it (the applicant, or a person they
authorised, with that person's ID number and relation), the fees taken and when. Results returned
before this release have no such row: their history note is all there is.
"""

import sqlalchemy as sa
from alembic import op

import onestop.store.types

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'result_returns',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('returned_at', onestop.store.types.UTCDateTime(), nullable=False),
        sa.Column('returned_by', sa.String(length=60), nullable=False),
        sa.Column('collector', sa.String(length=20), nullable=False),
        sa.Column('collector_name', sa.String(length=100), nullable=False),
        sa.Column('collector_id_number', sa.String(length=12), nullable=True),
        sa.Column('relation', sa.String(length=100), nullable=False),
        sa.Column('fees_collected', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('dossier_id'),
    )
    op.create_index('ix_result_returns_returned_at', 'result_returns', ['returned_at'])


def downgrade() -> None:
    op.drop_index('ix_result_returns_returned_at', table_name='result_returns')
    op.drop_table('result_returns')
