"""Helpers shared by the migration and CLI tests: the alembic command line, read-only queries,
a database made at (or taken back to) an older revision, a copy of the migrated template, a
folder's contents in one value, and frontdesk's own command line run as a user runs it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import sqlalchemy
from alembic import command

from frontdesk.config import open_private
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
    _alembic(command.upgrade, path, rev)


def downgrade(path: Path, rev: str) -> None:
    """Take a database at head (with its data) back to an older revision, as Alembic does."""
    _alembic(command.downgrade, path, rev)


def _alembic(step, path: Path, rev: str) -> None:
    engine = sqlalchemy.create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            step(cfg, rev)
    finally:
        engine.dispose()


def copy_database(template: Path, path: Path) -> Path:
    """A new database file at `path` holding `template`'s bytes, made owner-only as the app
    makes a new database (whatever the umask); refused if `path` exists."""
    with open_private(path, "xb", None) as f:
        f.write(template.read_bytes())
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> dict[str, str]:
    """Every entry under `folder` with its content hash (or its kind): "nothing changed, nothing
    written beside it" in one value."""
    def what(p: Path) -> str:
        if p.is_symlink():
            return f"link to {os.readlink(p)}"
        if p.is_dir():
            return "folder"
        return digest(p) if p.is_file() else "special"
    return {str(p.relative_to(folder)): what(p) for p in sorted(folder.rglob("*"))}


def cli(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m frontdesk ARGS` with its data folder under `home`, stdin closed, umask 022."""
    env = {k: v for k, v in os.environ.items() if k != "FRONTDESK_DB"}
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               HOME=str(home))
    return subprocess.run([sys.executable, "-m", "frontdesk", *args], cwd=cwd or home,
                          env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120, preexec_fn=lambda: os.umask(0o022))


def refused(done: subprocess.CompletedProcess[str], *phrases: str) -> str:
    """The run ended with exit code 2 and one sentence (no traceback) holding `phrases`."""
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "Error:" not in done.stderr, done.stderr
    for phrase in phrases:
        assert phrase in done.stderr, done.stderr
    return done.stderr
