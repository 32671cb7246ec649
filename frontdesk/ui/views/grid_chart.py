"""The room grid's canvas: rooms down the side, days across, stays as bars; paint, hit, drag.

Speed: rows and bar rectangles are laid out once when data arrives (or the zoom or the width
changes), relative to the first day of the data; a paint only walks the rows on screen and
translates. Days are whole columns (the horizontal scroll bar counts days), rows are pixels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from frontdesk import dto
from frontdesk.domain import money
from frontdesk.dto import Status
from frontdesk.ui import fmt
from frontdesk.ui.style.grid_colors import ChartColors, chart_colors
from frontdesk.ui.style.theme import is_dark

TYPE, LANE, UNIT = "type", "lane", "unit"
MIN_COLUMN = 26
EDGE = 6  # pixels at a bar's right end that resize it instead of moving it
MOVABLE = (Status.CONFIRMED, Status.CHECKED_IN)


# -- what is drawn --------------------------------------------------------------------------------

@dataclass(slots=True, eq=False)
class GridRow:
    """A room type's header, one lane of its unassigned stays, or one physical room."""

    kind: str
    room: dto.Room
    unit: dto.Unit | None = None
    lane: int = 0

    @property
    def key(self) -> tuple[str, int, int]:
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
    elided: str = ""
    elided_width: int = -1

    @property
    def movable(self) -> bool:
        return self.booking is not None and self.booking.status in MOVABLE


@dataclass(frozen=True, slots=True)
class Drop:
    """A bar let go somewhere else: the stay, the row it was dropped on, the new nights."""

    booking: dto.Booking
    row: GridRow
    date_from: date
    date_to: date
    resize: bool


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
    """{room type: rooms free on each night of the grid}: in service minus stays minus rooms out
    of order, counted with difference arrays (no per-night loop over every stay)."""
    first, days = grid.date_from.toordinal(), (grid.date_to - grid.date_from).days
    busy = {r.id: [0] * (days + 1) for r in grid.room_types}
    unit_type = {u.id: u.room_id for u in grid.units}

    def add(room_id: int | None, start: date, end: date) -> None:
        counts = busy.get(room_id) if room_id is not None else None
        if counts is None:
            return
        counts[max(start.toordinal() - first, 0)] += 1
        counts[min(end.toordinal() - first, days)] -= 1

    for stay in grid.stays:
        add(stay.room_id, stay.date_from, stay.date_to)
    for block in grid.blocks:
        add(unit_type.get(block.unit_id), block.date_from, block.date_to)
    free: dict[int, list[int]] = {}
    for room in grid.room_types:
        running, nights = 0, []
        for change in busy[room.id][:days]:
            running += change
            nights.append(max(room.quantity - running, 0))
        free[room.id] = nights
    return free


# -- the widget ------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Press:
    item: Item
    pos: QPoint
    day: int
    resize: bool
    dragging: bool = False


