"""A dialog that saves through the task runner and shows refusals next to the fields."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import FrontDeskError, ValidationError
from frontdesk.ui.context import DeskContext
from frontdesk.ui.widgets import MessageLabel


class FormDialog(QDialog):
    """Subclasses fill `self.form`, map service field names to widgets in `self.fields`, and
    implement `save()` (a coroutine returning the saved DTO). A refusal keeps the dialog open
    with everything typed, shows the reason and focuses the field it names."""

    saved = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget | None, title: str, object_name: str,
                 save_text: str = "Save") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setObjectName(object_name)
        self.setModal(True)
        self.fields: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error = MessageLabel(f"{object_name}Error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName(f"{object_name}Buttons")
        self.save_button = QPushButton(save_text)
        self.save_button.setObjectName(f"{object_name}Save")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName(
            f"{object_name}Cancel")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)
        # Only once the button is inside the dialog: set before, Qt forgets it and Enter in a
        # field pressed Cancel.
        self.save_button.setDefault(True)
        self._task_name = f"dialog.{object_name}"
        self._saving = False
        self._keyboard_ready = False

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> Coroutine[Any, Any, Any]:
        raise NotImplementedError

    def submit(self) -> None:
        """Save (once at a time); the dialog closes only when the desk accepted it."""
        if self._saving or not self.save_button.isEnabled():
            return
        if self.ctx.desk is None:
            self.error.show_text("The database is still opening; try again in a moment.")
            return
        self._saving = True
        self.error.clear_text()
        self.save_button.setEnabled(False)
        self.ctx.runner.run(self._task_name, self._save(), on_error=self.show_refusal)

    async def _save(self) -> None:
        try:
            result = await self.save()
        finally:
            self._saving = False
            self.save_button.setEnabled(True)
            self.update_state()
        self.saved.emit(result)
        self.accept()

    def show_refusal(self, error: FrontDeskError) -> bool:
        self.error.show_text(str(error))
        if isinstance(error, ValidationError):
            widget = self.fields.get(error.field)
            if widget is not None:
                widget.setFocus()
        return True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Fields first, buttons last: the buttons were made before the subclass's fields, so
        Tab went Cancel, Save, fields, and the dialog opened with the focus on Cancel."""
        super().showEvent(event)
        if self._keyboard_ready:
            return
        self._keyboard_ready = True
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        rows = (self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                for row in range(self.form.rowCount()))
        fields = [item.widget() for item in rows if item is not None and item.widget() is not None
                  and item.widget().focusPolicy() & Qt.FocusPolicy.TabFocus]
        if not fields:
            return
        QWidget.setTabOrder(fields[-1], self.save_button)
        QWidget.setTabOrder(self.save_button, cancel)
        if self.focusWidget() in (None, self.save_button, cancel):
            fields[0].setFocus(Qt.FocusReason.TabFocusReason)

    def update_state(self) -> None:
        """Enable or disable Save from what is typed (subclasses)."""

    @property
    def saving(self) -> bool:
        return self._saving
