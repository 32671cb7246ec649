"""Today: the day's arrivals, departures and in-house guests with the next action for each."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk import dto
from frontdesk.ui import fmt
from frontdesk.ui.booking_actions import (
    BookingActions,
    can_cancel,
    can_change_dates,
    can_check_in,
    can_check_out,
    can_no_show,
)
from frontdesk.ui.context import BOOKINGS, HOTELS, DeskContext
from frontdesk.ui.models.bookings import booking_columns
from frontdesk.ui.models.records import RecordTableModel
from frontdesk.ui.views.base import View
from frontdesk.ui.widgets import EmptyState, RecordTable

Check = Callable[[dto.Booking | None], bool]


class DayList(QGroupBox):
    """One list of the day (arrivals, departures, in house) with its action buttons."""

    def __init__(self, title: str, object_name: str, empty: str,
                 skip: tuple[str, ...] = ()) -> None:
        super().__init__(title)
        self.setObjectName(object_name)
        self.base_title = title
        self.empty_text = empty
        self.model: RecordTableModel[dto.Booking] = RecordTableModel(
            booking_columns(hotel=False, skip=skip))
        self.table = RecordTable(self.model, f"{object_name}Table", title, stretch=1)
        self.stack = EmptyState(self.table, f"{object_name}Empty")
        # Buttons beside the list: three lists fit one above the other on a laptop screen.
        self.buttons = QVBoxLayout()
        layout = QHBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.buttons)
        self._actions: list[tuple[QPushButton, Check]] = []
        self.table.currentRecordChanged.connect(self.update_buttons)

    def action(self, text: str, object_name: str, check: Check,
               run: Callable[[dto.Booking], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(object_name)
        button.clicked.connect(lambda: self._do(run))
        button.setMinimumWidth(120)
        self.buttons.addWidget(button)
        self._actions.append((button, check))
        button.setEnabled(False)
        return button

    def finish(self) -> None:
        self.buttons.addStretch(1)

    def _do(self, run: Callable[[dto.Booking], None]) -> None:
        record = self.table.current_record()
        if isinstance(record, dto.Booking):
            run(record)

    def set_bookings(self, bookings: list[dto.Booking], keep: int | None = None) -> None:
        self.model.set_records(bookings)
        self.setTitle(f"{self.base_title} ({len(bookings)})")
        if bookings:
            self.stack.show_table()
            if keep is None or not self.table.select_where(lambda b: b.id == keep):
                self.table.select_row(0)
        else:
            self.stack.show_message(self.empty_text)
        self.update_buttons()

    def update_buttons(self, *_: object) -> None:
        record = self.table.current_record()
        booking = record if isinstance(record, dto.Booking) else None
        for button, check in self._actions:
            button.setEnabled(check(booking))


class TodayView(View):
    title = "Today"
    shows = frozenset({BOOKINGS, HOTELS})
    follows_date = True

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, "todayView")
        self.actions = BookingActions(ctx, self)
        self.header = self.heading()
        self.summary = QLabel()
        self.summary.setObjectName("todaySummary")
        self.no_hotel = QLabel("No hotels yet — add one with Ctrl+Shift+H.")
        self.no_hotel.setObjectName("todayNoHotel")
        self.no_hotel.hide()

        self.arrivals = DayList("Arrivals", "arrivals", "No arrivals on this day.")
        self.arrivals.action("Check &in", "checkInButton", can_check_in, self.actions.check_in)
        self.arrivals.action("No-s&how…", "noShowButton", can_no_show, self.actions.no_show)
        self.arrivals.action("Ca&ncel…", "arrivalCancelButton", can_cancel, self.actions.cancel)
        self.departures = DayList("Departures", "departures", "No departures on this day.")
        self.departures.action("Check &out", "checkOutButton", can_check_out,
                               self.actions.check_out)
        self.in_house = DayList("In house", "inHouse", "Nobody is checked in for this night.")
        self.in_house.action("Change &dates…", "inHouseDatesButton", can_change_dates,
                             self.actions.change_dates)
        self.in_house.action("Check o&ut", "inHouseCheckOutButton", can_check_out,
                             self.actions.check_out)
        for day_list in self.lists:
            day_list.finish()
            day_list.table.openRequested.connect(self._open)
            day_list.table.deleteRequested.connect(self.actions.cancel)

        lists = QVBoxLayout()
        for day_list in self.lists:
            lists.addWidget(day_list, 1)
        self.lists_box = QWidget()
        self.lists_box.setLayout(lists)
        lists.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.header)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.no_hotel)
        layout.addWidget(self.lists_box, 1)

    @property
    def lists(self) -> tuple[DayList, DayList, DayList]:
        return self.arrivals, self.departures, self.in_house

    def _open(self, booking: object) -> None:
        if isinstance(booking, dto.Booking):
            self.actions.change_dates(booking)

    def refresh(self) -> None:
        hotel = self.ctx.hotel
        day = self.ctx.working_date
        self.no_hotel.setVisible(hotel is None)
        self.lists_box.setVisible(hotel is not None)
        if hotel is None:
            self.header.setText("Today")
            self.summary.clear()
            return
        self.header.setText(f"{hotel.name} — {fmt.long_day(day)}")
        self.ctx.runner.run("today.load", self._load(hotel.id, day))

    async def _load(self, hotel_id: int, day: date) -> None:
        desk = self.ctx.desk
        assert desk is not None
        arrivals, departures, in_house = await asyncio.gather(
            desk.arrivals(hotel_id, day), desk.departures(hotel_id, day),
            desk.in_house(hotel_id, day))
        for day_list, rows in zip(self.lists, (arrivals, departures, in_house), strict=True):
            current = day_list.table.current_record()
            day_list.set_bookings(rows, current.id if isinstance(current, dto.Booking) else None)
        due_in = sum(1 for b in arrivals if can_check_in(b))
        due_out = sum(1 for b in departures if can_check_out(b))
        self.summary.setText(f"{due_in} to check in · {due_out} to check out · "
                             f"{len(in_house)} in house")
