"""Backups are complete or absent, never half: each copy is checked before it takes a name of its
own (two in the same second both succeed), a failure leaves no file and says why, and a damaged
database is found by `frontdesk check` and refused by `backup` and by the pre-upgrade backup.
Damage is real: pages of a seeded file overwritten with random bytes, as a failing disk does."""

from __future__ import annotations

import asyncio
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dbhelpers import downgrade, query
from test_cli_safety import cli, digest, listing, mode, refused

from frontdesk import open_desk
from frontdesk.db.backup import HOST, backup_name
from frontdesk.db.migrate import migrate
from frontdesk.errors import DatabaseDamaged
from frontdesk.seed import seed_database
from frontdesk.sizes import SeedSize

HEAD = "0007"
OLDER = "0006"
DAMAGED = "is damaged, so frontdesk writes nothing more to it"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A database at head with some of everything (4,000 bookings), made once per module."""
    path = tmp_path_factory.mktemp("seeded") / "hotel.db"
    asyncio.run(seed_database(str(path), SeedSize(hotels=3, room_types=9, guests=500,
                                                  bookings=4_000, random_seed=10)))
    return path


@pytest.fixture
def db(seeded: Path, tmp_path: Path) -> Path:
    path = tmp_path / "hotel.db"
    shutil.copyfile(seeded, path)
    return path


def damage(path: Path, pages: int = 40, seed: int = 10) -> None:
    """Overwrite `pages` random pages with random bytes. Never page 1, the schema or
    alembic_version, so the file still opens as frontdesk's; always the root page of the bookings
    table, so that every read of a booking meets the damage."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    with sqlite3.connect(uri, uri=True) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        spared = {n for (n,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name IN ('sqlite_schema', 'alembic_version')")}
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'bookings'"
                               ).fetchone()
        count = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    rng = random.Random(seed)
    others = [n for n in range(2, count + 1) if n not in spared and n != root]
    with path.open("r+b") as fh:
        for page in [root, *rng.sample(others, pages - 1)]:
            fh.seek((page - 1) * size)
            fh.write(rng.randbytes(size))


def files(folder: Path) -> set[str]:
    """The folder's file names, without SQLite's -wal/-shm files (reading a WAL database makes
    them) and the data folder (where the log says what failed), with their contents' digests."""
    return {f"{name}={sha}" for name, sha in listing(folder).items()
            if not name.endswith(("-wal", "-shm")) and name.split("/")[0] != "data"}


# -- item 12: two backups in one folder in the same second ---------------------------------------

def test_a_backup_whose_name_is_taken_gets_a_number_and_never_replaces_a_file(db, tmp_path):
    """The names of the next two minutes' backups are taken in advance: the same situation as two
    backups in the same second, without depending on timing."""
    now = datetime.now()
    taken = {backup_name(db, HEAD, now + timedelta(seconds=s)) for s in range(-1, 120)}
    for name in taken:
        name.write_bytes(b"an earlier backup")

    first = cli(tmp_path, "backup", "--db", str(db))
    second = cli(tmp_path, "backup", "--db", str(db))

    assert first.returncode == 0 and second.returncode == 0, (first.stderr, second.stderr)
    made = sorted(set(tmp_path.glob("hotel.backup-*.db")) - taken)
    assert len(made) == 2  # numbered after the name taken: hotel.backup-0007-<time>-2.db
    assert all(p.with_name(p.name.rsplit("-", 1)[0] + ".db") in taken for p in made)
    assert all(name.read_bytes() == b"an earlier backup" for name in taken)
    for copy in made:
        assert str(copy) in (first.stdout + second.stdout)
        assert query(copy, "SELECT count(*) FROM bookings") == [(4_000,)]


