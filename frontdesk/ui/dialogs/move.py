"""Confirm moving a stay (another room, other dates, a longer stay): what changes and the price."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QGridLayout, QLabel, QWidget

from frontdesk import dto
from frontdesk.errors import FrontDeskError
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.base import FormDialog
from frontdesk.ui.widgets import MessageLabel


def money_difference(cents: int, currency: str) -> str:
    if cents == 0:
        return "No change in price"
    sign = "+" if cents > 0 else "−"
    return f"{sign}{fmt.money(abs(cents), currency)}" + (" more" if cents > 0 else " less")


def where(room_name: str, number: str | None) -> str:
    return f"{room_name} · room {number}" if number else f"{room_name} · no room assigned"


class MoveDialog(FormDialog):
    """Opens at once, asks the desk for a quote (`quote_move`), then shows nights, the old and
    the new total and the difference. A move the desk refuses shows why and offers no Confirm.
    `plan` holds the arguments of quote_move / move_stay; `unassign` gives the room back
    instead (a stay dropped on its own type's "Unassigned" row)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None, booking: dto.Booking,
                 plan: dict[str, Any], *, unassign: bool = False, title: str = "",
                 target: str = "") -> None:
        super().__init__(ctx, parent, title or f"Move the stay of {booking.guest_name}",
                         "moveDialog", "Confirm move")
        self.booking = booking
        self.plan = dict(plan)
        self.unassign = unassign
        # Where the stay was dropped, in words (a refused quote names no room).
        self.target_text = target or where(booking.room_name, booking.unit_number)
        self.quote: dto.MoveQuote | None = None
        self._refused = ""
        self.intro = QLabel(f"<b>{escape(booking.guest_name)}</b> · booking {booking.id} · "
                            f"{booking.status.label}")
        self.intro.setObjectName("moveDialogIntro")
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.form.addRow(self.intro)

        table = QGridLayout()
        table.setHorizontalSpacing(18)
        table.setVerticalSpacing(6)
        heads = ("", "Now", "After the move")
        for column, text in enumerate(heads):
            head = QLabel(f"<b>{text}</b>" if text else "")
            table.addWidget(head, 0, column)
        self.cells: dict[str, tuple[QLabel, QLabel]] = {}
        sample = date(2026, 12, 30)  # a long weekday name, two-digit day and month
        wide = self.fontMetrics().horizontalAdvance(
            f"{fmt.day(sample)} → {fmt.day(sample)}") + 12
        for row, (key, text) in enumerate((("room", "Room"), ("dates", "Dates"),
                                           ("nights", "Nights"), ("price", "Per night"),
                                           ("total", "Total")), start=1):
            table.addWidget(QLabel(text), row, 0)
            old, new = QLabel(), QLabel()
            old.setMinimumWidth(wide)
            new.setMinimumWidth(wide)
            old.setObjectName(f"moveDialogOld{key.capitalize()}")
            new.setObjectName(f"moveDialogNew{key.capitalize()}")
            table.addWidget(old, row, 1)
            table.addWidget(new, row, 2)
            self.cells[key] = (old, new)
        self.form.addRow(table)
        self.difference = QLabel("Checking the move…")
        self.difference.setObjectName("moveDialogDifference")
        self.difference.setAccessibleName("Price difference")
        font = self.difference.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.difference.setFont(font)
        self.form.addRow("Price difference:", self.difference)
        self.note = MessageLabel("moveDialogNote", error=False)
        self.add_hint(self.note)
        self.save_button.setEnabled(False)
        self._fill_now()
        self.setMinimumWidth(520)
        if unassign:
            self._show_unassign()
        elif ctx.desk is not None:
            ctx.runner.run("moveDialog.quote", self._load_quote(), on_error=self._quote_refused)

    # -- the quote ------------------------------------------------------------------------------

    def _fill_now(self) -> None:
        b = self.booking
        self.cells["room"][0].setText(where(b.room_name, b.unit_number))
        self.cells["dates"][0].setText(f"{fmt.day(b.date_from)} → {fmt.day(b.date_to)}")
        self.cells["nights"][0].setText(str(b.nights))
        self.cells["price"][0].setText(fmt.money(b.price, b.currency))
        self.cells["total"][0].setText(fmt.money(b.total, b.currency))

    async def _load_quote(self) -> None:
        desk = self.ctx.desk
        assert desk is not None
        self.show_quote(await desk.quote_move(self.booking.id, **self.plan))

    def show_quote(self, quote: dto.MoveQuote) -> None:
        self.quote = quote
        new = self.cells
        new["room"][1].setText(where(quote.room_name, quote.unit_number) if quote.room_name
                               else self.target_text)
        new["dates"][1].setText(f"{fmt.day(quote.date_from)} → {fmt.day(quote.date_to)}")
        new["nights"][1].setText(str(quote.nights))
        new["price"][1].setText(fmt.money(quote.price, self.booking.currency))
        new["total"][1].setText(fmt.money(quote.new_total, self.booking.currency))
        self.difference.setText(money_difference(quote.difference, self.booking.currency))
        self.adjustSize()
        if quote.problem:
            self.refuse(quote.problem)
            return
        if self.booking.unit_id is not None and quote.unit_id is None:
            self.note.show_text(f"Room {self.booking.unit_number} is not free on every new "
                                "night, so the stay gives it up and waits for a room.")
        self.save_button.setEnabled(True)
        self.save_button.setFocus()

    def _quote_refused(self, error: FrontDeskError) -> bool:
        self.refuse(str(error))
        return True

    def refuse(self, text: str) -> None:
        """No move: say why, and leave only Close."""
        self._refused = text
        self.show_error(text)
        self.difference.setText("—")
        if self.quote is None:
            self.cells["room"][1].setText(self.target_text)
        self.save_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")

    def _show_unassign(self) -> None:
        b = self.booking
        self.cells["room"][1].setText(where(b.room_name, None))
        self.cells["dates"][1].setText(f"{fmt.day(b.date_from)} → {fmt.day(b.date_to)}")
        self.cells["nights"][1].setText(str(b.nights))
        self.cells["price"][1].setText(fmt.money(b.price, b.currency))
        self.cells["total"][1].setText(fmt.money(b.total, b.currency))
        self.difference.setText(money_difference(0, b.currency))
        self.save_button.setText("Give the room back")
        self.note.show_text(f"Room {b.unit_number} becomes free; the stay stays booked as "
                            f"'{b.room_name}' until a room is assigned (at the latest at "
                            "check-in).")
        self.save_button.setEnabled(True)
        self.adjustSize()

    def why_not(self) -> str:
        if self._refused:
            return self._refused
        return "" if self.quote is not None or self.unassign else "Checking the move…"

    # -- saving ---------------------------------------------------------------------------------

    @property
    def target(self) -> tuple[date, date]:
        if self.quote is not None:
            return self.quote.date_from, self.quote.date_to
        return self.booking.date_from, self.booking.date_to

    async def save(self) -> dto.Booking:
        desk = self.ctx.desk
        assert desk is not None
        if self.unassign:
            booking = await desk.unassign_room(self.booking.id)
            self.ctx.say(f"Room {self.booking.unit_number} given back; booking {booking.id} of "
                         f"{booking.guest_name} waits for a room.")
        else:
            booking = await desk.move_stay(self.booking.id, **self.plan)
            room = (f"room {booking.unit_number}" if booking.unit_number
                    else f"'{booking.room_name}' (no room yet)")
            self.ctx.say(f"{booking.guest_name} moved to {room}, {fmt.day(booking.date_from)} → "
                         f"{fmt.day(booking.date_to)}; "
                         f"total {fmt.money(booking.total, booking.currency)}.")
        return booking
