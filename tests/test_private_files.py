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
