"""Room grid (tape chart): the selected hotel's rooms by day; book, open and move stays on it."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction, QBrush, QKeySequence, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk import dto
from frontdesk.domain.stays import Action
from frontdesk.dto import Housekeeping, Status
from frontdesk.ui import fmt
from frontdesk.ui.booking_actions import BookingActions
from frontdesk.ui.context import BLOCKS, BOOKINGS, GUESTS, HOTELS, ROOMS, UNITS, DeskContext
from frontdesk.ui.dialogs.move import MoveDialog
from frontdesk.ui.dialogs.out_of_order import OutOfOrderDialog
from frontdesk.ui.settings import settings
from frontdesk.ui.style.grid_colors import chart_colors
from frontdesk.ui.tasks import Debouncer
from frontdesk.ui.views.base import View
from frontdesk.ui.views.grid_chart import RoomChart, room_label
from frontdesk.ui.views.grid_drag import Drop
from frontdesk.ui.views.grid_layout import LANE, UNIT, GridRow, Item
from frontdesk.ui.widgets import EmptyState

ZOOMS = (7, 14, 31)
ZOOM_NAMES = {7: "&Week", 14: "&2 weeks", 31: "&Month"}


class Legend(QWidget):
    """What the colours mean, painted with the chart's own colours."""

    ENTRIES = (("Confirmed", Status.CONFIRMED), ("Checked in", Status.CHECKED_IN),
               ("Checked out", Status.CHECKED_OUT), ("Out of order", None))
    DOTS = (("Clean", Housekeeping.CLEAN), ("Dirty", Housekeeping.DIRTY),
            ("Inspected", Housekeeping.INSPECTED))

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("gridLegend")
        self.setAccessibleName("Legend: bar colours are booking statuses, dots are "
                               "housekeeping statuses")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = self.fontMetrics()
        width = sum(fm.horizontalAdvance(t) + 34 for t, _ in self.ENTRIES + self.DOTS) + 16
        return QSize(width, fm.height() + 8)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        colors = chart_colors(self.palette())
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fm = self.fontMetrics()
        x, h = 0, self.height()
        box = fm.height() - 4
        for text, status in self.ENTRIES:
            rect = QRect(x, (h - box) // 2, 18, box)
            if status is None:
                p.fillRect(rect, colors.block_fill)
                p.fillRect(rect, QBrush(colors.block_hatch, Qt.BrushStyle.BDiagPattern))
                p.setPen(QPen(colors.block_hatch, 1))
                p.drawRect(rect)
            else:
                p.setPen(QPen(colors.edge[status], 1))
                p.setBrush(colors.fill[status])
                p.drawRoundedRect(rect, 3, 3)
            p.setPen(colors.text)
            p.drawText(QRect(x + 22, 0, fm.horizontalAdvance(text) + 4, h),
                       Qt.AlignmentFlag.AlignVCenter, text)
            x += fm.horizontalAdvance(text) + 34
        x += 16
        for text, housekeeping in self.DOTS:
            d = max(fm.height() // 2, 6)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colors.dots[housekeeping])
            p.drawEllipse(x + 4, (h - d) // 2, d, d)
            p.setPen(colors.text)
            p.drawText(QRect(x + 22, 0, fm.horizontalAdvance(text) + 4, h),
                       Qt.AlignmentFlag.AlignVCenter, text)
            x += fm.horizontalAdvance(text) + 34
        p.end()


class GridView(View):
    title = "Room grid"
    shows = frozenset({BOOKINGS, GUESTS, ROOMS, HOTELS, UNITS, BLOCKS})
    follows_date = False  # a new working date moves the first day (see _working_date)

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, "gridView")
        self.booking_actions = BookingActions(ctx, self)
        self._loaded_hotel: int | None = None
        # A booking made from the grid ("book this room"): selected once the grid shows it.
        self._follow: int | None = None
        self._booking_here = False
        ctx.booked.connect(self._booked)
        self.header = self.heading()
        self.chart = RoomChart(clock=ctx.today)
        self.stack = EmptyState(self.chart, "gridEmpty")
        self.range_label = QLabel()
        self.range_label.setObjectName("gridRange")
        self.range_label.setAccessibleName("Days shown")

        # Time: earlier / later, and zoom.
        self.earlier_action = self._action("◀ &Earlier", "gridEarlierAction", "Alt+Left",
                                           lambda: self.page(-1), "Show the days before")
        self.later_action = self._action("&Later ▶", "gridLaterAction", "Alt+Right",
                                         lambda: self.page(1), "Show the days after")
        self.zoom_in_action = self._action("Zoom &in", "gridZoomInAction", "Ctrl+=",
                                           lambda: self.zoom(-1), "Fewer, wider days")
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action("Zoom &out", "gridZoomOutAction", "Ctrl+-",
                                            lambda: self.zoom(1), "More, narrower days")
        self.earlier_button = self._tool_button(self.earlier_action, "gridEarlierButton")
        self.later_button = self._tool_button(self.later_action, "gridLaterButton")
        self.zoom_buttons: dict[int, QToolButton] = {}
        self.zoom_group = QButtonGroup(self)
        for days in ZOOMS:
            button = QToolButton()
            button.setObjectName(f"gridZoom{days}")
            button.setText(ZOOM_NAMES[days])
            button.setCheckable(True)
            button.setToolTip(f"Show {days} days (zoom with Ctrl+= and Ctrl+-)")
            button.clicked.connect(lambda _=False, d=days: self.set_days(d))
            self.zoom_group.addButton(button)
            self.zoom_buttons[days] = button

        # What is under the cursor, and what can be done with it.
        self.details = QLabel()
        self.details.setObjectName("gridDetails")
        self.details.setAccessibleName("Selected stay or room")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = self._button("&Open…", "gridOpenButton", self.open_current)
        self.check_in_button = self._button("Check &in", "gridCheckInButton",
                                            lambda: self._act(self.booking_actions.check_in))
        self.check_out_button = self._button("Check o&ut", "gridCheckOutButton",
                                             lambda: self._act(self.booking_actions.check_out))
        self.unassign_button = self._button("Give room &back…", "gridUnassignButton",
                                            self.unassign_current)
        self.book_button = self._button("Boo&k here…", "gridBookButton", self.book_at_cursor)
        self.block_button = self._button("Ou&t of order…", "gridOutOfOrderButton",
                                         self.out_of_order_at_cursor)
        self.return_button = self._button("&Return to service", "gridReturnButton",
                                          self.return_current)

        top = QHBoxLayout()
        top.addWidget(self.header)
        top.addStretch(1)
        top.addWidget(self.earlier_button)
        top.addWidget(self.range_label)
        top.addWidget(self.later_button)
        top.addSpacing(12)
        for days in ZOOMS:
            top.addWidget(self.zoom_buttons[days])
        legend_row = QHBoxLayout()
        self.legend = Legend()
        legend_row.addWidget(self.legend)
        legend_row.addStretch(1)
        self.hint = QLabel("Double-click a free day to book · drag a stay to move it · drag its "
                           "end to change the departure")
        self.hint.setObjectName("gridHint")
        # Wraps rather than widening the whole window past a 1366-pixel laptop screen.
        self.hint.setWordWrap(True)
        legend_row.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.open_button, self.check_in_button, self.check_out_button,
                  self.unassign_button, self.book_button, self.block_button, self.return_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(legend_row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)

        self._scrolled = Debouncer(lambda: self._load(quiet=True), 60, self)
        self.chart.firstDayChanged.connect(self._range_changed)
        self.chart.cursorMoved.connect(lambda: self._show_current(self.chart.current))
        self.chart.itemActivated.connect(self.open_item)
        self.chart.cellActivated.connect(self.book_at)
        self.chart.bookRequested.connect(self.book_at)
        self.chart.deleteRequested.connect(self._delete)
        self.chart.dropped.connect(self.confirm_move)
        self.chart.menuRequested.connect(self._menu)
        ctx.workingDateChanged.connect(self._working_date)
        try:
            # A QSettings value is an int, or a str when read back from the file.
            days = int(str(settings().value("grid/days", 14)))
        except (TypeError, ValueError):
            days = 14
        self.set_days(days if days in ZOOMS else 14)
        self.chart.set_first_day(ctx.working_date)
        self._range_changed()
        self._show_current(None)

    # -- building -------------------------------------------------------------------------------

    def _action(self, text: str, name: str, shortcut: str, slot: Any, tip: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        # Anywhere in the window while the grid is on screen (hidden views take no shortcuts).
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    @staticmethod
    def _tool_button(action: QAction, name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setDefaultAction(action)
        return button

    @staticmethod
    def _button(text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        button.setEnabled(False)
        return button

    # -- range and zoom -------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return self.chart.days

    def set_days(self, days: int) -> None:
        self.zoom_buttons[days].setChecked(True)
        if days != self.chart.days:
            self.chart.set_days(days)
            settings().setValue("grid/days", days)
        self.zoom_in_action.setEnabled(days != ZOOMS[0])
        self.zoom_out_action.setEnabled(days != ZOOMS[-1])

    def zoom(self, step: int) -> None:
        index = ZOOMS.index(self.days) + step
        if 0 <= index < len(ZOOMS):
            self.set_days(ZOOMS[index])

    def page(self, direction: int) -> None:
        self.chart.set_first_day(self.chart.first_day + timedelta(days=direction * self.days))

    def _working_date(self) -> None:
        self.chart.set_first_day(self.ctx.working_date)

    def _range_changed(self) -> None:
        first, last = self.chart.first_day, self.chart.last_day - timedelta(days=1)
        self.range_label.setText(f"{fmt.day(first)} – {fmt.day(last)}")
        if self.isVisible() and self.ctx.desk is not None:
            self._scrolled.poke()
        else:
            self._stale = True

    # -- loading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        hotel = self.ctx.hotel
        if hotel is None:
            self.header.setText(self.title)
            self.chart.clear()
            self._loaded_hotel = None
            self.stack.show_message("No hotels yet — add one with Ctrl+Shift+H.")
            return
        self.header.setText(f"Room grid — {hotel.name}")
        if self._loaded_hotel != hotel.id:
            self.chart.clear()
            self.stack.show_table()
        self._load(quiet=False)

    def _load(self, quiet: bool = True) -> None:
        hotel = self.ctx.hotel
        if hotel is None or self.ctx.desk is None:
            return
        self.ctx.runner.run("grid.load", self._fetch(hotel.id, self.chart.first_day,
                                                     self.chart.last_day), quiet=quiet)

    async def _fetch(self, hotel_id: int, start: date, end: date) -> None:
        desk = self.ctx.desk
        assert desk is not None
        grid = await desk.room_grid(hotel_id, start, end)
        if hotel_id != self.ctx.hotel_id:
            return
        self._loaded_hotel = hotel_id
        if not grid.room_types:
            self.chart.clear()
            hotel = self.ctx.hotel
            name = hotel.name if hotel is not None else "This hotel"
            self.stack.show_message(f"{name} has no room types yet — add them in Rooms "
                                    "(Ctrl+3); their rooms then appear here.")
            return
        self.stack.show_table()
        self.chart.currency = getattr(self.ctx.hotel, "currency", self.chart.currency)
        self.chart.set_grid(grid)
        if self._follow is not None and self.chart.select_booking(self._follow):
            self._follow = None

    # -- what is under the cursor ---------------------------------------------------------------

    @property
    def current_booking(self) -> dto.Booking | None:
        item = self.chart.current
        return item.booking if item is not None else None

    def _show_current(self, item: Item | None) -> None:
        row = self.chart.cursor_grid_row
        booking = item.booking if item is not None else None
        block = item.block if item is not None else None
        day = self.chart.cursor_date
        if booking is not None:
            b = booking
            text = (f"<b>{escape(b.guest_name)}</b> · booking {b.id} · "
                    f"{escape(room_label(b))} · {fmt.day(b.date_from)} → {fmt.day(b.date_to)} "
                    f"({fmt.nights(b.nights)}) · {fmt.money(b.total, b.currency)} · "
                    f"{b.status.label}"
                    + (f" · <i>{escape(b.notes)}</i>" if b.notes else ""))
        elif block is not None and row is not None and row.unit is not None:
            text = (f"<b>Room {escape(row.unit.number)} out of order</b> · "
                    f"{fmt.day(block.date_from)} → {fmt.day(block.date_to)}"
                    + (f" · {escape(block.reason)}" if block.reason else ""))
        elif row is not None and row.unit is not None:
            u = row.unit
            text = (f"<b>Room {escape(u.number)}</b> · {escape(u.room_name)} · "
                    f"{u.status.label} · free on the night of {fmt.day(day)} — double-click or "
                    "Ctrl+N to book it")
        elif row is not None:
            text = (f"<b>{escape(row.room.name)}</b> · stays without a room yet · "
                    f"{fmt.day(day)}")
        else:
            text = ""
        self.details.setText(text)
        bookable_day = day >= self.ctx.today()
        self.open_button.setEnabled(booking is not None)
        self.check_in_button.setEnabled(self.booking_actions.allows(Action.CHECK_IN, booking))
        self.check_out_button.setEnabled(self.booking_actions.allows(Action.CHECK_OUT, booking))
        self.unassign_button.setEnabled(self._can_give_room_back(booking))
        self.book_button.setEnabled(row is not None and item is None and bookable_day)
        self.block_button.setEnabled(row is not None and row.kind == UNIT and item is None)
        self.return_button.setEnabled(block is not None)

    # -- actions --------------------------------------------------------------------------------

    def _act(self, run: Any) -> None:
        booking = self.current_booking
        if booking is not None:
            run(booking)

    def open_item(self, item: Item) -> None:
        if item.booking is not None:
            self.booking_actions.change_dates(item.booking)
        elif item.block is not None:
            self.return_to_service(item)

    def open_current(self) -> None:
        if self.chart.current is not None:
            self.open_item(self.chart.current)

    def _delete(self, item: Item) -> None:
        if item.booking is not None and self.booking_actions.allows(Action.CANCEL, item.booking):
            self.booking_actions.cancel(item.booking)

    def book_at_cursor(self) -> None:
        row = self.chart.cursor_grid_row
        if row is not None:
            self.book_at(row, self.chart.cursor_date)

    def book_at(self, row: GridRow, day: date) -> None:
        """A booking prefilled with the row's room type and the day; on a free room's row the
        booking is made in that room (one call, BookingDialog's `unit`)."""
        hotel = self.ctx.hotel
        if hotel is None:
            return
        if day < self.ctx.today():
            self.ctx.say("A stay cannot start in the past: choose today or a later day.")
            return
        unit = row.unit if row.kind == UNIT else None
        if unit is not None and self.chart.item_at(self.chart.row_of_unit(unit.id),
                                                   day.toordinal()) is not None:
            unit = None  # that room is taken that night: book the type
        self._booking_here = True
        self.ctx.request_booking(hotel_id=hotel.id, room_id=row.room.id, unit=unit,
                                 date_from=day, date_to=day + timedelta(days=1))

    def _booked(self, booking: dto.Booking) -> None:
        if self._booking_here:  # the grid asked for it: show it selected
            self._booking_here = False
            self._follow = booking.id

    def confirm_move(self, drop: Drop) -> MoveDialog | None:
        """A bar let go on another row or day: quote the move and ask."""
        booking, row = drop.booking, drop.row
        plan: dict[str, Any] = {}
        unassign = False
        dates_changed = (drop.date_from, drop.date_to) != (booking.date_from, booking.date_to)
        if drop.resize:
            plan["date_to"] = drop.date_to
        else:
            if row.kind == UNIT and row.unit is not None:
                if row.unit.id != booking.unit_id or dates_changed:
                    plan["unit_id"] = row.unit.id
            elif row.kind == LANE:
                if row.room.id != booking.room_id:
                    plan["room_id"] = row.room.id
                elif booking.unit_id is not None and not dates_changed:
                    unassign = True
            if dates_changed:
                if drop.date_from != booking.date_from:
                    plan["date_from"] = drop.date_from
                plan["date_to"] = drop.date_to
        if not plan and not unassign:
            self.chart.clear_ghost()
            return None
        title = ("Change the departure" if drop.resize else
                 "Give the room back" if unassign else "Move the stay")
        if drop.resize:
            target = ""  # the stay's own room
        elif row.unit is not None:
            target = f"{row.room.name} · room {row.unit.number}"
        else:
            target = f"{row.room.name} · no room assigned"
        dialog = MoveDialog(self.ctx, self, booking, plan, unassign=unassign,
                            title=f"{title} — {booking.guest_name}", target=target)
        dialog.finished.connect(lambda _r: self.chart.clear_ghost())
        dialog.finished.connect(dialog.deleteLater)
        dialog.saved.connect(lambda b: setattr(self, "_follow", b.id))
        dialog.open()
        return dialog

    def _can_give_room_back(self, booking: dto.Booking | None) -> bool:
        """A stay in a room whose status lets it give the room back."""
        return (booking is not None and booking.unit_id is not None
                and self.booking_actions.allows(Action.UNASSIGN, booking))

    def unassign_current(self) -> None:
        booking = self.current_booking
        if booking is None or booking.unit_id is None:
            return
        dialog = MoveDialog(self.ctx, self, booking, {}, unassign=True,
                            title=f"Give the room back — {booking.guest_name}")
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def out_of_order_at_cursor(self) -> None:
        row = self.chart.cursor_grid_row
        if row is None or row.unit is None:
            return
        dialog = OutOfOrderDialog(self.ctx, self, row.unit, self.chart.cursor_date)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def return_current(self) -> None:
        if self.chart.current is not None and self.chart.current.block is not None:
            self.return_to_service(self.chart.current)

    def return_to_service(self, item: Item) -> None:
        if item.block is None:
            return
        row = self.chart.rows[item.row]
        self.ask_return_to_service(row.unit.number if row.unit is not None else "?",
                                   item.block.id, item.block.date_to, item.block.reason)

    def set_room_status(self, unit: dto.Unit, status: Housekeeping) -> None:
        desk = self.ctx.desk
        if desk is None:
            return

        async def mark() -> None:
            await desk.set_room_status(unit.id, status)
            self.ctx.say(f"Room {unit.number} is {status.label.lower()}.")

        self.ctx.runner.run("grid.status", mark(), supersede=False)

    # -- context menu ---------------------------------------------------------------------------

    def _menu(self, row: GridRow, day: date, item: Item | None, where: QPoint) -> None:
        menu = QMenu(self)
        menu.setObjectName("gridMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        booking = item.booking if item is not None else None

        def add(text: str, slot: Any, enabled: bool = True, shortcut: str = "") -> None:
            action = menu.addAction(text)
            action.setEnabled(enabled)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)

        if booking is not None:
            allows = self.booking_actions.allows
            add("Open…", lambda: self.booking_actions.change_dates(booking),
                allows(Action.CHANGE_DATES, booking), "Return")
            add("Check in", lambda: self.booking_actions.check_in(booking),
                allows(Action.CHECK_IN, booking))
            add("Check out", lambda: self.booking_actions.check_out(booking),
                allows(Action.CHECK_OUT, booking))
            add("Give room back…", self.unassign_current, self._can_give_room_back(booking))
            menu.addSeparator()
            add("Cancel booking…", lambda: self.booking_actions.cancel(booking),
                allows(Action.CANCEL, booking), "Delete")
        elif item is not None and item.block is not None:
            add("Return to service…", lambda: self.return_to_service(item))
        else:
            what = (f"room {row.unit.number}" if row.unit is not None
                    else f"a '{row.room.name}' room")
            add(f"Book {what} from {fmt.day(day)}…", lambda: self.book_at(row, day),
                day >= self.ctx.today(), "Ctrl+N")
            if row.unit is not None:
                add(f"Take room {row.unit.number} out of order…", self.out_of_order_at_cursor)
        if row.unit is not None:
            unit = row.unit
            menu.addSeparator()
            for status in Housekeeping:
                add(f"Mark room {unit.number} {status.label.lower()}",
                    lambda _=False, s=status: self.set_room_status(unit, s),
                    unit.status is not status)
        menu.popup(where)

