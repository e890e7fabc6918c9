"""the counter's store

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 15:03:35.555439
"""

from alembic import op
import sqlalchemy as sa

import onestop.store.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agencies',
    sa.Column('code', sa.String(length=35), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('applicants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('id_number', sa.String(length=12), nullable=True),
    sa.Column('old_id_number', sa.String(length=9), nullable=True),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('sex', sa.String(length=10), nullable=True),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('id_issued_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applicants_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_applicants_phone'), ['phone'], unique=False)

    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', onestop.store.types.UTCDateTime(), nullable=False),
    sa.Column('actor', sa.String(length=60), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('subject', sa.String(length=100), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_subject', ['subject'], unique=False)

    op.create_table('book_sequences',
    sa.Column('agency_code', sa.String(length=35), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('next_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('agency_code', 'year')
    )
    op.create_table('calendar_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    op.create_table('daily_sequences',
    sa.Column('agency_code', sa.String(length=35), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('next_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('agency_code', 'day', 'start')
    )
    op.create_table('outbox',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('item_key', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', onestop.store.types.UTCDateTime(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('batch_id', sa.String(length=36), nullable=True),
    sa.Column('sent_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('id')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_key', ['kind', 'item_key'], unique=False)
        batch_op.create_index('ix_outbox_state_next', ['state', 'next_attempt_at'], unique=False)

    op.create_table('procedures',
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_folded', sa.Text(), nullable=False),
    sa.Column('field_code', sa.String(length=40), nullable=True),
    sa.Column('field_name', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('duration_unit', sa.String(length=20), nullable=False),
    sa.Column('duration_value', sa.Integer(), nullable=True),
    sa.Column('cutoff', sa.String(length=5), nullable=True),
    sa.Column('wire', sa.JSON(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('sync_cursors',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('cursor', sa.Text(), nullable=False),
    sa.Column('updated_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('roles', sa.String(length=200), nullable=False),
    sa.Column('counter_code', sa.String(length=20), nullable=True),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', onestop.store.types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('counters',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('agency_code', sa.String(length=35), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sequence_start', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_code'], ['agencies.code'], ),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('dossiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('agency_code', sa.String(length=35), nullable=False),
    sa.Column('counter_code', sa.String(length=20), nullable=True),
    sa.Column('procedure_code', sa.String(length=60), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('channel', sa.Integer(), nullable=False),
    sa.Column('result_delivery', sa.String(length=20), nullable=False),
    sa.Column('sets', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('fees_total', sa.Integer(), nullable=False),
    sa.Column('received_at', onestop.store.types.UTCDateTime(), nullable=False),
    sa.Column('counting_from', onestop.store.types.UTCDateTime(), nullable=False),
    sa.Column('due_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.Column('paused_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.Column('finished_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.Column('returned_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.Column('book_year', sa.Integer(), nullable=False),
    sa.Column('book_entry', sa.Integer(), nullable=False),
    sa.Column('received_by', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('province_version', sa.Integer(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], ),
    sa.ForeignKeyConstraint(['procedure_code'], ['procedures.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('book_year', 'agency_code', 'book_entry', name='uq_dossiers_book_entry'),
    sa.UniqueConstraint('code')
    )
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.create_index('ix_dossiers_applicant', ['applicant_id'], unique=False)
        batch_op.create_index('ix_dossiers_procedure', ['procedure_code', 'received_at'], unique=False)
        batch_op.create_index('ix_dossiers_received_at', ['received_at'], unique=False)
        batch_op.create_index('ix_dossiers_status_due', ['status', 'due_at'], unique=False)

    op.create_table('procedure_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_code', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('originals', sa.Integer(), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.Column('mandatory', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_code'], ['procedures.code'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('procedure_fees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_code', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_code'], ['procedures.code'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('document_code', sa.String(length=100), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('added_at', onestop.store.types.UTCDateTime(), nullable=False),
    sa.Column('added_by', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_sha256'), ['sha256'], unique=False)

    op.create_table('dossier_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('originals', sa.Integer(), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dossier_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_documents_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('dossier_fees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dossier_fees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_fees_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('print_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('printer', sa.Text(), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('created_at', onestop.store.types.UTCDateTime(), nullable=False),
    sa.Column('sent_at', onestop.store.types.UTCDateTime(), nullable=True),
    sa.Column('requested_by', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_print_jobs_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('status_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=30), nullable=True),
    sa.Column('to_status', sa.String(length=30), nullable=False),
    sa.Column('at', onestop.store.types.UTCDateTime(), nullable=False),
    sa.Column('actor', sa.String(length=60), nullable=False),
    sa.Column('actor_title', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    with op.batch_alter_table('status_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_history_dossier_id'), ['dossier_id'], unique=False)
    _create_search_index()


def _create_search_index() -> None:
    """Names and procedures, folded, found by word prefix: FTS5 on SQLite, a GIN index on PostgreSQL."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE dossier_search USING fts5("
            "search_text, content='dossiers', content_rowid='id', prefix='1 2 3')"
        )
        op.execute(
            "CREATE TRIGGER dossier_search_ai AFTER INSERT ON dossiers BEGIN "
            "INSERT INTO dossier_search(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER dossier_search_ad AFTER DELETE ON dossiers BEGIN "
            "INSERT INTO dossier_search(dossier_search, rowid, search_text) "
            "VALUES ('delete', old.id, old.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER dossier_search_au AFTER UPDATE OF search_text ON dossiers BEGIN "
            "INSERT INTO dossier_search(dossier_search, rowid, search_text) "
            "VALUES ('delete', old.id, old.search_text); "
            "INSERT INTO dossier_search(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
    else:
        op.execute(
            "CREATE INDEX ix_dossiers_search ON dossiers "
            "USING gin (to_tsvector('simple', search_text))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS dossier_search")
    else:
        op.execute("DROP INDEX IF EXISTS ix_dossiers_search")
    with op.batch_alter_table('status_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_history_dossier_id'))

    op.drop_table('status_history')
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_print_jobs_dossier_id'))

    op.drop_table('print_jobs')
    with op.batch_alter_table('dossier_fees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_fees_dossier_id'))

    op.drop_table('dossier_fees')
    with op.batch_alter_table('dossier_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_documents_dossier_id'))

    op.drop_table('dossier_documents')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachments_dossier_id'))

    op.drop_table('attachments')
    op.drop_table('procedure_fees')
    op.drop_table('procedure_documents')
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_index('ix_dossiers_status_due')
        batch_op.drop_index('ix_dossiers_received_at')
        batch_op.drop_index('ix_dossiers_applicant')
        batch_op.drop_index('ix_dossiers_procedure')

    op.drop_table('dossiers')
    op.drop_table('counters')
    op.drop_table('users')
    op.drop_table('sync_cursors')
    op.drop_table('settings')
    op.drop_table('procedures')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_state_next')
        batch_op.drop_index('ix_outbox_key')

    op.drop_table('outbox')
    op.drop_table('daily_sequences')
    op.drop_table('calendar_days')
    op.drop_table('book_sequences')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_subject')

    op.drop_table('audit_log')
    op.drop_table('audit_head')
    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applicants_phone'))
        batch_op.drop_index(batch_op.f('ix_applicants_id_number'))

    op.drop_table('applicants')
    op.drop_table('agencies')
