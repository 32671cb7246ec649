"""Issue 10, item 6: odd database targets get a sentence, exit code 2 and no traceback, and
nothing is created anywhere: a dangling symbolic link, a device or a pipe, an in-memory URL, a
server URL whose driver is not installed (its password never shown), a full disk. The CLI runs
in subprocesses (`python -m frontdesk`); scripts go through open_desk."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from dbhelpers import cli, database_at, listing, refused
from sqlalchemy import event

from frontdesk import open_desk
from frontdesk.errors import DatabaseError, DiskFull

TINY = ["--hotels", "1", "--room-types", "1", "--guests", "1", "--bookings", "1"]
COMMANDS = {"migrate": ["migrate"], "backup": ["backup"], "seed": ["seed", *TINY]}


@pytest.fixture(params=list(COMMANDS))
def command(request) -> list[str]:
    return COMMANDS[request.param]


def open_and_add_a_hotel(target: str | Path) -> None:
    async def main() -> None:
        async with open_desk(target) as desk:
            await desk.add_hotel("Birch", "Kazan", 3)

    asyncio.run(main())


# -- files that are not regular database files -------------------------------------------------

def test_a_dangling_link_is_refused_and_its_target_not_created(tmp_path, command):
    (tmp_path / "place").mkdir()
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "place" / "hotel.db"
    target = tmp_path / "elsewhere" / "moved.db"
    link.symlink_to(target)
    before = listing(tmp_path)

    refused(cli(tmp_path, *command, "--db", str(link)), f"{link} points to {target}",
            "does not exist")

    assert listing(tmp_path) == before
    with pytest.raises(DatabaseError, match="does not exist"):
        open_and_add_a_hotel(link)
    assert listing(tmp_path) == before


def test_a_link_to_a_database_is_followed(tmp_path):
    real = tmp_path / "real.db"
    open_and_add_a_hotel(real)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    done = cli(tmp_path, "migrate", "--db", str(link))
    assert done.returncode == 0, done.stderr
    assert "is up to date" in done.stdout


def test_a_pipe_is_refused_and_never_written(tmp_path, command):
    pipe = tmp_path / "place" / "hotel.db"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    before = listing(tmp_path)

    refused(cli(tmp_path, *command, "--db", str(pipe)), f"{pipe} is not a regular file")

    assert listing(tmp_path) == before


def test_a_device_is_refused_and_nothing_written_beside_it(tmp_path, command):
    devices = set(os.listdir("/dev"))

    refused(cli(tmp_path, *command, "--db", "/dev/null"), "/dev/null is not a regular file")

    assert set(os.listdir("/dev")) == devices
    with pytest.raises(DatabaseError, match="not a regular file"):
        open_and_add_a_hotel("/dev/null")
    assert set(os.listdir("/dev")) == devices


# -- URLs frontdesk cannot keep bookings in ------------------------------------------------------

@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:",
                                 "sqlite+aiosqlite:///file:hotel?mode=memory&uri=true"])
def test_an_in_memory_database_is_refused(tmp_path, command, url):
    before = listing(tmp_path)

    done = cli(tmp_path, *command, "--db", url)

    refused(done, "in memory", "lost when frontdesk closes")
    assert done.stdout == ""  # not "sqlite:// was created at schema revision ..."
    assert all(name.startswith("data") for name in set(listing(tmp_path)) - set(before))
    with pytest.raises(DatabaseError, match="in memory"):
        open_and_add_a_hotel(url)


def test_a_server_url_without_its_driver_is_a_sentence_without_the_password(tmp_path, command):
    url = "postgresql+asyncpg://desk:s3cret-pw@db.example/hotel"
    message = refused(cli(tmp_path, *command, "--db", url), "asyncpg", "is not installed")
    assert "desk:***@db.example/hotel" in message
    log = tmp_path / "data" / "frontdesk" / "frontdesk.log"
    assert "s3cret-pw" not in message + (log.read_text() if log.exists() else "")
    with pytest.raises(DatabaseError) as caught:
        open_and_add_a_hotel(url)
    assert "s3cret-pw" not in str(caught.value) and "asyncpg" in str(caught.value)


def test_a_server_url_without_an_asyncio_driver_says_which_to_use(tmp_path):
    message = refused(cli(tmp_path, "migrate", "--db", "postgresql://desk:pw@db.example/h"))
    assert "postgresql+asyncpg://" in message and ":pw@" not in message


# -- a full disk --------------------------------------------------------------------------------

def test_a_full_disk_during_a_write_is_a_sentence_and_saves_nothing(tmp_path):
    """SQLite's max_page_count caps the file where it stands: the next page it needs is a
    full disk to it (SQLITE_FULL), as a real full disk is."""
    db = tmp_path / "hotel.db"
    open_and_add_a_hotel(db)

    async def main() -> None:
        async with open_desk(db) as desk:
            @event.listens_for(desk.engine.sync_engine, "connect")
            def cap(dbapi_connection, _record):
                cursor = dbapi_connection.cursor()
                cursor.execute("PRAGMA page_count")
                pages = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA max_page_count = {pages}")
                cursor.close()

            hotel = (await desk.list_hotels())[0]
            for n in range(200):
                await desk.add_room(hotel.id, f"Room type {n} " + "x" * 50, 10_000, 2)

    with pytest.raises(DiskFull) as caught:
        asyncio.run(main())
    assert "The disk holding" in str(caught.value) and "is full" in str(caught.value)
    assert "Nothing was saved" in str(caught.value)


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KiB file system; skipped where this user cannot mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


@pytest.mark.parametrize("args", [["migrate"], ["seed", "--hotels", "2", "--room-types", "2",
                                                "--guests", "3000", "--bookings", "3000"]],
                         ids=["migrate", "seed"])
def test_a_full_disk_on_the_command_line_is_a_sentence(tmp_path, small_disk, args):
    filler = small_disk / "filler"
    if args == ["migrate"]:
        filler.write_bytes(b"\0" * (256 * 1024 - 40 * 1024))  # room for less than the schema
    db = small_disk / "hotel.db"
    refused(cli(tmp_path, *args, "--db", str(db)), f"The disk holding {db} is full",
            "Nothing was saved")


# -- the command line's log ------------------------------------------------------------------

def test_a_logged_traceback_goes_to_the_log_file_not_the_terminal(tmp_path):
    """A failed upgrade logs its traceback (log.exception); without a handler, logging's last
    resort printed it on stderr above the sentence."""
    db = tmp_path / "old.db"
    database_at(db, "0001")
    with sqlite3.connect(db) as conn:  # a room of a hotel that is not there: the upgrade fails
        conn.execute("INSERT INTO rooms (hotel_id, name, description, price, quantity, capacity)"
                     " VALUES (99, 'Double', '', 100, 1, 2)")
    conn.close()

    message = refused(cli(tmp_path, "migrate", "--db", str(db)), "Nothing was changed")

    assert message.count("\n") == 1  # one sentence, nothing logged above it
    log = (tmp_path / "data" / "frontdesk" / "frontdesk.log").read_text()
    assert "Traceback" in log and "upgrade of" in log
