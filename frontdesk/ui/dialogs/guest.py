"""Add or edit a guest; before adding, ask whether a guest like this one exists already."""

from __future__ import annotations

import asyncio
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk import dto
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.base import FormDialog
from frontdesk.ui.widgets import add_row

# The answers to "this guest may exist already".
ADD_ANYWAY, OPEN_EXISTING, BACK = "add", "open", "back"


def same_guest_text(full_name: str, phone: str | None, email: str | None,
                    same: list[dto.Guest]) -> str:
    """The question, naming the guests found and what they share with the one typed."""
    what = ("this phone or e-mail" if phone and email else
            "this phone" if phone else "this e-mail")
    lines = [escape(" · ".join(x for x in (g.phone, g.email) if x)) for g in same]
    if len(same) == 1:
        head = (f"A guest named <b>{escape(same[0].full_name)}</b> with {what} already exists "
                f"({lines[0]}).")
    else:
        head = (f"{len(same)} guests named <b>{escape(same[0].full_name)}</b> with {what} "
                "already exist:<br>" + "<br>".join(f"&nbsp;&nbsp;{line}" for line in lines))
    return head


class SameGuestQuestion(QDialog):
    """Add anyway, open (or use) the existing guest, or go back to the form. Back is the
    default and Esc: a reflex Enter adds nobody."""

    answered = Signal(str)

    def __init__(self, parent: QWidget | None, text: str, open_text: str) -> None:
        super().__init__(parent)
        self.setObjectName("sameGuestQuestion")
        self.setWindowTitle("This guest may exist already")
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.text = QLabel(text)
        self.text.setObjectName("sameGuestQuestionText")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        self.add = QPushButton("&Add anyway")
        self.add.setObjectName("sameGuestAddAnyway")
        self.open_existing = QPushButton(open_text)
        self.open_existing.setObjectName("sameGuestOpenExisting")
        self.back = QPushButton("&Back")
        self.back.setObjectName("sameGuestBack")
        for button in (self.add, self.open_existing):  # Enter presses the focused one
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.back, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.back.setDefault(True)  # once inside the dialog, or Qt forgets it
        self.add.clicked.connect(lambda: self._answer(ADD_ANYWAY))
        self.open_existing.clicked.connect(lambda: self._answer(OPEN_EXISTING))
        self.back.clicked.connect(self.reject)
        self.rejected.connect(lambda: self.answered.emit(BACK))
        self.setMinimumWidth(460)

    def _answer(self, answer: str) -> None:
        self.answered.emit(answer)
        self.accept()


async def ask_same_guest(parent: QWidget, full_name: str, phone: str | None, email: str | None,
                         same: list[dto.Guest], open_text: str = "&Open existing") -> str:
    """Ask, without blocking the loop, what to do about guests who look like this one:
    ADD_ANYWAY, OPEN_EXISTING or BACK."""
    question = SameGuestQuestion(parent, same_guest_text(full_name, phone, email, same) +
                                 "<br><br>Add a new guest anyway?", open_text)
    answer: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    question.answered.connect(lambda a: answer.done() or answer.set_result(a))
    question.open()
    question.back.setFocus()
    try:
        return await answer
    finally:
        question.answered.disconnect()
        question.close()
        question.deleteLater()


class GuestDialog(FormDialog):
    """A new guest whose name and phone or e-mail match a guest on file is added only after
    the receptionist says so; "Open existing" closes this dialog and emits `openExisting`."""

    openExisting = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget | None,
                 guest: dto.Guest | None = None, name: str = "") -> None:
        super().__init__(ctx, parent, "Edit guest" if guest else "New guest", "guestDialog",
                         "Save" if guest else "Add guest")
        self.guest = guest
        self.full_name = QLineEdit(guest.full_name if guest else name)
        self.phone = QLineEdit((guest.phone or "") if guest else "")
        self.phone.setPlaceholderText("+33 4 50 00 00 00")
        self.email = QLineEdit((guest.email or "") if guest else "")
        self.email.setPlaceholderText("name@example.com")
        self.document = QLineEdit((guest.document or "") if guest else "")
        self.notes = QPlainTextEdit(guest.notes if guest else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        add_row(self.form, "Full &name:", self.full_name, "guestName", "Guest name")
        add_row(self.form, "&Phone:", self.phone, "guestPhone", "Phone")
        add_row(self.form, "&E-mail:", self.email, "guestEmail", "E-mail")
        add_row(self.form, "&Document no.:", self.document, "guestDocument", "Document number")
        add_row(self.form, "N&otes:", self.notes, "guestNotes", "Notes")
        self.fields = {"full_name": self.full_name, "phone": self.phone, "email": self.email,
                       "document": self.document, "notes": self.notes}
        self.setMinimumWidth(440)
        # Guests the receptionist already chose to add beside (asked once, not at every retry).
        self._added_beside: set[int] = set()
        self._checking = False

    def _values(self) -> dict[str, str | None]:
        return {"full_name": self.full_name.text(), "phone": self.phone.text() or None,
                "email": self.email.text() or None, "document": self.document.text() or None,
                "notes": self.notes.toPlainText()}

    def submit(self) -> None:
        """A new guest: first look for the same guest on file, then add (see ask_same_guest)."""
        if (self.guest is not None or self.saving or self.ctx.desk is None
                or not self.save_button.isEnabled()):
            super().submit()
            return
        if self._checking:
            return
        self._checking = True
        self.save_button.setEnabled(False)
        self.clear_error()
        # Quiet: it waits for the receptionist's answer, which is no time to show busy.
        self.ctx.runner.run("dialog.guestDialog.same", self._look_then_add(),
                            on_error=self.show_refusal, quiet=True)

    async def _look_then_add(self) -> None:
        desk = self.ctx.desk
        assert desk is not None
        values = self._values()
        try:
            same = await desk.similar_guests(values["full_name"] or "", values["phone"],
                                             values["email"])
        finally:
            self._checking = False
            self.save_button.setEnabled(True)
        same = [g for g in same if g.id not in self._added_beside]
        if not self.isVisible():  # closed while the desk was asked
            return
        if same:
            answer = await ask_same_guest(self, values["full_name"] or "", values["phone"],
                                          values["email"], same)
            if answer == OPEN_EXISTING:
                self.openExisting.emit(same[0])
                self.reject()
                return
            if answer == BACK:
                self.full_name.setFocus()
                return
            self._added_beside.update(g.id for g in same)
        super().submit()

    async def save(self) -> dto.Guest:
        desk = self.ctx.desk
        assert desk is not None
        values = self._values()
        if self.guest is None:
            guest = await desk.add_guest(**values)
            self.ctx.say(f"Guest '{guest.full_name}' added.")
        else:
            guest = await desk.update_guest(self.guest.id, **values)
            self.ctx.say(f"Guest '{guest.full_name}' saved.")
        return guest
