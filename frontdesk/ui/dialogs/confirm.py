"""A yes/no question that does not block: opened with open(), answered through a signal."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.ui.widgets import buddy


class ConfirmDialog(QDialog):
    """`confirmed(reason)` is emitted when the user says yes; Esc or "No" does nothing."""

    confirmed = Signal(str)

    def __init__(self, parent: QWidget | None, title: str, text: str, yes: str, no: str, *,
                 reason: str | None = None, object_name: str = "confirmDialog") -> None:
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
        if reason is not None:
            self.reason = QLineEdit()
            layout.addWidget(buddy(reason, self.reason, f"{object_name}Reason"))
            layout.addWidget(self.reason)
        buttons = QDialogButtonBox()
        self.yes = QPushButton(yes)
        self.yes.setObjectName(f"{object_name}Yes")
        self.no = QPushButton(no)
        self.no.setObjectName(f"{object_name}No")
        # The safe answer is the default: Enter on a reflex must not cancel a stay.
        self.no.setDefault(True)
        self.no.setAutoDefault(True)
        self.yes.setAutoDefault(False)
        buttons.addButton(self.yes, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.no, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._yes)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _yes(self) -> None:
        self.confirmed.emit(self.reason.text() if self.reason is not None else "")
        self.accept()


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str, on_yes,  # type: ignore[no-untyped-def]
        *, reason: str | None = None) -> ConfirmDialog:
    """Open a confirmation and call `on_yes(reason)` if the user agrees."""
    dialog = ConfirmDialog(parent, title, text, yes, no, reason=reason)
    dialog.confirmed.connect(on_yes)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    dialog.no.setFocus()
    return dialog
