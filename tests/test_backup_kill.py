"""kill -9 at random moments during `frontdesk backup`, and during `frontdesk migrate` of an
older database (which backs it up first), on 300,000 bookings: after every kill, each file under
a backup's name is a complete backup (it opens read-only, passes SQLite's quick check and holds
every table with the right row count), nothing else lies beside it but hidden temporary files,
and the database is intact. The real CLI runs in a subprocess, as a receptionist's would."""

from __future__ import annotations

import asyncio
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dbhelpers import downgrade

from frontdesk.seed import seed_database
from frontdesk.sizes import SeedSize

pytestmark = pytest.mark.slow

HEAD, OLDER = "0007", "0006"
ROUNDS = 25
BOOKINGS = 300_000


def rows(conn: sqlite3.Connection) -> dict[str, int]:
    """SQLite's quick check must pass; then the rows of every table."""
    assert conn.execute("PRAGMA quick_check(1)").fetchall() == [("ok",)]
    tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def read_only(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return rows(conn)
    finally:
        conn.close()


def reopened(path: Path) -> dict[str, int]:
    """The database as the next start of frontdesk finds it (SQLite recovers its WAL)."""
    conn = sqlite3.connect(path)
    try:
        return rows(conn)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """300,000 bookings at head, made once (the seeder's bulk load: some 15 s)."""
    path = tmp_path_factory.mktemp("big") / "hotel.db"
    asyncio.run(seed_database(str(path), SeedSize(hotels=20, room_types=400, guests=20_000,
                                                  bookings=BOOKINGS, random_seed=3)))
    return path


@pytest.fixture(scope="module")
def big_older(big: Path, tmp_path_factory) -> Path:
    """The same bookings at the revision before head (taking 0007 back takes a second)."""
    path = tmp_path_factory.mktemp("older") / "hotel.db"
    shutil.copyfile(big, path)
    downgrade(path, OLDER)
    return path


class Folder:
    """The database's folder, checked after each kill."""

    def __init__(self, db: Path, expected: dict[str, dict[str, int]]) -> None:
        self.db, self.expected = db, expected
        self.backup = re.compile(rf"{db.stem}\.backup-(\d{{4}})-\d{{8}}-\d{{6}}(-\d+)?\.db")
        self.seen: set[tuple] = set()
        self.broken: list[str] = []
        self.complete = 0
        self.killed_mid_copy = 0  # rounds after which a temporary file was left

    def check(self, round_: int) -> None:
        # The database, and the data folder where the CLI's log tells what each run did.
        own = {self.db.name, f"{self.db.name}-wal", f"{self.db.name}-shm", "data"}
        self.killed_mid_copy += bool(self.leftovers())
        for path in sorted(self.db.parent.iterdir()):
            if path.name in own or re.fullmatch(r"\..+\.partial-\w+-\d+-[0-9a-f]+", path.name):
                continue  # the database, or a hidden temporary file: never taken for a backup
            info = path.stat()
            key = (path.name, info.st_ino, info.st_size, info.st_mtime_ns)
            if key in self.seen:
                continue
            self.seen.add(key)
            named = self.backup.fullmatch(path.name)
            if named is None:
                self.broken.append(f"round {round_}: {path.name} ({info.st_size} bytes) beside "
                                   "the backups")
                continue
            try:
                found = read_only(path)
            except (sqlite3.Error, AssertionError) as exc:
                found = f"{type(exc).__name__}: {exc}"
            if found != self.expected[named[1]]:
                self.broken.append(f"round {round_}: {path.name} ({info.st_size:,} bytes) is not "
                                   f"a complete backup: {str(found)[:120]}")
            else:
                self.complete += 1

    def leftovers(self) -> list[str]:
        return [p.name for p in self.db.parent.iterdir() if ".partial-" in p.name]


def kill_loop(command: list[str], db: Path, fresh: Path, folder: Folder, tmp_path: Path,
              restore_when: str | None) -> None:
    """Time one full run, then start the command ROUNDS times and kill -9 it at a random moment
    of that span. `restore_when`: put a fresh copy back once the database reaches it."""
    env = {k: v for k, v in os.environ.items() if k != "FRONTDESK_DB"}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))

    def start() -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "frontdesk", *command, "--db", str(db)],
                                env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)

    def restore() -> None:
        for extra in (f"{db.name}-wal", f"{db.name}-shm"):
            db.with_name(extra).unlink(missing_ok=True)
        shutil.copyfile(fresh, db)

    restore()
    began = time.monotonic()
    run = start()
    _, err = run.communicate(timeout=120)
    span = time.monotonic() - began
    assert run.returncode == 0, err
    folder.check(0)
    rng = random.Random(2026)
    now = reopened(db)
    for round_ in range(1, ROUNDS + 1):
        if restore_when and now == folder.expected[restore_when]:
            restore()
        run = start()
        # Past the first quarter of the span (the interpreter starting), where files are written.
        time.sleep(rng.uniform(span / 4, span))
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=60)
        folder.check(round_)
        now = reopened(db)
        assert now in folder.expected.values(), f"round {round_}: the database"
    print(f"\n{' '.join(command)}: one run {span:.2f} s; {folder.complete} complete backups, "
          f"{len(folder.broken)} broken; {folder.killed_mid_copy} kills left a temporary file")
    assert not folder.broken, "\n".join(folder.broken)


def test_kill_9_during_backup_never_leaves_a_broken_backup(big, tmp_path):
    db = tmp_path / "hotel.db"
    folder = Folder(db, {HEAD: read_only(big)})
    kill_loop(["backup"], db, big, folder, tmp_path, restore_when=None)
    # The next backup removes what the killed ones left, and is itself complete.
    run = subprocess.run([sys.executable, "-m", "frontdesk", "backup", "--db", str(db)],
                         capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data")))
    assert run.returncode == 0, run.stderr
    folder.check(ROUNDS + 1)
    assert folder.leftovers() == [] and not folder.broken


def test_kill_9_during_migrate_never_leaves_a_broken_backup(big, big_older, tmp_path):
    db = tmp_path / "hotel.db"
    folder = Folder(db, {HEAD: read_only(big), OLDER: read_only(big_older)})
    kill_loop(["migrate"], db, big_older, folder, tmp_path, restore_when=HEAD)
