"""The room grid's layout model without a window: rows, lanes, bars, rectangles and the rooms
free per night, checked against their definitions (no database, no widgets)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk import dto
from frontdesk.domain.stays import Status
from frontdesk.dto import Housekeeping
from frontdesk.ui.views.grid_layout import (
    LANE,
    TYPE,
    UNIT,
    GridLayout,
    free_rooms,
    layout,
    pack_lanes,
)

DAY = date(2030, 6, 10)
DAYS = 21
DOUBLE = dto.Room(1, 1, "Double", "", 10_000, 3, 2)
SUITE = dto.Room(2, 1, "Suite", "", 20_000, 1, 3)
UNITS = [dto.Unit(10 + i, 1, 1, "Double", f"10{i + 1}", 1, "", Housekeeping.CLEAN)
         for i in range(3)] + [dto.Unit(20, 1, 2, "Suite", "201", 2, "", Housekeeping.DIRTY)]


def day(n: int) -> date:
    return DAY + timedelta(days=n)


def stay(booking_id: int, room: dto.Room, first: int, nights: int, unit: dto.Unit | None = None,
         status: Status = Status.CONFIRMED) -> dto.Booking:
    now = datetime(2030, 1, 1)
    return dto.Booking(booking_id, 1, "Hôtel du Lac", room.id, room.name, booking_id,
                       f"Guest {booking_id}", day(first), day(first + nights), room.price,
                       status, "", now, now, unit_id=unit.id if unit else None,
                       unit_number=unit.number if unit else None)


def grid(stays: list[dto.Booking], blocks: list[dto.Block] = ()) -> dto.Grid:
    return dto.Grid(1, day(0), day(DAYS), [DOUBLE, SUITE], UNITS, stays, list(blocks))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# Stays of either type that begin up to a week before the range and end up to a week after
# it (the grid holds every stay that shares a night with its range), some in a room.
stays_st = st.lists(
    st.tuples(st.sampled_from([DOUBLE, SUITE]), st.integers(-7, DAYS - 1), st.integers(1, 10),
              st.integers(-1, 3), st.sampled_from([Status.CONFIRMED, Status.CHECKED_IN,
                                                   Status.CHECKED_OUT])),
    max_size=30)


def to_stays(raw: list[tuple[dto.Room, int, int, int, Status]]) -> list[dto.Booking]:
    """Unassigned ones, and at most one stay a night in each room (as the desk keeps it)."""
    out: list[dto.Booking] = []
    taken: dict[int, list[tuple[int, int]]] = {}
    for i, (room, first, nights, unit_index, status) in enumerate(raw, start=1):
        if first + nights <= 0:
            first = 0  # shares a night with the range
        units = [u for u in UNITS if u.room_id == room.id]
        unit = units[unit_index % len(units)] if unit_index >= 0 else None
        if unit is not None and any(overlap((first, first + nights), t)
                                    for t in taken.get(unit.id, [])):
            unit = None
        if unit is not None:
            taken.setdefault(unit.id, []).append((first, first + nights))
        out.append(stay(i, room, first, nights, unit, status))
    return out


@settings(max_examples=200, deadline=None)
@given(stays_st)
def test_every_stay_is_drawn_once_and_no_two_bars_on_a_row_overlap(raw):
    stays = to_stays(raw)
    rows, items = layout(grid(stays))
    assert sorted(it.booking.id for it in items) == sorted(s.id for s in stays)
    for r, row in enumerate(rows):
        spans = [(it.first, it.end) for it in items if it.row == r]
        assert all(not overlap(a, b) for i, a in enumerate(spans) for b in spans[i + 1:]), row
        if row.kind == TYPE:
            assert not spans  # a header only counts
    for it in items:
        row = rows[it.row]
        assert row.room.id == it.booking.room_id
        if it.booking.unit_id is not None:
            assert row.kind == UNIT and row.unit.id == it.booking.unit_id
        else:
            assert row.kind == LANE


@settings(max_examples=200, deadline=None)
@given(stays_st, st.lists(st.tuples(st.sampled_from(UNITS), st.integers(-5, DAYS),
                                    st.integers(1, 8)), max_size=6))
def test_free_rooms_per_night_are_occupancys(raw, raw_blocks):
    stays = to_stays(raw)
    blocks = [dto.Block(i, unit.id, day(first), day(first + n), "")
              for i, (unit, first, n) in enumerate(raw_blocks, start=1)]
    free = free_rooms(grid(stays, blocks))
    for room in (DOUBLE, SUITE):
        units = {u.id for u in UNITS if u.room_id == room.id}
        spans = [s for s in stays if s.room_id == room.id] + \
                [b for b in blocks if b.unit_id in units]
        # Night by night, from the definition.
        for n in range(DAYS):
            taken = sum(1 for s in spans if s.date_from <= day(n) < s.date_to)
            assert free[room.id][n] == max(room.quantity - taken, 0)


def test_rows_are_header_lanes_then_rooms_per_type():
    stays = [stay(1, DOUBLE, 0, 3), stay(2, DOUBLE, 1, 2), stay(3, DOUBLE, 3, 2),
             stay(4, DOUBLE, 2, 2, UNITS[0])]
    model = GridLayout(grid(stays, [dto.Block(1, UNITS[3].id, day(4), day(6), "Leak")]))
    kinds = [(r.kind, r.unit.number if r.unit else r.room.name, r.lane) for r in model.rows]
    assert kinds == [(TYPE, "Double", 0), (LANE, "Double", 0), (LANE, "Double", 1),
                     (UNIT, "101", 0), (UNIT, "102", 0), (UNIT, "103", 0),
                     (TYPE, "Suite", 0), (LANE, "Suite", 0), (UNIT, "201", 0)]
    # Stay 3 fits after stay 1 on the first lane; stay 2 overlaps it and takes the second.
    lanes = pack_lanes(stays[:3])
    assert [[s.id for s in lane] for lane in lanes] == [[1, 3], [2]]
    assert model.item_for_booking(3).row == 1 and model.item_for_booking(2).row == 2
    block = next(it for it in model.items if it.block is not None)
    assert model.rows[block.row].unit.number == "201"
    assert block.label == "Out of order — Leak"
    assert model.row_of_unit(UNITS[0].id) == 3
    assert model.item_at(3, day(2).toordinal()).booking.id == 4
    assert model.item_at(3, day(4).toordinal()) is None  # the departure day is free
    assert model.next_bookable(0, 1) == 1 and model.next_bookable(6, -1) == 5
    assert model.free_on(DOUBLE.id, day(2).toordinal()) == 0
    assert model.free_on(DOUBLE.id, day(-1).toordinal()) is None
    assert model.by_row[1] == sorted(model.by_row[1], key=lambda it: it.first)


def test_rectangles_are_laid_out_once_per_size_relative_to_the_first_day():
    model = GridLayout(grid([stay(1, DOUBLE, 2, 3, UNITS[1])]))
    item = model.items[0]
    model.place(30, 20)
    assert (item.rect.x(), item.rect.y(), item.rect.width(), item.rect.height()) == \
        (2 * 30 + 2, 3 * 20 + 3, 3 * 30 - 4, 20 - 6)  # row 3: room 102
    item.elided_width = 50
    model.place(30, 20)
    assert item.elided_width == 50  # same sizes: nothing is placed again
    model.place(40, 20)
    assert item.rect.width() == 3 * 40 - 4 and item.elided_width == -1


def test_a_bar_can_be_dragged_when_its_status_allows_a_move():
    for status, movable in ((Status.CONFIRMED, True), (Status.CHECKED_IN, True),
                            (Status.CHECKED_OUT, False)):
        model = GridLayout(grid([stay(1, DOUBLE, 2, 3, UNITS[1], status)]))
        assert model.items[0].movable is movable
    block = GridLayout(grid([], [dto.Block(1, UNITS[0].id, day(1), day(2), "")])).items[0]
    assert not block.movable


def test_an_empty_layout_has_nothing_to_find():
    model = GridLayout()
    assert model.rows == [] and model.items == [] and model.free == {}
    assert model.item_at(0, DAY.toordinal()) is None and model.next_bookable(0, 1) == -1
