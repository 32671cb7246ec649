"""Verified copies of a live SQLite database, through SQLite's online backup API.

A copy is written under a hidden temporary name in the target folder, checked, flushed to disk
and only then given its final name, which it never takes from another file: whatever stops a
backup (a kill, a full disk, a damaged source), no file under a backup's name is incomplete.
"""

from __future__ import annotations

import errno
import glob
import logging
import os
import re
import secrets
import socket
import sqlite3
import stat
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from frontdesk.config import OWNER_ONLY, set_mode
from frontdesk.db import faults
from frontdesk.db.integrity import problems, row_counts
from frontdesk.errors import DatabaseError, FrontDeskError

log = logging.getLogger(__name__)

# `.hotel.backup-0007-20261202-093325.db.partial-<pid>-<token>`: hidden, and it never ends
# like a database, so no one takes it for a backup.
PARTIAL = ".partial-"
# The computer's name is in a temporary name: a backup folder may be shared by several desk PCs,
# and only this computer can tell whether one of its own processes is gone.
HOST = re.sub(r"[^A-Za-z0-9_]", "_", socket.gethostname())[:40] or "host"
PARTIAL_PID = re.compile(re.escape(PARTIAL) + re.escape(HOST) + r"-(\d+)-")
READS = (266, 522)  # SQLITE_IOERR_READ, SQLITE_IOERR_SHORT_READ: the source's disk failed


@dataclass(frozen=True)
class Backup:
    """A finished, checked copy: where it is, and the rows it holds by table."""

    path: Path
    counts: dict[str, int]


def backup_name(database: Path, revision: str | None, when: datetime | None = None) -> Path:
    """`hotel.db` at revision 0001 -> `hotel.backup-0001-20261125-101500.db`, next to it."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = f"{database.stem}.backup-{revision or 'none'}-{stamp}{database.suffix}"
    return database.with_name(name)


def backups_of(database: Path) -> list[Path]:
    """The backups named by frontdesk next to `database`, oldest first."""
    pattern = f"{glob.escape(database.stem)}.backup-*{glob.escape(database.suffix)}"
    return sorted(database.parent.glob(pattern), key=lambda p: p.stat().st_mtime_ns)


def backup_sqlite(source: Path, dest: Path, *, numbered: bool = False) -> Backup:
    """Copy `source` to `dest`, safe while other connections use the database. With
    `numbered`, a name already taken becomes `name-2`, `name-3`, ...; without, it is refused.
    The copy is readable by its owner only (and read-only when the source is). Every failure
    is a FrontDeskError whose sentence says why, and leaves no file behind; a damaged source
    is `DatabaseDamaged`."""
    folder = dest.parent
    if not numbered and dest.exists():
        raise _taken(dest)
    _remove_leftovers(folder)
    mode = stat.S_IMODE(source.stat().st_mode) & OWNER_ONLY | stat.S_IRUSR
    partial = dest.with_name(
        f".{dest.name}{PARTIAL}{HOST}-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        counts = _copy(source, partial)
        _verify(partial, counts, folder)
        _flush(partial, mode)
        final = _publish(partial, dest, numbered)
    except (OSError, sqlite3.Error) as exc:
        raise _sentence(exc, source, folder) from exc
    finally:
        partial.unlink(missing_ok=True)  # after a link, the second name; else half a copy
    _flush_folder(folder)
    return Backup(final, counts)


def _copy(source: Path, partial: Path) -> dict[str, int]:
    """Check the source, count its rows and copy it in one read transaction (one snapshot,
    whatever other desks write meanwhile); return the counts."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        src.execute("BEGIN")
        if problems(src, full=False, limit=1):
            raise faults.damaged(str(source))
        counts = row_counts(src)
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY)
        os.close(fd)
        out = sqlite3.connect(partial)
        try:
            # A scratch file until it is checked: no journal that a kill would leave beside it.
            out.execute("PRAGMA journal_mode = OFF")
            src.backup(out)  # all pages in one step, inside the read transaction above
        finally:
            out.close()
        return counts
    finally:
        src.close()


def _verify(partial: Path, counts: dict[str, int], folder: Path) -> None:
    """Read the copy back as it is on disk (`immutable`: no journal or WAL files beside it):
    SQLite's quick check, and every table with the source's row count."""
    try:
        copy = sqlite3.connect(f"{partial.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            intact = not problems(copy, full=False, limit=1) and row_counts(copy) == counts
        finally:
            copy.close()
    except sqlite3.DatabaseError:
        intact = False
    if not intact:
        raise DatabaseError(
            f"The copy written in {folder} did not read back intact (the disk there may be "
            "failing). No backup was kept; try another disk or folder.", str(folder))


def _flush(partial: Path, mode: int) -> None:
    fd = os.open(partial, os.O_RDWR)
    try:
        set_mode(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(partial: Path, dest: Path, numbered: bool) -> Path:
    """Give the checked copy its final name, never replacing a file: a hard link fails when
    the name exists, so two backups in the same second both get a name of their own."""
    candidate, n = dest, 1
    while True:
        try:
            os.link(partial, candidate)
            return candidate
        except FileExistsError:
            pass
        except OSError:
            # No hard links on this disk (a FAT-formatted stick): a rename, which on Windows never
            # replaces a file and elsewhere could only replace one named in this very instant.
            if not candidate.exists():
                os.rename(partial, candidate)
                return candidate
        if not numbered:
            raise _taken(dest)
        n += 1
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")


def _flush_folder(folder: Path) -> None:
    """Make the new name itself durable. Windows cannot open a folder, and some file systems
    refuse to flush one: the copy is complete either way."""
    if os.name == "nt":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_leftovers(folder: Path) -> None:
    """Delete the temporary files of backups killed on this computer: their process is gone.
    Windows keeps them (its os.kill would end a live process instead of asking about it)."""
    if os.name == "nt":
        return
    for leftover in folder.glob(f".*{PARTIAL}*"):
        found = PARTIAL_PID.search(leftover.name)
        if found is None:
            continue
        try:
            os.kill(int(found[1]), 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except (OSError, OverflowError):
            pass  # alive under another user, or not a pid: not ours to remove


def _taken(dest: Path) -> DatabaseError:
    return DatabaseError(f"{dest} already exists. Nothing was copied; choose another name, or "
                         "give a folder and frontdesk names the copy.", str(dest))


def _sentence(error: OSError | sqlite3.Error, source: Path, folder: Path) -> FrontDeskError:
    """Why a backup failed. The source is only read, so a full disk or a failed write is the
    backup folder's; other database errors are the source's (faults has their sentences)."""
    log.warning("backup of a database failed: %s (sqlite code %s)", type(error).__name__,
                getattr(error, "sqlite_errorcode", None))
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return faults.full(str(folder))
        return _unwritable(folder, error.strerror or "the system refused")
    code = faults.sqlite_code(error)
    if code == faults.SQLITE_FULL:
        return faults.full(str(folder))
    if code == faults.SQLITE_IOERR and getattr(error, "sqlite_errorcode", None) not in READS:
        return _unwritable(folder, "a disk or network error")
    return faults.translate(error, str(source)) or DatabaseError(
        f"The backup of {source} failed unexpectedly. No backup was made; try again, and if it "
        "happens again call your support.", str(source))


def _unwritable(folder: Path, why: str) -> DatabaseError:
    return DatabaseError(
        f"The backup could not be written in {folder} ({why}). No backup was made; check that "
        "the folder is writable and has free space, or choose another one, then try again.",
        str(folder))
