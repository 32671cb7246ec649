"""Helpers for the UI tests: wait for the task runner, find dialogs by objectName."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

TIMEOUT_MS = 20_000


def wait_idle(qtbot: Any, w: Any) -> None:
    """Wait until no task of the window's runner is running."""
    qtbot.waitUntil(lambda: w.runner.running == 0, timeout=TIMEOUT_MS)


def top_level(object_name: str) -> QWidget | None:
    """A visible top-level widget (dialog, message box) by objectName."""
    for w in QApplication.topLevelWidgets():
        if w.objectName() == object_name and w.isVisible():
            return w
    return None


def wait_dialog(qtbot: Any, object_name: str) -> Any:
    qtbot.waitUntil(lambda: top_level(object_name) is not None, timeout=TIMEOUT_MS)
    return top_level(object_name)


def wait_closed(qtbot: Any, dialog: QWidget) -> None:
    import shiboken6

    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(),
                    timeout=TIMEOUT_MS)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would, one key event per character (non-ASCII too, which
    QTest.keyClicks cannot send)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def clear_and_type(widget: Any, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    type_text(widget, text)


def press(qtbot: Any, window: QWidget, key: Any, modifiers: Any = None) -> None:
    """A keyboard shortcut pressed in `window` (made the active window first: offscreen Qt does
    not always give activation back to the main window when a dialog closes)."""
    from PySide6.QtCore import Qt

    if QApplication.activeModalWidget() is None and QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT_MS)
    target = QApplication.focusWidget() or window
    if target.window() is not window:
        target = window
    qtbot.keyClick(target, key, modifiers if modifiers is not None
                   else Qt.KeyboardModifier.NoModifier)


def click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    from PySide6.QtCore import Qt

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save_and_wait_refusal(qtbot: Any, dialog: Any) -> str:
    """Click Save and wait for the refusal shown in the dialog (which stays open)."""
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.saving)
    assert dialog.isVisible()
    return dialog.error.text()
