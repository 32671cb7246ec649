"""Issue 10, item 4: frontdesk opens only its own databases. A file is frontdesk's when its
`alembic_version` holds one of frontdesk's revisions and its tables are the ones that revision
has, or when it has no tables at all. Any other file is refused, byte for byte unchanged and
with nothing written beside it (no WAL switch, no -wal/-shm, no backup): through the API, and
through `migrate`, `backup` and `seed` on the command line."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from dbhelpers import cli, database_at, listing, query, refused

from frontdesk import open_desk
from frontdesk.db.migrate import alembic_config
from frontdesk.errors import DatabaseTooNew, DatabaseUnreadable

SCRIPTS = ScriptDirectory.from_config(alembic_config())
HEAD = SCRIPTS.get_current_head()
REVISIONS = [r.revision for r in reversed(list(SCRIPTS.walk_revisions()))]
NOT_OURS = "is not a frontdesk database"


def sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            for statement in statements:
                conn.execute(statement)
    finally:
        conn.close()


def other_program(path: Path, *stamp: str) -> None:
    """Another program's SQLite file that also uses Alembic: its own tables, its own stamp."""
    sql(path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)",
        "INSERT INTO photos (file) VALUES ('beach.jpg')",
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
        *(f"INSERT INTO alembic_version VALUES ('{rev}')" for rev in stamp))


def ours_at(path: Path, rev: str, *statements: str) -> None:
    database_at(path, rev)
    sql(path, *statements)


FOREIGN_FILES: dict[str, tuple[Callable[[Path], None], type, str]] = {
    # Today frontdesk added all its tables to this one.
    "another-program-empty-version": (lambda p: other_program(p), DatabaseUnreadable, NOT_OURS),
    "only-an-empty-version-table": (
        lambda p: sql(p, "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"),
        DatabaseUnreadable, NOT_OURS),
    # Today: switched to WAL, a backup written beside it, then "Nothing was changed".
    "another-program-at-our-revision-id": (lambda p: other_program(p, "0001"),
                                           DatabaseUnreadable, NOT_OURS),
    # Today called "written by a newer version of frontdesk".
    "another-program-own-revision": (lambda p: other_program(p, "a1b2c3d4e5f6"),
                                     DatabaseUnreadable, NOT_OURS),
    "two-revisions-stamped": (lambda p: ours_at(p, HEAD, "INSERT INTO alembic_version "
                                                "VALUES ('0001')"),
                              DatabaseUnreadable, NOT_OURS),
    "our-revision-without-its-tables": (
        lambda p: ours_at(p, "0001", f"UPDATE alembic_version SET version_num = '{HEAD}'"),
        DatabaseUnreadable, NOT_OURS),
    "our-tables-and-another-programs": (
        lambda p: ours_at(p, HEAD, "CREATE TABLE photos (id INTEGER PRIMARY KEY)"),
        DatabaseUnreadable, NOT_OURS),
    "a-newer-frontdesk": (
        lambda p: ours_at(p, HEAD, "UPDATE alembic_version SET version_num = 'ffff0099'"),
        DatabaseTooNew, "newer version of frontdesk"),
}


@pytest.fixture(params=list(FOREIGN_FILES), ids=list(FOREIGN_FILES))
def foreign(request, tmp_path: Path) -> tuple[Path, type, str]:
    make, error, phrase = FOREIGN_FILES[request.param]
    path = tmp_path / "place" / "app.db"
    path.parent.mkdir()
    make(path)
    return path, error, phrase


def test_open_desk_refuses_a_file_that_is_not_its_own_unchanged(foreign):
    path, error, phrase = foreign
    before = listing(path.parent)

    async def main() -> None:
        async with open_desk(path) as desk:
            await desk.add_hotel("Birch", "Kazan", 3)

    with pytest.raises(error) as caught:
        asyncio.run(main())

    assert phrase in str(caught.value) and "It was not changed" in str(caught.value)
    assert caught.value.path == str(path)
    assert listing(path.parent) == before  # byte for byte; no -wal, -shm or backup beside it


@pytest.mark.parametrize("command", [["migrate"], ["backup"], ["seed", "--hotels", "1",
                                     "--room-types", "1", "--guests", "1", "--bookings", "1"]],
                         ids=["migrate", "backup", "seed"])
@pytest.mark.parametrize("make", [lambda p: other_program(p), lambda p: other_program(p, "0001")],
                         ids=["empty-version", "our-revision-id"])
def test_the_command_line_refuses_another_programs_database_unchanged(tmp_path, command, make):
    path = tmp_path / "place" / "app.db"
    path.parent.mkdir()
    make(path)
    before = listing(path.parent)

    refused(cli(tmp_path, *command, "--db", str(path)), f"{path} {NOT_OURS}")

    assert listing(path.parent) == before


@pytest.mark.parametrize("rev", REVISIONS)
def test_every_revision_of_frontdesk_still_opens(tmp_path, rev):
    """The tables each revision has are known for every revision, so none is refused."""
    path = tmp_path / "hotel.db"
    database_at(path, rev)

    async def main():
        async with open_desk(path) as desk:
            return desk.migration

    report = asyncio.run(main())
    assert (report.before, report.after) == (rev, HEAD)


def test_a_sqlite_file_without_tables_is_a_new_database(tmp_path):
    path = tmp_path / "hotel.db"
    sql(path, "CREATE TABLE scratch (x)", "DROP TABLE scratch")  # a header, no tables

    done = cli(tmp_path, "migrate", "--db", str(path))

    assert done.returncode == 0, done.stderr
    assert query(path, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_the_heads_tables_come_from_the_models_and_match_the_migrations():
    """Opening an up-to-date database takes the head's tables from the models (no migration
    run); they must be exactly the tables that migrating to head makes."""
    from frontdesk.db.migrate import _migrated_tables, revision_tables, script_location

    location = script_location()
    assert revision_tables(location, HEAD) == _migrated_tables(location, HEAD)
