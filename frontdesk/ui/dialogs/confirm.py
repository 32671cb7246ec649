"""A yes/no question that does not block: opened with open(), answered through a signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.limits import REASON_MAX
from frontdesk.ui.widgets import ENTER_KEYS, MessageArea, MessageLabel, buddy


class ConfirmDialog(QDialog):
    """`confirmed(reason)` is emitted when the user says yes; Esc or "No" does nothing.

    The safe answer stays safe. Without a reason field, "No" has the focus and is the
    default: Enter or Space on a reflex keeps things as they are. With a reason field
    (cancelling a booking), focus opens in the field, so letters and Space go into the
    reason. There Enter answers yes only once a reason is typed (typing it shows intent);
    in an empty field Enter says how to go on and nothing else happens. Esc always answers
    no. The field takes at most `reason_limit` characters, the desk's limit, and says so as
    it fills up: a reason is never refused after the dialog closed. With `reason_required`
    (undoing a check-in or check-out), "yes" stays disabled until a reason is typed."""

    confirmed = Signal(str)

    def __init__(self, parent: QWidget | None, title: str, text: str, yes: str, no: str, *,
                 reason: str | None = None, object_name: str = "confirmDialog",
                 reason_limit: int = REASON_MAX, reason_required: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.text = QLabel(text)
        self.text.setObjectName(f"{object_name}Text")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.reason: QLineEdit | None = None
        self.reason_hint = MessageLabel(f"{object_name}ReasonHint", error=False)
        self.reason_limit = reason_limit
        if reason is not None:
            self.reason = QLineEdit()
            self.reason.setMaxLength(reason_limit)
            layout.addWidget(buddy(reason, self.reason, f"{object_name}Reason"))
            layout.addWidget(self.reason)
            hints = MessageArea(f"{object_name}ReasonHints")
            hints.add(self.reason_hint)
            layout.addWidget(hints)
            self.reason.textChanged.connect(self._count)
        buttons = QDialogButtonBox()
        self.yes = QPushButton(yes)
        self.yes.setObjectName(f"{object_name}Yes")
        self.no = QPushButton(no)
        self.no.setObjectName(f"{object_name}No")
        buttons.addButton(self.yes, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.no, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._yes)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Made default once the buttons are inside the dialog (before, no dialog hears of it).
        self.no.setDefault(True)
        # Every button is auto-default: Enter on the button that has the focus presses it
        # (Tab to "Cancel booking", Enter, cancels); elsewhere Enter means No.
        self._yes_text = yes.replace("&", "")
        self.reason_required = reason_required and self.reason is not None
        if self.reason is not None and self.reason_required:
            self.yes.setEnabled(False)
            self.reason.textChanged.connect(
                lambda text: self.yes.setEnabled(bool(text.strip())))
        self._opened = False
        self.setMinimumWidth(420)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._opened:
            self._opened = True
            (self.reason or self.no).setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # A line edit passes Enter on; only the reason field's Enter is decided here (a
        # focused button answers Enter itself).
        if self.reason is not None and self.focusWidget() is self.reason and \
                event.key() in ENTER_KEYS:
            event.accept()
            if self.reason.text().strip():
                self._yes()
            elif self.reason_required:
                self.reason_hint.show_text("A reason is required: type it, then press Enter.")
            else:
                self.reason_hint.show_text(
                    f"Type a reason, then press Enter. To go on without one, press Tab to "
                    f"“{self._yes_text}”.")
            return
        super().keyPressEvent(event)

    def _count(self, text: str) -> None:
        used = len(text)
        if used >= self.reason_limit:
            self.reason_hint.show_text(f"{used} of {self.reason_limit} characters: a reason "
                                       f"can be at most {self.reason_limit} characters long.")
        elif used >= self.reason_limit * 4 // 5:
            self.reason_hint.show_text(f"{used} of {self.reason_limit} characters.")
        else:
            self.reason_hint.clear_text()

    def _yes(self) -> None:
        self.confirmed.emit(self.reason.text() if self.reason is not None else "")
        self.accept()


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str,
        on_yes: Callable[[str], object], *, reason: str | None = None,
        reason_required: bool = False) -> ConfirmDialog:
    """Open a confirmation and call `on_yes(reason)` if the user agrees."""
    dialog = ConfirmDialog(parent, title, text, yes, no, reason=reason,
                           reason_required=reason_required)
    dialog.confirmed.connect(on_yes)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
