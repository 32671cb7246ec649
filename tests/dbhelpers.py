"""Helpers shared by the migration and CLI tests: the alembic command line, read-only queries
and a database made at (or taken back to) an older revision."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import sqlalchemy
from alembic import command

from frontdesk.db.migrate import alembic_config

ROOT = Path(__file__).resolve().parents[1]


def alembic_cli(db: Path, *args: str) -> str:
    """Run the alembic command line from the checkout root on `db`; return its output."""
    env = dict(os.environ, FRONTDESK_DB=str(db.with_name("not-this-one.db")))
    done = subprocess.run([sys.executable, "-m", "alembic", "-x", f"db={db}", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"alembic {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    assert not db.with_name("not-this-one.db").exists()
    return done.stdout + done.stderr


def query(path: Path, sql: str) -> list[tuple]:
    """Rows of `sql`, read-only."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def database_at(path: Path, rev: str) -> None:
    """A database at an older revision, made with Alembic's command API on our own connection."""
    engine = sqlalchemy.create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, rev)
    finally:
        engine.dispose()


def downgrade(path: Path, rev: str) -> None:
    """Take a database at head (with its data) back to an older revision, as Alembic does."""
    engine = sqlalchemy.create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, rev)
    finally:
        engine.dispose()
