"""`frontdesk selftest`: check an installation end to end, on a temporary database.

What it does:
1. with no display (neither DISPLAY nor WAYLAND_DISPLAY) and no QT_QPA_PLATFORM, it sets
   QT_QPA_PLATFORM=offscreen; with a display it also asks the X server before Qt does;
2. it creates a temporary folder for the database, the window settings and the log, so the
   user's database, settings and log are never opened;
3. it starts the program with the program's own start-up (`frontdesk.app.boot`: platform
   check, logging, exception hook, QApplication with its icon, which must be found, the real
   main window, and on a qasync loop `frontdesk.app.start`, which imports the database layer,
   creates and migrates the database and hands the desk to the window);
4. through the window's task runner it adds a hotel, a room type and a guest, then books a stay
   in the window's booking dialog and cancels it with the window's cancel action and its
   confirmation dialog, the way a receptionist's clicks do;
5. it closes the window, which ends `start` (the engine is disposed), reads the file back with
   a desk of its own (schema revision, the booking's status) and checks that no database thread
   is left running.

It prints one line, `frontdesk selftest: OK (...) in N s` or `frontdesk selftest: FAILED: why`,
and exits 0 only on OK. Details of a failure (log tail, traceback) go to stderr. It cannot hang:
after FRONTDESK_SELFTEST_TIMEOUT seconds (default 60) it fails, and a watchdog ends the process
if even the clean-up hangs.

Environment:
    FRONTDESK_SELFTEST_TIMEOUT   seconds before giving up (default 60)
    FRONTDESK_SELFTEST_VERBOSE   1: print the phases, timings and paths used to stderr
    FRONTDESK_T0                 a time.time() value taken just before starting the program,
                                 the origin of the times reported (default: the process's start
                                 time from /proc on Linux, else when this module was imported)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from frontdesk.config import stop_logging

IMPORTED_AT = time.time()

PREFIX = "frontdesk selftest"
TIMEOUT_ENV = "FRONTDESK_SELFTEST_TIMEOUT"
VERBOSE_ENV = "FRONTDESK_SELFTEST_VERBOSE"
T0_ENV = "FRONTDESK_T0"
DEFAULT_TIMEOUT = 60.0
# Extra time the watchdog allows for the clean-up after the timeout, before it ends the process.
WATCHDOG_GRACE = 15.0
CLOSE_TIMEOUT = 10.0
POLL = 0.01

OK, FAILED = 0, 1

log = logging.getLogger("frontdesk.ui.selftest")


class SelftestFailed(Exception):
    """A step did not do what it should; the message says which and why."""


@dataclass
class State:
    started: float
    timeout: float
    phase: str = "starting"
    detail: Callable[[], str] | None = None
    marks: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)
    finished: bool = False

    def enter(self, phase: str, detail: Callable[[], str] | None = None) -> None:
        self.phase = phase
        self.detail = detail
        log.info("selftest: %s", phase)

    def mark(self, name: str) -> float:
        self.marks[name] = time.time() - self.started
        return self.marks[name]

    def where(self) -> str:
        extra = ""
        if self.detail is not None:
            try:
                extra = self.detail()
            except Exception as exc:  # noqa: BLE001 - only used to explain a timeout
                extra = repr(exc)
        return f"{self.phase} ({extra})" if extra else self.phase


# -- the environment -------------------------------------------------------------------------

def process_start_time() -> float:
    """When this process started, as a time.time() value (FRONTDESK_T0 if it is given)."""
    given = os.environ.get(T0_ENV)
    if given:
        try:
            return float(given)
        except ValueError:
            pass
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        # Field 22 of stat is the start time in clock ticks after boot; fields[0] is field 3.
        ticks = int(fields[19])
        return time.time() - (uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return IMPORTED_AT


def use_offscreen_if_no_display(environ: dict[str, str] | os._Environ[str] = os.environ,
                                platform: str = sys.platform) -> bool:
    """Set QT_QPA_PLATFORM=offscreen where a display would be needed but there is none."""
    if platform in ("win32", "darwin") or environ.get("QT_QPA_PLATFORM"):
        return False
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return False
    environ["QT_QPA_PLATFORM"] = "offscreen"
    return True


def x11_display_problem(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """Qt aborts the whole process when DISPLAY names an X server it cannot reach; ask first,
    so that the verdict can say so."""
    display = environ.get("DISPLAY")
    platform = environ.get("QT_QPA_PLATFORM", "")
    if (not display or environ.get("WAYLAND_DISPLAY") or platform not in ("", "xcb")
            or not sys.platform.startswith("linux")):
        return None
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None  # the platform check names the missing library
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        failed = xcb.xcb_connection_has_error(connection)
    finally:
        xcb.xcb_disconnect(connection)
    if failed:
        return (f"cannot connect to the X display {display!r} (DISPLAY); unset DISPLAY to run "
                "the selftest offscreen")
    return None


def private_environment(folder: Path) -> Path:
    """Point everything frontdesk could write for the user into `folder`; the database path."""
    database = folder / "selftest.db"
    os.environ["FRONTDESK_DB"] = str(database)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[name] = str(folder / name.lower())
    return database


# -- finding widgets --------------------------------------------------------------------------

def visible_top_level(object_name: str) -> Any:
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == object_name and widget.isVisible():
            return widget
    return None


def close_other_windows(window: Any) -> None:
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()


def message_box_text(box: Any) -> str:
    parts = [box.text(), box.informativeText()]
    return " ".join(" ".join(p.split()) for p in parts if p)


# -- the session on the qasync loop -----------------------------------------------------------

async def until(state: State, condition: Callable[[], Any], *,
                failure: Callable[[], str | None] | None = None) -> Any:
    """Wait (pumping Qt) until `condition()` is truthy; raise when `failure()` says why not."""
    while True:
        value = condition()
        if value:
            return value
        if state.errors:
            raise SelftestFailed(state.errors[0])
        if failure is not None:
            why = failure()
            if why:
                raise SelftestFailed(why)
        await asyncio.sleep(POLL)


async def through_runner(state: State, window: Any, name: str, coro: Any) -> Any:
    """Run a coroutine through the window's task runner (as the views do) and wait for it."""
    task = window.runner.run(name, coro, supersede=False)
    await until(state, task.done)
    if task.cancelled():
        raise SelftestFailed(f"{name} was cancelled")
    error = task.exception()
    if error is not None:
        raise SelftestFailed(f"{name} failed: {error}") from error
    return task.result()


