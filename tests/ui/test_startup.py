"""Startup: databases that cannot be opened, the platform check, the whole app in a process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from uihelpers import TIMEOUT_MS, wait_dialog

from frontdesk.app import (
    DATABASE_REFUSED,
    NO_DISPLAY,
    database_error_text,
    platform_problem,
    start,
)
from frontdesk.errors import MigrationFailed


@pytest.fixture
def bare_window(qtbot):
    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.tasks import TaskRunner

    w = MainWindow(TaskRunner())
    w.show()
    yield w
    w.close()
    w.deleteLater()


def _start_and_read_dialog(qtbot, running_loop, window, path: Path | str) -> tuple[str, str, int]:
    task = running_loop.create_task(start(window, str(path)))
    box = wait_dialog(qtbot, "databaseErrorDialog")
    assert isinstance(box, QMessageBox)
    title, text = box.text(), box.informativeText()
    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(task.done, timeout=TIMEOUT_MS)
    return title, text, task.result()


def test_database_from_a_newer_frontdesk(qtbot, running_loop, run, bare_window, tmp_path):
    from frontdesk import open_desk

    path = tmp_path / "newer.db"

    async def make() -> None:
        async with open_desk(path):
            pass

    run(make())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = path.read_bytes()
    title, text, code = _start_and_read_dialog(qtbot, running_loop, bare_window, path)
    assert code == DATABASE_REFUSED
    assert title == "This database is from a newer frontdesk"
    assert "newer version of frontdesk" in text and "9999_from_the_future" in text
    assert "frontdesk --db PATH" in text
    assert path.read_bytes() == before  # not touched


def test_unreadable_database(qtbot, running_loop, bare_window, tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"shopping list: milk, eggs\n" * 100)
    title, text, code = _start_and_read_dialog(qtbot, running_loop, bare_window, path)
    assert code == DATABASE_REFUSED
    assert title == "This database cannot be read"
    assert "not a SQLite file" in text and "restore the database from a backup" in text
    assert path.read_bytes().startswith(b"shopping list")


def test_read_only_database_is_refused_at_start(qtbot, running_loop, run, bare_window,
                                                 tmp_path):
    from frontdesk import open_desk

    path = tmp_path / "frontdesk.db"

    async def make() -> None:
        async with open_desk(path) as desk:
            await desk.add_hotel("Birch", "Kazan", 3)

    run(make())
    path.chmod(0o444)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    try:
        title, text, code = _start_and_read_dialog(qtbot, running_loop, bare_window, path)
    finally:
        path.chmod(0o644)
    assert code == DATABASE_REFUSED
    assert title == "This database is read-only"
    assert f"The database {path} is read-only" in text and "Something went wrong" not in text
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_folder_as_database_is_refused_at_start(qtbot, running_loop, bare_window, tmp_path):
    title, text, code = _start_and_read_dialog(qtbot, running_loop, bare_window, tmp_path)
    assert code == DATABASE_REFUSED
    assert title == "The database cannot be opened"
    assert f"{tmp_path} is a folder, not a database file" in text
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_refused_at_start(qtbot, running_loop, bare_window, tmp_path):
    typo = tmp_path / "hotle" / "frontdesk.db"
    title, text, code = _start_and_read_dialog(qtbot, running_loop, bare_window, typo)
    assert code == DATABASE_REFUSED
    assert title == "The database cannot be opened"
    assert f"The folder {typo.parent} does not exist" in text
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("target", "phrase"), [
    ("postgresql+asyncpg://desk:s3cret@db.example/h", "asyncpg that postgresql+asyncpg://desk:***"),
    ("sqlite://", "every booking in it would be lost when frontdesk closes"),
], ids=["server-without-driver", "in-memory"])
def test_a_url_frontdesk_cannot_use_is_refused_at_start(qtbot, running_loop, bare_window,
                                                        target, phrase):
    title, text, code = _start_and_read_dialog(qtbot, running_loop, bare_window, target)
    assert code == DATABASE_REFUSED
    assert title == "The database cannot be opened"
    assert phrase in text and "s3cret" not in text


def test_startup_failure_names_the_log_file(qtbot, running_loop, monkeypatch, tmp_path):
    from contextlib import asynccontextmanager

    from frontdesk.services import desk as desk_module
    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.tasks import TaskRunner

    @asynccontextmanager
    async def broken(*_args, **_kwargs):
        raise RuntimeError("not a refusal: an unexpected failure")
        yield

    monkeypatch.setattr(desk_module, "open_desk", broken)
    window = MainWindow(TaskRunner(log_path="/home/reception/.local/share/frontdesk/x.log"))
    window.show()
    try:
        task = running_loop.create_task(start(window, str(tmp_path / "hotel.db")))
        box = wait_dialog(qtbot, "startupErrorDialog")
        text = box.informativeText()
        box.button(QMessageBox.StandardButton.Close).click()
        qtbot.waitUntil(task.done, timeout=TIMEOUT_MS)
    finally:
        window.close()
        window.deleteLater()
    assert "The details were written to /home/reception/.local/share/frontdesk/x.log." in text
    error = MigrationFailed("Upgrading failed (boom).", "/x/frontdesk.db", "/x/backup.db")
    assert "/var/log/fd.log" in database_error_text(error, "/var/log/fd.log")[1]


def test_failed_migration_names_the_backup():
    error = MigrationFailed("Upgrading the database /x/frontdesk.db failed (boom).",
                            "/x/frontdesk.db", "/x/frontdesk.db.0001.bak")
    title, text = database_error_text(error)
    assert title == "The database could not be upgraded"
    assert "/x/frontdesk.db.0001.bak" in text and "was not changed" in text


def test_platform_check_names_the_missing_library():
    def have(name: str, _soname: str) -> bool:
        return name not in ("xcb-cursor", "xcb-icccm")

    message = platform_problem({"DISPLAY": ":0"}, have, "linux")
    assert message is not None
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in message
    assert platform_problem({"DISPLAY": ":0"}, lambda n, s: True, "linux") is None
    assert platform_problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, have, "linux") is None
    assert platform_problem({"WAYLAND_DISPLAY": "wayland-0"}, have, "linux") is None
    assert platform_problem({}, have, "win32") is None
    assert "no display" in (platform_problem({}, have, "linux") or "")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "FRONTDESK_DB")}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               HOME=str(tmp_path))
    env.update(extra)
    return env


def test_no_display_is_said_plainly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "from frontdesk.app import run; raise SystemExit(run(None, False))"],
        env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == NO_DISPLAY
    assert "no display was found" in result.stderr
    assert "Traceback" not in result.stderr


# Runs the real `run()` in its own process and closes the window (or the error dialog) once
# it is up. Also guards against the PySide6/qasync refcount abort at exit (exit code 134).
DRIVER = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    app = QApplication(sys.argv)
    from frontdesk.app import run

    def poll():
        for w in QApplication.topLevelWidgets():
            if w.objectName() == "mainWindow" and getattr(w, "is_ready", False):
                n = w.hotel_combo.count()
                print("hotels", n, "arrivals", w.today_view.arrivals.model.rowCount())
                QTimer.singleShot(200, w.close)
                return
            if w.objectName() == "databaseErrorDialog" and w.isVisible():
                print("dialog", w.text())
                w.button(QMessageBox.StandardButton.Close).click()
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    demo = sys.argv[1] == "demo"
    raise SystemExit(run(None if demo else sys.argv[1], demo))
""")


