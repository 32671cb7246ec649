"""What the mouse and the keyboard do on the room grid: the cell cursor's keys, pressing a bar,
dragging it to another room or days or its end to another departure (the ghost), the drop,
scrolling by itself near the edges, double-click, the context menu and shift+wheel.

A press on a movable bar becomes a drag once the mouse has gone the platform's drag distance;
while dragging, the ghost shows where the bar would land; letting go elsewhere reports a Drop
(the ghost stays until the view has asked and the move is done or refused).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from frontdesk import dto
from frontdesk.domain.stays import arrival_can_change
from frontdesk.ui.views.grid_layout import TYPE, UNIT, GridRow, Item, RowKey

if TYPE_CHECKING:
    from frontdesk.ui.views.grid_chart import RoomChart

EDGE = 6  # pixels at a bar's right end that resize it instead of moving it


class Ghost(NamedTuple):
    """Where a dragged bar would land: the row (by key, so it survives a reload), the nights
    [first, end) as ordinals, and the bar itself."""

    key: RowKey
    first: int
    end: int
    item: Item


@dataclass(frozen=True, slots=True)
class Drop:
    """A bar let go somewhere else: the stay, the row it was dropped on, the new nights."""

    booking: dto.Booking
    row: GridRow
    date_from: date
    date_to: date
    resize: bool


@dataclass(slots=True)
class Press:
    """The left button held down on a movable bar (a drag once `dragging`)."""

    item: Item
    pos: QPoint
    day: int
    resize: bool
    dragging: bool = False


class Hit(NamedTuple):
    """What is under a point of the viewport: row (-1: none), day, item, on its resizing end."""

    row: int
    day: int
    item: Item | None
    on_end: bool


class ChartInteraction:
    """The chart's input: it moves the chart's cursor, keeps the press and the ghost, and emits
    the chart's signals; the chart forwards its events here."""

    def __init__(self, chart: RoomChart) -> None:
        self.chart = chart
        self.press: Press | None = None
        self.ghost: Ghost | None = None
        self._autoscroll = QTimer(chart, interval=40)
        self._autoscroll.timeout.connect(self._autoscroll_step)
        self._autoscroll_dir = 0
        self._last_drag_pos = QPoint()

    def reset(self) -> None:
        """Forget a press and a ghost (the data they point at is gone)."""
        self.ghost = None
        self.press = None

    def clear_ghost(self) -> None:
        self.ghost = None
        self.chart.viewport().update()

    # -- hit testing ----------------------------------------------------------------------------

    def hit(self, pos: QPoint) -> Hit:
        """(row, day, item, on the item's resizing end) under a viewport point."""
        chart = self.chart
        row, day = chart.row_at(pos.y()), chart.day_at(pos.x())
        if row < 0 or pos.x() < chart.label_width:
            return Hit(row, day, None, False)
        item = chart.model.item_at(row, day)
        on_end = False
        if item is not None and item.movable:
            right = chart.item_rect(item).right()
            on_end = right - EDGE <= pos.x() <= right + 2
        elif item is None:
            # Just past a bar's end still grabs its end.
            before = chart.model.item_at(row, day - 1)
            if before is not None and before.movable and before.end == day:
                right = chart.item_rect(before).right()
                if pos.x() <= right + 3:
                    return Hit(row, day, before, True)
        return Hit(row, day, item, on_end)

    # -- keyboard -------------------------------------------------------------------------------

    def keeps_shortcut(self, event: QEvent) -> bool:
        """Whether `event` is a shortcut the grid keeps for itself while it has the focus
        (Ctrl+N, Enter, Delete), which it then accepts."""
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if (event.key() == Qt.Key.Key_N and mods == Qt.KeyboardModifier.ControlModifier) or \
                (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete)
                 and mods == Qt.KeyboardModifier.NoModifier):
            event.accept()
            return True
        return False

    def key_press(self, event: QKeyEvent) -> bool:
        """Move the cell cursor or act on it; False when the key is not the grid's."""
        chart, model = self.chart, self.chart.model
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = mods == Qt.KeyboardModifier.ControlModifier
        row = chart.cursor_grid_row
        if key == Qt.Key.Key_N and ctrl:
            if row is not None:
                chart.bookRequested.emit(row, chart.cursor_date)
            return True
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier):
            return False
        cursor = chart.cursor_row
        last = len(model.rows) - 1
        visible = max((chart.viewport().height() - chart.header_height) // chart.row_height
                      - 1, 1)
        moves: dict[Qt.Key, Callable[[], tuple[int, int]]] = {
            Qt.Key.Key_Up: lambda: (model.next_bookable(cursor - 1, -1), 0),
            Qt.Key.Key_Down: lambda: (model.next_bookable(cursor + 1, 1), 0),
            Qt.Key.Key_PageUp: lambda: (model.next_bookable(max(cursor - visible, 0), 1), 0),
            Qt.Key.Key_PageDown: lambda: (model.next_bookable(min(cursor + visible, last), -1),
                                          0),
            Qt.Key.Key_Left: lambda: (cursor, -1),
            Qt.Key.Key_Right: lambda: (cursor, 1),
        }
        if key in moves and model.rows:
            target, shift = moves[Qt.Key(key)]()
            if target < 0:
                target = cursor
            chart.set_cursor(target, chart.cursor_day + shift)
            return True
        if key == Qt.Key.Key_Home and model.rows:
            chart.set_cursor(model.next_bookable(0, 1) if ctrl else cursor,
                             chart.today if not ctrl else chart.cursor_day)
            return True
        if key == Qt.Key.Key_End and model.rows and ctrl:
            chart.set_cursor(model.next_bookable(last, -1), chart.cursor_day)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row is not None:
            self._activate(cursor, chart.cursor_day)
            return True
        if key == Qt.Key.Key_Delete and chart.current is not None:
            chart.deleteRequested.emit(chart.current)
            return True
        return False

    def _activate(self, row: int, day: int) -> None:
        chart = self.chart
        item = chart.model.item_at(row, day)
        if item is not None:
            chart.itemActivated.emit(item)
        elif 0 <= row < len(chart.model.rows):
            chart.cellActivated.emit(chart.model.rows[row], date.fromordinal(day))

    def context_menu(self, event: QContextMenuEvent) -> None:
        """A right click puts the cursor on its cell first; the menu key opens the menu of the
        cell the cursor is on."""
        chart = self.chart
        rows = chart.model.rows
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            pos = chart.viewport().mapFrom(chart, event.pos())
            row, day, _item, _ = self.hit(pos)
            if row < 0 or pos.x() < chart.label_width and rows[row].kind != UNIT:
                return
            if pos.x() >= chart.label_width:
                chart.set_cursor(row, day, scroll=False)
            else:
                chart.set_cursor(row, chart.cursor_day, scroll=False)
        elif chart.cursor_grid_row is None:
            return
        rect = chart.cell_rect(chart.cursor_row, chart.cursor_day)
        where = (event.globalPos() if event.reason() == QContextMenuEvent.Reason.Mouse
                 else chart.viewport().mapToGlobal(rect.center()))
        chart.menuRequested.emit(rows[chart.cursor_row], chart.cursor_date, chart.current,
                                 where)

    # -- mouse ----------------------------------------------------------------------------------

    def mouse_press(self, event: QMouseEvent) -> bool:
        """The cursor goes to the cell pressed; a left press on a movable bar may start a drag.
        False when the press is not the grid's (outside the rows, another button)."""
        chart = self.chart
        pos = event.position().toPoint()
        row, day, item, on_end = self.hit(pos)
        if row < 0 or event.button() != Qt.MouseButton.LeftButton:
            return False
        if pos.x() >= chart.label_width:
            chart.set_cursor(row, item.end - 1 if on_end and item is not None else day,
                             scroll=False)
        else:
            chart.set_cursor(row, chart.cursor_day, scroll=False)
        if item is not None and item.movable and pos.x() >= chart.label_width:
            self.press = Press(item, pos, day, on_end)
        event.accept()
        return True

    def mouse_move(self, event: QMouseEvent) -> None:
        chart = self.chart
        pos = event.position().toPoint()
        press = self.press
        if press is None:
            on_end = self.hit(pos).on_end
            chart.viewport().setCursor(Qt.CursorShape.SizeHorCursor if on_end
                                       else Qt.CursorShape.ArrowCursor)
            return
        if not press.dragging:
            if (pos - press.pos).manhattanLength() < QApplication.startDragDistance():
                return
            press.dragging = True
        self._drag_to(pos)
        body = chart.viewport().height()
        margin = chart.row_height
        self._autoscroll_dir = (-1 if pos.y() < chart.header_height + margin // 2
                                else 1 if pos.y() > body - margin // 2 else 0)
        if self._autoscroll_dir and not self._autoscroll.isActive():
            self._autoscroll.start()
        self._last_drag_pos = pos
        event.accept()

    def _drag_to(self, pos: QPoint) -> None:
        """The ghost for the mouse at `pos`: a resize moves the departure (at least a night);
        a move shifts the nights with the mouse and goes to the row under it."""
        chart, rows = self.chart, self.chart.model.rows
        press = self.press
        assert press is not None
        item = press.item
        assert item.booking is not None
        if press.resize:
            boundary = chart.start + round((pos.x() - chart.label_width) / chart.column)
            row, first, end = item.row, item.first, max(item.first + 1, boundary)
        else:
            y = min(max(pos.y(), chart.header_height), chart.viewport().height() - 1)
            row = chart.row_at(y)
            if row < 0:
                row = len(rows) - 1 if y > chart.header_height else 0
            if rows[row].kind == TYPE:
                row = min(row + 1, len(rows) - 1)  # the header stands for its lanes
            shift = chart.day_at(pos.x()) - press.day
            if not arrival_can_change(item.booking.status):
                shift = 0  # an in-house guest changes room, not arrival
            first, end = item.first + shift, item.end + shift
        self.ghost = Ghost(rows[row].key, first, end, item)
        chart.viewport().update()

    def _autoscroll_step(self) -> None:
        if self.press is None or not self.press.dragging or not self._autoscroll_dir:
            self._autoscroll.stop()
            return
        bar = self.chart.verticalScrollBar()
        bar.setValue(bar.value() + self._autoscroll_dir * self.chart.row_height // 2)
        self._drag_to(self._last_drag_pos)

    def mouse_release(self, event: QMouseEvent) -> bool:
        """A drag let go: a Drop when the ghost is somewhere else. False when there was no
        drag to end."""
        chart = self.chart
        press = self.press
        self._autoscroll.stop()
        if press is not None and press.dragging:
            self._drag_to(event.position().toPoint())
        self.press = None
        if press is None or not press.dragging or self.ghost is None:
            self.clear_ghost()
            return False
        key, first, end, item = self.ghost
        booking = item.booking
        assert booking is not None
        index = chart.model.row_index[key]
        if index == item.row and (first, end) == (item.first, item.end):
            self.clear_ghost()
            return True
        chart.dropped.emit(Drop(booking, chart.model.rows[index], date.fromordinal(first),
                                date.fromordinal(end), press.resize))
        event.accept()
        return True

    def double_click(self, event: QMouseEvent) -> None:
        """A double-click opens the stay under it, or books the free cell."""
        chart = self.chart
        pos = event.position().toPoint()
        row, day, _item, _ = self.hit(pos)
        if row < 0 or pos.x() < chart.label_width or event.button() != Qt.MouseButton.LeftButton:
            return
        self.press = None
        chart.set_cursor(row, day, scroll=False)
        self._activate(chart.cursor_row, day)

    def wheel(self, event: QWheelEvent) -> bool:
        """Shift+wheel goes through the days; False for the plain wheel (the rows scroll)."""
        if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return False
        steps = -event.angleDelta().y() // 120 or -event.angleDelta().x() // 120
        if steps:
            self.chart.set_first_day(self.chart.first_day + timedelta(days=steps))
        event.accept()
        return True