def test_two_backups_started_together_both_succeed(db, tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    runs = [subprocess.Popen([sys.executable, "-m", "frontdesk", "backup", "--db", str(db)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outcomes = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    for run in runs:
        run.stdout.close()
        run.stderr.close()
    assert outcomes == [(0, ""), (0, "")]
    assert len(list(tmp_path.glob("hotel.backup-*.db"))) == 2


# -- item 3: checked, owner-only, and nothing left by a failure ----------------------------------

def test_a_backup_says_what_it_checked_and_keeps_the_sources_stricter_mode(db, tmp_path):
    db.chmod(0o444)  # a read-only database can still be backed up; its copy stays read-only
    dest = tmp_path / "copies"
    dest.mkdir()
    done = cli(tmp_path, "backup", str(dest), "--db", str(db))
    assert done.returncode == 0, done.stderr
    (copy,) = dest.iterdir()
    assert mode(copy) == 0o400
    assert "the copy was checked and holds 3 hotels, 9 room types" in done.stdout
    assert "and 4,000 bookings" in done.stdout


def limited_to(size: int):
    """A file-size limit for a child process: its writes beyond `size` fail, as on a full disk."""
    return lambda: (os.umask(0o022), resource.setrlimit(resource.RLIMIT_FSIZE, (size, size)))


def test_a_backup_that_cannot_be_written_leaves_no_file_and_says_why(db, tmp_path):
    dest = tmp_path / "stick"
    dest.mkdir()
    done = subprocess.run([sys.executable, "-m", "frontdesk", "backup", str(dest), "--db",
                           str(db)], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data")),
                          preexec_fn=limited_to(200_000))
    refused(done, f"The backup could not be written in {dest}", "No backup was made")
    assert list(dest.iterdir()) == []


def test_an_upgrade_whose_backup_cannot_be_written_changes_nothing(db, tmp_path):
    downgrade(db, OLDER)
    before = files(tmp_path)
    done = subprocess.run([sys.executable, "-m", "frontdesk", "migrate", "--db", str(db)],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data")),
                          preexec_fn=limited_to(200_000))
    refused(done, f"The database {db} needs an upgrade, but the backup taken first failed, so "
                  "nothing was changed.", f"could not be written in {tmp_path}")
    assert files(tmp_path) == before


def test_the_leftovers_of_a_killed_backup_are_not_backups_and_are_removed(db, tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    name = backup_name(db, HEAD).name
    dead = tmp_path / f".{name}.partial-{HOST}-{gone}-0a1b2c3d"
    alive = tmp_path / f".{name}.partial-{HOST}-{os.getpid()}-0a1b2c3d"  # still running
    # In a folder shared by several desk PCs: another computer's backup, maybe running.
    elsewhere = tmp_path / f".{name}.partial-desk2-{gone}-0a1b2c3d"
    for leftover in (dead, alive, elsewhere):
        leftover.write_bytes(b"half a copy")
    assert cli(tmp_path, "backup", "--db", str(db)).returncode == 0
    assert not dead.exists() and alive.exists() and elsewhere.exists()
    (copy,) = tmp_path.glob("hotel.backup-*.db")
    assert query(copy, "SELECT count(*) FROM bookings") == [(4_000,)]


# -- item 5: damage is detected ------------------------------------------------------------------

def test_check_says_ok_with_the_revision_and_counts_and_changes_nothing(db, tmp_path):
    before = listing(tmp_path)
    done = cli(tmp_path, "check", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"ok: {db} is intact")
    assert f"Schema revision {HEAD}; it holds 3 hotels, 9 room types" in done.stdout
    assert "500 guests and 4,000 bookings." in done.stdout
    assert listing(tmp_path) == before


@pytest.mark.parametrize("content", [b"a letter, not a database\n", "other-program"])
def test_check_refuses_a_file_that_is_not_frontdesks_instead_of_calling_it_damaged(
        tmp_path, content):
    """A restore over the wrong file would follow: it is not a damaged frontdesk database."""
    other = tmp_path / "other.db"
    if content == "other-program":
        with closing(sqlite3.connect(other)) as conn:
            conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
            conn.commit()
    else:
        other.write_bytes(content)
    before = files(tmp_path)
    message = refused(cli(tmp_path, "check", "--db", str(other)), "is not a frontdesk database")
    assert "damaged" not in message
    assert files(tmp_path) == before


def test_a_damaged_database_is_found_by_check_and_refused_by_backup(db, tmp_path):
    guests = [name for (name,) in query(db, "SELECT full_name FROM guests")]
    assert cli(tmp_path, "backup", "--db", str(db)).returncode == 0  # the last good one
    damage(db)
    before, sha = files(tmp_path), digest(db)

    found = cli(tmp_path, "check", "--db", str(db))
    message = refused(found, f"The database {db} {DAMAGED}", "Restore the last good backup",
                      "What SQLite's integrity check found first:\n  ")
    assert "page" in message.split("found first:")[1].lower()  # SQLite names the broken pages
    (newest,) = tmp_path.glob("hotel.backup-*.db")
    assert f"The newest backup next to it is {newest}." in message
    assert not any(name in message for name in guests)

    refused(cli(tmp_path, "backup", "--db", str(db)), f"The database {db} {DAMAGED}")
    refused(cli(tmp_path, "backup", str(tmp_path / "named.db"), "--db", str(db)), DAMAGED)
    assert files(tmp_path) == before and digest(db) == sha  # no copy, no temporary file

    async def read() -> None:
        async with open_desk(db) as desk:
            await desk.list_bookings(limit=500)

    with pytest.raises(DatabaseDamaged, match=DAMAGED):
        asyncio.run(read())


def test_a_damaged_older_database_is_not_upgraded(db, tmp_path):
    downgrade(db, OLDER)
    damage(db)
    before, sha = files(tmp_path), digest(db)
    with pytest.raises(DatabaseDamaged) as caught:
        asyncio.run(migrate(str(db)))
    assert str(caught.value).startswith(f"The database {db} {DAMAGED}")
    assert files(tmp_path) == before and digest(db) == sha  # not upgraded, no backup written
