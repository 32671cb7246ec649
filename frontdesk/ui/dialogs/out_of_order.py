"""Take a physical room out of order for a range of nights, with the reason."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from frontdesk import dto
from frontdesk.limits import REASON_MAX
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.base import FormDialog
from frontdesk.ui.widgets import MessageLabel, add_row, date_edit


class OutOfOrderDialog(FormDialog):
    """The room sells none of the nights [from, to); the desk refuses if a stay is in it."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None, unit: dto.Unit,
                 date_from: date | None = None) -> None:
        super().__init__(ctx, parent, f"Room {unit.number} out of order", "outOfOrderDialog",
                         "Take out of order")
        self.unit = unit
        summary = QLabel(f"<b>Room {escape(unit.number)}</b> · {escape(unit.room_name)}"
                         + (f" · floor {unit.floor}" if unit.floor is not None else ""))
        summary.setObjectName("outOfOrderSummary")
        summary.setTextFormat(Qt.TextFormat.RichText)
        self.form.addRow(summary)
        start = date_from or ctx.working_date
        self.date_from = date_edit(start, "outOfOrderFrom")
        self.date_to = date_edit(start + timedelta(days=1), "outOfOrderTo")
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText("Leaking tap, repainting, broken air conditioning…")
        add_row(self.form, "&From:", self.date_from, "outOfOrderFrom", "Out of order from")
        add_row(self.form, "&Back in service on:", self.date_to, "outOfOrderTo",
                "Back in service on")
        add_row(self.form, "&Reason:", self.reason, "outOfOrderReason", "Reason")
        self.nights = QLabel()
        self.nights.setObjectName("outOfOrderNights")
        self.form.addRow("", self.nights)
        self.hint = MessageLabel("outOfOrderHint", error=False)
        self.add_hint(self.hint)
        self.fields = {"date_from": self.date_from, "date_to": self.date_to,
                       "reason": self.reason}
        self.date_from.dateChanged.connect(self.update_state)
        self.date_to.dateChanged.connect(self.update_state)
        self.setMinimumWidth(460)
        self.update_state()

    @property
    def stay(self) -> tuple[date, date]:
        return fmt.pydate(self.date_from.date()), fmt.pydate(self.date_to.date())

    def first_field(self) -> QWidget | None:
        """The dates come filled in; the reason is what is left to type."""
        return self.reason

    def why_not(self) -> str:
        start, end = self.stay
        return "" if (end - start).days >= 1 else "The room comes back at least one day later."

    def why_not_field(self) -> QWidget | None:
        return self.date_to

    def update_state(self) -> None:
        start, end = self.stay
        nights = (end - start).days
        reason = self.why_not()
        self.nights.setText(f"{fmt.nights(nights)} out of order" if nights >= 1 else "—")
        self.hint.show_text(reason)
        self.save_button.setEnabled(not reason and not self.saving)

    async def save(self) -> dto.Block:
        desk = self.ctx.desk
        assert desk is not None
        start, end = self.stay
        block = await desk.take_out_of_order(self.unit.id, start, end, self.reason.text())
        self.ctx.say(f"Room {self.unit.number} is out of order {fmt.day(start)} → "
                     f"{fmt.day(end)}.")
        return block
