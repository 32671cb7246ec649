"""Every input has a name for assistive technology and automation; every action an objectName."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from uihelpers import wait_dialog, wait_idle

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit)


def unnamed_inputs(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, INPUTS) and not isinstance(widget.parent(), INPUTS):
            if not widget.accessibleName() or not widget.objectName():
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
        if isinstance(widget, QHeaderView) or type(widget).__name__ == "QTableCornerButton":
            continue  # parts of a table
        if isinstance(widget, QAbstractItemView | QAbstractButton) and not widget.objectName():
            if isinstance(widget, QAbstractButton) and widget.parent() is not None and \
                    type(widget.parent()).__name__ in ("QCalendarWidget", "QToolBar",
                                                       "QLineEdit", "QTabBar", "QScrollBar",
                                                       "QDialogButtonBox", "QMenuBar"):
                continue
            if isinstance(widget, QAbstractItemView) and not isinstance(
                    widget.window(), type(root.window())):
                continue  # a combo box's popup list
            if isinstance(widget, QAbstractItemView) and widget.parent() is not None and \
                    type(widget.parent()).__name__ in ("QComboBoxPrivateContainer",
                                                       "QCalendarWidget"):
                continue
            missing.append(f"{type(widget).__name__} without objectName "
                           f"({getattr(widget, 'text', lambda: '')()!r})")
    return missing


def labelled(root: QWidget) -> set[QWidget]:
    return {label.buddy() for label in root.findChildren(QLabel) if label.buddy() is not None}


def test_main_window_inputs_and_actions_are_named(window, qtbot):
    missing = unnamed_inputs(window)
    assert missing == [], "\n".join(missing)
    for action in window.findChildren(QAction):
        if action.text() and not action.isSeparator() and action.menu() is None:
            assert action.objectName(), action.text()
    for view in window.views:
        assert view.objectName() and view.accessibleName()
        field = view.search_field()
        if field is not None:
            assert field in labelled(window)
    wait_idle(qtbot, window)


def test_dialog_inputs_have_labels(window, desk, run, qtbot):
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    run(desk.add_room(hotel.id, "Double", 12_000, 2))
    window.refresh()
    wait_idle(qtbot, window)
    opened = []
    window.new_hotel()
    opened.append(wait_dialog(qtbot, "hotelDialog"))
    opened[-1].reject()
    window.new_guest()
    opened.append(wait_dialog(qtbot, "guestDialog"))
    opened[-1].reject()
    opened.append(window.open_booking_dialog())
    for dialog in opened:
        assert unnamed_inputs(dialog) == [], dialog.objectName()
        buddies = labelled(dialog)
        for widget in (w for w in dialog.findChildren(QWidget) if isinstance(w, INPUTS)):
            if isinstance(widget.parent(), INPUTS) or not widget.isVisibleTo(dialog):
                continue
            assert widget in buddies, f"{dialog.objectName()}: {widget.objectName()} has no label"
    opened[-1].reject()
