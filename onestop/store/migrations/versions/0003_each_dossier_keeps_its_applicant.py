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

_COLUMNS = "id_number, old_id_number, full_name, birth_date, sex, address, phone, email, id_issued_on"


def upgrade() -> None:
    connection = op.get_bind()
    sharing = connection.execute(sa.text(
        "SELECT d.id, d.applicant_id FROM dossiers d WHERE d.id > "
        "(SELECT MIN(e.id) FROM dossiers e WHERE e.applicant_id = d.applicant_id) ORDER BY d.id"
    )).all()
    for dossier_id, applicant_id in sharing:
        copy_id = connection.execute(sa.text(
            f"INSERT INTO applicants ({_COLUMNS}) SELECT {_COLUMNS} FROM applicants "
            "WHERE id = :applicant RETURNING id"), {"applicant": applicant_id}).scalar_one()
        connection.execute(sa.text("UPDATE dossiers SET applicant_id = :copy WHERE id = :dossier"),
                           {"copy": copy_id, "dossier": dossier_id})
    op.drop_index('ix_dossiers_applicant', table_name='dossiers')
    op.create_index('ix_dossiers_applicant', 'dossiers', ['applicant_id'], unique=True)
    op.add_column('dossiers', sa.Column('corrected_at', onestop.store.types.UTCDateTime(),
                                        nullable=True))
    connection.execute(sa.text("UPDATE settings SET value = UPPER(value) WHERE key = 'agency.code'"))


def downgrade() -> None:
    op.drop_column('dossiers', 'corrected_at')
    op.drop_index('ix_dossiers_applicant', table_name='dossiers')
    op.create_index('ix_dossiers_applicant', 'dossiers', ['applicant_id'], unique=False)
