"""names found by longer prefixes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:05:00

FTS5 serves a typed prefix from one index entry only when the prefix's length is indexed; any
other prefix merges the lists of every word it starts, which for "tran" or "nguye" at a busy
office is a large share of all dossiers. A Vietnamese syllable has at most seven letters
("nghieng"), so with prefixes up to six indexed every prefix an officer types is one entry, and a
seven-letter one is a whole word. PostgreSQL's GIN index needs no change.
"""

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _index_prefixes(lengths: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # The triggers on dossiers name the table, so they serve the new one as they did the old.
    op.execute("DROP TABLE dossier_search")
    op.execute(
        "CREATE VIRTUAL TABLE dossier_search USING fts5("
        f"search_text, content='dossiers', content_rowid='id', prefix='{lengths}')"
    )
    op.execute("INSERT INTO dossier_search(dossier_search) VALUES ('rebuild')")


def upgrade() -> None:
    _index_prefixes("1 2 3 4 5 6")


def downgrade() -> None:
    _index_prefixes("1 2 3")
