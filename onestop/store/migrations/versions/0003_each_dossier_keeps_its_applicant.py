"""each dossier keeps its applicant

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 11:00:00

Until now dossiers of one ID number shared one applicant row, so a later intake rewrote every
earlier dossier of that number. Each dossier gets its own copy of today's applicant row (what the
store holds now is all there is to copy), and the index makes sharing impossible from here on.
Dossiers also remember when they were last corrected, and an agency code typed in lower case
before codes were checked is kept upper case, as new dossier codes are looked up.
"""

from alembic import op
import sqlalchemy as sa

import onestop.store.types


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_COLUMNS = ("id_number", "old_id_number", "full_name", "birth_date", "sex", "address", "phone",
            "email", "id_issued_on")
# A dossier that is not the first of its applicant row; that first one keeps the row.
_SHARING = ("{d}.id > (SELECT MIN(e.id) FROM dossiers e WHERE e.applicant_id = {d}.applicant_id)")


def upgrade() -> None:
    connection = op.get_bind()
    # Set-based, so that a store of many years upgrades in seconds: each copy's id is the highest
    # id so far plus its dossier's id, which no other row can hold.
    offset = connection.execute(sa.text("SELECT COALESCE(MAX(id), 0) FROM applicants")).scalar_one()
    connection.execute(sa.text(
        f"INSERT INTO applicants (id, {', '.join(_COLUMNS)}) "
        f"SELECT :offset + d.id, {', '.join(f'a.{column}' for column in _COLUMNS)} "
        f"FROM dossiers d JOIN applicants a ON a.id = d.applicant_id WHERE {_SHARING.format(d='d')}"
    ), {"offset": offset})
    connection.execute(sa.text(
        f"UPDATE dossiers SET applicant_id = :offset + id WHERE {_SHARING.format(d='dossiers')}"
    ), {"offset": offset})
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text(
            "SELECT setval(pg_get_serial_sequence('applicants', 'id'), "
            "(SELECT COALESCE(MAX(id), 1) FROM applicants))"))
    op.drop_index('ix_dossiers_applicant', table_name='dossiers')
    op.create_index('ix_dossiers_applicant', 'dossiers', ['applicant_id'], unique=True)
    op.add_column('dossiers', sa.Column('corrected_at', onestop.store.types.UTCDateTime(),
                                        nullable=True))
    connection.execute(sa.text("UPDATE settings SET value = UPPER(value) WHERE key = 'agency.code'"))


def downgrade() -> None:
    op.drop_column('dossiers', 'corrected_at')
    op.drop_index('ix_dossiers_applicant', table_name='dossiers')
    op.create_index('ix_dossiers_applicant', 'dossiers', ['applicant_id'], unique=False)
