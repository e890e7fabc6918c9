"""digitised copies

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 11:05:00

A digitised copy per checklist paper: who made it and when, the OCR's state and text (folded for
search), the signature's state and signer. The folded text is indexed by word prefix as names are
(FTS5 on SQLite, a GIN index on PostgreSQL): a commune's year holds about 200,000 pages of it.
"""

from alembic import op
import sqlalchemy as sa

import onestop.store.types

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'digitised_copies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('attachment_id', sa.Integer(), nullable=False),
        sa.Column('document_code', sa.String(length=100), nullable=False),
        sa.Column('pages', sa.Integer(), nullable=False),
        sa.Column('digitised_by', sa.String(length=60), nullable=False),
        sa.Column('digitised_at', onestop.store.types.UTCDateTime(), nullable=False),
        sa.Column('ocr_state', sa.String(length=20), nullable=False),
        sa.Column('ocr_attempts', sa.Integer(), nullable=False),
        sa.Column('ocr_claimed_at', onestop.store.types.UTCDateTime(), nullable=True),
        sa.Column('ocr_error', sa.Text(), nullable=False),
        sa.Column('ocr_text', sa.Text(), nullable=False),
        sa.Column('ocr_text_folded', sa.Text(), nullable=False),
        sa.Column('sign_state', sa.String(length=20), nullable=False),
        sa.Column('sign_error', sa.Text(), nullable=False),
        sa.Column('signer_name', sa.String(length=200), nullable=False),
        sa.Column('signer_organisation', sa.String(length=300), nullable=False),
        sa.Column('signer_serial', sa.String(length=80), nullable=False),
        sa.Column('signed_at', onestop.store.types.UTCDateTime(), nullable=True),
        sa.Column('signature_standard', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id']),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('attachment_id'),
        sa.UniqueConstraint('dossier_id', 'document_code', name='uq_digitised_copies_paper'),
    )
    op.create_index('ix_digitised_copies_ocr', 'digitised_copies', ['ocr_state', 'id'])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE paper_text_search USING fts5("
            "ocr_text_folded, content='digitised_copies', content_rowid='id', prefix='1 2 3 4 5 6')"
        )
        op.execute(
            "CREATE TRIGGER paper_text_search_ai AFTER INSERT ON digitised_copies BEGIN "
            "INSERT INTO paper_text_search(rowid, ocr_text_folded) VALUES (new.id, new.ocr_text_folded); END"
        )
        op.execute(
            "CREATE TRIGGER paper_text_search_ad AFTER DELETE ON digitised_copies BEGIN "
            "INSERT INTO paper_text_search(paper_text_search, rowid, ocr_text_folded) "
            "VALUES ('delete', old.id, old.ocr_text_folded); END"
        )
        op.execute(
            "CREATE TRIGGER paper_text_search_au AFTER UPDATE OF ocr_text_folded ON digitised_copies BEGIN "
            "INSERT INTO paper_text_search(paper_text_search, rowid, ocr_text_folded) "
            "VALUES ('delete', old.id, old.ocr_text_folded); "
            "INSERT INTO paper_text_search(rowid, ocr_text_folded) VALUES (new.id, new.ocr_text_folded); END"
        )
    else:
        op.execute(
            "CREATE INDEX ix_digitised_copies_text ON digitised_copies "
            "USING gin (to_tsvector('simple', ocr_text_folded))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS paper_text_search")
    else:
        op.execute("DROP INDEX IF EXISTS ix_digitised_copies_text")
    op.drop_index('ix_digitised_copies_ocr', table_name='digitised_copies')
    op.drop_table('digitised_copies')
