"""Shared fixtures: a fresh database file per test, on a fixed day that a test may move on.

The database is a copy of one that open_desk made and migrated once for the session: a test
that only needs an empty, up-to-date database does not run the migrations again. The tests of
making and migrating a database (test_migrations, test_own_databases, test_private_files, the
command line, ...) make their own files and never use this copy.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from dbhelpers import copy_database

from frontdesk import FrontDesk, open_desk

FIXED_DAY = date(2030, 6, 10)  # a Monday; "today" for every test unless it moves the clock


class Clock:
    """The desk's `today`. Tests move time on by assigning `clock.day`."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the head revision, made as the app makes one: open_desk on a new
    file. Read-only: tests get copies."""
    path = tmp_path_factory.mktemp("template") / "frontdesk.db"

    async def make() -> None:
        async with open_desk(path):
            pass

    # asyncio.run in a thread of its own: in the UI tests this thread's running loop is qasync's.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, make()).result()
    # The desk closed its last connection: everything is in the file (no -wal, no -shm beside).
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    path.chmod(0o400)
    return path


@pytest.fixture
def db_path(tmp_path: Path, migrated_template: Path) -> Path:
    """The test's database: an empty one at head (a copy of the session's template)."""
    return copy_database(migrated_template, tmp_path / "frontdesk.db")


@pytest.fixture
def clock() -> Clock:
    return Clock(FIXED_DAY)


@pytest.fixture
def day() -> Callable[[int], date]:
    """day(n): the fixed start day plus n days (day(0) is "today" until the clock moves)."""
    return lambda n: FIXED_DAY + timedelta(days=n)


@pytest.fixture
def desk_run(db_path: Path, clock: Clock) -> Callable[..., Any]:
    """desk_run(scenario): open the test's database with open_desk, await scenario(desk), close.

    Each call is one run of the app (one asyncio.run), so a test can reopen the same file.
    """

    def run(scenario: Callable[[FrontDesk], Awaitable[Any]]) -> Any:
        async def main() -> Any:
            async with open_desk(db_path, today=clock) as desk:
                return await scenario(desk)

        return asyncio.run(main())

    return run


@pytest.fixture
def snapshot(db_path: Path) -> Callable[[], dict[str, list[tuple]]]:
    """snapshot(): every row of every table, read with plain sqlite3 (committed data only)."""

    def take() -> dict[str, list[tuple]]:
        conn = sqlite3.connect(db_path)
        try:
            tables = [name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                    for t in tables}
        finally:
            conn.close()

    return take
