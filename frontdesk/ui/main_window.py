"""The reception window: navigation, hotel and working date, the seven views, the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk import __version__, dto
from frontdesk.ui import fmt
from frontdesk.ui.context import HOTELS, DeskContext
from frontdesk.ui.dialogs.booking import BookingDialog
from frontdesk.ui.settings import settings
from frontdesk.ui.style.theme import app_icon
from frontdesk.ui.tasks import TaskRunner
from frontdesk.ui.views.base import View
from frontdesk.ui.views.bookings import BookingsView
from frontdesk.ui.views.grid import GridView
from frontdesk.ui.views.guests import GuestsView
from frontdesk.ui.views.hotels import HotelsView
from frontdesk.ui.views.housekeeping import HousekeepingView
from frontdesk.ui.views.rooms import RoomsView
from frontdesk.ui.views.today import TodayView
from frontdesk.ui.widgets import date_edit

WAITING = "Another desk is saving…"

if TYPE_CHECKING:
    from frontdesk.services.desk import FrontDesk

SHORTCUTS = [
    ("Ctrl+N", "New booking"),
    ("Ctrl+Shift+H", "New hotel"),
    ("Ctrl+Shift+G", "New guest"),
    ("Ctrl+F", "Search in the current view"),
    ("F5", "Refresh"),
    ("Ctrl+1 … Ctrl+7", "Today, Hotels, Rooms, Guests, Bookings, Room grid, Housekeeping"),
    ("Enter", "Open the selected row (in the room grid: the stay under the cursor)"),
    ("Arrow keys", "Room grid: move the cell cursor (Ctrl+N books there)"),
    ("Ctrl+= / Ctrl+-", "Room grid: show fewer / more days"),
    ("Alt+Left / Alt+Right", "Room grid: earlier / later days"),
    ("C / D / I", "Housekeeping: mark the selected rooms clean / dirty / inspected"),
    ("Delete", "Cancel the selected booking / delete the selected hotel or room type"),
    ("Esc", "Close a dialog"),
    ("Ctrl+Q", "Quit"),
]


class MainWindow(QMainWindow):
    """Built before the database is open (it shows a busy state); `set_desk` fills it in."""

    closed = Signal()
    # The first data (hotels and the current view) is on screen.
    ready = Signal()

    def __init__(self, runner: TaskRunner | None = None, *, database: str = "") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("frontdesk")
        self.setWindowIcon(app_icon())
        self.runner = runner or TaskRunner(self)
        self.ctx = DeskContext(self.runner, self)
        self.database = database
        self.is_ready = False
        self.booking_dialog: BookingDialog | None = None
        self._error_box: QMessageBox | None = None
        self._restore_hotel: int | None = None

        # Each view by name with its own type, and all of them in the order of the navigation.
        self.today_view = TodayView(self.ctx)
        self.hotels_view = HotelsView(self.ctx)
        self.rooms_view = RoomsView(self.ctx)
        self.guests_view = GuestsView(self.ctx)
        self.bookings_view = BookingsView(self.ctx)
        self.grid_view = GridView(self.ctx)
        self.housekeeping_view = HousekeepingView(self.ctx)
        self.views: list[View] = [self.today_view, self.hotels_view, self.rooms_view,
                                  self.guests_view, self.bookings_view, self.grid_view,
                                  self.housekeeping_view]
        self.stack = QStackedWidget()
        self.stack.setObjectName("viewStack")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Views")
        self.nav.setIconSize(QSize(20, 20))
        for view in self.views:
            self.stack.addWidget(view)
            item = QListWidgetItem(view.title)
            item.setSizeHint(QSize(120, self.fontMetrics().height() + 18))
            self.nav.addItem(item)
        self.nav.setFixedWidth(max(140, self.nav.sizeHintForColumn(0) + 40))
        self.nav.currentRowChanged.connect(self._show_view)
        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 0)
        # Shown (and never hidden again) once the database is found damaged.
        self._saves_waiting = 0
        self.damaged_banner = QLabel()
        self.damaged_banner.setObjectName("damagedBanner")
        self.damaged_banner.setWordWrap(True)
        self.damaged_banner.setStyleSheet(
            "background: #b3261e; color: white; font-weight: bold; padding: 8px;")
        self.damaged_banner.hide()
        outer.addWidget(self.damaged_banner)
        layout = QHBoxLayout()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()

        self.runner.failed.connect(self.show_error)
        self.runner.damaged.connect(self.show_damaged)
        self.runner.busyChanged.connect(self._busy)
        self.ctx.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.ctx.dataChanged.connect(self._data_changed)
        self.ctx.hotelsLoaded.connect(self._fill_hotels)
        self.ctx.hotelChanged.connect(self._hotel_changed)
        self.ctx.bookingRequested.connect(lambda presets: self.open_booking_dialog(**presets))

        self.resize(1280, 800)
        self._restore_settings()
        self.set_opening("Opening the database…")

    # -- building -----------------------------------------------------------------------------

    def _action(self, text: str, name: str,
                shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
                slot: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if shortcut else tip)
            action.setStatusTip(tip)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_booking_action = self._action("&New booking…", "newBookingAction", "Ctrl+N",
                                               lambda: self.open_booking_dialog(),
                                               "Book a room for a guest")
        self.new_hotel_action = self._action("New &hotel…", "newHotelAction", "Ctrl+Shift+H",
                                             self.new_hotel, "Add a hotel")
        self.new_guest_action = self._action("New &guest…", "newGuestAction", "Ctrl+Shift+G",
                                             self.new_guest, "Add a guest")
        self.find_action = self._action("&Find", "findAction", QKeySequence.StandardKey.Find,
                                        self.focus_search, "Search in this view")
        self.refresh_action = self._action("&Refresh", "refreshAction", "F5", self.refresh,
                                           "Load the data again")
        self.quit_action = self._action("&Quit", "quitAction", "Ctrl+Q", self.close)
        self.shortcuts_action = self._action("&Keyboard shortcuts", "shortcutsAction", "F1",
                                             self.show_shortcuts)
        self.about_action = self._action("&About frontdesk", "aboutAction", None,
                                         self.show_about)
        self.view_actions: list[QAction] = []
        for i, view in enumerate(self.views):
            name = f"view{view.title.replace(' ', '')}Action"
            action = self._action(f"&{i + 1} {view.title}", name, f"Ctrl+{i + 1}",
                                  lambda _=False, i=i: self.show_view(i))
            self.view_actions.append(action)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main")
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.toggleViewAction().setObjectName("showToolBarAction")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.hotel_combo = QComboBox()
        self.hotel_combo.setObjectName("hotelSelector")
        self.hotel_combo.setAccessibleName("Hotel")
        self.hotel_combo.setMinimumContentsLength(26)
        # Not AdjustToContents: with a thousand hotels it measures every name on each refill.
        self.hotel_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        hotel_label = QLabel(" &Hotel: ")
        hotel_label.setBuddy(self.hotel_combo)
        self.date_edit: QDateEdit = date_edit(self.ctx.working_date, "workingDate")
        self.date_edit.setAccessibleName("Working date")
        date_label = QLabel("  &Date: ")
        date_label.setBuddy(self.date_edit)
        self.today_button = QToolButton()
        self.today_button.setObjectName("todayButton")
        self.today_button.setText("Today")
        self.today_button.setToolTip("Go back to today's date")
        self.today_button.clicked.connect(
            lambda: self.date_edit.setDate(fmt.qdate(self.ctx.today())))
        bar.addWidget(hotel_label)
        bar.addWidget(self.hotel_combo)
        bar.addWidget(date_label)
        bar.addWidget(self.date_edit)
        bar.addWidget(self.today_button)
        bar.addSeparator()
        for action in (self.new_booking_action, self.new_hotel_action, self.new_guest_action,
                       self.refresh_action):
            bar.addAction(action)
        self.hotel_combo.currentIndexChanged.connect(self._hotel_picked)
        self.date_edit.dateChanged.connect(
            lambda d: self.ctx.set_working_date(fmt.pydate(d)))
        # The day turns at midnight (DeskContext.turn_day): the field follows.
        self.ctx.workingDateChanged.connect(
            lambda: self.date_edit.setDate(fmt.qdate(self.ctx.working_date)))

    def _build_menus(self) -> None:
        menu = self.menuBar()
        menu.setObjectName("menuBar")
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        desk_menu = menu.addMenu("&Desk")
        for action in (self.new_booking_action, self.new_guest_action, self.new_hotel_action):
            desk_menu.addAction(action)
        desk_menu.addSeparator()
        desk_menu.addAction(self.find_action)
        view_menu = menu.addMenu("&View")
        for action in self.view_actions:
            view_menu.addAction(action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyIndicator")
        self.busy_bar.setAccessibleName("Working")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        bar.addPermanentWidget(self.busy_bar)
        bar.addPermanentWidget(self.db_label)

    # -- settings -----------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        try:
            view = int(s.value("window/view", 0))
        except (TypeError, ValueError):
            view = 0
        hotel = s.value("desk/hotel")
        try:
            self._restore_hotel = int(hotel) if hotel not in (None, "") else None
        except (TypeError, ValueError):
            self._restore_hotel = None
        self.show_view(view if 0 <= view < len(self.views) else 0)

    def save_settings(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/view", self.stack.currentIndex())
        if self.ctx.hotel_id is not None:
            s.setValue("desk/hotel", self.ctx.hotel_id)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_settings()
        super().closeEvent(event)
        self.closed.emit()

    # -- opening ------------------------------------------------------------------------------

    def set_opening(self, text: str) -> None:
        """The busy state shown until the desk is ready."""
        self.stack.setEnabled(False)
        for action in (self.new_booking_action, self.new_hotel_action, self.new_guest_action,
                       self.refresh_action):
            action.setEnabled(False)
        self.hotel_combo.setEnabled(False)
        self.hotel_combo.setPlaceholderText("Loading…")
        self.busy_bar.show()
        self.statusBar().showMessage(text)

    def set_desk(self, desk: FrontDesk) -> None:
        self.ctx.set_desk(desk)
        desk.on_waiting(self.show_waiting)
        self.database = desk.database
        self.db_label.setText(self.database)
        self.db_label.setToolTip(f"Database: {self.database}")
        self.stack.setEnabled(True)
        for action in (self.new_booking_action, self.new_hotel_action, self.new_guest_action,
                       self.refresh_action):
            action.setEnabled(True)
        self.runner.run("hotels.list", self._load_hotels(first=True))

    async def _load_hotels(self, first: bool = False) -> None:
        desk = self.ctx.desk
        assert desk is not None
        hotels = await desk.list_hotels()
        restored = first and self._restore_hotel in {h.id for h in hotels}
        if restored:
            self.ctx.hotel_id = self._restore_hotel
        self.ctx.set_hotels(hotels)
        if restored:
            # The views refreshed when the desk opened, before the hotels were known.
            self.ctx.hotelChanged.emit()
        if first:
            self.is_ready = True
            self.busy_bar.hide()
            self.statusBar().showMessage(
                "Ready." if hotels else "No hotels yet — add one with Ctrl+Shift+H.", 8000)
            self.ready.emit()

    def _data_changed(self, changes: tuple[dto.Change, ...]) -> None:
        if any(change.kind == HOTELS for change in changes) and self.ctx.desk is not None:
            self.runner.run("hotels.list", self._load_hotels(), quiet=True)

    def _fill_hotels(self) -> None:
        combo = self.hotel_combo
        combo.blockSignals(True)
        combo.clear()
        for h in self.ctx.hotels:
            combo.addItem(f"{h.name} — {h.location}", h.id)
        combo.setPlaceholderText("No hotels yet")
        combo.setEnabled(bool(self.ctx.hotels))
        combo.setCurrentIndex(combo.findData(self.ctx.hotel_id))
        combo.blockSignals(False)
        self._hotel_changed()

    def _hotel_picked(self, index: int) -> None:
        self.ctx.set_hotel(self.hotel_combo.itemData(index) if index >= 0 else None)

    def _hotel_changed(self) -> None:
        index = self.hotel_combo.findData(self.ctx.hotel_id)
        if index != self.hotel_combo.currentIndex():
            self.hotel_combo.blockSignals(True)
            self.hotel_combo.setCurrentIndex(index)
            self.hotel_combo.blockSignals(False)
        hotel = self.ctx.hotel
        self.setWindowTitle(f"{hotel.name} — frontdesk" if hotel else "frontdesk")
        self.new_booking_action.setEnabled(self.ctx.desk is not None and hotel is not None
                                           and self.damaged_banner.isHidden())

    # -- views --------------------------------------------------------------------------------

    @property
    def current_view(self) -> View:
        return self.views[self.stack.currentIndex()]

    def show_view(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _show_view(self, index: int) -> None:
        if 0 <= index < len(self.views):
            self.stack.setCurrentIndex(index)

    def refresh(self) -> None:
        if self.ctx.desk is None:
            return
        self.ctx.turn_day()  # after midnight, F5 shows the new day
        self.runner.run("hotels.list", self._load_hotels(), quiet=True)
        self.current_view.refresh()
        self.statusBar().showMessage("Refreshed.", 3000)

    def focus_search(self) -> None:
        field = self.current_view.search_field()
        if field is None:
            self.show_view(self.views.index(self.bookings_view))
            field = self.bookings_view.search_field()
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    # -- dialogs ------------------------------------------------------------------------------

    def open_booking_dialog(self, **presets: Any) -> BookingDialog | None:
        """The booking dialog with presets (BookingDialog's keywords)."""
        if self.ctx.desk is None:
            return None
        if not self.ctx.hotels:
            self.show_error("There are no hotels yet. Add one with Ctrl+Shift+H, then its "
                            "room types in Rooms, before booking.", True)
            return None
        if self.booking_dialog is not None and self.booking_dialog.isVisible():
            self.booking_dialog.raise_()
            self.booking_dialog.activateWindow()
            return self.booking_dialog
        dialog = BookingDialog(self.ctx, self, **presets)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _r: setattr(self, "booking_dialog", None))
        dialog.saved.connect(self._booked)
        self.booking_dialog = dialog
        dialog.open()
        if presets.get("guest") is None:
            dialog.guest_search.setFocus()
        return dialog

    def _booked(self, booking: dto.Booking) -> None:
        if booking.hotel_id != self.ctx.hotel_id:
            self.ctx.set_hotel(booking.hotel_id)
        self.ctx.booked.emit(booking)

    def new_hotel(self) -> None:
        self.show_view(self.views.index(self.hotels_view))
        self.hotels_view.new_item()

    def new_guest(self) -> None:
        self.show_view(self.views.index(self.guests_view))
        self.guests_view.new_item()

    def show_waiting(self, waiting: bool) -> None:
        """A save waits for another desk's: say so until every waiting save goes on
        (FrontDesk.on_waiting)."""
        self._saves_waiting = max(0, self._saves_waiting + (1 if waiting else -1))
        if self._saves_waiting:
            self.statusBar().showMessage(WAITING)
        elif self.statusBar().currentMessage() == WAITING:
            self.statusBar().clearMessage()

    def show_damaged(self, message: str) -> None:
        """The database is damaged: the desk refuses every write from now on; the window
        says so at the top and offers no new bookings, hotels or guests."""
        self.damaged_banner.setText(message)
        self.damaged_banner.show()
        for action in (self.new_booking_action, self.new_hotel_action, self.new_guest_action):
            action.setEnabled(False)

    def show_error(self, message: str, expected: bool = True) -> None:
        """One non-blocking message box (reused while open) and the status bar."""
        self.statusBar().showMessage(message, 15_000)
        box = self._error_box
        if box is None:
            box = QMessageBox(self)
            box.setObjectName("errorMessage")
            box.setWindowTitle("frontdesk")
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            box.finished.connect(lambda _r: setattr(self, "_error_box", None))
            box.finished.connect(box.deleteLater)
            self._error_box = box
        box.setIcon(QMessageBox.Icon.Information if expected else QMessageBox.Icon.Warning)
        box.setText(message)
        if not box.isVisible():
            box.open()

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>"
                       for k, v in SHORTCUTS)
        box = QMessageBox(self)
        box.setObjectName("shortcutsMessage")
        box.setWindowTitle("Keyboard shortcuts")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table>{rows}</table>")
        box.finished.connect(box.deleteLater)
        box.open()

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("aboutMessage")
        box.setWindowTitle("About frontdesk")
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setText(f"<b>frontdesk {__version__}</b><br>Front desk for small hotels.<br>"
                    f"Database: {self.database}")
        box.finished.connect(box.deleteLater)
        box.open()

    def _busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy or not self.is_ready)
