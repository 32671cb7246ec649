"""The command line: open the GUI (default), migrate, backup, check, seed, bench."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from frontdesk import __version__
from frontdesk.config import DB_ENV


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontdesk",
        description="Front-desk program for hotels. With no command, opens the reception window.",
        epilog=f"The database is --db, else ${DB_ENV}, else frontdesk.db in your data folder.",
    )
    parser.add_argument("--version", action="version", version=f"frontdesk {__version__}")
    db_help = "database file or SQLAlchemy URL"
    parser.add_argument("--db", metavar="PATH", help=db_help)
    parser.add_argument("--demo", action="store_true",
                        help="open a demo database (created and filled on first use)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    migrate = sub.add_parser("migrate", help="bring the database to the current schema")
    migrate.add_argument("--db", metavar="PATH", help=db_help, default=argparse.SUPPRESS)

    backup = sub.add_parser("backup", help="copy the database as it is (never upgraded; only "
                                           "you can read the copy), even while it is in use")
    backup.add_argument("dest", nargs="?", help="file or folder (default: next to the database)")
    backup.add_argument("--db", metavar="PATH", help=db_help, default=argparse.SUPPRESS)

    check = sub.add_parser("check", help="check the database file for damage, read-only (exit "
                                         "code 0 intact, 2 damaged)")
    check.add_argument("--db", metavar="PATH", help=db_help, default=argparse.SUPPRESS)

    seed = sub.add_parser("seed", help="fill a new or empty database with realistic test data")
    seed.add_argument("--db", metavar="PATH", help=db_help, default=argparse.SUPPRESS)
    add_size_options(seed)

    sub.add_parser("selftest", help="check this installation end to end on a temporary database")

    bench = sub.add_parser("bench", help="measure the main operations on a large database")
    bench.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                       help="benchmark database (default: a cached file in the data folder)")
    add_size_options(bench)
    bench.add_argument("--repeat", type=int, default=200, help="timed runs per operation")
    bench.add_argument("--json", action="store_true", help="print the results as JSON")
    bench.add_argument("--load", action="store_true",
                       help="instead: 4 writer and 4 reader processes at once on a copy of --db "
                            "(or a new database of the given size); write latencies and failures")
    bench.add_argument("--seconds", type=float, default=30, help="how long --load runs")
    bench.add_argument("--writers", type=int, default=4, help="writer processes of --load")
    bench.add_argument("--readers", type=int, default=4, help="reader processes of --load")
    return parser


def add_size_options(parser: argparse.ArgumentParser) -> None:
    from frontdesk.sizes import SeedSize

    default = SeedSize()
    parser.add_argument("--hotels", type=int, default=default.hotels)
    parser.add_argument("--room-types", type=int, default=default.room_types)
    parser.add_argument("--guests", type=int, default=default.guests)
    parser.add_argument("--bookings", type=int, default=default.bookings)
    parser.add_argument("--random-seed", type=int, default=default.random_seed)


def size_from(args: argparse.Namespace):  # -> SeedSize
    from frontdesk.sizes import SeedSize

    return SeedSize(hotels=args.hotels, room_types=args.room_types, guests=args.guests,
                    bookings=args.bookings, random_seed=args.random_seed)


def main(argv: Sequence[str] | None = None) -> int:
    # Everything frontdesk writes (database, WAL, backups, exports, the log) holds guest data:
    # readable by the user who runs it only, whatever umask the desktop session gave.
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    if args.command is None:
        return run_gui(args)
    from frontdesk.config import setup_logging
    from frontdesk.errors import FrontDeskError

    # Records (and their tracebacks) go to the log file, never to the terminal as a dump. The
    # selftest keeps its own log in its temporary folder and leaves the user's files alone.
    log_path = None if args.command == "selftest" else setup_logging(at_once=False)

    try:
        if args.command == "migrate":
            return asyncio.run(cmd_migrate(args))
        if args.command == "backup":
            return asyncio.run(cmd_backup(args))
        if args.command == "check":
            return asyncio.run(cmd_check(args))
        if args.command == "seed":
            return asyncio.run(cmd_seed(args))
        if args.command == "selftest":
            from frontdesk.ui.selftest import run_selftest

            return run_selftest(args)
        if args.command == "bench":
            from frontdesk.bench import run_bench
            from frontdesk.loadbench import run_load

            if getattr(args, "db", None):
                check_target(args.db)
            return run_load(args) if args.load else run_bench(args)
    except FrontDeskError as exc:
        print(f"frontdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("frontdesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a sentence on the terminal, the traceback logged
        # The first line only: a database error's next lines hold the SQL and its values.
        what = (str(exc).splitlines() or [""])[0][:200]
        logging.getLogger(__name__).error("%s failed unexpectedly", args.command, exc_info=exc)
        details = f" The details were written to {log_path}." if log_path else ""
        print(f"frontdesk: {args.command} failed unexpectedly ({type(exc).__name__}: {what})."
              f"{details}", file=sys.stderr)
        return 1
    raise AssertionError(args.command)


def target_from(args: argparse.Namespace) -> str:
    """The database a command works on: --demo's, else --db, else $FRONTDESK_DB, else the
    user's own; every command chooses it this way."""
    from frontdesk.config import demo_database, resolve_database
    from frontdesk.errors import ValidationError

    if args.demo:
        if getattr(args, "db", None):
            raise ValidationError("db", "Give either --demo or --db, not both.")
        return str(demo_database())
    return resolve_database(args.db)


