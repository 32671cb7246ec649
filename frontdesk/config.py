"""Where frontdesk keeps its files; computed on demand, never at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "frontdesk"
DB_ENV = "FRONTDESK_DB"


def data_dir() -> Path:
    """The per-user data folder (database, backups, log), created on first use."""
    from platformdirs import user_data_path

    path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)  # guest data: the owner's only
    return path


def default_database() -> Path:
    return data_dir() / "frontdesk.db"


def demo_database() -> Path:
    return data_dir() / "demo.db"


def log_file() -> Path:
    return data_dir() / "frontdesk.log"


def resolve_database(arg: str | os.PathLike[str] | None = None) -> str:
    """The database to open: the `--db` argument, else $FRONTDESK_DB, else the user's default."""
    if arg:
        return os.fspath(arg)
    env = os.environ.get(DB_ENV)
    if env:
        return env
    return os.fspath(default_database())
