"""A dialog that saves through the task runner and shows refusals next to the fields."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import FrontDeskError, ValidationError
from frontdesk.ui.context import DeskContext
from frontdesk.ui.widgets import ENTER_KEYS, MessageArea, MessageLabel


def user_change_signal(widget: QWidget) -> SignalInstance | None:
    """The signal a field sends when the user changes it (None for what is not a field, or
    is a part of another one: the list of a combo box, the calendar of a date)."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return None
        parent = parent.parentWidget()
    if parent is not None and not isinstance(parent, QDialog):
        return None  # a popup window
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTimeChanged
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.valueChanged
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.textChanged
    if isinstance(widget, QComboBox):  # a typed currency code, or a choice from the list
        return widget.editTextChanged if widget.isEditable() else widget.activated
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.clicked
    if isinstance(widget, QAbstractItemView) and widget.selectionModel() is not None:
        return widget.selectionModel().currentChanged
    return None


class FormDialog(QDialog):
    """Subclasses fill `self.form`, map service field names to widgets in `self.fields`, and
    implement `save()` (a coroutine returning the saved DTO). A refusal keeps the dialog open
    with everything typed, shows the reason and focuses the field it names.

    Keyboard: focus opens in `first_field()` (the first enabled entry of `fields` unless a
    subclass says otherwise), so typing starts at once. Enter in any field that does not
    use Enter itself (line edits, spin boxes, dates, combo boxes, check boxes, lists; not a
    multi-line note, not a focused button) saves; when Save is disabled it shows `why_not()`
    and focuses `why_not_field()` instead, keeping everything typed. Esc cancels.

    Messages: one area under the form holds the live hints of a subclass (`add_hint`) and
    the error line. It keeps two lines of height when empty, so nothing moves when a message
    comes or goes. While an error shows, the hints give way to it; the error goes as soon
    as the user changes the field it is about (any field, when it names none)."""

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
        self.messages = MessageArea(f"{object_name}Messages")
        self.messages.add(self.error)
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
        self.body.addWidget(self.messages)
        self.body.addStretch(1)
        self.body.addWidget(self.buttons)
        # Only now is the button inside this dialog: made default before, it told no dialog,
        # and Qt made the first button of the focus chain (Cancel) the default.
        self.save_button.setDefault(True)
        self._task_name = f"dialog.{object_name}"
        self._saving = False
        self._hints: list[MessageLabel] = []
        self._error_about: QWidget | None = None
        self._opened = False

    # -- what subclasses may say --------------------------------------------------------------

    def first_field(self) -> QWidget | None:
        """Where typing goes when the dialog opens; with nothing to type (a confirmation),
        the Save button, so that keys reach this dialog and not the window behind it."""
        for widget in self.fields.values():
            if widget.isEnabled() and widget.isVisibleTo(self) and \
                    widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                return widget
        if self.save_button.isEnabled() and not self.save_button.isHidden():
            return self.save_button
        return self.buttons.button(QDialogButtonBox.StandardButton.Cancel)

    def why_not(self) -> str:
        """Why the form cannot be saved as it stands ("" when it can); shown on Enter while
        Save is disabled."""
        return ""

    def why_not_field(self) -> QWidget | None:
        """The field to fix for `why_not()`, if one."""
        return None

    def enter_pressed(self, focus: QWidget | None) -> bool:
        """Enter in a field that means something else by it (a search box searches): handle
        it and return True. By default Enter saves."""
        return False

    def update_state(self) -> None:
        """Enable or disable Save from what is typed (subclasses)."""

    # -- messages -----------------------------------------------------------------------------

    def add_hint(self, label: MessageLabel) -> None:
        """A live hint of the subclass, in the message area; it gives way to an error."""
        self._hints.append(label)
        self.messages.add(label)
        label.suppress(bool(self.error.text()))

    def show_error(self, text: str, about: QWidget | None = None) -> None:
        """The error line (red); it goes when the user changes `about` (or any field)."""
        self.error.show_text(text)
        self._error_about = about if text else None
        for hint in self._hints:
            hint.suppress(bool(text))

    def clear_error(self) -> None:
        self.show_error("")

    def _user_changed(self, widget: QWidget) -> None:
        if self._saving or not self.error.text():
            return
        about = self._error_about
        if about is None or about is widget or about.isAncestorOf(widget):
            self.clear_error()

    # -- keys and focus -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._opened:
            return
        self._opened = True
        for widget in self.findChildren(QWidget):
            signal = user_change_signal(widget)
            if signal is not None:
                signal.connect(lambda *_, w=widget: self._user_changed(w))
        field = self.first_field()
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Fields that use Enter themselves (a multi-line note, a focused button, an open
        # popup) never pass it on; every other field does, and lands here.
        focus = QApplication.focusWidget()
        if event.key() in ENTER_KEYS and not isinstance(focus, QPushButton) and \
                event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier):
            event.accept()
            if not self.enter_pressed(focus):
                self.submit()
            return
        super().keyPressEvent(event)

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> Coroutine[Any, Any, Any]:
        raise NotImplementedError

    def submit(self) -> None:
        """Save (once at a time); the dialog closes only when the desk accepted it. While
        Save is disabled (or hidden), say why instead."""
        if self._saving:
            return
        if not self.save_button.isEnabled() or self.save_button.isHidden():
            self.explain()
            return
        if self.ctx.desk is None:
            self.show_error("The database is still opening; try again in a moment.")
            return
        self._saving = True
        self.clear_error()
        self.save_button.setEnabled(False)
        self.ctx.runner.run(self._task_name, self._save(), on_error=self.show_refusal)

    def explain(self) -> None:
        """Why Save is disabled, in the error line, and the field to fix focused."""
        text = self.why_not()
        if not text:
            return
        self.show_error(text)
        field = self.why_not_field()
        if field is not None and field.isEnabled():
            field.setFocus(Qt.FocusReason.OtherFocusReason)

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
        widget = self.fields.get(error.field) if isinstance(error, ValidationError) else None
        self.show_error(str(error), widget)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    @property
    def saving(self) -> bool:
        return self._saving
