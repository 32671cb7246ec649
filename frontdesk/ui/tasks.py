"""The one task runner: every coroutine the UI starts goes through `TaskRunner.run`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from frontdesk.errors import DatabaseDamaged, FrontDeskError, ValidationError

log = logging.getLogger(__name__)

# Shown when something unexpected fails; the traceback goes to the log file.
UNEXPECTED = ("Something went wrong and the last action may not have been completed. "
              "Please try again; if it happens again, tell your support (details are in {log}).")

ErrorHandler = Callable[[FrontDeskError], bool]


class TaskRunner(QObject):
    """Runs coroutines on the qasync loop for the UI.

    - keeps a strong reference to every task (the loop keeps only weak ones);
    - names tasks and cancels the older task of a name when a newer one supersedes it;
    - shows a busy state while work is running (after a short delay, so quick work never
      flickers the cursor);
    - routes every exception to one place: `failed` (a message for people), and the log.
    """

    busyChanged = Signal(bool)
    # (message, expected): expected is True for a FrontDeskError, False for a bug.
    failed = Signal(str, bool)
    # The number of running tasks dropped to zero (tests wait on this).
    idle = Signal()
    # The database was found damaged (its sentence): the window stops writing.
    damaged = Signal(str)

    BUSY_DELAY_MS = 150

    def __init__(self, parent: QObject | None = None, *, log_path: str = "the log file") -> None:
        super().__init__(parent)
        self.log_path = log_path
        self._tasks: set[asyncio.Task[Any]] = set()
        self._named: dict[str, asyncio.Task[Any]] = {}
        self._quiet: set[asyncio.Task[Any]] = set()
        self._busy = False
        self._busy_timer = QTimer(self, singleShot=True, interval=self.BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)

    # -- running ------------------------------------------------------------------------------

    def run(self, name: str, coro: Coroutine[Any, Any, Any], *,
            on_error: ErrorHandler | None = None, supersede: bool = True,
            quiet: bool = False) -> asyncio.Task[Any]:
        """Start `coro` as task `name`. With `supersede` (the default) a running task of the
        same name is cancelled first: its result would be stale. `on_error` may handle a
        FrontDeskError itself (e.g. a dialog shows it next to the field) by returning True.
        `quiet` tasks (background refreshes) do not show the busy state."""
        if supersede:
            older = self._named.get(name)
            if older is not None and not older.done():
                older.cancel()
        task = asyncio.get_event_loop().create_task(coro, name=name)
        self._tasks.add(task)
        self._named[name] = task
        if quiet:
            self._quiet.add(task)
        elif not self._busy and not self._busy_timer.isActive():
            self._busy_timer.start()
        task.add_done_callback(lambda t: self._finished(t, on_error))
        return task

    def cancel(self, name: str) -> None:
        task = self._named.get(name)
        if task is not None and not task.done():
            task.cancel()

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def is_running(self, name: str | None = None) -> bool:
        if name is None:
            return bool(self._tasks)
        task = self._named.get(name)
        return task is not None and not task.done()

    @property
    def running(self) -> int:
        return len(self._tasks)

    async def wait_idle(self) -> None:
        """Wait for every running task (shutdown, tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # -- bookkeeping --------------------------------------------------------------------------

    def _finished(self, task: asyncio.Task[Any], on_error: ErrorHandler | None) -> None:
        self._tasks.discard(task)
        self._quiet.discard(task)
        name = task.get_name()
        if self._named.get(name) is task:
            del self._named[name]
        if not (self._tasks - self._quiet):
            self._busy_timer.stop()
            self._set_busy(False)
        if not task.cancelled():
            error = task.exception()
            if error is not None:
                self.report(error, on_error, name)
        if not self._tasks:
            self.idle.emit()

    def report(self, error: BaseException, on_error: ErrorHandler | None = None,
               name: str = "") -> None:
        """The one place an exception from UI work ends up."""
        if isinstance(error, FrontDeskError):
            # The kind and the field only: the sentence may quote what was typed (a phone, an
            # e-mail), and the log is no place for guest data.
            log.info("task %s refused: %s%s", name, type(error).__name__,
                     f" ({error.field})" if isinstance(error, ValidationError) else "")
            if isinstance(error, DatabaseDamaged):
                self.damaged.emit(str(error))
            try:
                if on_error is not None and on_error(error):
                    return
            except Exception as handler_error:  # a bug in the handler must not vanish
                self.report(handler_error, None, name)
                return
            self.failed.emit(str(error), True)
        else:
            log.error("task %s failed", name or "?", exc_info=(type(error), error,
                                                                error.__traceback__))
            self.failed.emit(UNEXPECTED.format(log=self.log_path), False)

    def _show_busy(self) -> None:
        if self._tasks - self._quiet:
            self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        if busy == self._busy:
            return
        self._busy = busy
        if QApplication.instance() is not None:
            if busy:
                QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            else:
                QApplication.restoreOverrideCursor()
        self.busyChanged.emit(busy)


class Debouncer(QObject):
    """Calls `callback` once typing pauses for `delay_ms` (search as you type)."""

    def __init__(self, callback: Callable[[], Any], delay_ms: int = 250,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(callback)

    def poke(self, *_: Any) -> None:
        self._timer.start()

    def flush(self) -> None:
        """Run now if a call is pending (Enter pressed in a search box)."""
        if self._timer.isActive():
            self._timer.stop()
            self._timer.timeout.emit()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()
