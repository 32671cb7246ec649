"""The room grid's widget: rooms down the side, days across, stays as bars. It ties the parts
together: the layout model (grid_layout), the painter (grid_paint), the mouse and keyboard
(grid_drag) and the colours (frontdesk.ui.style.grid_colors); it owns the view's position (the
first day, the zoom, the scroll), the sizes, the cell cursor and the tooltips.

Speed: rows and bar rectangles are laid out once when data arrives (or the zoom or the width
changes), relative to the first day of the data; a paint only walks the rows on screen and
translates. Days are whole columns (the horizontal scroll bar counts days), rows are pixels.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from frontdesk import dto
from frontdesk.domain import money
from frontdesk.domain.clock import Clock
from frontdesk.ui import fmt
from frontdesk.ui.style.grid_colors import ChartColors, chart_colors
from frontdesk.ui.style.theme import is_dark
from frontdesk.ui.views.grid_drag import ChartInteraction, Ghost
from frontdesk.ui.views.grid_layout import LANE, TYPE, GridLayout, GridRow, Item
from frontdesk.ui.views.grid_paint import ChartPainter

MIN_COLUMN = 26


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
    dropped = Signal(object)                 # grid_drag.Drop
    menuRequested = Signal(object, object, object, QPoint)  # GridRow, date, Item|None, global

    def __init__(self, parent: QWidget | None = None, *, clock: Clock) -> None:
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
        self.model = GridLayout()
        # The hotel's (set by the grid view), for the room types' prices.
        self.currency = money.DEFAULT_CURRENCY
        self.today = clock().toordinal()
        self.days = 14
        self.start = self.today
        self.cursor_row = -1
        self.cursor_day = self.today
        self.current: Item | None = None
        self.interaction = ChartInteraction(self)
        self.painter = ChartPainter(self)
        self._column = MIN_COLUMN
        self._colors: tuple[tuple[bool, int, QPalette.ColorGroup], ChartColors] | None = None
        self._measure()
        bar = self.horizontalScrollBar()
        bar.setSingleStep(1)
        bar.setRange(self.start - 730, self.start + 730)
        bar.setValue(self.start)
        bar.setPageStep(self.days)
        self._relayout()

    # -- the layout's, for the view and the tests -----------------------------------------------

    @property
    def grid(self) -> dto.Grid | None:
        return self.model.grid

    @property
    def rows(self) -> list[GridRow]:
        return self.model.rows

    @property
    def items(self) -> list[Item]:
        return self.model.items

    @property
    def free(self) -> dict[int, list[int]]:
        return self.model.free

    @property
    def ghost(self) -> Ghost | None:
        return self.interaction.ghost

    def item_at(self, row: int, day: int) -> Item | None:
        return self.model.item_at(row, day)

    def item_for_booking(self, booking_id: int) -> Item | None:
        return self.model.item_for_booking(booking_id)

    def row_of_unit(self, unit_id: int) -> int:
        return self.model.row_of_unit(unit_id)

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

    def _relayout(self, *, replace: bool = False) -> None:
        """Column width, scroll ranges, and the rectangles when a size they depend on changed
        (a new layout places its rectangles on its first call; `replace` places them again,
        for a new font)."""
        vp = self.viewport()
        self._column = max(MIN_COLUMN, (vp.width() - self.label_width) // max(self.days, 1))
        body = max(vp.height() - self.header_height, 0)
        bar = self.verticalScrollBar()
        bar.setRange(0, max(len(self.rows) * self.row_height - body, 0))
        bar.setPageStep(max(body, self.row_height))
        bar.setSingleStep(self.row_height)
        self.horizontalScrollBar().setPageStep(self.days)
        self.model.place(self._column, self.row_height, force=replace)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._measure()
            self._relayout(replace=True)

    # -- data -----------------------------------------------------------------------------------

    def set_grid(self, grid: dto.Grid) -> None:
        """New data for the range it covers; the cursor stays on the same room and day."""
        key = self.rows[self.cursor_row].key if 0 <= self.cursor_row < len(self.rows) else None
        self.model = GridLayout(grid)
        self.today = self.clock().toordinal()
        self._fit_labels()
        self._relayout()
        row = self.model.row_index.get(key, -1) if key is not None else -1
        self.cursor_row = row if row >= 0 else self.model.next_bookable(0, 1)
        self._update_current()
        self.viewport().update()

    def clear(self) -> None:
        self.model = GridLayout()
        self.cursor_row = -1
        self.interaction.reset()
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
        return item.rect.translated(
            self.label_width + (self.model.data_from - self.start) * self._column,
            self.header_height - self.verticalScrollBar().value())

    # -- the cursor -----------------------------------------------------------------------------

    def set_cursor(self, row: int, day: int | date, *, scroll: bool = True) -> None:
        if isinstance(day, date):
            day = day.toordinal()
        if not 0 <= row < len(self.rows):
            return
        if not self.rows[row].bookable:
            row = self.model.next_bookable(row + 1, 1)
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

    def clear_ghost(self) -> None:
        """The move a drop proposed is done or dropped: the ghost goes."""
        self.interaction.clear_ghost()

    # -- input, handed to grid_drag -------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # The type first: event() runs while __init__ is still making the chart's children.
        if event.type() == QEvent.Type.ShortcutOverride and \
                self.interaction.keeps_shortcut(event):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.interaction.key_press(event):
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.interaction.context_menu(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if not self.interaction.mouse_press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.interaction.mouse_move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self.interaction.mouse_release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.interaction.double_click(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if not self.interaction.wheel(event):
            super().wheelEvent(event)

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
        self.painter.paint()

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
        row, day, item, _ = self.interaction.hit(pos)
        if row < 0:
            return ""
        grid_row = self.rows[row]
        if pos.x() < self.label_width:
            return room_tooltip(grid_row, self.currency)
        if item is not None and item.booking is not None:
            return booking_tooltip(item.booking)
        if item is not None and item.block is not None:
            return block_tooltip(item.block, grid_row)
        free = self.model.free_on(grid_row.room.id, day) if grid_row.kind == TYPE else None
        if free is not None:
            return (f"<b>{escape(grid_row.room.name)}</b>: {free} of {grid_row.room.quantity} "
                    f"rooms free on the night of {fmt.day(date.fromordinal(day))}")
        return ""


# -- tooltips -------------------------------------------------------------------------------------

def room_label(booking: dto.Booking) -> str:
    return (f"{booking.room_name} · room {booking.unit_number}" if booking.unit_number
            else f"{booking.room_name} · no room assigned yet")


def booking_tooltip(b: dto.Booking) -> str:
    lines = [
        f"<b>{escape(b.guest_name)}</b> — booking {b.id}",
        f"{fmt.day(b.date_from)} → {fmt.day(b.date_to)} · {fmt.nights(b.nights)}",
        escape(room_label(b)),
        f"{fmt.nights(b.nights)} × {fmt.money(b.price, b.currency)} = "
        f"<b>{fmt.money(b.total, b.currency)}</b>",
        f"Status: {b.status.label}",
    ]
    if b.notes:
        lines.append(f"<i>{escape(b.notes)}</i>")
    return "<br>".join(lines)


def block_tooltip(block: dto.Block, row: GridRow) -> str:
    number = row.unit.number if row.unit is not None else "?"
    return "<br>".join([
        f"<b>Room {escape(number)} out of order</b>",
        f"{fmt.day(block.date_from)} → {fmt.day(block.date_to)} · "
        f"{fmt.nights((block.date_to - block.date_from).days)}",
        escape(block.reason) if block.reason else "<i>No reason given</i>",
    ])


def room_tooltip(row: GridRow, currency: str) -> str:
    if row.kind == TYPE:
        r = row.room
        return (f"<b>{escape(r.name)}</b> — {r.quantity} rooms, "
                f"{fmt.money(r.price, currency)} a night, "
                f"up to {r.capacity} guests" + (f"<br>{escape(r.description)}"
                                                if r.description else ""))
    if row.kind == LANE:
        return (f"Stays sold as '{escape(row.room.name)}' that have no room yet: drag one onto a "
                "room to assign it.")
    unit = row.unit
    assert unit is not None
    floor = f" · floor {unit.floor}" if unit.floor is not None else ""
    return (f"<b>Room {escape(unit.number)}</b> — {escape(unit.room_name)}{floor}<br>"
            f"Housekeeping: {unit.status.label}"
            + (f"<br><i>{escape(unit.notes)}</i>" if unit.notes else ""))
