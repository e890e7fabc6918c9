from alembic import context
from sqlalchemy import Engine

# their tables belong to the schema compared
from onestop.store import queue_models, returning_models  # noqa: F401
from onestop.store.models import Base

engine = context.config.attributes["engine"]
assert isinstance(engine, Engine)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
