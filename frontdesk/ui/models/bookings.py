"""Booking columns, and the booking list model that loads a page of rows at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from frontdesk import dto
from frontdesk.domain import money
from frontdesk.domain.stays import is_overdue
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.models.records import CENTER, RIGHT, Column, Index, RecordTableModel
from frontdesk.ui.style.theme import error_color, status_color

_SAMPLE_DAY = date(2026, 12, 30)  # a long weekday name and two-digit day and month


def booking_columns(*, hotel: bool = True, guest: bool = True, skip: tuple[str, ...] = (),
                    today: Callable[[], date] | None = None) -> list[Column[dto.Booking]]:
    """The columns of a booking list; `skip` leaves out columns by title. With `today` (the
    desk's clock) a stay still checked in after its departure shows as "Overdue"."""

    def overdue(b: dto.Booking) -> bool:
        return today is not None and is_overdue(b.status, b.date_to, today())

    def status(b: dto.Booking) -> str:
        return "⚠ Overdue" if overdue(b) else b.status.label

    def status_tip(b: dto.Booking) -> str:
        if overdue(b):
            return (f"Due out {fmt.day(b.date_to)} and still checked in: check the guest out, "
                    "or change the departure.")
        return b.status.label

    # Widths: a name is as long as it gets in practice, not as long as a sample can be; the
    # Guest column stretches, so the Hotel column must be wide enough by itself.
    cols: list[Column[dto.Booking]] = [
        Column("#", lambda b: str(b.id), RIGHT, sort_key="id", sample="000000"),
    ]
    if guest:
        cols.append(Column("Guest", lambda b: b.guest_name, sort_key="guest",
                           tooltip=lambda b: b.notes or b.guest_name,
                           sample="José Muñoz García"))
    if hotel:
        cols.append(Column("Hotel", lambda b: b.hotel_name, sort_key="hotel",
                           tooltip=lambda b: b.hotel_name, sample="Strandhotel Möwe Sylt"))
    cols += [
        Column("Room type", lambda b: b.room_name, sort_key="room", sample="Lake-view suite",
               tooltip=lambda b: b.room_name),
        Column("Room", lambda b: b.unit_number or "—", CENTER,
               tooltip=lambda b: f"Room {b.unit_number}" if b.unit_number
               else "No room yet: one is given at check-in", sample="Room"),
        Column("Arrival", lambda b: fmt.day(b.date_from), sort_key="date_from",
               sample=f"{fmt.day(_SAMPLE_DAY)}"),
        Column("Departure", lambda b: fmt.day(b.date_to), sort_key="date_to",
               sample=f"{fmt.day(_SAMPLE_DAY)}"),
        Column("Nights", lambda b: str(b.nights), CENTER, sample="Nights"),
        Column("Total", lambda b: fmt.money(b.total, b.currency), RIGHT,
               tooltip=lambda b: f"{fmt.nights(b.nights)} × {fmt.money(b.price, b.currency)}",
               sample=fmt.money(123_456_789, money.DEFAULT_CURRENCY)),
        Column("Status", status, sort_key="status", tooltip=status_tip,
               color=lambda b: error_color() if overdue(b) else status_color(b.status.value),
               sample="Checked out"),
    ]
    return [c for c in cols if c.title not in skip]


class BookingPageModel(RecordTableModel[dto.Booking]):
    """Bookings matching the filters, fetched 100 rows at a time as the view scrolls.

    Qt calls canFetchMore/fetchMore when the view needs rows; fetchMore starts one page task on
    the task runner and returns at once. A reset (new filters or sort) bumps a generation number
    so a page that arrives late for an older query is dropped.
    """

    PAGE = 100
    pageLoaded = Signal()
    totalChanged = Signal()

    def __init__(self, ctx: DeskContext, columns: Sequence[Column[dto.Booking]] | None = None,
                 parent: QObject | None = None, *, name: str = "bookings") -> None:
        super().__init__(columns or booking_columns(today=ctx.today), parent)
        self.ctx = ctx
        self.filters: dict[str, Any] = {}
        self.sort_key = "date_from"
        self.descending = False
        self.total: int | None = None
        self._exhausted = True
        self._loading = False
        self._generation = 0
        self._name = name

    # -- the query ----------------------------------------------------------------------------

    def set_filters(self, **filters: Any) -> None:
        self.filters = {k: v for k, v in filters.items() if v not in (None, "", ())}
        self.reload()

    def reload(self) -> None:
        """Drop the rows and fetch the first page (and the total) again."""
        self._generation += 1
        self.ctx.runner.cancel(f"{self._name}.page")
        self.beginResetModel()
        self.rows = []
        self._exhausted = self.ctx.desk is None
        self._loading = False
        self.total = None
        self.endResetModel()
        self.totalChanged.emit()
        if self.ctx.desk is not None:
            self._load_page()
            self.ctx.runner.run(f"{self._name}.count", self._count(self._generation), quiet=True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.sort_key, self.descending):
            self.sort_key, self.descending = key, descending
            self.reload()

    def sort_column(self) -> int:
        return next((i for i, c in enumerate(self.columns) if c.sort_key == self.sort_key), -1)

    # -- lazy loading -------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._exhausted or self._loading:
            return
        self._load_page()

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def _load_page(self) -> None:
        self._loading = True
        self.ctx.runner.run(f"{self._name}.page", self._fetch(self._generation, len(self.rows)),
                            supersede=False)

    async def _fetch(self, generation: int, offset: int) -> None:
        desk = self.ctx.desk
        assert desk is not None
        try:
            page = await desk.list_bookings(offset=offset, limit=self.PAGE, sort=self.sort_key,
                                            descending=self.descending, **self.filters)
        finally:
            if generation == self._generation:
                self._loading = False
        if generation != self._generation:
            return
        if len(page) < self.PAGE:
            self._exhausted = True
        if page:
            self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()
        self.pageLoaded.emit()

    async def _count(self, generation: int) -> None:
        desk = self.ctx.desk
        assert desk is not None
        total = await desk.count_bookings(**self.filters)
        if generation == self._generation:
            self.total = total
            self.totalChanged.emit()

    def replace(self, booking: dto.Booking) -> None:
        """Show a booking's new state (after an action) without reloading the list."""
        for row, old in enumerate(self.rows):
            if old.id == booking.id:
                self.rows[row] = booking
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                return