def _run_app(tmp_path: Path, arg: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "driver.py"
    script.write_text(DRIVER)
    return subprocess.run([sys.executable, str(script), arg],
                          env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
                          capture_output=True, text=True, timeout=120)


def test_demo_starts_fills_and_exits_cleanly(tmp_path):
    result = _run_app(tmp_path, "demo")
    assert result.returncode == 0, result.stderr
    assert "hotels 4" in result.stdout
    assert "Traceback" not in result.stderr
    assert (tmp_path / "data" / "frontdesk" / "demo.db").exists()
    log = (tmp_path / "data" / "frontdesk" / "frontdesk.log").read_text()
    assert "demo database filled" in log


def test_read_only_database_in_a_real_process(tmp_path):
    ro = tmp_path / "ro.db"
    done = subprocess.run([sys.executable, "-m", "frontdesk", "migrate", "--db", str(ro)],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    ro.chmod(0o444)
    result = _run_app(tmp_path, str(ro))
    assert result.returncode == DATABASE_REFUSED, result.stderr
    assert "dialog This database is read-only" in result.stdout
    assert "Traceback" not in result.stderr


def test_bad_database_in_a_real_process(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 64)
    result = _run_app(tmp_path, str(bad))
    assert result.returncode == DATABASE_REFUSED, result.stderr
    assert "dialog This database cannot be read" in result.stdout
    assert "Traceback" not in result.stderr
