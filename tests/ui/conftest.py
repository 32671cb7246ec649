"""UI test fixtures: offscreen Qt, one qasync loop for the session, a fresh database per test
(`db_path`, a copy of the session's migrated template: see tests/conftest.py).

pytest-asyncio is not used: it runs its own loop and does not pump Qt events. Coroutines run
on the qasync loop while pytest-qt's `waitUntil` pumps Qt's event loop.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

# Before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import qasync  # noqa: E402
from PySide6.QtCore import QLocale, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from uihelpers import TIMEOUT_MS, wait_idle  # noqa: E402

from frontdesk import open_desk  # noqa: E402

T = TypeVar("T")
Run = Callable[..., Any]


@pytest.fixture(scope="session")
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """The one qasync loop of the session, over pytest-qt's QApplication."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Ireland))
    from frontdesk.ui.style import apply_theme

    apply_theme(qapp, dark=False)
    loop = qasync.QEventLoop(qapp, already_running=True)
    # Only the UI tests see this loop as running (see `running_loop`); tests elsewhere in the
    # session may call asyncio.run.
    asyncio.events._set_running_loop(None)
    yield loop
    loop.stop()
    loop.close()


@pytest.fixture(autouse=True)
def running_loop(qloop: qasync.QEventLoop) -> Iterator[qasync.QEventLoop]:
    """While a UI test runs, the qasync loop is the running loop of this thread: Qt events
    pumped by qtbot drive its callbacks."""
    asyncio.set_event_loop(qloop)
    asyncio.events._set_running_loop(qloop)
    try:
        yield qloop
    finally:
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)


@pytest.fixture(autouse=True)
def private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings, data folder and log of the tests live in tmp_path, never in the user's."""
    home = tmp_path / "home"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("FRONTDESK_DB", raising=False)
    yield home


@pytest.fixture
def run(qtbot: Any, running_loop: qasync.QEventLoop) -> Run:
    """run(coro) -> result: runs a coroutine on the qasync loop, pumping Qt until it is done."""

    def run_coroutine(coro: Coroutine[Any, Any, T], timeout: int = TIMEOUT_MS) -> T:
        task = running_loop.create_task(coro)
        qtbot.waitUntil(task.done, timeout=timeout)
        return task.result()

    return run_coroutine


@pytest.fixture
def desk(run: Run, db_path: Path) -> Iterator[Any]:
    """The test's fresh database opened with open_desk on the session's loop."""
    opened = open_desk(db_path)
    desk = run(opened.__aenter__())
    try:
        yield desk
    finally:
        # Disposes the engine: aiosqlite threads are not daemon threads.
        run(opened.__aexit__(None, None, None))


@pytest.fixture
def window(qtbot: Any, desk: Any, run: Run) -> Iterator[Any]:
    """The main window on the test database, shown, with its first data on screen."""
    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.tasks import TaskRunner

    runner = TaskRunner(log_path="the test log")
    w = MainWindow(runner)
    w.show()
    qtbot.waitExposed(w)
    w.set_desk(desk)
    qtbot.waitUntil(lambda: w.is_ready, timeout=TIMEOUT_MS)
    wait_idle(qtbot, w)
    yield w
    for top in QApplication.topLevelWidgets():
        if top is not w and top.isVisible():
            top.close()
    runner.cancel_all()
    run(runner.wait_idle())
    w.close()
    w.deleteLater()
