"""Change the dates of a booking (a checked-in stay can only change its departure)."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from frontdesk import dto
from frontdesk.domain import stays
from frontdesk.domain.stays import Action
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.base import FormDialog
from frontdesk.ui.widgets import MessageLabel, add_row, date_edit


class ChangeDatesDialog(FormDialog):
    def __init__(self, ctx: DeskContext, parent: QWidget | None, booking: dto.Booking) -> None:
        super().__init__(ctx, parent, f"Booking {booking.id} — {booking.guest_name}",
                         "changeDatesDialog", "Save dates")
        self.booking = booking
        summary = QLabel(
            f"<b>{escape(booking.guest_name)}</b><br>"
            f"{escape(booking.hotel_name)} · {escape(booking.room_name)}<br>"
            f"{fmt.day(booking.date_from)} → {fmt.day(booking.date_to)} "
            f"({fmt.nights(booking.nights)}) · {booking.status.label}<br>"
            f"{fmt.money(booking.price, booking.currency)} a night"
            + (f"<br><i>{escape(booking.notes)}</i>" if booking.notes else ""))
        summary.setObjectName("changeDatesSummary")
        summary.setTextFormat(Qt.TextFormat.RichText)
        self.form.addRow(summary)
        self.date_from = date_edit(booking.date_from, "changeDatesFrom")
        self.date_to = date_edit(booking.date_to, "changeDatesTo")
        add_row(self.form, "&Arrival:", self.date_from, "changeDatesFrom", "Arrival")
        add_row(self.form, "&Departure:", self.date_to, "changeDatesTo", "Departure")
        self.total = QLabel()
        self.total.setObjectName("changeDatesTotal")
        self.form.addRow("", self.total)
        self.reason = MessageLabel("changeDatesReason", error=False)
        self.add_hint(self.reason)
        self.final = stays.why_not(Action.CHANGE_DATES, booking.status, booking.date_from,
                                   booking.date_to, ctx.today(), booking="This booking")
        editable = self.final is None
        self.date_from.setEnabled(stays.arrival_can_change(booking.status))
        self.date_to.setEnabled(editable)
        self.fields = {"date_from": self.date_from, "date_to": self.date_to}
        self.date_from.dateChanged.connect(self.update_state)
        self.date_to.dateChanged.connect(self.update_state)
        self.setMinimumWidth(440)
        self.update_state()

    @property
    def stay(self) -> tuple[date, date]:
        return fmt.pydate(self.date_from.date()), fmt.pydate(self.date_to.date())

    def why_not(self) -> str:
        start, end = self.stay
        if self.final is not None:
            return self.final
        if (end - start).days < 1:
            return "Departure must be at least one day after arrival."
        if (start, end) == (self.booking.date_from, self.booking.date_to):
            return "Pick the new dates."
        return ""

    def why_not_field(self) -> QWidget | None:
        start, end = self.stay
        return self.date_to if (end - start).days < 1 else self.first_field()

    def update_state(self) -> None:
        start, end = self.stay
        nights = (end - start).days
        reason = self.why_not()
        if nights >= 1:
            total = fmt.money(nights * self.booking.price, self.booking.currency)
            self.total.setText(f"{fmt.nights(nights)} · total {total}")
        else:
            self.total.setText("—")
        self.reason.show_text(reason)
        self.save_button.setEnabled(not reason and not self.saving)

    async def save(self) -> dto.Booking:
        desk = self.ctx.desk
        assert desk is not None
        start, end = self.stay
        booking = await desk.change_dates(self.booking.id, start, end)
        self.ctx.say(f"Booking {booking.id} of {booking.guest_name} now runs "
                     f"{fmt.day(booking.date_from)} → {fmt.day(booking.date_to)}.")
        return booking
