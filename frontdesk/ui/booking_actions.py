"""What a receptionist does to a booking: check in, check out, no-show, cancel, change dates,
undo a check-in or check-out. Which action a stay allows when is frontdesk.domain.stays (the
rule the desk itself applies): buttons are disabled with its sentence before anything is
asked, every action is confirmed with the guest and the room, and one runs at a time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from PySide6.QtWidgets import QWidget

from frontdesk import dto
from frontdesk.domain import stays
from frontdesk.domain.stays import Action
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.change_dates import ChangeDatesDialog
from frontdesk.ui.dialogs.confirm import ask


def why_not(action: Action, b: dto.Booking | None, today: date,
            working_day: date | None = None) -> str | None:
    """The sentence that says why `action` is not possible for `b` on the real day `today`
    (None: it is)."""
    if b is None:
        return "Select a booking first."
    return stays.why_not(action, b.status, b.date_from, b.date_to, today,
                         booking=f"Booking {b.id}", working_day=working_day)


def room_of(b: dto.Booking) -> str:
    return f"room {b.unit_number} ({b.room_name})" if b.unit_number else f"a {b.room_name} room"


class BookingActions:
    """Runs each action through the task runner and tells every view that bookings changed.
    While a question is open or an action runs, another click does nothing."""

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.busy = False

    def why_not(self, action: Action, b: dto.Booking | None) -> str | None:
        """The rule on the real today, naming the working date when it is another day."""
        return why_not(action, b, self.ctx.today(), self.ctx.working_date)

    def allows(self, action: Action, b: dto.Booking | None) -> bool:
        return self.why_not(action, b) is None

    def _start(self, action: Action, b: dto.Booking) -> bool:
        """True when the action may begin now (then the desk is busy until `_finish`)."""
        if self.busy or self.ctx.desk is None:
            return False
        problem = self.why_not(action, b)
        if problem is not None:
            self.ctx.say(problem)
            return False
        self.busy = True
        return True

    def _finish(self) -> None:
        self.busy = False

    def _run(self, name: str, call: Callable[[], Awaitable[dto.Booking]], done: str) -> None:
        async def act() -> None:
            try:
                booking = await call()
            finally:
                self._finish()
            self.ctx.say(done.format(b=booking))

        self.ctx.runner.run(name, act(), supersede=False)

    def _confirm(self, name: str, title: str, text: str, yes: str, no: str,
                 call: Callable[[str], Awaitable[dto.Booking]], done: str, *,
                 reason: str | None = None, reason_required: bool = False) -> None:
        """Ask; on yes run `call(reason)`; the desk stays busy until it is done or refused."""
        started = False

        def confirmed(given: str) -> None:
            nonlocal started
            started = True
            self._run(name, lambda: call(given), done)

        def finished(_result: int) -> None:
            if not started:
                self._finish()

        dialog = ask(self.parent, title, text, yes, no, confirmed, reason=reason,
                     reason_required=reason_required)
        dialog.finished.connect(finished)

    # -- the actions --------------------------------------------------------------------------

    def check_in(self, b: dto.Booking) -> None:
        """Load the rooms that can be offered, then ask (with the room choice)."""
        if not self._start(Action.CHECK_IN, b):
            return
        desk = self.ctx.desk
        assert desk is not None

        async def offer() -> None:
            try:
                rooms = await desk.rooms_for_check_in(b.id)
            except BaseException:
                self._finish()
                raise
            self._open_check_in(b, rooms)

        self.ctx.runner.run("booking.check_in_rooms", offer(), supersede=False)

    def _open_check_in(self, b: dto.Booking, offer: dto.CheckInRooms) -> None:
        from frontdesk.ui.dialogs.check_in import CheckInDialog

        dialog = CheckInDialog(self.ctx, self.parent, b, offer)
        dialog.finished.connect(lambda _r: self._finish())
        dialog.finished.connect(dialog.deleteLater)

        def saved(booking: dto.Booking) -> None:
            self.ctx.say(f"{booking.guest_name} checked in to room {booking.unit_number} "
                         f"({booking.room_name}), booking {booking.id}.")

        dialog.saved.connect(saved)
        dialog.open()

    def check_out(self, b: dto.Booking) -> None:
        if not self._start(Action.CHECK_OUT, b):
            return
        desk = self.ctx.desk
        assert desk is not None
        today = self.ctx.today()
        leaves = stays.departure_after_check_out(b.date_from, b.date_to, today)
        lost = stays.nights_given_up(b.date_from, b.date_to, today)
        text = (f"Check out {b.guest_name} from {room_of(b)}? The stay was booked "
                f"{fmt.day(b.date_from)} → {fmt.day(b.date_to)} ({fmt.nights(b.nights)}).")
        if lost:
            text += (f"\n\nThis is {fmt.nights(lost)} early: the stay will end on "
                     f"{fmt.day(leaves)}, and the nights {fmt.day(leaves)} → "
                     f"{fmt.day(b.date_to)} ({fmt.nights(lost)}, "
                     f"{fmt.money(lost * b.price, b.currency)}) "
                     "are given up and sold again.")
        elif stays.is_overdue(b.status, b.date_to, today):
            text += (f"\n\nThe guest is overdue since {fmt.day(b.date_to)}. The booked dates "
                     "are kept: the late nights are not added to the stay.")
        if self.ctx.working_date != today:
            text += f"\n\nThe check-out is today, {fmt.day(today)}, whatever date is shown."
        self._confirm("booking.check_out", "Check out", text,
                      "&Check out" if not lost else f"&Check out, give up {fmt.nights(lost)}",
                      "&Keep checked in", lambda _r: desk.check_out(b.id),
                      "{b.guest_name} checked out of room {b.unit_number} (booking {b.id}).")

    def no_show(self, b: dto.Booking) -> None:
        if not self._start(Action.NO_SHOW, b):
            return
        desk = self.ctx.desk
        assert desk is not None
        self._confirm("booking.no_show", "Mark as no-show",
                      f"Mark the booking of {b.guest_name} ({room_of(b)}, "
                      f"{fmt.day(b.date_from)} → {fmt.day(b.date_to)}) as a no-show? "
                      "The room is freed for the remaining nights.",
                      "Mark &no-show", "&Keep booking", lambda _r: desk.mark_no_show(b.id),
                      "Booking {b.id} of {b.guest_name} marked as a no-show.")

    def cancel(self, b: dto.Booking) -> None:
        if not self._start(Action.CANCEL, b):
            return
        desk = self.ctx.desk
        assert desk is not None
        self._confirm("booking.cancel", "Cancel booking",
                      f"Cancel the booking of {b.guest_name} for {b.room_name} at "
                      f"{b.hotel_name}, {fmt.day(b.date_from)} → {fmt.day(b.date_to)} "
                      f"({fmt.nights(b.nights)})?",
                      "&Cancel booking", "&Keep booking", lambda r: desk.cancel(b.id, r),
                      "Booking {b.id} of {b.guest_name} cancelled.",
                      reason="&Reason (optional):")

    def undo_check_in(self, b: dto.Booking) -> None:
        if not self._start(Action.UNDO_CHECK_IN, b):
            return
        desk = self.ctx.desk
        assert desk is not None
        self._confirm("booking.undo_check_in", "Undo check-in",
                      f"Undo the check-in of {b.guest_name} ({room_of(b)})? The stay goes back "
                      "to confirmed and keeps its room. The reason is kept with the stay.",
                      "&Undo check-in", "&Keep checked in",
                      lambda r: desk.undo_check_in(b.id, r),
                      "Check-in of {b.guest_name} undone (booking {b.id}).",
                      reason="&Why (required):", reason_required=True)

    def undo_check_out(self, b: dto.Booking) -> None:
        if not self._start(Action.UNDO_CHECK_OUT, b):
            return
        desk = self.ctx.desk
        assert desk is not None
        text = f"Undo the check-out of {b.guest_name} ({room_of(b)}): check the guest in again?"
        if b.planned_date_to is not None:
            text += (f" The departure goes back to {fmt.day(b.planned_date_to)} "
                     f"({fmt.nights((b.planned_date_to - b.date_to).days)} more), if the room "
                     "is still free.")
        text += " The reason is kept with the stay."
        self._confirm("booking.undo_check_out", "Undo check-out", text,
                      "&Undo check-out", "&Keep checked out",
                      lambda r: desk.undo_check_out(b.id, r),
                      "{b.guest_name} is checked in again to room {b.unit_number} "
                      "(booking {b.id}).",
                      reason="&Why (required):", reason_required=True)

    def change_dates(self, b: dto.Booking) -> ChangeDatesDialog:
        dialog = ChangeDatesDialog(self.ctx, self.parent, b)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

