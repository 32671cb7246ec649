"""The room grid's layout model: one range's rows, the bars on them, their lanes and rectangles,
and the rooms free per night. No painting and no widgets: built once when data arrives.

Days are ordinals (date.toordinal()); an item covers the nights [first, end). Rectangles are in
chart coordinates relative to the first day of the data (x) and the first row (y): a paint only
translates them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QRect

from frontdesk import dto
from frontdesk.domain.occupancy import Span, free_per_night
from frontdesk.domain.stays import Action, status_allows

TYPE, LANE, UNIT = "type", "lane", "unit"

RowKey = tuple[str, int, int]


@dataclass(slots=True, eq=False)
class GridRow:
    """A room type's header, one lane of its unassigned stays, or one physical room."""

    kind: str
    room: dto.Room
    unit: dto.Unit | None = None
    lane: int = 0

    @property
    def key(self) -> RowKey:
        return (self.kind, self.unit.id if self.unit is not None else self.room.id, self.lane)

    @property
    def bookable(self) -> bool:
        return self.kind != TYPE


@dataclass(slots=True, eq=False)
class Item:
    """A stay or an out-of-order range on one row, over the nights [first, end) (ordinals)."""

    row: int
    first: int
    end: int
    booking: dto.Booking | None = None
    block: dto.Block | None = None
    rect: QRect = field(default_factory=QRect)
    label: str = ""
    # The label cut to the bar's visible width, kept for as long as that width stays.
    elided: str = ""
    elided_width: int = -1

    @property
    def movable(self) -> bool:
        """Whether the bar can be dragged: the stay's status allows a move."""
        return self.booking is not None and status_allows(Action.MOVE, self.booking.status)


def pack_lanes(stays: Iterable[dto.Booking]) -> list[list[dto.Booking]]:
    """Stays stacked on as few lanes as possible, none overlapping another on its lane."""
    lanes: list[list[dto.Booking]] = []
    ends: list[date] = []
    for stay in sorted(stays, key=lambda s: (s.date_from, s.date_to, s.id)):
        for i, end in enumerate(ends):
            if end <= stay.date_from:
                lanes[i].append(stay)
                ends[i] = stay.date_to
                break
        else:
            lanes.append([stay])
            ends.append(stay.date_to)
    return lanes


def layout(grid: dto.Grid) -> tuple[list[GridRow], list[Item]]:
    """Rows per room type (header, unassigned lanes, rooms) and the items on them."""
    units: dict[int, list[dto.Unit]] = {r.id: [] for r in grid.room_types}
    for unit in grid.units:
        units.setdefault(unit.room_id, []).append(unit)
    unit_ids = {u.id for u in grid.units}
    loose: dict[int, list[dto.Booking]] = {r.id: [] for r in grid.room_types}
    placed: list[dto.Booking] = []
    for stay in grid.stays:
        if stay.unit_id is not None and stay.unit_id in unit_ids:
            placed.append(stay)
        else:
            loose.setdefault(stay.room_id, []).append(stay)
    rows: list[GridRow] = []
    items: list[Item] = []
    unit_row: dict[int, int] = {}
    for room in grid.room_types:
        rows.append(GridRow(TYPE, room))
        for lane, stays in enumerate(pack_lanes(loose.get(room.id, [])) or [[]]):
            rows.append(GridRow(LANE, room, lane=lane))
            items.extend(_stay(len(rows) - 1, s) for s in stays)
        for unit in units.get(room.id, []):
            unit_row[unit.id] = len(rows)
            rows.append(GridRow(UNIT, room, unit))
    items.extend(_stay(unit_row[s.unit_id], s) for s in placed if s.unit_id is not None)
    for block in grid.blocks:
        if block.unit_id in unit_row:
            items.append(Item(unit_row[block.unit_id], block.date_from.toordinal(),
                              block.date_to.toordinal(), block=block,
                              label=f"Out of order — {block.reason}" if block.reason
                              else "Out of order"))
    return rows, items


