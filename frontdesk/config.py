"""Where frontdesk keeps its files; computed on demand, never at import time."""

from __future__ import annotations

import errno
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import IO

APP_NAME = "frontdesk"
DB_ENV = "FRONTDESK_DB"
OWNER_ONLY = 0o600  # rw-------: every file frontdesk writes holds guest data


def data_dir() -> Path:
    """The per-user data folder (database, backups, log), created on first use."""
    return private_folder(_data_path())


def _data_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def private_folder(path: Path) -> Path:
    """`path`, made if missing, readable by its owner only (it holds guest data)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)  # also when an older frontdesk made it under a looser umask
    return path


def default_database() -> Path:
    return data_dir() / "frontdesk.db"


def demo_database() -> Path:
    return data_dir() / "demo.db"


def log_file() -> Path:
    """The log's path; the file and its folder are made when the first record is written."""
    return _data_path() / "frontdesk.log"


def resolve_database(arg: str | os.PathLike[str] | None = None) -> str:
    """The database to open: the `--db` argument, else $FRONTDESK_DB, else the user's default."""
    if arg:
        return os.fspath(arg)
    env = os.environ.get(DB_ENV)
    if env:
        return env
    return os.fspath(default_database())


def open_private(path: str | os.PathLike[str], mode: str = "w",
                 encoding: str | None = "utf-8", newline: str | None = None) -> IO:
    """Open a file to write guest data in (a new database, an export, the log): created
    readable by its owner only whatever the umask, or, if it exists, emptied ("w"), appended
    to ("a") or refused ("x", FileExistsError); an existing file is made owner-only too, since
    it is about to hold guest data."""
    flags = os.O_WRONLY | os.O_CREAT | {"w": 0, "a": os.O_APPEND, "x": os.O_EXCL}[mode[0]]
    fd = os.open(path, flags, OWNER_ONLY)
    try:
        set_mode(fd)
        if mode[0] == "w":  # emptied only once it is private (a failure keeps what was there)
            os.ftruncate(fd, 0)
        return open(fd, mode, encoding=encoding, newline=newline)
    except BaseException:
        os.close(fd)
        raise


def set_mode(fd: int, mode: int = OWNER_ONLY) -> None:
    """Give an open file `mode`. A disk without Unix modes (FAT on a USB stick) refuses, as does
    a file of another user: the file stays as private as that disk or owner allows."""
    try:
        os.fchmod(fd, mode)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise


class PrivateLogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file, created (and re-created at each rotation) owner-only, in an
    owner-only folder."""

    def _open(self) -> IO:  # type: ignore[override]
        private_folder(Path(self.baseFilename).parent)
        return open_private(self.baseFilename, self.mode, self.encoding)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        # logging would print its own traceback on the terminal: one line instead, once.
        if not getattr(self, "failed", False):
            self.failed = True
            print(f"frontdesk: the log file {self.baseFilename} could not be written.",
                  file=sys.stderr)


class WithoutTraceback(logging.Formatter):
    """One line a record, for the terminal when the log file cannot be written."""

    def formatException(self, ei) -> str:  # noqa: ANN001, N802 - logging's name
        return ""

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return ""


def setup_logging(*, at_once: bool = True, path: Path | None = None) -> str | None:
    """Send log records (INFO and up) to the log file (`path`, else the user's): the window,
    the command line and the selftest alike. Returns the file's path. With `at_once`, the file
    is opened now, and if it cannot be, records go to the terminal as single lines (never a
    traceback) and None is returned; otherwise the file and its folder are made at the first
    record, so a command that logs nothing leaves no file behind."""
    stop_logging()  # set up again (tests run main() several times)
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    # Alembic's INFO lines (plugins loaded, each step run) would fill the log at every start;
    # frontdesk logs the upgrade itself.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    where: str | None
    try:
        where = str(path or log_file())
        handler: logging.Handler = PrivateLogFile(where, maxBytes=1_000_000, backupCount=3,
                                                  encoding="utf-8", delay=not at_once)
        handler.setFormatter(logging.Formatter(fmt))
    except OSError:
        where = None
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(WithoutTraceback(fmt))
    handler.frontdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return where


def stop_logging() -> None:
    """Close the log that `setup_logging` opened (the selftest's, before its folder goes)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "frontdesk", False)]:
        root.removeHandler(old)
        old.close()
