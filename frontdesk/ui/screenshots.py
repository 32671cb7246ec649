"""Renders every view of a fresh demo database offscreen to PNG files.

    python -m frontdesk.ui.screenshots [OUTDIR]      (default: docs/screenshots)

Uses a temporary database and temporary QSettings, so it never touches the user's files.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported once QT_QPA_PLATFORM is set (see main)
    from PySide6.QtWidgets import QWidget

    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.views.grid import GridView

VIEWS = ["today", "hotels", "rooms", "guests", "bookings", "grid", "housekeeping"]
SIZE = (1280, 800)


async def until(condition: Callable[[], bool], limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(0.02)


async def settle(window: MainWindow) -> None:
    await until(lambda: window.runner.running == 0)
    await asyncio.sleep(0.15)


async def shoot(outdir: Path, folder: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from frontdesk import demo, open_desk
    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.style import apply_theme
    from frontdesk.ui.tasks import TaskRunner

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        path = outdir / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    async with open_desk(folder / "demo.db") as desk:
        await demo.fill(desk)
        window = MainWindow(TaskRunner())
        window.resize(*SIZE)
        window.show()
        window.set_desk(desk)
        await until(lambda: window.is_ready)
        for dark in (False, True):
            apply_theme(app, dark=dark)
            suffix = "-dark" if dark else ""
            for index, name in enumerate(VIEWS):
                window.show_view(index)
                view = window.views[index]
                if name == "guests" and not view.search.text():
                    view.search.setText("a")
                view.refresh()
                await settle(window)
                if name == "guests":
                    await until(lambda v=view: v.stays_model.rowCount() > 0)
                    await settle(window)
                if name == "grid":
                    await until(lambda v=view: bool(v.chart.rows))
                    _point_at_a_guest(window.grid_view)
                    await settle(window)
                window.statusBar().clearMessage()
                save(window, f"{name}{suffix}")
            window.show_view(0)
            await settle(window)
            dialog = window.open_booking_dialog()
            assert dialog is not None
            dialog.guest_search.setText("Amélie")
            await until(lambda d=dialog: d.guest is not None)
            dialog.notes.setText("Late arrival, about 22:00")
            await until(lambda d=dialog: d.save_button.isEnabled())
            await settle(window)
            save(dialog, f"booking-dialog{suffix}")
            dialog.reject()
        window.close()
        window.runner.cancel_all()
        await window.runner.wait_idle()
    return saved


def _point_at_a_guest(view: GridView) -> None:
    """The grid's cursor on an in-house stay, so its details show under the grid."""
    from frontdesk.dto import Status

    chart = view.chart
    stay = next((it for it in chart.items if it.booking is not None
                 and it.booking.status is Status.CHECKED_IN and it.end - it.first >= 3), None)
    if stay is not None:
        chart.set_cursor(stay.row, max(stay.first, chart.start))
    chart.setFocus()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0] if args else "docs/screenshots")
    outdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    import qasync
    from PySide6.QtCore import QLocale, QSettings
    from PySide6.QtWidgets import QApplication

    from frontdesk.ui.style import app_icon

    with tempfile.TemporaryDirectory(prefix="frontdesk-shots-") as tmp:
        folder = Path(tmp)
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        # One fixed locale, so the pictures do not depend on the machine that made them.
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Ireland))
        app.setWindowIcon(app_icon())
        app.setQuitOnLastWindowClosed(False)
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        try:
            saved = loop.run_until_complete(shoot(outdir, folder))
        finally:
            loop.close()
            asyncio.set_event_loop(None)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
