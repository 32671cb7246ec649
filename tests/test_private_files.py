"""Issue 10, item 7: guest data is readable by its owner only. A new database and its WAL and
shared-memory files, the data folder and whatever the program writes next (the log, exports)
are private whatever the umask."""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
from pathlib import Path

from frontdesk import open_desk


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_wal_are_the_owners_only(tmp_path: Path) -> None:
    db = tmp_path / "hotel.db"
    old = os.umask(0o022)   # a common desktop umask: files 0644
    try:
        async def main() -> None:
            async with open_desk(db) as desk:
                await desk.add_hotel("Birch", "Kazan", 3)
                assert mode(db.with_name("hotel.db-wal")) == 0o600
                assert mode(db.with_name("hotel.db-shm")) == 0o600
        asyncio.run(main())
    finally:
        os.umask(old)
    assert mode(db) == 0o600


def test_the_cli_keeps_its_data_folder_log_and_database_private(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("FRONTDESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o022); from frontdesk.cli import main;"
         " code = main(['migrate']);"
         # Whatever the process writes next (the log, an export) is private too.
         " open(os.path.join(os.environ['XDG_DATA_HOME'], 'later.txt'), 'w').close();"
         " sys.exit(code)"],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "data" / "frontdesk"
    assert mode(folder) == 0o700
    assert mode(folder / "frontdesk.db") == 0o600
    assert mode(tmp_path / "data" / "later.txt") == 0o600


def run_with_umask_022(tmp_path: Path, code: str) -> None:
    """Run `code` in a fresh Python with umask 022 and its data folder under `tmp_path`."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", f"import os; os.umask(0o022); {code}"],
                          env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_log_file_is_the_owners_only_whatever_the_umask(tmp_path: Path) -> None:
    """The window and the command line set up the same log; a script, a desktop session or an
    older frontdesk may have left a looser umask or a looser file and folder."""
    folder = tmp_path / "data" / "frontdesk"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    older = folder / "frontdesk.log"
    older.write_text("an older log\n")
    older.chmod(0o644)

    run_with_umask_022(tmp_path, "import logging; from frontdesk.config import setup_logging; "
                       "setup_logging(); logging.getLogger('x').warning('first'); "
                       "[h.doRollover() for h in logging.getLogger().handlers "
                       " if hasattr(h, 'doRollover')]; logging.getLogger('x').warning('next')")

    assert mode(folder) == 0o700
    assert mode(folder / "frontdesk.log") == 0o600  # the new one, after rolling over
    assert mode(folder / "frontdesk.log.1") == 0o600  # the older one, made private
    assert "first" in (folder / "frontdesk.log.1").read_text()
    assert "next" in (folder / "frontdesk.log").read_text()


def test_a_new_log_file_is_the_owners_only_whatever_the_umask(tmp_path: Path) -> None:
    run_with_umask_022(tmp_path, "from frontdesk.config import setup_logging; "
                       "setup_logging()")
    assert mode(tmp_path / "data" / "frontdesk") == 0o700
    assert mode(tmp_path / "data" / "frontdesk" / "frontdesk.log") == 0o600


def test_a_backup_is_the_owners_only_whatever_the_umask(tmp_path: Path) -> None:
    from frontdesk.db.backup import backup_sqlite

    db = tmp_path / "hotel.db"
    asyncio.run(migrate_only(db))
    old = os.umask(0o022)
    try:
        copy = backup_sqlite(db, tmp_path / "copy.db").path
    finally:
        os.umask(old)
    assert mode(copy) == 0o600


async def migrate_only(db: Path) -> None:
    async with open_desk(db):
        pass