def startup_failure(main: asyncio.Task[int]) -> str | None:
    for name in ("databaseErrorDialog", "startupErrorDialog"):
        box = visible_top_level(name)
        if box is not None:
            text = message_box_text(box)
            box.close()  # lets `start` return
            return f"the window could not open the database: {text}"
    if main.done():
        if main.cancelled():
            return "the main coroutine was cancelled before the window was ready"
        error = main.exception()
        if error is not None:
            return f"the main coroutine failed: {error!r}"
        return f"the main coroutine ended (exit {main.result()}) before the window was ready"
    return None


async def open_window_and_database(state: State, window: Any, main: asyncio.Task[int]) -> str:
    state.enter("opening and migrating the database", lambda: window.statusBar().currentMessage())
    await until(state, lambda: window.is_ready, failure=lambda: startup_failure(main))
    state.mark("ready")
    desk = window.ctx.desk
    migration = desk.migration
    if migration.before is not None:
        raise SelftestFailed(f"the temporary database was not new (it was at schema revision "
                             f"{migration.before})")
    state.info["migrations"] = _migrations_folder()
    return str(migration.after)


async def book_in_dialog(state: State, window: Any) -> Any:
    desk = window.ctx.desk
    state.enter("adding a hotel, a room type and a guest through the task runner")

    async def setup() -> tuple[Any, Any, Any]:
        hotel = await desk.add_hotel("Selftest Hotel", "Selftest", 3)
        room = await desk.add_room(hotel.id, "Selftest Double", price=10_000, quantity=1)
        guest = await desk.add_guest("Selftest Guest")
        return hotel, room, guest

    # The desk reports the new hotel; the window lists it from that report.
    hotel, room, guest = await through_runner(state, window, "selftest.setup", setup())
    state.enter("waiting for the window to list the new hotel")
    await until(state, lambda: any(h.id == hotel.id for h in window.ctx.hotels))

    state.enter("opening the booking dialog")
    arrival = desk.today() + timedelta(days=1)
    dialog = window.open_booking_dialog(hotel_id=hotel.id, room_id=room.id, date_from=arrival,
                                        date_to=arrival + timedelta(days=2), guest=guest)
    if dialog is None:
        raise SelftestFailed("the window did not open its booking dialog: "
                             f"{window.statusBar().currentMessage()}")
    state.enter("waiting for the booking dialog to allow saving", dialog.why_not)
    await until(state, dialog.save_button.isEnabled)

    saved: list[Any] = []
    dialog.saved.connect(saved.append)
    state.enter("saving the booking from the dialog")
    dialog.save_button.click()

    def refused() -> str | None:
        if dialog.error.isVisible() and dialog.error.text():
            return f"the booking dialog refused the booking: {dialog.error.text()}"
        return None

    await until(state, lambda: saved, failure=refused)
    booking = saved[0]
    state.mark("booked")
    return booking


