"""Alembic environment: shared-connection mode for the app, async engine for the alembic CLI."""

from __future__ import annotations

import asyncio
import logging.config

from alembic import context
from sqlalchemy.engine import Connection

from frontdesk.config import resolve_database
from frontdesk.db.engine import create_engine
from frontdesk.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copy-and-rename
        transactional_ddl=True,  # our BEGIN makes SQLite DDL transactional
        compare_type=True,
        # One transaction for the whole upgrade: a failure leaves schema and data as they were.
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_from_cli() -> None:
    target = context.get_x_argument(as_dictionary=True).get("db")
    # Batch migrations rebuild tables; foreign keys are checked by the runner, not per statement.
    engine = create_engine(resolve_database(target), foreign_keys=False, pooled=False)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_with)
            await connection.commit()
    finally:
        await engine.dispose()


shared = config.attributes.get("connection")
if shared is not None:
    # The app runs the migrations on its own connection, inside its own transaction and loop.
    run_with(shared)
elif context.is_offline_mode():
    raise SystemExit("frontdesk migrations run online only (no --sql).")
else:
    if config.config_file_name is not None:
        logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)
    asyncio.run(run_from_cli())
