"""The window on an empty database, and what it remembers between sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from uihelpers import TIMEOUT_MS, press, wait_idle

from frontdesk.ui.main_window import MainWindow
from frontdesk.ui.tasks import TaskRunner


def test_empty_database_says_what_to_do(window, qtbot):
    assert window.today_view.no_hotel.isVisible()
    assert "Ctrl+Shift+H" in window.today_view.no_hotel.text()
    window.show_view(1)
    qtbot.waitUntil(lambda: "Ctrl+Shift+H" in window.hotels_view.stack.message)
    window.show_view(4)
    qtbot.waitUntil(lambda: "Ctrl+N" in window.bookings_view.stack.message)
    # Ctrl+N without a hotel explains instead of opening an empty dialog.
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.booking_dialog is None
    assert "no hotels yet" in window.statusBar().currentMessage().lower()
    wait_idle(qtbot, window)


def test_window_remembers_view_and_hotel(window, desk, run, qtbot):
    run(desk.add_hotel("Albergo Lago", "Como", 3))
    second = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    window.refresh()
    qtbot.waitUntil(lambda: window.hotel_combo.count() == 2)
    window.hotel_combo.setCurrentIndex(window.hotel_combo.findData(second.id))
    window.show_view(3)
    wait_idle(qtbot, window)
    window.close()

    again = MainWindow(TaskRunner())
    try:
        again.show()
        again.set_desk(desk)
        qtbot.waitUntil(lambda: again.is_ready, timeout=TIMEOUT_MS)
        assert again.current_view is again.guests_view
        assert again.ctx.hotel_id == second.id
        assert again.hotel_combo.currentText().startswith("Hôtel du Lac")
        wait_idle(qtbot, again)
    finally:
        again.close()
        again.deleteLater()


def test_window_fits_a_laptop_screen(window):
    """Every view fits a 1366×768 laptop: the room grid's hint once made the window 1419
    pixels wide at least, so its right edge (buttons, totals) fell off such a screen."""
    assert window.minimumSizeHint().width() <= 1366 - 20
    assert window.minimumSizeHint().height() <= 768 - 80


def test_a_refusal_is_logged_by_kind_not_with_what_was_typed(caplog):
    """Issue 10, item 9: a refused e-mail or phone went into the log with the refusal."""
    import logging

    from frontdesk.errors import ValidationError
    from frontdesk.ui.tasks import TaskRunner

    runner = TaskRunner(log_path="the test log")
    with caplog.at_level(logging.INFO, logger="frontdesk.ui.tasks"):
        runner.report(ValidationError("email", "'anna@mail' is not an e-mail address."),
                      lambda _error: True, "dialog.guestDialog")
    assert "ValidationError (email)" in caplog.text
    assert "anna@mail" not in caplog.text


def _hiding_actions(view: QWidget) -> list[str]:
    """The widgets of a view (itself included) on which an attribute hides QWidget.actions()."""
    return [f"{type(w).__name__} {w.objectName()}" for w in [view, *view.findChildren(QWidget)]
            if not callable(w.actions) or not isinstance(w.actions(), list)]


def test_no_view_hides_qwidget_actions(window):
    # Four views once kept their BookingActions in `self.actions` (mypy found it).
    views = [view for view in window.views if view is not window.grid_view]
    assert [name for view in views for name in _hiding_actions(view)] == []


def test_the_grid_does_not_hide_qwidget_actions(window):
    assert _hiding_actions(window.grid_view) == []