def check_target(target: str) -> None:
    """Refuse, with a sentence, a database path that is a folder or lies in a missing folder."""
    from frontdesk.db.engine import database_url, sqlite_path
    from frontdesk.db.migrate import check_place

    path = sqlite_path(database_url(target))
    if path is not None:
        check_place(path)


def run_gui(args: argparse.Namespace) -> int:
    from frontdesk.app import run

    return run(args.db, args.demo)


async def cmd_migrate(args: argparse.Namespace) -> int:
    from frontdesk.db.migrate import migrate

    target = target_from(args)
    report = await migrate(target)
    if not report.upgraded:
        print(f"{target} is up to date (schema revision {report.after}).")
    elif report.before is None:
        print(f"{target} was created at schema revision {report.after}.")
    else:
        print(f"{target} was upgraded from schema revision {report.before} to {report.after}; "
              f"the copy taken before is {report.backup}.")
    return 0


async def cmd_backup(args: argparse.Namespace) -> int:
    """A copy of the database exactly as it is: never migrated, readable by the owner only,
    checked before it takes its name."""
    from frontdesk.db.backup import backup_name, backup_sqlite
    from frontdesk.db.integrity import counted
    from frontdesk.db.migrate import stamped_revision
    from frontdesk.errors import DatabaseError

    path = existing_database(args)
    # Read-only: refuses files that are not frontdesk databases, names the copy by revision.
    revision = await asyncio.to_thread(stamped_revision, path)
    dest = Path(args.dest) if args.dest else path.parent
    named = dest.is_dir()  # frontdesk names the copy, numbered if a backup took the name
    if named:
        dest = dest / backup_name(path, revision).name
    elif args.dest.endswith(("/", os.sep)):
        raise DatabaseError(f"The folder {dest} does not exist. Nothing was copied; check the "
                            "path for a typo, or create the folder first.", str(dest))
    elif not dest.parent.is_dir():
        raise DatabaseError(f"The folder {dest.parent} does not exist, so {dest.name} cannot be "
                            "written there. Nothing was copied; check the path for a typo, or "
                            "create the folder first.", str(dest))
    copy = await asyncio.to_thread(backup_sqlite, path, dest, numbered=named)
    print(f"Backed up {path} to {copy.path}; the copy was checked and holds "
          f"{counted(copy.counts)}.")
    return 0


async def cmd_check(args: argparse.Namespace) -> int:
    """SQLite's full integrity check of the database, read-only: 0 intact, 2 damaged."""
    from frontdesk.db.backup import backups_of
    from frontdesk.db.faults import damaged
    from frontdesk.db.integrity import check_file, counted
    from frontdesk.db.migrate import stamped_revision
    from frontdesk.errors import DatabaseUnreadable

    path = existing_database(args)
    try:  # another program's file, or not a database at all, is refused: it is not damaged
        revision = await asyncio.to_thread(stamped_revision, path)
    except DatabaseUnreadable as refused:
        if not isinstance(refused.__cause__, sqlite3.Error):
            raise
        revision = None  # too damaged to list its tables: the check below says what it finds
    health = await asyncio.to_thread(check_file, path)
    if not health.problems:
        print(f"ok: {path} is intact (SQLite's integrity check found no problem). Schema "
              f"revision {revision or 'none'}; it holds {counted(health.counts)}.")
        return 0
    lines = [f"frontdesk: {damaged(str(path))}", "What SQLite's integrity check found first:",
             *(f"  {line[:120]}" for line in health.problems[:3])]
    backups = backups_of(path)
    if backups:
        lines.append(f"The newest backup next to it is {backups[-1]}. To restore it, close "
                     "frontdesk at every desk, move the damaged file aside (keep it for your "
                     f"support), and copy the backup in its place as {path.name}.")
    else:
        lines.append("There is no backup next to it; restore the last copy you keep "
                     "elsewhere, or call your support.")
    print("\n".join(lines), file=sys.stderr)
    return 2


def existing_database(args: argparse.Namespace) -> Path:
    """The SQLite file a command reads (backup, check): it must exist; nothing is created."""
    from frontdesk.db.engine import database_url, sqlite_path
    from frontdesk.db.migrate import check_place
    from frontdesk.errors import DatabaseError

    url = database_url(target_from(args))
    path = sqlite_path(url)
    if path is None:
        raise DatabaseError(f"{url.render_as_string(hide_password=True)} is not a SQLite file; "
                            "back it up and check it with your database server's own tools.")
    check_place(path)
    if not path.exists():
        raise DatabaseError(f"There is no database at {path}.", str(path))
    return path


async def cmd_seed(args: argparse.Namespace) -> int:
    from frontdesk.seed import seed_database

    target = target_from(args)
    result = await seed_database(target, size_from(args), progress=sys.stderr.isatty())
    print(result.summary())
    return 0