class RoomChart(QAbstractScrollArea):
    """The tape chart. It shows data and reports what the user did; the view talks to the desk.

    The cell cursor (a row and a day) is the keyboard's and the mouse's point of interest: the
    item under it is the current item."""

    firstDayChanged = Signal()
    currentChanged = Signal(object)          # Item | None
    cursorMoved = Signal()                   # another cell (the item may be the same)
    itemActivated = Signal(object)           # Item: double-click, Enter
    cellActivated = Signal(object, object)   # GridRow, date: double-click, Enter on a free cell
    bookRequested = Signal(object, object)   # GridRow, date: Ctrl+N
    deleteRequested = Signal(object)         # Item: Delete
    dropped = Signal(object)                 # Drop
    menuRequested = Signal(object, object, object, QPoint)  # GridRow, date, Item|None, global

    def __init__(self, parent: QWidget | None = None, *,
                 clock: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.clock = clock  # the desk's (DeskContext.today): which day is today
        self.setObjectName("roomGrid")
        self.setAccessibleName("Room grid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.horizontalScrollBar().setObjectName("roomGridDays")
        self.verticalScrollBar().setObjectName("roomGridRooms")
        self.rows: list[GridRow] = []
        self.items: list[Item] = []
        self.by_row: list[list[Item]] = []
        self.row_index: dict[tuple[str, int, int], int] = {}
        self.free: dict[int, list[int]] = {}
        self.grid: dto.Grid | None = None
        # The hotel's (set by the grid view), for the room types' prices.
        self.currency = money.DEFAULT_CURRENCY
        self.origin = clock().toordinal()   # first day of the data: rects are relative
        self.data_from = self.data_to = self.origin
        self.today = self.origin
        self.days = 14
        self.start = self.today
        self.cursor_row = -1
        self.cursor_day = self.today
        self.current: Item | None = None
        self._press: _Press | None = None
        # The ghost bar: (row key, first, end, item), kept after a drop until the move is
        # confirmed or dropped.
        self.ghost: tuple[tuple[str, int, int], int, int, Item] | None = None
        self._column = MIN_COLUMN
        self._laid_out_for: tuple[int, int] = (-1, -1)
        self._colors: tuple[tuple[bool, int, QPalette.ColorGroup], ChartColors] | None = None
        self._autoscroll = QTimer(self, interval=40)
        self._autoscroll.timeout.connect(self._autoscroll_step)
        self._autoscroll_dir = 0
        self._last_drag_pos = QPoint()
        self._measure()
        bar = self.horizontalScrollBar()
        bar.setSingleStep(1)
        bar.setRange(self.start - 730, self.start + 730)
        bar.setValue(self.start)
        bar.setPageStep(self.days)
        self._relayout()

    # -- sizes ----------------------------------------------------------------------------------

    def _measure(self) -> None:
        fm = self.fontMetrics()
        self.row_height = fm.height() + 10
        self.line_height = fm.height() + 3
        self.header_height = self.line_height * 3 + 6
        self.bold = QFont(self.font())
        self.bold.setBold(True)
        self.small = QFont(self.font())
        self.small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 6.0))
        self.italic = QFont(self.font())
        self.italic.setItalic(True)
        self._fit_labels()

    def _fit_labels(self) -> None:
        bold = QFontMetrics(self.bold)
        widest = max([bold.horizontalAdvance(r.room.name) for r in self.rows if r.kind == TYPE]
                     + [QFontMetrics(self.italic).horizontalAdvance("Unassigned") + 8])
        self.label_width = min(max(widest + 24, 120), 240)

    @property
    def column(self) -> int:
        return self._column

    def _relayout(self) -> None:
        """Column width, scroll ranges, and the rectangles when a size they depend on changed."""
        vp = self.viewport()
        self._column = max(MIN_COLUMN, (vp.width() - self.label_width) // max(self.days, 1))
        body = max(vp.height() - self.header_height, 0)
        bar = self.verticalScrollBar()
        bar.setRange(0, max(len(self.rows) * self.row_height - body, 0))
        bar.setPageStep(max(body, self.row_height))
        bar.setSingleStep(self.row_height)
        self.horizontalScrollBar().setPageStep(self.days)
        if self._laid_out_for != (self._column, self.row_height):
            self._place_items()

    def _place_items(self) -> None:
        col, rh = self._column, self.row_height
        for it in self.items:
            x = (it.first - self.origin) * col
            it.rect = QRect(x + 2, it.row * rh + 3, (it.end - it.first) * col - 4, rh - 6)
            it.elided_width = -1
        self._laid_out_for = (col, rh)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._measure()
            self._laid_out_for = (-1, -1)
            self._relayout()

    # -- data -----------------------------------------------------------------------------------

    def set_grid(self, grid: dto.Grid) -> None:
        """New data for the range it covers; the cursor stays on the same room and day."""
        key = self.rows[self.cursor_row].key if 0 <= self.cursor_row < len(self.rows) else None
        self.grid = grid
        self.rows, self.items = layout(grid)
        self.row_index = {r.key: i for i, r in enumerate(self.rows)}
        self.by_row = [[] for _ in self.rows]
        for it in sorted(self.items, key=lambda i: i.first):
            self.by_row[it.row].append(it)
        self.free = free_rooms(grid)
        self.origin = self.data_from = grid.date_from.toordinal()
        self.data_to = grid.date_to.toordinal()
        self.today = self.clock().toordinal()
        self._fit_labels()
        self._laid_out_for = (-1, -1)
        self._relayout()
        row = self.row_index.get(key, -1) if key is not None else -1
        self.cursor_row = row if row >= 0 else self._next_bookable(0, 1)
        self._update_current()
        self.viewport().update()

    def clear(self) -> None:
        self.grid = None
        self.rows, self.items, self.by_row, self.row_index, self.free = [], [], [], {}, {}
        self.cursor_row = -1
        self.ghost = None
        self._press = None
        self._fit_labels()
        self._relayout()
        self._update_current()
        self.viewport().update()

    @property
    def first_day(self) -> date:
        return date.fromordinal(self.start)

    @property
    def last_day(self) -> date:
        """The day after the last column shown (the grid's exclusive end)."""
        return date.fromordinal(self.start + self.days)

    def set_first_day(self, day: date) -> None:
        value = day.toordinal()
        bar = self.horizontalScrollBar()
        if value - 60 < bar.minimum() or value + 60 > bar.maximum():
            bar.setRange(min(bar.minimum(), value - 730), max(bar.maximum(), value + 730))
        bar.setValue(value)

    def set_days(self, days: int) -> None:
        if days != self.days:
            self.days = days
            self._relayout()
            self.viewport().update()
            self.firstDayChanged.emit()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        start = self.horizontalScrollBar().value()
        if start != self.start:
            self.start = start
            # The cursor stays on its day while that day is on screen.
            self.cursor_day = min(max(self.cursor_day, start), start + self.days - 1)
            self._update_current()
            self.firstDayChanged.emit()
        self.viewport().update()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.viewport().update()

    # -- geometry -------------------------------------------------------------------------------

    def row_at(self, y: int) -> int:
        if y < self.header_height:
            return -1
        row = (y - self.header_height + self.verticalScrollBar().value()) // self.row_height
        return row if 0 <= row < len(self.rows) else -1

    def day_at(self, x: int) -> int:
        return self.start + (x - self.label_width) // self._column

    def cell_rect(self, row: int, day: date | int) -> QRect:
        """A cell in viewport coordinates (tests and the keyboard's context menu use it)."""
        o = day if isinstance(day, int) else day.toordinal()
        return QRect(self.label_width + (o - self.start) * self._column,
                     self.header_height + row * self.row_height
                     - self.verticalScrollBar().value(), self._column, self.row_height)

    def item_rect(self, item: Item) -> QRect:
        """An item's bar in viewport coordinates."""
        return item.rect.translated(self.label_width + (self.origin - self.start) * self._column,
                                    self.header_height - self.verticalScrollBar().value())

    def item_at(self, row: int, day: int) -> Item | None:
        if not 0 <= row < len(self.by_row):
            return None
        return next((it for it in self.by_row[row] if it.first <= day < it.end), None)

    def item_for_booking(self, booking_id: int) -> Item | None:
        return next((it for it in self.items
                     if it.booking is not None and it.booking.id == booking_id), None)

    def row_of_unit(self, unit_id: int) -> int:
        return self.row_index.get((UNIT, unit_id, 0), -1)

    def _hit(self, pos: QPoint) -> tuple[int, int, Item | None, bool]:
        """(row, day, item, on the item's resizing end) under a viewport point."""
        row, day = self.row_at(pos.y()), self.day_at(pos.x())
        if row < 0 or pos.x() < self.label_width:
            return row, day, None, False
        item = self.item_at(row, day)
        on_end = False
        if item is not None and item.movable:
            right = self.item_rect(item).right()
            on_end = right - EDGE <= pos.x() <= right + 2
        elif item is None:
            # Just past a bar's end still grabs its end.
            before = self.item_at(row, day - 1)
            if before is not None and before.movable and before.end == day:
                right = self.item_rect(before).right()
                if pos.x() <= right + 3:
                    return row, day, before, True
        return row, day, item, on_end

    # -- the cursor -----------------------------------------------------------------------------

    def _next_bookable(self, row: int, step: int) -> int:
        while 0 <= row < len(self.rows):
            if self.rows[row].bookable:
                return row
            row += step
        return -1

    def set_cursor(self, row: int, day: int | date, *, scroll: bool = True) -> None:
        if isinstance(day, date):
            day = day.toordinal()
        if not 0 <= row < len(self.rows):
            return
        if not self.rows[row].bookable:
            row = self._next_bookable(row + 1, 1)
            if row < 0:
                return
        self.cursor_row, self.cursor_day = row, day
        if scroll:
            self._show_cursor()
        self._update_current()
        self.viewport().update()

    def select_booking(self, booking_id: int) -> bool:
        """Put the cursor on a stay (after it moved): True when it is in the loaded range."""
        item = self.item_for_booking(booking_id)
        if item is None:
            return False
        day = min(max(item.first, self.start), self.start + self.days - 1)
        self.set_cursor(item.row, day if item.first <= day < item.end else item.first)
        return True

    def _show_cursor(self) -> None:
        bar = self.verticalScrollBar()
        top = self.cursor_row * self.row_height
        body = self.viewport().height() - self.header_height
        if top < bar.value():
            bar.setValue(top)
        elif top + self.row_height > bar.value() + body:
            bar.setValue(top + self.row_height - body)
        if self.cursor_day < self.start:
            self.set_first_day(date.fromordinal(self.cursor_day))
        elif self.cursor_day >= self.start + self.days:
            self.set_first_day(date.fromordinal(self.cursor_day - self.days + 1))

    @property
    def cursor_grid_row(self) -> GridRow | None:
        return self.rows[self.cursor_row] if 0 <= self.cursor_row < len(self.rows) else None

    @property
    def cursor_date(self) -> date:
        return date.fromordinal(self.cursor_day)

    def _update_current(self) -> None:
        item = self.item_at(self.cursor_row, self.cursor_day)
        if item is not self.current:
            self.current = item
            self.currentChanged.emit(item)
        self.cursorMoved.emit()

    # -- keyboard -------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if (event.key() == Qt.Key.Key_N and mods == Qt.KeyboardModifier.ControlModifier) or \
                    (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete)
                     and mods == Qt.KeyboardModifier.NoModifier):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = mods == Qt.KeyboardModifier.ControlModifier
        row = self.cursor_grid_row
        if key == Qt.Key.Key_N and ctrl:
            if row is not None:
                self.bookRequested.emit(row, self.cursor_date)
            return
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier):
            super().keyPressEvent(event)
            return
        visible = max((self.viewport().height() - self.header_height) // self.row_height - 1, 1)
        moves = {
            Qt.Key.Key_Up: lambda: (self._next_bookable(self.cursor_row - 1, -1), 0),
            Qt.Key.Key_Down: lambda: (self._next_bookable(self.cursor_row + 1, 1), 0),
            Qt.Key.Key_PageUp: lambda: (self._next_bookable(max(self.cursor_row - visible, 0),
                                                            1), 0),
            Qt.Key.Key_PageDown: lambda: (self._next_bookable(
                min(self.cursor_row + visible, len(self.rows) - 1), -1), 0),
            Qt.Key.Key_Left: lambda: (self.cursor_row, -1),
            Qt.Key.Key_Right: lambda: (self.cursor_row, 1),
        }
        if key in moves and self.rows:
            target, shift = moves[key]()
            if target < 0:
                target = self.cursor_row
            self.set_cursor(target, self.cursor_day + shift)
            return
        if key == Qt.Key.Key_Home and self.rows:
            self.set_cursor(self._next_bookable(0, 1) if ctrl else self.cursor_row, self.today
                            if not ctrl else self.cursor_day)
            return
        if key == Qt.Key.Key_End and self.rows and ctrl:
            self.set_cursor(self._next_bookable(len(self.rows) - 1, -1), self.cursor_day)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row is not None:
            self._activate(self.cursor_row, self.cursor_day)
            return
        if key == Qt.Key.Key_Delete and self.current is not None:
            self.deleteRequested.emit(self.current)
            return
        super().keyPressEvent(event)

    def _activate(self, row: int, day: int) -> None:
        item = self.item_at(row, day)
        if item is not None:
            self.itemActivated.emit(item)
        elif 0 <= row < len(self.rows):
            self.cellActivated.emit(self.rows[row], date.fromordinal(day))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            pos = self.viewport().mapFrom(self, event.pos())
            row, day, item, _ = self._hit(pos)
            if row < 0 or pos.x() < self.label_width and self.rows[row].kind != UNIT:
                return
            if pos.x() >= self.label_width:
                self.set_cursor(row, day, scroll=False)
            else:
                self.set_cursor(row, self.cursor_day, scroll=False)
        elif self.cursor_grid_row is None:
            return
        rect = self.cell_rect(self.cursor_row, self.cursor_day)
        where = (event.globalPos() if event.reason() == QContextMenuEvent.Reason.Mouse
                 else self.viewport().mapToGlobal(rect.center()))
        self.menuRequested.emit(self.rows[self.cursor_row], self.cursor_date, self.current,
                                where)

    # -- mouse ----------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position().toPoint()
        row, day, item, on_end = self._hit(pos)
        if row < 0 or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        if pos.x() >= self.label_width:
            self.set_cursor(row, item.end - 1 if on_end and item is not None else day,
                            scroll=False)
        else:
            self.set_cursor(row, self.cursor_day, scroll=False)
        if item is not None and item.movable and pos.x() >= self.label_width:
            self._press = _Press(item, pos, day, on_end)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        press = self._press
        if press is None:
            _row, _day, item, on_end = self._hit(pos)
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor if on_end
                                      else Qt.CursorShape.ArrowCursor)
            return
        if not press.dragging:
            if (pos - press.pos).manhattanLength() < QApplication.startDragDistance():
                return
            press.dragging = True
        self._drag_to(pos)
        body = self.viewport().height()
        margin = self.row_height
        self._autoscroll_dir = (-1 if pos.y() < self.header_height + margin // 2
                                else 1 if pos.y() > body - margin // 2 else 0)
        if self._autoscroll_dir and not self._autoscroll.isActive():
            self._autoscroll.start()
        self._last_drag_pos = pos
        event.accept()

    def _drag_to(self, pos: QPoint) -> None:
        press = self._press
        assert press is not None
        item = press.item
        assert item.booking is not None
        if press.resize:
            boundary = self.start + round((pos.x() - self.label_width) / self._column)
            row, first, end = item.row, item.first, max(item.first + 1, boundary)
        else:
            y = min(max(pos.y(), self.header_height), self.viewport().height() - 1)
            row = self.row_at(y)
            if row < 0:
                row = len(self.rows) - 1 if y > self.header_height else 0
            if self.rows[row].kind == TYPE:
                row = min(row + 1, len(self.rows) - 1)  # the header stands for its lanes
            shift = self.day_at(pos.x()) - press.day
            if item.booking.status is Status.CHECKED_IN:
                shift = 0  # an in-house guest changes room, not arrival
            first, end = item.first + shift, item.end + shift
        self.ghost = (self.rows[row].key, first, end, item)
        self.viewport().update()

    def _autoscroll_step(self) -> None:
        if self._press is None or not self._press.dragging or not self._autoscroll_dir:
            self._autoscroll.stop()
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self._autoscroll_dir * self.row_height // 2)
        self._drag_to(self._last_drag_pos)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        press = self._press
        self._autoscroll.stop()
        if press is not None and press.dragging:
            self._drag_to(event.position().toPoint())
        self._press = None
        if press is None or not press.dragging or self.ghost is None:
            self.ghost = None
            self.viewport().update()
            super().mouseReleaseEvent(event)
            return
        key, first, end, item = self.ghost
        booking = item.booking
        assert booking is not None
        row = self.rows[self.row_index[key]]
        same_row = self.row_index[key] == item.row
        if same_row and (first, end) == (item.first, item.end):
            self.ghost = None
            self.viewport().update()
            return
        self.dropped.emit(Drop(booking, row, date.fromordinal(first), date.fromordinal(end),
                               press.resize))
        event.accept()

    def clear_ghost(self) -> None:
        self.ghost = None
        self.viewport().update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        row, day, _item, _ = self._hit(pos)
        if row < 0 or pos.x() < self.label_width or event.button() != Qt.MouseButton.LeftButton:
            return
        self._press = None
        self.set_cursor(row, day, scroll=False)
        self._activate(self.cursor_row, day)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            steps = -event.angleDelta().y() // 120 or -event.angleDelta().x() // 120
            if steps:
                self.set_first_day(self.first_day + timedelta(days=steps))
            event.accept()
            return
        super().wheelEvent(event)

    # -- tooltips -------------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, pos: QPoint) -> str:
        row, day, item, _ = self._hit(pos)
        if row < 0:
            return ""
        grid_row = self.rows[row]
        if pos.x() < self.label_width:
            return room_tooltip(grid_row, self.currency)
        if item is not None and item.booking is not None:
            return booking_tooltip(item.booking)
        if item is not None and item.block is not None:
            return block_tooltip(item.block, grid_row)
        if grid_row.kind == TYPE and self.data_from <= day < self.data_to:
            free = self.free.get(grid_row.room.id, [])[day - self.data_from]
            return (f"<b>{_esc(grid_row.room.name)}</b>: {free} of {grid_row.room.quantity} "
                    f"rooms free on the night of {fmt.day(date.fromordinal(day))}")
        return ""

    # -- painting -------------------------------------------------------------------------------

    def colors(self) -> ChartColors:
        # palette() answers in the colour group of this moment (disabled while the window
        # opens, inactive behind a dialog), and the group is not part of the palette's
        # cacheKey: without it in the key, colours cached while opening stayed grey.
        palette = self.palette()
        key = (is_dark(), palette.cacheKey(), palette.currentColorGroup())
        if self._colors is None or self._colors[0] != key:
            self._colors = (key, chart_colors(palette))
        return self._colors[1]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        vp = self.viewport()
        p = QPainter(vp)
        colors = self.colors()
        width, height = vp.width(), vp.height()
        lw, hh, col, rh = self.label_width, self.header_height, self._column, self.row_height
        sy = self.verticalScrollBar().value()
        p.fillRect(0, 0, width, height, self.palette().color(QPalette.ColorRole.Base))
        days = min(self.days, (width - lw + col - 1) // col)
        first_row = sy // rh
        last_row = min(len(self.rows) - 1, (sy + height - hh) // rh)

        # Columns: weekends and today.
        body_h = height - hh
        for i in range(days):
            o = self.start + i
            if o == self.today:
                p.fillRect(lw + i * col, hh, col, body_h, colors.today_column)
            elif (o + 6) % 7 >= 5:
                p.fillRect(lw + i * col, hh, col, body_h, colors.weekend)

        # Row bands, and free rooms in each room type's header row.
        p.setFont(self.small)
        for r in range(first_row, last_row + 1):
            row = self.rows[r]
            y = hh + r * rh - sy
            if row.kind == TYPE:
                p.fillRect(lw, y, width - lw, rh, colors.type_row)
                self._paint_free(p, colors, row, y, days)
            elif row.kind == LANE:
                p.fillRect(lw, y, width - lw, rh, colors.lane_row)

        # Grid lines.
        p.setPen(QPen(colors.line, 1))
        right = lw + days * col
        bottom = min(hh + len(self.rows) * rh - sy, height)
        for r in range(first_row, last_row + 1):
            y = hh + (r + 1) * rh - sy - 1
            p.drawLine(lw, y, right, y)
        for i in range(days + 1):
            x = lw + i * col - 1
            p.drawLine(x, hh, x, bottom)

        # Bars.
        p.save()
        p.setClipRect(lw, hh, width - lw, body_h)
        dx = lw + (self.origin - self.start) * col
        p.translate(dx, hh - sy)
        visible = QRect(self.label_width - dx, sy, days * col, body_h)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setFont(self.font())
        lo, hi = self.start, self.start + days
        for r in range(first_row, last_row + 1):
            for it in self.by_row[r]:
                if it.end <= lo or it.first >= hi:
                    continue
                self._paint_item(p, colors, it, visible, it is self.current)
        p.restore()

        # The ghost of a dragged bar, and the cell cursor.
        p.save()
        p.setClipRect(lw, hh, width - lw, body_h)
        if self.ghost is not None:
            self._paint_ghost(p, colors)
        if 0 <= self.cursor_row < len(self.rows):
            cell = self.cell_rect(self.cursor_row, self.cursor_day).adjusted(0, 0, -1, -1)
            # On a bar the bar's outline shows the selection; the cell stays a faint mark.
            strong = self.hasFocus() and self.current is None
            pen = QPen(colors.cursor, 2 if strong else 1)
            if not strong:
                pen.setStyle(Qt.PenStyle.DotLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(cell.adjusted(1, 1, -1, -1))
        p.restore()

        self._paint_header(p, colors, width, days)
        self._paint_labels(p, colors, first_row, last_row, height)

        # Today's line across the header and the rows.
        if self.start <= self.today < self.start + days:
            x = lw + (self.today - self.start) * col
            p.fillRect(x - 1, self.line_height + 2, 2, height, colors.today_line)
        if not self.rows:
            p.setPen(colors.muted)
            p.setFont(self.font())
            p.drawText(QRect(lw, hh, width - lw, body_h), Qt.AlignmentFlag.AlignCenter,
                       "Loading…" if self.grid is None else "")
        p.end()

    def _paint_free(self, p: QPainter, colors: ChartColors, row: GridRow, y: int,
                    days: int) -> None:
        counts = self.free.get(row.room.id)
        if not counts:
            return
        col = self._column
        lo = max(self.start, self.data_from)
        hi = min(self.start + days, self.data_to)
        for o in range(lo, hi):
            free = counts[o - self.data_from]
            p.setPen(colors.full if free == 0 else colors.muted)
            p.drawText(QRect(self.label_width + (o - self.start) * col, y, col, self.row_height),
                       Qt.AlignmentFlag.AlignCenter, str(free))

    def _paint_item(self, p: QPainter, colors: ChartColors, it: Item, visible: QRect,
                    current: bool) -> None:
        rect = it.rect
        if it.booking is not None:
            status = it.booking.status
            p.setPen(QPen(colors.edge[status], 1))
            p.setBrush(colors.fill[status])
            p.drawRoundedRect(rect, 4, 4)
            ink = colors.ink[status]
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colors.block_fill)
            p.drawRect(rect)
            p.setBrush(QBrush(colors.block_hatch, Qt.BrushStyle.BDiagPattern))
            p.drawRect(rect)
            p.setPen(QPen(colors.block_hatch, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(rect)
            ink = colors.block_ink
        if current:
            p.setPen(QPen(colors.cursor, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 5, 5)
        # The label sits in the part of the bar that is on screen.
        text_rect = rect.intersected(visible).adjusted(5, 0, -4, 0)
        if text_rect.width() < 8:
            return
        if it.elided_width != text_rect.width():
            it.elided = self.fontMetrics().elidedText(it.label, Qt.TextElideMode.ElideRight,
                                                      text_rect.width())
            it.elided_width = text_rect.width()
        if it.elided:
            p.setPen(ink)
            p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       it.elided)

    def _paint_ghost(self, p: QPainter, colors: ChartColors) -> None:
        assert self.ghost is not None
        key, first, end, item = self.ghost
        row = self.row_index.get(key)
        if row is None or item.booking is None:
            return
        left = self.cell_rect(row, first)
        rect = QRect(left.x() + 2, left.y() + 3, (end - first) * self._column - 4,
                     self.row_height - 6)
        fill = QColor(colors.fill[item.booking.status])
        fill.setAlpha(120)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setBrush(fill)
        pen = QPen(colors.text, 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawRoundedRect(rect, 4, 4)
        p.setPen(colors.text)
        text = self.fontMetrics().elidedText(
            f"{item.booking.guest_name} · {fmt.nights(end - first)}",
            Qt.TextElideMode.ElideRight, max(rect.width() - 10, 0))
        p.drawText(rect.adjusted(5, 0, -4, 0),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _paint_header(self, p: QPainter, colors: ChartColors, width: int, days: int) -> None:
        lw, col, lh = self.label_width, self._column, self.line_height
        hh = self.header_height
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(0, 0, width, hh, colors.header)
        locale = QLocale()
        fm = self.fontMetrics()
        short = [locale.dayName(d, QLocale.FormatType.ShortFormat) for d in range(1, 8)]
        if max(fm.horizontalAdvance(s) for s in short) + 6 > col:
            short = [locale.dayName(d, QLocale.FormatType.NarrowFormat) for d in range(1, 8)]
        p.setPen(colors.line)
        p.drawLine(0, hh - 1, width, hh - 1)
        for i in range(days):
            o = self.start + i
            day = date.fromordinal(o)
            x = lw + i * col
            if i == 0 or day.day == 1:
                p.setFont(self.bold)
                p.setPen(colors.text)
                month = f"{locale.standaloneMonthName(day.month)} {day.year}"
                # Up to the next month's name, or the last column.
                room = min(days - i, calendar_days_left(day)) * col - 8
                p.drawText(QRect(x + 4, 2, max(room, 0), lh), Qt.AlignmentFlag.AlignVCenter,
                           fm.elidedText(month, Qt.TextElideMode.ElideRight, max(room, 0)))
                if day.day == 1 and i:
                    p.setPen(colors.muted)
                    p.drawLine(x - 1, 2, x - 1, hh)
            today = o == self.today
            p.setFont(self.bold if today else self.font())
            p.setPen(colors.today_line if today else
                     colors.muted if (o + 6) % 7 >= 5 else colors.text)
            p.drawText(QRect(x, lh + 2, col, lh), Qt.AlignmentFlag.AlignCenter,
                       short[(o + 6) % 7])
            p.drawText(QRect(x, 2 * lh + 2, col, lh), Qt.AlignmentFlag.AlignCenter,
                       str(day.day))
        p.setFont(self.bold)
        p.setPen(colors.muted)
        p.drawText(QRect(8, lh + 2, lw - 12, 2 * lh), Qt.AlignmentFlag.AlignVCenter
                   | Qt.AlignmentFlag.AlignLeft, "Rooms")

    def _paint_labels(self, p: QPainter, colors: ChartColors, first_row: int, last_row: int,
                      height: int) -> None:
        lw, hh, rh = self.label_width, self.header_height, self.row_height
        sy = self.verticalScrollBar().value()
        p.save()
        p.setClipRect(0, hh, lw, height - hh)
        p.fillRect(0, hh, lw, height - hh, colors.header)
        fm = self.fontMetrics()
        for r in range(first_row, last_row + 1):
            row = self.rows[r]
            y = hh + r * rh - sy
            if row.kind == TYPE:
                p.fillRect(0, y, lw, rh, colors.type_row)
                p.setFont(self.bold)
                p.setPen(colors.text)
                text = QFontMetrics(self.bold).elidedText(row.room.name,
                                                          Qt.TextElideMode.ElideRight, lw - 16)
                p.drawText(QRect(8, y, lw - 12, rh), Qt.AlignmentFlag.AlignVCenter, text)
            elif row.kind == LANE:
                if row.lane == 0:
                    p.setFont(self.italic)
                    p.setPen(colors.muted)
                    p.drawText(QRect(24, y, lw - 28, rh), Qt.AlignmentFlag.AlignVCenter,
                               "Unassigned")
            else:
                unit = row.unit
                assert unit is not None
                p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(colors.dots[unit.status])
                d = max(fm.height() // 2, 6)
                p.drawEllipse(10, y + (rh - d) // 2, d, d)
                p.setFont(self.font())
                p.setPen(colors.text)
                p.drawText(QRect(24, y, lw - 28, rh), Qt.AlignmentFlag.AlignVCenter,
                           fm.elidedText(unit.number, Qt.TextElideMode.ElideRight, lw - 28))
            if r == self.cursor_row:
                p.fillRect(lw - 3, y, 3, rh, colors.cursor)
            p.setPen(colors.line)
            p.drawLine(0, y + rh - 1, lw, y + rh - 1)
        p.setPen(colors.line)
        p.drawLine(lw - 1, hh, lw - 1, height)
        p.restore()


def calendar_days_left(day: date) -> int:
    """Days from `day` to the end of its month, `day` included."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (following - day).days


# -- tooltips -------------------------------------------------------------------------------------

def _esc(text: str) -> str:
    from html import escape

    return escape(text)


def room_label(booking: dto.Booking) -> str:
    return (f"{booking.room_name} · room {booking.unit_number}" if booking.unit_number
            else f"{booking.room_name} · no room assigned yet")


def booking_tooltip(b: dto.Booking) -> str:
    lines = [
        f"<b>{_esc(b.guest_name)}</b> — booking {b.id}",
        f"{fmt.day(b.date_from)} → {fmt.day(b.date_to)} · {fmt.nights(b.nights)}",
        _esc(room_label(b)),
        f"{fmt.nights(b.nights)} × {fmt.money(b.price, b.currency)} = "
        f"<b>{fmt.money(b.total, b.currency)}</b>",
        f"Status: {b.status.label}",
    ]
    if b.notes:
        lines.append(f"<i>{_esc(b.notes)}</i>")
    return "<br>".join(lines)


def block_tooltip(block: dto.Block, row: GridRow) -> str:
    number = row.unit.number if row.unit is not None else "?"
    return "<br>".join([
        f"<b>Room {_esc(number)} out of order</b>",
        f"{fmt.day(block.date_from)} → {fmt.day(block.date_to)} · "
        f"{fmt.nights((block.date_to - block.date_from).days)}",
        _esc(block.reason) if block.reason else "<i>No reason given</i>",
    ])


def room_tooltip(row: GridRow, currency: str) -> str:
    if row.kind == TYPE:
        r = row.room
        return (f"<b>{_esc(r.name)}</b> — {r.quantity} rooms, "
                f"{fmt.money(r.price, currency)} a night, "
                f"up to {r.capacity} guests" + (f"<br>{_esc(r.description)}"
                                                if r.description else ""))
    if row.kind == LANE:
        return (f"Stays sold as '{_esc(row.room.name)}' that have no room yet: drag one onto a "
                "room to assign it.")
    unit = row.unit
    assert unit is not None
    floor = f" · floor {unit.floor}" if unit.floor is not None else ""
    return (f"<b>Room {_esc(unit.number)}</b> — {_esc(unit.room_name)}{floor}<br>"
            f"Housekeeping: {unit.status.label}"
            + (f"<br><i>{_esc(unit.notes)}</i>" if unit.notes else ""))
