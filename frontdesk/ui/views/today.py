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
from frontdesk.domain import stays
from frontdesk.domain.stays import Action, is_overdue
from frontdesk.ui import fmt
from frontdesk.ui.booking_actions import BookingActions, why_not
from frontdesk.ui.context import BOOKINGS, GUESTS, HOTELS, ROOMS, DeskContext
from frontdesk.ui.models.bookings import booking_columns
from frontdesk.ui.models.records import RecordTableModel
from frontdesk.ui.views.base import View
from frontdesk.ui.widgets import EmptyState, MessageLabel, RecordTable


class DayList(QGroupBox):
    """One list of the day (arrivals, departures, in house) with its action buttons. A button
    the selected stay does not allow is disabled, and says why (tooltip and the line under
    the list) before anything is asked."""

    def __init__(self, title: str, object_name: str, empty: str, actions: BookingActions,
                 skip: tuple[str, ...] = ()) -> None:
        super().__init__(title)
        self.setObjectName(object_name)
        self.base_title = title
        self.empty_text = empty
        self.booking_actions = actions
        self.model: RecordTableModel[dto.Booking] = RecordTableModel(
            booking_columns(hotel=False, skip=skip, today=actions.ctx.today))
        self.table = RecordTable(self.model, f"{object_name}Table", title, stretch=1)
        self.stack = EmptyState(self.table, f"{object_name}Empty")
        self.hint = MessageLabel(f"{object_name}Hint", error=False)
        # Buttons beside the list: three lists fit one above the other on a laptop screen.
        self.buttons = QVBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.stack, 1)
        left.addWidget(self.hint)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(self.buttons)
        self._actions: list[tuple[QPushButton, Action]] = []
        self.table.currentRecordChanged.connect(self.update_buttons)

    def action(self, text: str, object_name: str, action: Action,
               run: Callable[[dto.Booking], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(object_name)
        button.clicked.connect(lambda: self._do(run))
        button.setMinimumWidth(120)
        self.buttons.addWidget(button)
        self._actions.append((button, action))
        button.setEnabled(False)
        return button

    def finish(self) -> None:
        self.buttons.addStretch(1)

    def _do(self, run: Callable[[dto.Booking], object]) -> None:
        record = self.table.current_record()
        if isinstance(record, dto.Booking):
            run(record)

    def set_bookings(self, bookings: list[dto.Booking], keep: int | None = None,
                     fresh: bool = False) -> None:
        """New rows; the selected stay stays selected. If it left the list (checked out, say),
        nothing is selected: a second click must not act on the guest of the next row. A
        `fresh` list (another day or hotel, or none before) starts on its first row."""
        fresh = fresh or self.model.rowCount() == 0
        self.model.set_records(bookings)
        self.setTitle(f"{self.base_title} ({len(bookings)})")
        if bookings:
            self.stack.show_table()
            if fresh:
                self.table.select_row(0)
            elif keep is not None:
                self.table.select_where(lambda b: b.id == keep)
        else:
            self.stack.show_message(self.empty_text)
        self.update_buttons()

    def update_buttons(self, *_: object) -> None:
        record = self.table.current_record()
        booking = record if isinstance(record, dto.Booking) else None
        hint = ""
        for button, action in self._actions:
            problem = self.booking_actions.why_not(action, booking)
            button.setEnabled(problem is None)
            button.setToolTip(problem or "")
            # Under the list: why the status would allow the action but the day does not
            # (the surprising case, e.g. looking at tomorrow).
            if problem is not None and not hint and booking is not None and \
                    stays.status_allows(action, booking.status):
                hint = problem
        self.hint.show_text(hint)


class TodayView(View):
    title = "Today"
    shows = frozenset({BOOKINGS, GUESTS, HOTELS, ROOMS})
    follows_date = True

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, "todayView")
        self.booking_actions = BookingActions(ctx, self)
        self._shown: tuple[int, date] | None = None  # the hotel and day the lists show
        self.header = self.heading()
        self.summary = QLabel()
        self.summary.setObjectName("todaySummary")
        self.no_hotel = QLabel("No hotels yet — add one with Ctrl+Shift+H.")
        self.no_hotel.setObjectName("todayNoHotel")
        self.no_hotel.hide()

        a = self.booking_actions
        self.arrivals = DayList("Arrivals", "arrivals", "No arrivals on this day.", a)
        self.arrivals.action("Check &in…", "checkInButton", Action.CHECK_IN, a.check_in)
        self.arrivals.action("No-s&how…", "noShowButton", Action.NO_SHOW, a.no_show)
        self.arrivals.action("Ca&ncel…", "arrivalCancelButton", Action.CANCEL, a.cancel)
        self.arrivals.action("Undo chec&k-in…", "undoCheckInButton", Action.UNDO_CHECK_IN,
                             a.undo_check_in)
        self.departures = DayList("Departures", "departures", "No departures on this day.", a)
        self.departures.action("Check &out…", "checkOutButton", Action.CHECK_OUT, a.check_out)
        self.departures.action("Undo check-ou&t…", "undoCheckOutButton", Action.UNDO_CHECK_OUT,
                               a.undo_check_out)
        self.in_house = DayList("In house", "inHouse", "Nobody is checked in for this night.", a)
        self.in_house.action("Change &dates…", "inHouseDatesButton", Action.CHANGE_DATES,
                             a.change_dates)
        self.in_house.action("Check o&ut…", "inHouseCheckOutButton", Action.CHECK_OUT,
                             a.check_out)
        for day_list in self.lists:
            day_list.finish()
            day_list.table.openRequested.connect(self._open)
            day_list.table.deleteRequested.connect(self.booking_actions.cancel)
        # At midnight what each stay allows changes even if no data did.
        ctx.todayChanged.connect(self.invalidate)

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
            self.booking_actions.change_dates(booking)

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
        fresh = (hotel_id, day) != self._shown
        self._shown = (hotel_id, day)
        for day_list, rows in zip(self.lists, (arrivals, departures, in_house), strict=True):
            current = day_list.table.current_record()
            day_list.set_bookings(rows, current.id if isinstance(current, dto.Booking) else None,
                                  fresh)
        today = self.ctx.today()
        due_in = sum(1 for b in arrivals if why_not(Action.CHECK_IN, b, today) is None)
        due_out = sum(1 for b in departures if why_not(Action.CHECK_OUT, b, today) is None)
        overdue = sum(1 for b in departures if is_overdue(b.status, b.date_to, today))
        self.summary.setText(f"{due_in} to check in · {due_out} to check out"
                             + (f" ({overdue} overdue)" if overdue else "")
                             + f" · {len(in_house)} in house")
