"""The start-up of the window, one order for `frontdesk` and `frontdesk selftest` (`boot`).

`boot` runs the steps in order (platform check, logging, exception hook, QApplication, the
window shown busy, then on one qasync loop the database); `start` opens and migrates the
database for a window already on screen and runs until it closes; the rest turns what went
wrong (no display, a database refused, anything unhandled) into sentences.
The database layer is never imported at module import time: the window must appear first.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import importlib
import logging
import os
import sys
from collections.abc import Callable, Coroutine, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from frontdesk import __version__, config
from frontdesk.domain.clock import Clock, system_today
from frontdesk.errors import (
    DatabaseError,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnreadable,
    FrontDeskError,
    MigrationFailed,
)

if TYPE_CHECKING:
    from frontdesk.ui.main_window import MainWindow

log = logging.getLogger("frontdesk")
T = TypeVar("T")

Failed = Callable[[str], None]
"""Told, in one line, of each failure nobody handled (the selftest fails with it)."""

Drive = Callable[["MainWindow", "asyncio.Task[int]"], Coroutine[Any, Any, T]]
"""What runs on the loop once the window is up: given the window and `start`'s task, it returns
when the work is done (the window's own: wait until the user closes it)."""

# Exit codes
OK, FAILED, DATABASE_REFUSED, NO_DISPLAY = 0, 1, 2, 3

# Libraries Qt's X11 (xcb) platform plugin loads, with the Debian/Ubuntu package of each.
XCB_LIBRARIES = [
    ("xcb-cursor", "libxcb-cursor.so.0", "libxcb-cursor0"),
    ("xcb-icccm", "libxcb-icccm.so.4", "libxcb-icccm4"),
    ("xcb-keysyms", "libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("xcb-image", "libxcb-image.so.0", "libxcb-image0"),
    ("xcb-render-util", "libxcb-render-util.so.0", "libxcb-render-util0"),
    ("xcb-shape", "libxcb-shape.so.0", "libxcb-shape0"),
    ("xcb-randr", "libxcb-randr.so.0", "libxcb-randr0"),
    ("xcb-xkb", "libxcb-xkb.so.1", "libxcb-xkb1"),
    ("xkbcommon-x11", "libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("X11-xcb", "libX11-xcb.so.1", "libx11-xcb1"),
    ("EGL", "libEGL.so.1", "libegl1"),
    ("fontconfig", "libfontconfig.so.1", "libfontconfig1"),
]


def _have_library(name: str, soname: str) -> bool:
    """dlopen is the loader's own answer; find_library (ldconfig) is the fallback."""
    try:
        ctypes.CDLL(soname)
        return True
    except OSError:
        return ctypes.util.find_library(name) is not None


def platform_problem(environ: Mapping[str, str] | None = None,
                     have: Callable[[str, str], bool] = _have_library,
                     platform: str = sys.platform) -> str | None:
    """Why Qt could not open a window here, in plain words; None when it should work.

    Qt's own message for a missing xcb library ("could not load the Qt platform plugin") does
    not say which package to install; this does."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return ("frontdesk cannot open its window: no display was found (neither DISPLAY nor "
                "WAYLAND_DISPLAY is set). Start it from a graphical desktop session.")
    if env.get("WAYLAND_DISPLAY"):
        return None  # Qt uses its Wayland plugin, which needs none of the xcb libraries
    missing = [package for name, soname, package in XCB_LIBRARIES if not have(name, soname)]
    if not missing:
        return None
    packages = " ".join(missing)
    return ("frontdesk cannot open its window: Qt's X11 platform plugin needs system "
            f"libraries that are not installed ({', '.join(missing)}).\n"
            f"On Debian or Ubuntu install them with:\n    sudo apt install {packages}\n"
            "(other distributions: the xcb-util-cursor, xcb-util-wm and xcb-util-keysyms "
            "packages), then start frontdesk again.")


def install_excepthook(log_path: str, failed: Failed | None = None) -> None:
    """Anything unhandled is logged with its traceback, then told to `failed` if given, else
    shown as a sentence, not a dump."""

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.critical("unhandled exception", exc_info=(kind, error, tb))
        if failed is not None:
            failed(f"unhandled {kind.__name__}: {error}")
            return
        if isinstance(error, FrontDeskError):
            text = str(error)
        else:
            text = ("Something unexpected went wrong. Your last action may not have been "
                    f"completed. Details were written to {log_path}.")
        _show_later(text)

    sys.excepthook = hook


def _show_later(text: str) -> None:
    app = QApplication.instance()
    if app is None:
        print(text, file=sys.stderr)
        return
    parent = next((w for w in QApplication.topLevelWidgets()
                   if w.objectName() == "mainWindow" and w.isVisible()), None)
    box = QMessageBox(QMessageBox.Icon.Warning, "frontdesk", text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("unexpectedErrorMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def loop_exception_handler(failed: Failed | None = None,
                           ) -> Callable[[asyncio.AbstractEventLoop, dict[str, Any]], None]:
    """The loop's handler: an exception goes to the exception hook; a message (a task destroyed
    while pending, ...) to the log, and to `failed` if given."""

    def handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, BaseException):
            sys.excepthook(type(error), error, error.__traceback__)
            return
        log.error("event loop: %s", context.get("message"))
        if failed is not None:
            failed(f"event loop: {context.get('message')}")

    return handler


# -- the database refused to open -------------------------------------------------------------

def database_error_text(error: DatabaseError,
                        log_path: str = "the log file") -> tuple[str, str]:
    """(what happened, what to do) for the dialog shown when the database cannot be opened."""
    what = str(error)
    if isinstance(error, DatabaseReadOnly):
        todo = ("frontdesk opens a database only when it can save bookings in it, so that no "
                "work is lost at the first booking.")
        title = "This database is read-only"
    elif isinstance(error, DatabaseTooNew):
        todo = ("Install the newer version of frontdesk to work with this database, or start "
                "frontdesk on another one with:  frontdesk --db PATH")
        title = "This database is from a newer frontdesk"
    elif isinstance(error, DatabaseUnreadable):
        todo = ("Check that the path is right, or restore the database from a backup; "
                "to work with another database start:  frontdesk --db PATH")
        title = "This database cannot be read"
    elif isinstance(error, MigrationFailed):
        kept = (f"A copy taken before the upgrade is at:\n{error.backup}\n\n"
                if error.backup else "")
        todo = (f"{kept}Your data was not changed. Keep the database file as it is and "
                f"contact your support; the details are in {log_path}.")
        title = "The database could not be upgraded"
    else:
        todo = "Check the database path, or start frontdesk with --db PATH."
        title = "The database cannot be opened"
    return title, f"{what}\n\n{todo}"


async def show_message(parent: QWidget | None, title: str, text: str,
                       object_name: str = "databaseErrorDialog",
                       icon: QMessageBox.Icon = QMessageBox.Icon.Critical) -> None:
    """A message box awaited without exec(): open() it and wait for `finished`."""
    box = QMessageBox(icon, "frontdesk", title, QMessageBox.StandardButton.Close, parent)
    box.setObjectName(object_name)
    box.setInformativeText(text)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    box.finished.connect(lambda _r: done.done() or done.set_result(None))
    box.open()
    try:
        await done
    finally:
        box.deleteLater()


# -- the main coroutine -----------------------------------------------------------------------

async def start(window: Any, target: str, *, demo: bool = False,
                today: Clock = system_today) -> int:
    """Open the database for a window already on screen, run until it closes; exit code.

    Testable on any qasync loop: the tests call it directly with a window and a bad file."""
    loop = asyncio.get_running_loop()
    closed: asyncio.Future[None] = loop.create_future()

    def close(*_: Any) -> None:
        if not closed.done():
            closed.set_result(None)

    window.closed.connect(close)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(close)

    await asyncio.sleep(0)  # let the window paint its busy state first
    try:
        # The database layer (SQLAlchemy, Alembic) costs ~0.5 s to import: off the GUI thread.
        desk_module = await asyncio.to_thread(importlib.import_module, "frontdesk.services.desk")
        async with desk_module.open_desk(target, today=today) as desk:
            if desk.migration.backup is not None:
                log.info("database upgraded; backup at %s", desk.migration.backup)
            if demo and not await desk.list_hotels():
                from frontdesk import demo as demo_data

                window.set_opening("Filling the demo database…")
                await demo_data.fill(desk)
            window.set_desk(desk)
            # Everything imported and built so far lives as long as the app: keep the cyclic
            # collector from walking it again (its ~50 ms passes were the longest stall).
            gc.freeze()
            if desk.migration.upgraded and desk.migration.backup is not None:
                window.statusBar().showMessage(
                    f"The database was upgraded; a backup of the old one is at "
                    f"{desk.migration.backup}.", 20_000)
            await closed
            window.runner.cancel_all()
            await window.runner.wait_idle()
    except DatabaseError as error:
        # The sentence names the database (a URL without its password); `target` might not.
        log.error("cannot open the database: %s", error, exc_info=error)
        title, text = database_error_text(error, window.runner.log_path)
        await show_message(window if window.isVisible() else None, title, text)
        return DATABASE_REFUSED
    except Exception as error:  # noqa: BLE001 - shown as a sentence, logged with traceback
        log.error("startup failed", exc_info=error)
        text = (str(error) if isinstance(error, FrontDeskError) else
                f"frontdesk could not start with the database {shown_target(target)}. "
                f"The details were written to {window.runner.log_path}.")
        await show_message(window if window.isVisible() else None,
                           "frontdesk could not start", text, "startupErrorDialog")
        return FAILED
    finally:
        window.closed.disconnect(close)
        if app is not None:
            app.aboutToQuit.disconnect(close)
    return OK


# -- the one start-up: the window's and the selftest's ----------------------------------------

class NoDisplay(Exception):
    """Qt could not open a window on this desktop; the message says why and what to install."""


class LoopStopped(Exception):
    """Qt kept stopping the event loop before the main coroutine could close the database."""


def boot(drive: Drive[T], db: str | None = None, *, demo: bool = False,
         platform_check: Callable[[], str | None] = platform_problem,
         log_file: Path | None = None, qt_messages: bool = False,
         settings_folder: Path | None = None, failed: Failed | None = None) -> T:
    """Start frontdesk and run `drive(window, main)` on its loop; `drive`'s result.

    The one start-up order, for `frontdesk` and `frontdesk selftest` alike:
    1. `platform_check`, before anything touches Qt (NoDisplay if a window cannot open);
    2. logging to `log_file` (default: the user's log file), and Qt's own messages with it if
       `qt_messages`;
    3. the exception hook, which names that log file;
    4. the QApplication with its names, theme and icon;
    5. the database to open: `db`, else $FRONTDESK_DB, else the user's (or the demo's);
    6. the main window (its settings kept in `settings_folder` if given), shown in its busy state;
    7. one qasync loop: `start` opens and migrates the database and hands the desk to the
       window, while `drive` runs;
    8. the loop closed, UI work cancelled.
    Unlike Vorta's order (database before window), the window comes first: importing the
    database layer alone takes ~0.5 s, and a database that cannot be opened is explained in a
    dialog over the window. The selftest's differences are the arguments, never the order:
    its own log, Qt's messages in it, settings in its temporary folder, failures told to it.
    """
    problem = platform_check()
    if problem:
        raise NoDisplay(problem)
    log_path = start_logging(log_file)
    if qt_messages:
        qt_messages_to_log()
    install_excepthook(log_path, failed)

    import qasync

    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.style import app_icon, apply_theme
    from frontdesk.ui.tasks import TaskRunner

    QApplication.setApplicationName("frontdesk")
    QApplication.setOrganizationName("frontdesk")
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("frontdesk")
    # The command line is argparse's: Qt is given none of it to parse.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    # The main coroutine ends the loop when the window closes (after disposing the engine).
    app.setQuitOnLastWindowClosed(False)
    apply_theme(app)
    app.setWindowIcon(app_icon())

    target = os.fspath(config.demo_database()) if demo else config.resolve_database(db)
    if settings_folder is not None:
        from frontdesk.ui.settings import keep_in

        keep_in(settings_folder)
    runner = TaskRunner(log_path=log_path)
    if failed is not None:
        runner.failed.connect(lambda message, _expected: failed(message))
    window = MainWindow(runner, database=shown_target(target))
    window.show()

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    loop.set_exception_handler(loop_exception_handler(failed))
    main = loop.create_task(start(window, target, demo=demo), name="frontdesk.main")
    driven = loop.create_task(drive(window, main), name="frontdesk.drive")
    try:
        for _attempt in range(3):
            try:
                return loop.run_until_complete(driven)
            except RuntimeError:
                # Qt quit on its own (e.g. the session ends): let the main coroutine close the
                # database before leaving.
                if driven.done():
                    raise
                window.closed.emit()
        raise LoopStopped("the event loop kept stopping before the database was closed")
    finally:
        runner.cancel_all()
        loop.run_until_complete(asyncio.sleep(0))
        loop.close()
        asyncio.set_event_loop(None)
        window.deleteLater()


async def until_closed(_window: MainWindow, main: asyncio.Task[int]) -> int:
    """The window's own drive: the user works until they close it; `start`'s exit code."""
    return await main


def run(db: str | None, demo: bool) -> int:
    """`frontdesk [--db PATH | --demo]`: the reception window; returns the exit code."""
    try:
        code = boot(until_closed, db, demo=demo)
    except NoDisplay as problem:
        print(problem, file=sys.stderr)
        return NO_DISPLAY
    except LoopStopped:
        code = FAILED
    log.info("frontdesk exits with %s", code)
    return code


def start_logging(log_file: Path | None = None) -> str:
    """Log records to `log_file` (default: the user's log file); what a sentence calls it."""
    log_path = (config.setup_logging(path=log_file)
                or "the terminal (the log file could not be opened)")
    log.info("frontdesk %s starting (Python %s)", __version__, sys.version.split()[0])
    return log_path


def qt_messages_to_log() -> None:
    """Qt's own warnings (a plugin that does not load, ...) go to the log. Only the selftest
    asks: its log is its failure report. The window leaves them on the terminal, where Qt's
    last words before it aborts (no platform plugin) must stay visible."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def shown_target(target: object) -> str:
    """The database as a message may name it: a URL's password hidden."""
    text = str(target)
    if "://" not in text:
        return text  # a file: no need to import SQLAlchemy (~0.14 s) before the window shows
    try:
        from sqlalchemy.engine import make_url

        return make_url(text).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - the message must still be shown
        return "given"
