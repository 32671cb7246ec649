"""The command line: open the GUI (default), migrate, backup, seed, bench."""

from __future__ import annotations

import argparse
import asyncio
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

    backup = sub.add_parser("backup", help="copy the database safely, even while it is in use")
    backup.add_argument("dest", nargs="?", help="file or folder (default: next to the database)")
    backup.add_argument("--db", metavar="PATH", help=db_help, default=argparse.SUPPRESS)

    seed = sub.add_parser("seed", help="fill a database with realistic test data")
    seed.add_argument("--db", metavar="PATH", help=db_help, default=argparse.SUPPRESS)
    add_size_options(seed)

    sub.add_parser("selftest", help="check this installation end to end on a temporary database")

    bench = sub.add_parser("bench", help="measure the main operations on a large database")
    bench.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                       help="benchmark database (default: a cached file in the data folder)")
    add_size_options(bench)
    bench.add_argument("--repeat", type=int, default=200, help="timed runs per operation")
    bench.add_argument("--json", action="store_true", help="print the results as JSON")
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
    args = build_parser().parse_args(argv)
    if args.command is None:
        return run_gui(args)
    from frontdesk.errors import FrontDeskError

    try:
        if args.command == "migrate":
            return asyncio.run(cmd_migrate(args))
        if args.command == "backup":
            return asyncio.run(cmd_backup(args))
        if args.command == "seed":
            return asyncio.run(cmd_seed(args))
        if args.command == "selftest":
            from frontdesk.ui.selftest import run_selftest

            return run_selftest(args)
        if args.command == "bench":
            from frontdesk.bench import run_bench

            return run_bench(args)
    except FrontDeskError as exc:
        print(f"frontdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("frontdesk: interrupted", file=sys.stderr)
        return 130
    raise AssertionError(args.command)


def run_gui(args: argparse.Namespace) -> int:
    from frontdesk.app import run

    return run(args.db, args.demo)


async def cmd_migrate(args: argparse.Namespace) -> int:
    from frontdesk.config import resolve_database
    from frontdesk.db.migrate import migrate

    target = resolve_database(args.db)
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
    from frontdesk.config import resolve_database
    from frontdesk.db.backup import backup_name, backup_sqlite
    from frontdesk.db.engine import database_url, sqlite_path
    from frontdesk.db.migrate import migrate
    from frontdesk.errors import DatabaseError

    target = resolve_database(args.db)
    path = sqlite_path(database_url(target))
    if path is None:
        raise DatabaseError(f"{target} is not a SQLite file; back it up with your database "
                            "server's own tools.")
    if not path.exists():
        raise DatabaseError(f"There is no database at {path} to back up.", str(path))
    report = await migrate(target)  # refuses files that are not frontdesk databases
    dest = Path(args.dest) if args.dest else path.parent
    if dest.is_dir():
        dest = dest / backup_name(path, report.after).name
    try:
        await asyncio.to_thread(backup_sqlite, path, dest)
    except FileExistsError as exc:
        raise DatabaseError(str(exc)) from exc
    print(f"Backed up {path} to {dest}.")
    return 0


async def cmd_seed(args: argparse.Namespace) -> int:
    from frontdesk.config import resolve_database
    from frontdesk.seed import seed_database

    target = resolve_database(args.db)
    result = await seed_database(target, size_from(args), progress=sys.stderr.isatty())
    print(result.summary())
    return 0
