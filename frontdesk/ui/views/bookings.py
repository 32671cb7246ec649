"""Bookings: every booking, loaded a page at a time as you scroll; filters, sort, actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from frontdesk import dto
from frontdesk.domain.stays import Action
from frontdesk.dto import Status
from frontdesk.ui.booking_actions import BookingActions
from frontdesk.ui.context import BOOKINGS, GUESTS, HOTELS, ROOMS, DeskContext
from frontdesk.ui.models.bookings import BookingPageModel
from frontdesk.ui.tasks import Debouncer
from frontdesk.ui.views.base import View
from frontdesk.ui.widgets import EmptyState, RecordTable, buddy, date_edit, search_field

ALL_HOTELS = -1
# At most this many changed rows are fetched one by one; more reload the page.
UPDATED_IN_PLACE = 10


class BookingsView(View):
    title = "Bookings"
    shows = frozenset({BOOKINGS, GUESTS, HOTELS, ROOMS})
    follows_hotel = False

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, "bookingsView")
        self.booking_actions = BookingActions(ctx, self)
        self.model = BookingPageModel(ctx, parent=self)
        self.table = RecordTable(self.model, "bookingTable", "Bookings", stretch=1)
        # The indicator first: enabling sorting sorts by the indicator's column.
        self.table.horizontalHeader().setSortIndicator(self.model.sort_column(),
                                                       Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator)
        self.stack = EmptyState(self.table, "bookingsEmpty")

        # Filters
        self.search = search_field("Guest name or booking number…", "bookingSearch",
                                   "Find booking")
        self.status = QComboBox()
        self.status.addItem("Any status", None)
        for s in Status:
            self.status.addItem(s.label, s.value)
        self.hotel = QComboBox()
        self.hotel.setMinimumContentsLength(18)
        self.hotel.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.hotel.addItem("All hotels", ALL_HOTELS)
        self.use_dates = QCheckBox("&Stays between")
        self.use_dates.setObjectName("bookingUseDates")
        self.use_dates.setAccessibleName("Filter by dates")
        start = ctx.working_date
        self.date_from = date_edit(start - timedelta(days=7), "bookingFilterFrom")
        self.date_to = date_edit(start + timedelta(days=30), "bookingFilterTo")
        self.date_from.setAccessibleName("Stays from")
        self.date_to.setAccessibleName("Stays until")
        # The list opens on the stays around the working date; untick to see every booking.
        self.use_dates.setChecked(True)
        self.count = QLabel()
        self.count.setObjectName("bookingCount")

        # Actions
        self.new_button = QPushButton("&New booking…")
        self.new_button.setObjectName("newBookingButton")
        self.dates_button = QPushButton("Change &dates…")
        self.dates_button.setObjectName("changeDatesButton")
        self.cancel_button = QPushButton("&Cancel booking…")
        self.cancel_button.setObjectName("cancelBookingButton")
        self.check_in_button = QPushButton("Check &in")
        self.check_in_button.setObjectName("bookingCheckInButton")
        self.check_out_button = QPushButton("Check &out")
        self.check_out_button.setObjectName("bookingCheckOutButton")
        self.no_show_button = QPushButton("No-s&how…")
        self.no_show_button.setObjectName("bookingNoShowButton")
        self._buttons = [
            (self.dates_button, Action.CHANGE_DATES, self.booking_actions.change_dates),
            (self.cancel_button, Action.CANCEL, self.booking_actions.cancel),
            (self.check_in_button, Action.CHECK_IN, self.booking_actions.check_in),
            (self.check_out_button, Action.CHECK_OUT, self.booking_actions.check_out),
            (self.no_show_button, Action.NO_SHOW, self.booking_actions.no_show),
        ]

        top = QHBoxLayout()
        top.addWidget(self.heading())
        top.addStretch(1)
        top.addWidget(buddy("&Find:", self.search, "bookingSearch", "Find booking"))
        top.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(buddy("S&tatus:", self.status, "bookingStatusFilter", "Status"))
        filters.addWidget(self.status)
        filters.addWidget(buddy("Ho&tel:", self.hotel, "bookingHotelFilter", "Hotel"))
        filters.addWidget(self.hotel)
        filters.addSpacing(12)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("and"))
        filters.addWidget(self.date_to)
        filters.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch(1)
        actions.addWidget(self.new_button)
        for button, _check, _run in self._buttons:
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(actions)

        self._debounce = Debouncer(self.refresh, 250, self)
        self.search.textChanged.connect(self._debounce.poke)
        self.search.returnPressed.connect(self._debounce.flush)
        self.status.currentIndexChanged.connect(self.refresh)
        self.hotel.currentIndexChanged.connect(self.refresh)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        for button, _check, run in self._buttons:
            button.clicked.connect(lambda _=False, run=run: self._act(run))
        self.new_button.clicked.connect(self.new_item)
        self.table.openRequested.connect(self._open)
        self.table.deleteRequested.connect(self.booking_actions.cancel)
        self.table.currentRecordChanged.connect(self._update_buttons)
        self.model.totalChanged.connect(self._show_count)
        self.model.pageLoaded.connect(self._page_loaded)
        self.model.modelReset.connect(self._update_buttons)
        ctx.hotelsLoaded.connect(self._fill_hotels)
        ctx.hotelChanged.connect(self._follow_hotel)
        self._update_buttons()

    def _data_changed(self, changes: tuple[dto.Change, ...]) -> None:
        shown = [change for change in changes if change.kind in self.shows]
        if len(shown) == 1 and shown[0].kind == BOOKINGS and self._update_rows(shown[0].ids):
            return
        super()._data_changed(changes)

    def _update_rows(self, ids: frozenset[int]) -> bool:
        """Bookings the list already shows changed (an action on one of them): update those
        rows and keep the scroll position, instead of reloading a list the receptionist may
        have scrolled far into. False when a reload is needed (a new booking, many rows, the
        list not on screen)."""
        desk = self.ctx.desk
        if desk is None or not self.isVisible() or not ids or len(ids) > UPDATED_IN_PLACE \
                or not ids <= {b.id for b in self.model.rows}:
            return False

        async def fetch() -> None:
            for booking_id in sorted(ids):
                self.model.replace(await desk.get_booking(booking_id))
            self._update_buttons()

        # Never superseded: each fetch brings its own rows (a later change may name others).
        self.ctx.runner.run(f"bookings.rows.{min(ids)}", fetch(), quiet=True, supersede=False)
        return True

    def _sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        # Columns the database cannot sort by (nights, total) keep the previous sort.
        if self.model.columns[column].sort_key is None:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(),
                                    Qt.SortOrder.DescendingOrder if self.model.descending
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    def search_field(self) -> QLineEdit:
        return self.search

    # -- filters ------------------------------------------------------------------------------

    def _fill_hotels(self) -> None:
        current = self.hotel.currentData()
        self.hotel.blockSignals(True)
        self.hotel.clear()
        self.hotel.addItem("All hotels", ALL_HOTELS)
        for h in self.ctx.hotels:
            self.hotel.addItem(h.name, h.id)
        index = self.hotel.findData(current)
        self.hotel.setCurrentIndex(max(index, 0))
        self.hotel.blockSignals(False)

    def _follow_hotel(self) -> None:
        """The toolbar's hotel becomes the list's hotel filter (All hotels stays possible)."""
        index = self.hotel.findData(self.ctx.hotel_id)
        if index >= 0 and index != self.hotel.currentIndex():
            self.hotel.blockSignals(True)
            self.hotel.setCurrentIndex(index)
            self.hotel.blockSignals(False)
            self.invalidate()

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.refresh()

    def _dates_changed(self) -> None:
        if self.use_dates.isChecked():
            self._debounce.poke()

    def filters(self) -> dict[str, Any]:
        hotel = self.hotel.currentData()
        status = self.status.currentData()
        filters: dict[str, Any] = {
            "text": self.search.text().strip(),
            "status": status or (),
            "hotel_id": None if hotel in (None, ALL_HOTELS) else hotel,
        }
        if self.use_dates.isChecked():
            filters["date_from"] = _day(self.date_from)
            filters["date_to"] = _day(self.date_to)
        return filters

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.ctx.desk is None:
            return
        self.stack.show_table()
        self.model.set_filters(**self.filters())

    def _page_loaded(self) -> None:
        if self.model.rowCount() == 0:
            if any(v for v in self.filters().values()):
                self.stack.show_message("No booking matches these filters — change them, "
                                        "or make a new booking with Ctrl+N.")
            else:
                self.stack.show_message("No bookings yet — make one with Ctrl+N.")
        else:
            self.stack.show_table()
            if not self.table.currentIndex().isValid():
                self.table.select_row(0)
        self._show_count()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        total = self.model.total
        if total is None:
            self.count.setText(("1 booking shown" if shown == 1 else f"{shown:,} bookings shown")
                               if shown else "")
        elif shown < total:
            self.count.setText(f"{shown:,} of {total:,} bookings shown — scroll for more")
        else:
            self.count.setText(f"{total:,} bookings" if total != 1 else "1 booking")

    def _update_buttons(self, *_: object) -> None:
        record = self.table.current_record()
        booking = record if isinstance(record, dto.Booking) else None
        for button, action, _run in self._buttons:
            problem = self.booking_actions.why_not(action, booking)
            button.setEnabled(problem is None)
            button.setToolTip(problem or "")
        self.new_button.setEnabled(bool(self.ctx.hotels))

    def _act(self, run: Callable[[dto.Booking], object]) -> None:
        record = self.table.current_record()
        if isinstance(record, dto.Booking):
            run(record)

    def _open(self, booking: object) -> None:
        if isinstance(booking, dto.Booking):
            self.booking_actions.change_dates(booking)

    def new_item(self) -> None:
        self.ctx.request_booking()


def _day(edit: QDateEdit) -> date:
    from frontdesk.ui.fmt import pydate

    return pydate(edit.date())
