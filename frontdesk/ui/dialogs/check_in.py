"""Check a guest in: who, which stay, and the room they get (the receptionist may pick another;
a dirty room is offered last and warned about)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from frontdesk import dto
from frontdesk.dto import Housekeeping
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.base import FormDialog
from frontdesk.ui.widgets import MessageLabel, add_row


def room_text(unit: dto.Unit, booked: bool) -> str:
    status = {Housekeeping.INSPECTED: "inspected", Housekeeping.CLEAN: "clean",
              Housekeeping.DIRTY: "DIRTY — not cleaned yet"}[unit.status]
    return f"{unit.number} · {status}" + (" · booked for this stay" if booked else "")


class CheckInDialog(FormDialog):
    """`offer` comes from FrontDesk.rooms_for_check_in: the vacant rooms, readiest first."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None, booking: dto.Booking,
                 offer: dto.CheckInRooms) -> None:
        super().__init__(ctx, parent, f"Check in — {booking.guest_name}", "checkInDialog",
                         "Check in")
        self.booking = booking
        self.offer = offer
        summary = QLabel(
            f"<b>{escape(booking.guest_name)}</b><br>"
            f"{escape(booking.hotel_name)} · {escape(booking.room_name)} · booking {booking.id}"
            f"<br>{fmt.day(booking.date_from)} → {fmt.day(booking.date_to)} "
            f"({fmt.nights(booking.nights)})")
        summary.setObjectName("checkInSummary")
        summary.setTextFormat(Qt.TextFormat.RichText)
        self.form.addRow(summary)
        # Why the room it would get by itself cannot be used (e.g. its guest has not left).
        self.problem = MessageLabel("checkInProblem")
        self.room = QComboBox()
        for unit in offer.rooms:
            self.room.addItem(room_text(unit, unit.id == offer.booked_unit_id), unit.id)
        self.room.setPlaceholderText("No vacant room")
        add_row(self.form, "&Room:", self.room, "checkInRoom", "Room")
        self.warning = MessageLabel("checkInWarning")
        # In the dialog's message area, which keeps its place as messages come and go.
        self.add_hint(self.problem)
        self.add_hint(self.warning)
        self.fields = {"unit_id": self.room}
        booked = self.room.findData(offer.booked_unit_id) if offer.booked_unit_id else -1
        self.room.setCurrentIndex(booked if booked >= 0 else 0)
        self.room.currentIndexChanged.connect(self.update_state)
        self.setMinimumWidth(460)
        self.update_state()

    @property
    def unit(self) -> dto.Unit | None:
        unit_id = self.room.currentData()
        return next((u for u in self.offer.rooms if u.id == unit_id), None)

    def update_state(self) -> None:
        unit = self.unit
        problem = self.offer.problem or ""
        if problem and not self.offer.rooms and "vacant" not in problem:
            problem += " No other room of this type is vacant for these nights."
        self.problem.show_text(problem)
        self.warning.show_text(
            f"Room {unit.number} is dirty: it has not been cleaned since the last guest left. "
            "Choose a clean room, or tell the guest it is being cleaned."
            if unit is not None and unit.status is Housekeeping.DIRTY else "")
        self.save_button.setEnabled(unit is not None and not self.saving)

    async def save(self) -> dto.Booking:
        desk = self.ctx.desk
        assert desk is not None
        unit = self.unit
        return await desk.check_in(self.booking.id, unit.id if unit is not None else None)
