"""What a receptionist does to a booking: check in, check out, no-show, cancel, change dates."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtWidgets import QWidget

from frontdesk import dto
from frontdesk.dto import Status
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.change_dates import ChangeDatesDialog
from frontdesk.ui.dialogs.confirm import ask


def can_check_in(b: dto.Booking | None) -> bool:
    return b is not None and b.status is Status.CONFIRMED


def can_check_out(b: dto.Booking | None) -> bool:
    return b is not None and b.status is Status.CHECKED_IN


def can_no_show(b: dto.Booking | None) -> bool:
    return b is not None and b.status is Status.CONFIRMED


def can_cancel(b: dto.Booking | None) -> bool:
    return b is not None and b.status is Status.CONFIRMED


def can_change_dates(b: dto.Booking | None) -> bool:
    return b is not None and b.status in (Status.CONFIRMED, Status.CHECKED_IN)


class BookingActions:
    """Runs each action through the task runner and tells every view that bookings changed."""

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent

    def _run(self, name: str, call: Callable[[], Awaitable[dto.Booking]], done: str) -> None:
        async def act() -> None:
            booking = await call()
            self.ctx.say(done.format(b=booking))
            self.ctx.booking_updated(booking)

        self.ctx.runner.run(name, act(), supersede=False)

    def check_in(self, b: dto.Booking) -> None:
        desk = self.ctx.desk
        if desk is None:
            return
        self._run("booking.check_in", lambda: desk.check_in(b.id),
                  "{b.guest_name} checked in to {b.room_name} (booking {b.id}).")

    def check_out(self, b: dto.Booking) -> None:
        desk = self.ctx.desk
        if desk is None:
            return
        self._run("booking.check_out", lambda: desk.check_out(b.id),
                  "{b.guest_name} checked out (booking {b.id}).")

    def no_show(self, b: dto.Booking) -> None:
        desk = self.ctx.desk
        if desk is None:
            return

        def confirmed(_reason: str) -> None:
            self._run("booking.no_show", lambda: desk.mark_no_show(b.id),
                      "Booking {b.id} of {b.guest_name} marked as a no-show.")

        ask(self.parent, "Mark as no-show",
            f"Mark the booking of {b.guest_name} ({b.room_name}, "
            f"{fmt.day(b.date_from)} → {fmt.day(b.date_to)}) as a no-show? "
            "The room is freed for the remaining nights.",
            "Mark no-show", "Keep booking", confirmed)

    def cancel(self, b: dto.Booking) -> None:
        desk = self.ctx.desk
        if desk is None:
            return
        if b.status is not Status.CONFIRMED:
            self.ctx.say(f"Booking {b.id} is {b.status.label.lower()}; only confirmed bookings "
                         "can be cancelled.")
            return

        def confirmed(reason: str) -> None:
            self._run("booking.cancel", lambda: desk.cancel(b.id, reason),
                      "Booking {b.id} of {b.guest_name} cancelled.")

        ask(self.parent, "Cancel booking",
            f"Cancel the booking of {b.guest_name} for {b.room_name} at {b.hotel_name}, "
            f"{fmt.day(b.date_from)} → {fmt.day(b.date_to)} ({fmt.nights(b.nights)})?",
            "Cancel booking", "Keep booking", confirmed, reason="&Reason (optional):")

    def change_dates(self, b: dto.Booking) -> ChangeDatesDialog:
        dialog = ChangeDatesDialog(self.ctx, self.parent, b)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