async def cancel_with_action(state: State, window: Any, booking: Any) -> None:
    from frontdesk.dto import ChangeKind, Status

    state.enter("asking to cancel the booking")
    window.show_view(window.views.index(window.bookings_view))
    window.bookings_view.booking_actions.cancel(booking)
    confirm = await until(state, lambda: visible_top_level("confirmDialog"))
    updated: list[Any] = []

    def on_update(changes: Any) -> None:  # the desk's report, as the views get it
        if any(c.kind == ChangeKind.BOOKINGS and booking.id in c.ids for c in changes):
            updated.append(changes)

    window.ctx.dataChanged.connect(on_update)
    try:
        if confirm.reason is not None:
            confirm.reason.setText("frontdesk selftest")
        state.enter("confirming the cancellation")
        confirm.yes.click()
        await until(state, lambda: updated)
    finally:
        window.ctx.dataChanged.disconnect(on_update)
    state.enter("reading the booking back through the task runner")
    again = await through_runner(state, window, "selftest.check",
                                 window.ctx.desk.get_booking(booking.id))
    if again.status is not Status.CANCELLED:
        raise SelftestFailed(f"booking {booking.id} is {again.status.value} after cancelling")
    state.mark("cancelled")


async def session(state: State, window: Any, main: asyncio.Task[int]) -> dict[str, Any]:
    """The whole check, driven on the app's loop while `main` (`frontdesk.app.start`) opens the
    database; returns what the verdict reports."""
    from frontdesk.app import OK as APP_OK

    await asyncio.sleep(0)  # one turn of the loop: the window has been shown and laid out
    state.mark("window")
    result: dict[str, Any] = {}
    try:
        if not window.isVisible():
            raise SelftestFailed("the main window is not visible after show()")
        check_installation(state)

        async def steps() -> None:
            result["revision"] = await open_window_and_database(state, window, main)
            booking = await book_in_dialog(state, window)
            result["booking"] = booking.id
            await cancel_with_action(state, window, booking)

        try:
            await asyncio.wait_for(steps(), max(0.1, state.timeout - (time.time() -
                                                                      state.started)))
        except TimeoutError:
            raise SelftestFailed(f"timed out after {state.timeout:g} s while "
                                 f"{state.where()}") from None
    finally:
        state.enter("closing the window")
        close_other_windows(window)
        if window.isVisible():
            window.close()
        try:
            code = await asyncio.wait_for(asyncio.shield(main), CLOSE_TIMEOUT)
        except TimeoutError:
            main.cancel()
            raise SelftestFailed(f"the window did not close within {CLOSE_TIMEOUT:g} s "
                                 "(the database was still in use)") from None
    if code != APP_OK:
        raise SelftestFailed(f"the main coroutine ended with exit code {code}")
    if window.runner.running:
        raise SelftestFailed(f"{window.runner.running} task(s) still running after closing")
    state.mark("closed")
    return result


def check_installation(state: State) -> None:
    """The Qt platform in use, and the icons found (a missing resources folder fails)."""
    from PySide6.QtGui import QGuiApplication

    from frontdesk.ui.style.theme import resources_dir

    state.info["platform"] = QGuiApplication.platformName()
    state.info["icons"] = str(resources_dir())
    if QGuiApplication.windowIcon().isNull():
        raise SelftestFailed("the application icon was not found (frontdesk's resources folder "
                             "is missing from this installation)")


def run_window(state: State, folder: Path, database: Path, offscreen: bool) -> dict[str, Any]:
    """The program's own start-up (`frontdesk.app.boot`), with `session` driving the window;
    its log, window settings and failures are the selftest's."""
    from frontdesk.app import NoDisplay, boot, platform_problem

    def platform_check() -> str | None:
        return platform_problem() or x11_display_problem()

    async def drive(window: Any, main: asyncio.Task[int]) -> dict[str, Any]:
        log.info("selftest in %s (offscreen set by selftest: %s)", folder, offscreen)
        return await session(state, window, main)

    try:
        return boot(drive, str(database), platform_check=platform_check,
                    log_file=folder / "selftest.log", qt_messages=True,
                    settings_folder=folder / "settings", failed=state.errors.append)
    except NoDisplay as problem:
        print(problem, file=sys.stderr)
        raise SelftestFailed(str(problem).splitlines()[0]) from None


