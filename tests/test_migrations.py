"""Opening a database migrates it as the architecture says: a new file to head; one at head is not
touched; an older one is backed up, then upgraded in one transaction (a failure changes nothing);
files of a newer frontdesk, of another program or not databases at all are refused unchanged.
The alembic command line works from the checkout, and models and migrations agree."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import sqlite3
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from dbhelpers import alembic_cli, database_at, query

from frontdesk import open_desk
from frontdesk.db.backup import backup_name
from frontdesk.db.migrate import alembic_config, migrate, script_location
from frontdesk.errors import (
    DatabaseTooNew,
    DatabaseUnreadable,
    FrontDeskError,
    MigrationFailed,
)

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2030, 6, 10)
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


# -- helpers ------------------------------------------------------------------------------------

def open_once(path: Path, scenario=None):
    """Open the file as the app does, run `scenario(desk)` if given; return (report, result)."""

    async def main():
        async with open_desk(path, today=lambda: TODAY) as desk:
            return desk.migration, (await scenario(desk) if scenario else None)

    return asyncio.run(main())


async def fill(desk):
    hotel = await desk.add_hotel("Birch", "Kazan", 3)
    room = await desk.add_room(hotel.id, "Double", 12_000, 2)
    guest = await desk.add_guest("Anna Ivanova", "+7 900 111-22-33", "anna@example.com")
    kept = await desk.book(room.id, guest.id, date(2030, 6, 11), date(2030, 6, 14))
    gone = await desk.book(room.id, guest.id, date(2030, 6, 20), date(2030, 6, 21))
    await desk.cancel(gone.id, "Flight cancelled")
    return kept.id, gone.id


def schema(path: Path) -> list[tuple]:
    return query(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")


def tables(path: Path) -> dict[str, list[tuple]]:
    """Rows of every table of ours (SQLite's own, like the planner statistics, left out)."""
    names = [n for (n,) in query(path, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite~_%' ESCAPE '~'")]
    return {n: sorted(query(path, f'SELECT * FROM "{n}"'), key=repr) for n in sorted(names)}


def revision(path: Path) -> str:
    return query(path, "SELECT version_num FROM alembic_version")[0][0]


def columns(path: Path, table: str) -> list[str]:
    return [row[1] for row in query(path, f'PRAGMA table_info("{table}")')]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}"))




def fill_revision_0001(conn: sqlite3.Connection) -> None:
    conn.executescript("""
        INSERT INTO hotels (id, name, location, location_key, stars)
            VALUES (1, 'Birch', 'Kazan', 'kazan', 3);
        INSERT INTO rooms (id, hotel_id, name, description, price, quantity, capacity)
            VALUES (1, 1, 'Double', '', 12000, 2, 2);
        INSERT INTO guests (id, full_name, name_key, phone, phone_tail, email, email_key,
                            document, notes)
            VALUES (1, 'Anna Ivanova', 'anna ivanova', NULL, NULL, NULL, NULL, NULL, '');
        INSERT INTO bookings (id, room_id, guest_id, date_from, date_to, price, status, notes,
                              created_at, updated_at)
            VALUES (1, 1, 1, '2030-06-11', '2030-06-14', 12000, 'confirmed', 'sea view',
                    1906786800, 1906786800);
    """)




# -- new and current databases ------------------------------------------------------------------

def test_the_checkout_migrations_are_used():
    assert script_location() == ROOT / "migrations"
    assert HEAD is not None


def test_a_new_file_is_migrated_to_head(tmp_path):
    path = tmp_path / "new.db"
    report, _ = open_once(path, fill)
    assert (report.before, report.after, report.backup, report.upgraded) == (None, HEAD, None, True)
    assert revision(path) == HEAD
    assert backups(path) == []


def test_a_database_at_head_is_not_touched(tmp_path):
    path = tmp_path / "hotel.db"
    open_once(path, fill)
    before, stamp = digest(path), path.stat().st_mtime_ns

    async def read(desk):
        return [h.name for h in await desk.list_hotels()]

    report, names = open_once(path, read)
    assert names == ["Birch"]
    assert (report.before, report.after, report.backup) == (HEAD, HEAD, None)
    assert not report.upgraded
    assert backups(path) == []
    assert digest(path) == before
    assert path.stat().st_mtime_ns == stamp


# -- older databases ----------------------------------------------------------------------------

def test_an_older_database_is_backed_up_then_upgraded_keeping_its_data(tmp_path):
    path = tmp_path / "hotel.db"
    database_at(path, "0001")
    # Another desk still has the file open, with its last write only in the WAL: the backup must
    # be taken through SQLite (a file copy would miss it).
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("PRAGMA wal_autocheckpoint = 0")
        fill_revision_0001(other)
        old_rows = tables(path)

        async def read(desk):
            return await desk.get_booking(1), await desk.get_guest(1)

        report, (booking, guest) = open_once(path, read)
    finally:
        other.close()

    assert (report.before, report.after) == ("0001", HEAD)
    assert report.backup is not None and report.backup.parent == path.parent
    assert backups(path) == [report.backup]
    assert report.backup.name.startswith("hotel.backup-0001-")
    # The backup is a readable database at the old revision with the data.
    assert revision(report.backup) == "0001"
    assert tables(report.backup) == old_rows
    assert "cancel_reason" not in columns(report.backup, "bookings")
    # The upgraded database kept everything and gained the new column.
    assert revision(path) == HEAD
    assert (booking.guest_name, booking.room_name, booking.notes) == ("Anna Ivanova", "Double",
                                                                    "sea view")
    assert (booking.date_from, booking.date_to, booking.total) == (date(2030, 6, 11),
                                                                  date(2030, 6, 14), 36_000)
    assert guest.full_name == "Anna Ivanova"
    assert query(path, "SELECT cancel_reason FROM bookings") == [(None,)]
    # Opening again: at head, no second backup.
    taken = backups(path)
    report, _ = open_once(path)
    assert report.backup is None
    assert backups(path) == taken


BROKEN_UPGRADES = {
    "invalid-sql": """
        op.create_table("extra", sa.Column("id", sa.Integer, primary_key=True))
        with op.batch_alter_table("hotels", recreate="always") as batch_op:
            batch_op.add_column(sa.Column("phone", sa.String(40)))
        op.execute("UPDATE hotels SET phone = 'x'")
        op.execute("THIS IS NOT SQL")
    """,
    "python-error": """
        with op.batch_alter_table("bookings") as batch_op:
            batch_op.drop_column("notes")
        op.execute("DELETE FROM guests WHERE id NOT IN (SELECT guest_id FROM bookings)")
        raise RuntimeError("something went wrong half way")
    """,
    "broken-references": """
        op.execute("DELETE FROM rooms")
    """,
    # A rule of the data broken half way: a driver's IntegrityError, not a fault of the disk.
    "broken-unique-rule": """
        op.create_index("ux_guest_names", "guests", ["full_name"], unique=False)
        op.execute("UPDATE guests SET full_name = 'Same Name'")
        op.create_index("ux_guest_names_unique", "guests", ["full_name"], unique=True)
    """,
}


EXTRA_REVISION = '''\
"""one more revision after head, made by a test

Revision ID: 9001
Revises: {head}
"""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{upgrade}


def downgrade() -> None:
    pass
'''


def migrations_plus(tmp_path: Path, body: str) -> Path:
    """A copy of the migrations with one more revision after head, running `body` to upgrade."""
    location = tmp_path / "migrations"
    shutil.copytree(ROOT / "migrations", location, ignore=shutil.ignore_patterns("__pycache__"))
    upgrade = textwrap.indent(textwrap.dedent(body).strip(), "    ")
    (location / "versions" / "9001_broken.py").write_text(
        EXTRA_REVISION.format(head=HEAD, upgrade=upgrade), encoding="utf-8")
    return location


@pytest.mark.parametrize("body", list(BROKEN_UPGRADES.values()), ids=list(BROKEN_UPGRADES))
def test_a_failed_upgrade_changes_nothing_and_names_the_backup(tmp_path, body):
    path = tmp_path / "hotel.db"
    open_once(path, fill)
    open_once(path, lambda desk: desk.add_guest("No Bookings"))
    old_schema, old_rows = schema(path), tables(path)
    location = migrations_plus(tmp_path, body)

    with pytest.raises(MigrationFailed) as caught:
        asyncio.run(migrate(path, location=location))

    error = caught.value
    assert error.backup is not None
    backup = Path(error.backup)
    assert backups(path) == [backup]
    assert str(backup) in str(error)
    assert "Nothing was changed" in str(error)
    assert f"still at schema revision {HEAD}" in str(error)
    assert "SQL" not in str(error) and "Error" not in str(error)  # no driver text on screen
    assert error.path == str(path)
    assert schema(path) == old_schema
    assert tables(path) == old_rows
    assert tables(backup) == old_rows
    # The app still opens it with its own migrations, at head, as before.
    report, _ = open_once(path)
    assert (report.before, report.after, report.backup) == (HEAD, HEAD, None)


LOCK_PROBE = """
    import sqlite3
    from pathlib import Path

    database = op.get_bind().engine.url.database
    other_desk = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        other_desk.execute("BEGIN IMMEDIATE")
        other_desk.execute("INSERT INTO hotels (name, location, location_key, stars) "
                           "VALUES ('Other desk', 'Omsk', 'omsk', 3)")
        other_desk.execute("COMMIT")
        outcome = "written"
    except sqlite3.OperationalError as exc:
        outcome = str(exc)
    finally:
        other_desk.close()
    Path(database + ".probe").write_text(outcome)
    op.create_table("extra", sa.Column("id", sa.Integer, primary_key=True))
"""


def test_an_upgrade_holds_the_write_lock_from_its_start(tmp_path):
    """Two desks started together on an older database: the one upgrading must keep the other
    from writing (it waits), instead of failing half way because the other wrote first."""
    path = tmp_path / "hotel.db"
    open_once(path, fill)
    location = migrations_plus(tmp_path, LOCK_PROBE)

    report = asyncio.run(migrate(path, location=location))

    assert (report.before, report.after) == (HEAD, "9001")
    assert Path(f"{path}.probe").read_text() == "database is locked"


def test_a_backup_name_already_taken_does_not_crash_the_upgrade(tmp_path):
    """Two desks started in the same second on an older database both back it up under the same
    name (seen 6 times out of 6 with two processes). Here the names of the next two minutes are
    taken in advance, which is the same situation without depending on timing."""
    path = tmp_path / "hotel.db"
    database_at(path, "0001")
    now = datetime.now()
    taken = {backup_name(path, "0001", now + timedelta(seconds=s)) for s in range(-1, 120)}
    for name in taken:
        name.write_bytes(b"an earlier backup")
    old_rows = tables(path)

    try:
        report, _ = open_once(path)
    except FrontDeskError:
        assert tables(path) == old_rows  # refused with a message, nothing changed
    else:
        assert report.backup not in taken and tables(report.backup) == old_rows
    assert all(name.read_bytes() == b"an earlier backup" for name in taken)


# -- files that are refused ---------------------------------------------------------------------

def test_a_database_of_a_newer_frontdesk_is_refused_unchanged(tmp_path):
    path = tmp_path / "hotel.db"
    open_once(path, fill)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff0099'")
    conn.close()
    before = digest(path)

    with pytest.raises(DatabaseTooNew) as caught:
        open_once(path)

    message = str(caught.value)
    assert "newer version of frontdesk" in message
    assert "ffff0099" in message and "It was not changed" in message
    assert caught.value.path == str(path)
    assert digest(path) == before
    assert backups(path) == []


def test_a_refused_newer_database_leaves_no_files_behind(tmp_path):
    path = tmp_path / "hotel.db"
    open_once(path, fill)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff0099'")
    conn.close()
    files = folder(path)

    with pytest.raises(DatabaseTooNew):
        open_once(path)

    assert folder(path) == files


@pytest.mark.parametrize(("content", "phrase"), [
    (b"Guest list\nAnna Ivanova, room 12\n", "it is not a SQLite file"),
    (b"SQLite format 3\x00" + b"\xff" * 2000, "cannot be read as a database"),
], ids=["text-file", "damaged-sqlite"])
def test_a_file_that_is_not_a_database_is_refused_unchanged(tmp_path, content, phrase):
    path = tmp_path / "hotel.db"
    path.write_bytes(content)
    files = folder(path)

    with pytest.raises(DatabaseUnreadable) as caught:
        open_once(path)

    assert phrase in str(caught.value)
    assert "It was not changed" in str(caught.value)
    assert path.read_bytes() == content
    assert folder(path) == files


def test_a_database_of_another_program_is_refused_unchanged(tmp_path):
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)")
        conn.execute("INSERT INTO photos (file) VALUES ('beach.jpg')")
    conn.close()
    before, files = digest(path), folder(path)

    with pytest.raises(DatabaseUnreadable) as caught:
        open_once(path)

    assert "a SQLite database of another program" in str(caught.value)
    assert digest(path) == before
    assert folder(path) == files


# -- the alembic command line -------------------------------------------------------------------

def test_alembic_command_line_from_the_checkout(tmp_path):
    path = tmp_path / "cli.db"
    alembic_cli(path, "upgrade", "head")
    assert f"{HEAD} (head)" in alembic_cli(path, "current")
    assert "No new upgrade operations detected" in alembic_cli(path, "check")
    previous = ScriptDirectory.from_config(alembic_config()).get_revision(HEAD).down_revision
    alembic_cli(path, "downgrade", "-1")
    assert revision(path) == previous
    alembic_cli(path, "upgrade", "head")
    assert revision(path) == HEAD


def projected(path: Path, shape: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Rows of the tables in `shape`, on those columns only."""
    return {t: sorted(query(path, f'SELECT {", ".join(cols)} FROM "{t}"'), key=repr)
            for t, cols in shape.items()}


def test_downgrade_and_upgrade_again_keep_the_data(tmp_path):
    path = tmp_path / "hotel.db"
    open_once(path, fill)
    full = tables(path)
    at_head = {t: columns(path, t) for t in full}
    statistics = query(path, "SELECT * FROM sqlite_stat1 ORDER BY idx")
    assert statistics  # revisions 0003 and 0004 write the planner statistics
    units = query(path, "SELECT hotel_id, room_id, number, floor FROM room_units ORDER BY id")
    assert [u[2] for u in units] == ["101", "102"]

    # Down to the first revision: what later revisions added goes, everything else stays.
    alembic_cli(path, "downgrade", "0001")
    assert revision(path) == "0001"
    first = {t: columns(path, t) for t in tables(path) if t != "alembic_version"}
    assert set(full) - set(first) == {"room_units", "room_blocks", "stay_history",
                                      "alembic_version"}
    lost = {(t, c) for t in first for c in at_head[t] if c not in first[t]}
    assert lost == {("bookings", "cancel_reason"), ("bookings", "unit_id"),
                    ("guests", "phone_key"), ("guests", "email_domain"), ("hotels", "currency"),
                    ("bookings", "planned_date_to")}
    kept = projected(path, first)
    assert kept == {t: sorted((tuple(row[at_head[t].index(c)] for c in first[t])
                               for row in full[t]), key=repr) for t in first}

    # And up again: the same data; physical rooms numbered again from the quantities.
    alembic_cli(path, "upgrade", "head")
    assert revision(path) == HEAD
    assert query(path, "SELECT * FROM sqlite_stat1 ORDER BY idx") == statistics
    assert projected(path, first) == kept
    assert query(path, "SELECT hotel_id, room_id, number, floor FROM room_units "
                       "ORDER BY id") == units
    assert query(path, "SELECT cancel_reason, unit_id FROM bookings") == [(None, None)] * 2
    # Indexes and constraints came back as the models say.
    assert "No new upgrade operations detected" in alembic_cli(path, "check")
    report, _ = open_once(path)
    assert report.backup is None
