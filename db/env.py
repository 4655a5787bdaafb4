"""Alembic environment for BoardApp: migrations run on the connection the store hands over."""

from alembic import context
from sqlmodel import SQLModel

import boardapp.core.models  # noqa: F401  (registers every table on SQLModel.metadata)
from boardapp.store.fts import include_name, include_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate` by developers
    from sqlalchemy import create_engine

    connection = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://").connect()

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: rebuild tables instead
    compare_type=True,
    # The full-text index (search_* tables and triggers) is not a model: keep it out of autogenerate.
    include_name=include_name,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
