"""Add or edit a guest."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from frontdesk import dto
from frontdesk.ui.context import GUESTS, DeskContext
from frontdesk.ui.dialogs.base import FormDialog
from frontdesk.ui.widgets import add_row


class GuestDialog(FormDialog):
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

    async def save(self) -> dto.Guest:
        desk = self.ctx.desk
        assert desk is not None
        values = {"full_name": self.full_name.text(), "phone": self.phone.text() or None,
                  "email": self.email.text() or None, "document": self.document.text() or None,
                  "notes": self.notes.toPlainText()}
        if self.guest is None:
            guest = await desk.add_guest(**values)
            self.ctx.say(f"Guest '{guest.full_name}' added.")
        else:
            guest = await desk.update_guest(self.guest.id, **values)
            self.ctx.say(f"Guest '{guest.full_name}' saved.")
        self.ctx.changed(GUESTS)
        return guest