def check_file(database: Path, revision: str, booking_id: int) -> None:
    """What the window did is on disk, read back once the window's engine is gone, as a new
    desk on the file sees it: the schema revision it was left at (opening it found nothing
    to upgrade), and the booking cancelled."""
    from frontdesk import open_desk
    from frontdesk.dto import Status
    from frontdesk.errors import NotFound

    async def read_back() -> tuple[str | None, Status | None]:
        async with open_desk(database) as desk:
            found = desk.migration.before
            try:
                return found, (await desk.get_booking(booking_id)).status
            except NotFound:
                return found, None

    found, now = asyncio.run(read_back())
    if found != revision:
        raise SelftestFailed(f"the database file is at schema revision {found}, not {revision}")
    if now is not Status.CANCELLED:
        raise SelftestFailed(f"booking {booking_id} is {now.value if now else 'missing'} in the "
                             "database file, not cancelled")


def wait_for_threads(timeout: float = 5.0) -> None:
    """aiosqlite's threads are not daemon threads: one left running would keep the process."""
    end = time.time() + timeout
    while True:
        alive = [t for t in threading.enumerate()
                 if t is not threading.current_thread() and not t.daemon and t.is_alive()]
        if not alive:
            return
        if time.time() > end:
            names = ", ".join(t.name for t in alive)
            raise SelftestFailed(f"threads still running after closing: {names}")
        time.sleep(0.02)


def _migrations_folder() -> str:
    from frontdesk.db.migrate import script_location

    return str(script_location())


def _watchdog(state: State) -> None:
    if state.finished:
        return
    print(f"{PREFIX}: FAILED: the clean-up hung after {state.timeout:g} s while "
          f"{state.where()}; ending the process", flush=True)
    os._exit(FAILED)


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def run_selftest(args: argparse.Namespace | None = None) -> int:
    """`frontdesk selftest`; returns the exit code (0 only if every step worked)."""
    started = process_start_time()
    try:
        timeout = float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT)
    except ValueError:
        timeout = DEFAULT_TIMEOUT
    verbose = os.environ.get(VERBOSE_ENV, "") not in ("", "0")
    state = State(started=started, timeout=timeout)
    watchdog = threading.Timer(timeout + WATCHDOG_GRACE, _watchdog, args=(state,))
    watchdog.daemon = True
    watchdog.start()

    folder = Path(tempfile.mkdtemp(prefix="frontdesk-selftest-"))
    verdict = ""
    code = FAILED
    try:
        offscreen = use_offscreen_if_no_display()
        database = private_environment(folder)
        result = run_window(state, folder, database, offscreen)
        state.enter("checking the database file")
        check_file(database, result["revision"], result["booking"])
        state.enter("waiting for the database threads to end")
        wait_for_threads()
        total = time.time() - started
        verdict = (f"{PREFIX}: OK (migrated to {result['revision']}, window shown at "
                   f"{state.marks['window']:.2f} s, booking {result['booking']} made and "
                   f"cancelled, closed cleanly) in {total:.1f} s")
        code = OK
    except SelftestFailed as exc:
        verdict = f"{PREFIX}: FAILED: {exc}"
    except Exception as exc:  # noqa: BLE001 - any failure is a verdict, with its traceback
        traceback.print_exc(file=sys.stderr)
        verdict = f"{PREFIX}: FAILED: {type(exc).__name__}: {exc} (while {state.where()})"
    finally:
        state.finished = True
        watchdog.cancel()
        stop_logging()  # the log file is closed before its folder goes
        if code != OK:
            tail = _log_tail(folder / "selftest.log")
            if tail:
                print(f"{PREFIX}: the end of its log:\n{tail}", file=sys.stderr)
        if verbose:
            report = {**{f"at {k}": f"{v:.3f} s" for k, v in state.marks.items()},
                      **state.info, "folder": str(folder), "frozen": str(getattr(sys, "frozen",
                                                                                  False))}
            for key, value in report.items():
                print(f"{PREFIX}: {key}: {value}", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
    print(" ".join(verdict.split()), flush=True)
    return code
