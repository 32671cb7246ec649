"""The command line never harms a database it was not meant for, and every bad target gets a
sentence and an exit code: `seed` fills only new or empty databases, `backup` copies the file as
it is (never migrated, --demo honoured, owner-only), folders, missing folders and read-only files
are refused before anything changes. The CLI runs in subprocesses with stdin closed, as in CI."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from dbhelpers import cli, database_at, digest, listing, refused

from frontdesk import open_desk
from frontdesk.db.migrate import migrate
from frontdesk.errors import DatabaseError, DatabaseReadOnly

TINY = ["--hotels", "2", "--room-types", "2", "--guests", "1", "--bookings", "1"]


# -- helpers --------------------------------------------------------------------------------------

def with_hotel(path: Path, name: str = "Birch") -> None:
    async def main() -> None:
        async with open_desk(path) as desk:
            await desk.add_hotel(name, "Kazan", 3)

    asyncio.run(main())


def query(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def revision(path: Path) -> str:
    return query(path, "SELECT version_num FROM alembic_version")[0][0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- item 7: seed never writes into a database that holds a hotel ---------------------------------

@pytest.mark.parametrize("rev", ["head", "0001"])
def test_seed_refuses_a_database_that_holds_a_hotel(tmp_path, rev):
    db = tmp_path / "hotel" / "frontdesk.db"
    db.parent.mkdir()
    if rev == "head":
        with_hotel(db)
    else:  # an older schema: refused before opening would upgrade it
        database_at(db, rev)
        with sqlite3.connect(db) as conn:
            conn.execute("INSERT INTO hotels (name, location, location_key, stars) "
                         "VALUES ('Birch', 'Kazan', 'kazan', 3)")
        conn.close()
    before = listing(db.parent)
    message = refused(cli(tmp_path, "seed", "--db", str(db), *TINY),
                      f"{db} already holds 1 hotel;", "nothing was written")
    assert "1 hotels" not in message
    assert listing(db.parent) == before  # byte for byte, and no backup or journal files


def test_seed_refuses_the_default_database_once_it_holds_a_hotel(tmp_path):
    own = tmp_path / "data" / "frontdesk" / "frontdesk.db"
    own.parent.mkdir(parents=True)
    with_hotel(own)
    with_hotel(own, "Aspen")
    before = digest(own)
    refused(cli(tmp_path, "seed", *TINY), "already holds 2 hotels")
    assert digest(own) == before


def test_seed_fills_a_new_file_and_counts_in_words(tmp_path):
    db = tmp_path / "new.db"
    done = cli(tmp_path, "seed", "--db", str(db), *TINY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Seeded 2 hotels, 2 room types, 1 guest and 1 booking in ")
    assert query(db, "SELECT count(*) FROM hotels") == [(2,)]


def test_seed_fills_an_empty_database(tmp_path):
    db = tmp_path / "empty.db"
    asyncio.run(migrate(str(db)))
    done = cli(tmp_path, "seed", "--db", str(db), *TINY)
    assert done.returncode == 0, done.stderr
    assert query(db, "SELECT count(*) FROM hotels") == [(2,)]


# -- item 7: backup copies as it is, honours --demo, owner-only -----------------------------------

def test_demo_backup_copies_the_demo_database(tmp_path):
    folder = tmp_path / "data" / "frontdesk"
    folder.mkdir(parents=True)
    with_hotel(folder / "demo.db", "Demo Hotel")
    with_hotel(folder / "frontdesk.db", "Our Own Hotel")
    dest = tmp_path / "copy.db"
    done = cli(tmp_path, "--demo", "backup", str(dest))
    assert done.returncode == 0, done.stderr
    assert query(dest, "SELECT name FROM hotels") == [("Demo Hotel",)]


def test_backup_copies_an_older_database_without_migrating_it(tmp_path):
    db = tmp_path / "old.db"
    database_at(db, "0001")
    before = digest(db)
    dest = tmp_path / "copies"
    dest.mkdir()
    done = cli(tmp_path, "backup", str(dest), "--db", str(db))
    assert done.returncode == 0, done.stderr
    (copy,) = dest.iterdir()
    assert copy.name.startswith("old.backup-0001-")
    assert revision(copy) == "0001"
    assert revision(db) == "0001" and digest(db) == before
    assert sorted(p.name for p in tmp_path.glob("old.backup-*")) == []  # no pre-upgrade copy


def test_backups_are_readable_by_the_owner_only(tmp_path):
    db = tmp_path / "hotel.db"
    with_hotel(db)
    named = tmp_path / "named.db"
    assert cli(tmp_path, "backup", str(named), "--db", str(db)).returncode == 0
    assert cli(tmp_path, "backup", "--db", str(db)).returncode == 0  # next to the database
    (beside,) = tmp_path.glob("hotel.backup-*.db")
    assert mode(named) == 0o600
    assert mode(beside) == 0o600


def test_the_backup_before_an_upgrade_is_owner_only(tmp_path):
    db = tmp_path / "old.db"
    database_at(db, "0001")
    old = os.umask(0o022)
    try:
        report = asyncio.run(migrate(str(db)))
    finally:
        os.umask(old)
    assert report.backup is not None
    assert mode(report.backup) == 0o600


def test_backup_into_a_missing_folder_is_refused(tmp_path):
    db = tmp_path / "hotel.db"
    with_hotel(db)
    before = listing(tmp_path)
    refused(cli(tmp_path, "backup", str(tmp_path / "usb" / "copy.db"), "--db", str(db)),
            f"The folder {tmp_path / 'usb'} does not exist")
    refused(cli(tmp_path, "backup", str(tmp_path / "usb") + "/", "--db", str(db)),
            f"The folder {tmp_path / 'usb'} does not exist")
    assert listing(tmp_path) == before


def test_demo_and_db_together_are_refused(tmp_path):
    refused(cli(tmp_path, "--demo", "migrate", "--db", str(tmp_path / "x.db")),
            "either --demo or --db")
    assert not (tmp_path / "x.db").exists()


# -- item 10: bad --db targets --------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["migrate"], ["backup"], ["seed", *TINY],
    ["bench", *TINY, "--repeat", "1"],
], ids=["migrate", "backup", "seed", "bench"])
def test_a_folder_as_database_gets_a_sentence(tmp_path, args):
    folder = tmp_path / "hotel"
    folder.mkdir()
    refused(cli(tmp_path, *args, "--db", str(folder)),
            f"{folder} is a folder, not a database file", str(folder / "frontdesk.db"))
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("args", [["migrate"], ["seed", *TINY], ["backup"]],
                         ids=["migrate", "seed", "backup"])
def test_a_database_in_a_missing_folder_is_refused_naming_it(tmp_path, args):
    typo = tmp_path / "hotle" / "2026" / "frontdesk.db"
    before = listing(tmp_path)
    refused(cli(tmp_path, *args, "--db", str(typo)),
            f"The folder {typo.parent} does not exist")
    assert listing(tmp_path) == before  # no folders made


def test_open_desk_refuses_a_missing_folder_and_a_folder(tmp_path):
    async def open_(path: Path) -> None:
        async with open_desk(path):
            pass

    with pytest.raises(DatabaseError, match="does not exist"):
        asyncio.run(open_(tmp_path / "missing" / "x.db"))
    assert not (tmp_path / "missing").exists()
    with pytest.raises(DatabaseError, match="is a folder"):
        asyncio.run(open_(tmp_path))


def test_the_default_data_folder_is_still_made_on_first_use(tmp_path):
    done = cli(tmp_path, "migrate")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "frontdesk" / "frontdesk.db").is_file()


# -- item 10: read-only databases are refused at open ---------------------------------------------

@pytest.fixture
def read_only_db(tmp_path: Path) -> Path:
    db = tmp_path / "ro" / "frontdesk.db"
    db.parent.mkdir()
    with_hotel(db)
    db.chmod(0o444)
    yield db
    db.chmod(0o644)


def test_open_desk_refuses_a_read_only_database(read_only_db):
    before = listing(read_only_db.parent)

    async def main() -> None:
        async with open_desk(read_only_db) as desk:
            await desk.add_hotel("Aspen", "Kazan", 3)

    with pytest.raises(DatabaseReadOnly) as caught:
        asyncio.run(main())
    assert f"The database {read_only_db} is read-only" in str(caught.value)
    assert "nothing was changed" in str(caught.value)
    assert listing(read_only_db.parent) == before


def test_an_older_read_only_database_is_refused_before_the_backup(tmp_path):
    db = tmp_path / "old.db"
    database_at(db, "0001")
    db.chmod(0o444)
    before = listing(tmp_path)
    with pytest.raises(DatabaseReadOnly):
        asyncio.run(migrate(str(db)))
    assert listing(tmp_path) == before


@pytest.mark.parametrize("args", [["migrate"], ["seed", *TINY]], ids=["migrate", "seed"])
def test_cli_refuses_a_read_only_database(tmp_path, args):
    db = tmp_path / "ro" / "empty.db"  # empty, so that seed would otherwise fill it
    db.parent.mkdir()
    asyncio.run(migrate(str(db)))
    db.chmod(0o444)
    before = listing(db.parent)
    refused(cli(tmp_path, *args, "--db", str(db)), f"The database {db} is read-only")
    assert listing(db.parent) == before


def test_a_read_only_database_can_still_be_backed_up(tmp_path, read_only_db):
    dest = tmp_path / "copy.db"
    done = cli(tmp_path, "backup", str(dest), "--db", str(read_only_db))
    assert done.returncode == 0, done.stderr
    assert query(dest, "SELECT name FROM hotels") == [("Birch",)]


@pytest.mark.skipif(os.geteuid() == 0, reason="an administrator may write in any folder")
def test_a_database_in_a_read_only_folder_is_refused(tmp_path):
    db = tmp_path / "shared" / "frontdesk.db"
    db.parent.mkdir()
    with_hotel(db)
    db.parent.chmod(0o555)
    try:
        with pytest.raises(DatabaseReadOnly, match="folder .* is read-only"):
            asyncio.run(migrate(str(db)))
    finally:
        db.parent.chmod(0o755)


# -- item 15: python -m frontdesk from the folder that holds the checkout -------------------------

def test_python_m_frontdesk_from_the_folder_holding_a_checkout_named_frontdesk(tmp_path):
    holder = tmp_path / "src"
    checkout = holder / "frontdesk"  # what `git clone .../frontdesk` makes: no __init__.py
    for part in ("frontdesk", "migrations", "tests"):
        (checkout / part).mkdir(parents=True)
    (checkout / "README.md").write_text("# frontdesk\n")
    done = cli(tmp_path, "--version", cwd=holder)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("frontdesk ")
    db = tmp_path / "hotel.db"
    done = cli(tmp_path, "migrate", "--db", str(db), cwd=holder)
    assert done.returncode == 0, done.stderr
    assert "was created at schema revision" in done.stdout


# -- every CLI error is a sentence ----------------------------------------------------------------

def test_an_unexpected_failure_is_a_sentence_naming_the_log(tmp_path, monkeypatch, capsys):
    from frontdesk import cli as cli_module

    async def broken(_args):
        raise RuntimeError("disk on fire")

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(cli_module, "cmd_migrate", broken)
    assert cli_module.main(["migrate", "--db", str(tmp_path / "x.db")]) == 1
    err = capsys.readouterr().err
    log = tmp_path / "data" / "frontdesk" / "frontdesk.log"
    assert "migrate failed unexpectedly (RuntimeError: disk on fire)" in err
    assert f"The details were written to {log}." in err
    assert "Traceback" not in err
    assert "Traceback" in log.read_text() and "disk on fire" in log.read_text()


# -- item 15: counted nouns -----------------------------------------------------------------------

def test_plural_helper():
    from frontdesk.words import plural

    assert plural(1, "hotel") == "1 hotel"
    assert plural(0, "booking") == "0 bookings"
    assert plural(1200, "guest") == "1,200 guests"
    assert plural(2, "current or future booking") == "2 current or future bookings"