def _stay(row: int, stay: dto.Booking) -> Item:
    return Item(row, stay.date_from.toordinal(), stay.date_to.toordinal(), booking=stay,
                label=stay.guest_name)


def free_rooms(grid: dto.Grid) -> dict[int, list[int]]:
    """{room type: rooms free on each night of the grid}, as occupancy counts them: the type's
    stays and the out-of-order periods of its rooms take a room each night they cover."""
    taking: dict[int, list[Span]] = {r.id: [] for r in grid.room_types}
    unit_type = {u.id: u.room_id for u in grid.units}
    for stay in grid.stays:
        if stay.room_id in taking:
            taking[stay.room_id].append(stay)
    for block in grid.blocks:
        room_id = unit_type.get(block.unit_id)
        if room_id is not None and room_id in taking:
            taking[room_id].append(block)
    return {room.id: free_per_night(room.quantity, taking[room.id], grid.date_from,
                                    grid.date_to)
            for room in grid.room_types}


class GridLayout:
    """One range of the grid laid out: its rows (and each row's items by first night), where a
    row is by key, the rooms free per night, and the bars' rectangles for a column width and a
    row height (placed again only when one of those changes)."""

    def __init__(self, grid: dto.Grid | None = None) -> None:
        self.grid = grid
        self.rows: list[GridRow] = []
        self.items: list[Item] = []
        self.by_row: list[list[Item]] = []
        self.row_index: dict[RowKey, int] = {}
        self.free: dict[int, list[int]] = {}
        # The nights the data covers, [data_from, data_to) as ordinals: rects are relative
        # to data_from. An empty layout covers no night.
        self.data_from = self.data_to = 0
        self._placed_for: tuple[int, int] = (-1, -1)
        if grid is None:
            return
        self.rows, self.items = layout(grid)
        self.row_index = {r.key: i for i, r in enumerate(self.rows)}
        self.by_row = [[] for _ in self.rows]
        for it in sorted(self.items, key=lambda i: i.first):
            self.by_row[it.row].append(it)
        self.free = free_rooms(grid)
        self.data_from = grid.date_from.toordinal()
        self.data_to = grid.date_to.toordinal()

    # -- rectangles -----------------------------------------------------------------------------

    def place(self, column: int, row_height: int, *, force: bool = False) -> None:
        """Every bar's rectangle for days `column` pixels wide and rows `row_height` high."""
        if not force and self._placed_for == (column, row_height):
            return
        for it in self.items:
            x = (it.first - self.data_from) * column
            it.rect = QRect(x + 2, it.row * row_height + 3, (it.end - it.first) * column - 4,
                            row_height - 6)
            it.elided_width = -1
        self._placed_for = (column, row_height)

    # -- looking things up ----------------------------------------------------------------------

    def item_at(self, row: int, day: int) -> Item | None:
        """The item on `row` that covers the night `day`, if any."""
        if not 0 <= row < len(self.by_row):
            return None
        return next((it for it in self.by_row[row] if it.first <= day < it.end), None)

    def item_for_booking(self, booking_id: int) -> Item | None:
        return next((it for it in self.items
                     if it.booking is not None and it.booking.id == booking_id), None)

    def row_of_unit(self, unit_id: int) -> int:
        return self.row_index.get((UNIT, unit_id, 0), -1)

    def next_bookable(self, row: int, step: int) -> int:
        """The first row from `row` on, going by `step`, that takes a stay (not a header);
        -1 when there is none that way."""
        while 0 <= row < len(self.rows):
            if self.rows[row].bookable:
                return row
            row += step
        return -1

    def free_on(self, room_id: int, day: int) -> int | None:
        """Rooms of the type free on the night `day`, or None outside the data."""
        counts = self.free.get(room_id)
        if not counts or not self.data_from <= day < self.data_to:
            return None
        return counts[day - self.data_from]
