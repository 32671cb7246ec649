"""Guests: find by name, phone or e-mail as you type; add and edit; a guest's stays."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from frontdesk import dto
from frontdesk.ui.booking_actions import BookingActions
from frontdesk.ui.context import BOOKINGS, GUESTS, DeskContext
from frontdesk.ui.dialogs.guest import GuestDialog
from frontdesk.ui.models.bookings import booking_columns
from frontdesk.ui.models.records import Column, RecordTableModel
from frontdesk.ui.tasks import Debouncer
from frontdesk.ui.views.base import View
from frontdesk.ui.widgets import EmptyState, RecordTable, buddy, list_beside, search_field

START = ("Type a name, phone number or e-mail to find a guest, "
         "or add a new one with Ctrl+Shift+G.")


class GuestsView(View):
    title = "Guests"
    shows = frozenset({GUESTS, BOOKINGS})
    follows_hotel = False

    STAYS_SHOWN = 200

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, "guestsView")
        self.booking_actions = BookingActions(ctx, self)
        self.search = search_field("Name, phone or e-mail…", "guestSearch", "Find guest")
        self.model: RecordTableModel[dto.Guest] = RecordTableModel([
            Column("Name", lambda g: g.full_name,
                   tooltip=lambda g: g.full_name + (f" — {g.document}" if g.document else "")),
            Column("Phone", lambda g: g.phone or ""),
            Column("E-mail", lambda g: g.email or ""),
        ])
        self.table = RecordTable(self.model, "guestTable", "Guests", stretch=0)
        self.stack = EmptyState(self.table, "guestsEmpty")
        self.stack.show_message(START)
        self.add_button = QPushButton("&Add guest…")
        self.add_button.setObjectName("addGuestButton")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("editGuestButton")
        self.book_button = QPushButton("New &booking…")
        self.book_button.setObjectName("guestBookButton")

        self.stays_model: RecordTableModel[dto.Booking] = RecordTableModel(
            booking_columns(guest=False, skip=("#", "Nights", "Total")))
        self.stays_table = RecordTable(self.stays_model, "guestStaysTable", "Stays", stretch=0)
        self.stays_stack = EmptyState(self.stays_table, "guestStaysEmpty")
        self.stays_box = QGroupBox("Stays")
        self.stays_box.setObjectName("guestStays")
        stays_layout = QVBoxLayout(self.stays_box)
        stays_layout.addWidget(self.stays_stack)
        self.notes = QLabel()
        self.notes.setObjectName("guestNotesText")
        self.notes.setWordWrap(True)
        stays_layout.addWidget(self.notes)

        top = QHBoxLayout()
        top.addWidget(self.heading())
        top.addStretch(1)
        top.addWidget(buddy("&Find:", self.search, "guestSearch", "Find guest"))
        top.addWidget(self.search)
        split = list_beside("guestsSplitter", self.stack,
                            (self.add_button, self.edit_button, self.book_button),
                            self.stays_box, (2, 3))
        split.setSizes([420, 630])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        # The guest to select when the next search arrives (one just saved or opened).
        self._wanted: int | None = None
        self._debounce = Debouncer(self.refresh, 250, self)
        self.search.textChanged.connect(self._debounce.poke)
        self.search.returnPressed.connect(self._debounce.flush)
        self.add_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(lambda: self.edit(self.table.current_record()))
        self.book_button.clicked.connect(self._book)
        self.table.openRequested.connect(self.edit)
        self.table.currentRecordChanged.connect(self._guest_changed)
        self.stays_table.openRequested.connect(self._open_stay)
        self.stays_table.deleteRequested.connect(self.booking_actions.cancel)
        self._update_buttons()

    def search_field(self) -> QLineEdit:
        return self.search

    def _update_buttons(self) -> None:
        has = self.table.current_record() is not None
        self.edit_button.setEnabled(has)
        self.book_button.setEnabled(has and self.ctx.hotel is not None)

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.ctx.desk is None:
            return
        text = self.search.text().strip()
        if not text:
            self.ctx.runner.cancel("guests.search")
            self.model.set_records([])
            self.stack.show_message(START)
            self._guest_changed(None)
            return
        # A newer search cancels the one still running.
        self.ctx.runner.run("guests.search", self._find(text))

    async def _find(self, text: str) -> None:
        desk = self.ctx.desk
        assert desk is not None
        guests = await desk.find_guests(text, limit=100)
        current = self.table.current_record()
        self.model.set_records(guests)
        if guests:
            self.stack.show_table()
            keep = current.id if isinstance(current, dto.Guest) else None
            keep, self._wanted = self._wanted or keep, None
            if not self.table.select_where(lambda g: g.id == keep):
                self.table.select_row(0)
        else:
            self.stack.show_message(f"No guest matches '{text}'. "
                                    "Add them with Ctrl+Shift+G.")
        self._guest_changed(self.table.current_record())

    def _guest_changed(self, guest: object) -> None:
        self._update_buttons()
        if not isinstance(guest, dto.Guest):
            self.stays_box.setTitle("Stays")
            self.stays_model.set_records([])
            self.stays_stack.show_message("Choose a guest to see their stays.")
            self.notes.clear()
            return
        self.stays_box.setTitle(f"Stays of {guest.full_name}")
        self.notes.setText(f"Notes: {guest.notes}" if guest.notes else "")
        self.ctx.runner.run("guests.stays", self._stays(guest), quiet=True)

    async def _stays(self, guest: dto.Guest) -> None:
        desk = self.ctx.desk
        assert desk is not None
        stays = await desk.list_bookings(guest_id=guest.id, sort="date_from", descending=True,
                                         limit=self.STAYS_SHOWN)
        self.stays_model.set_records(stays)
        if stays:
            self.stays_stack.show_table()
        else:
            self.stays_stack.show_message(f"{guest.full_name} has no stays yet.")

    # -- actions ------------------------------------------------------------------------------

    def new_item(self) -> None:
        self._open(GuestDialog(self.ctx, self, name=self.search.text().strip()
                               if not self.model.rows else ""))

    def edit(self, record: object) -> None:
        if isinstance(record, dto.Guest):
            self._open(GuestDialog(self.ctx, self, record))

    def _open(self, dialog: GuestDialog) -> None:
        dialog.saved.connect(self._saved)
        dialog.openExisting.connect(self._open_existing)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self, guest: dto.Guest) -> None:
        # Show the guest just saved, whatever the search said before.
        self._wanted = guest.id
        if self.search.text() == guest.full_name:
            self.refresh()
        else:
            self.search.setText(guest.full_name)
            self._debounce.flush()

    def _open_existing(self, guest: dto.Guest) -> None:
        """The guest on file that the New guest dialog found: shown in the list, opened."""
        self._saved(guest)
        self.edit(guest)

    def _book(self) -> None:
        guest = self.table.current_record()
        if isinstance(guest, dto.Guest):
            self.ctx.request_booking(guest=guest)

    def _open_stay(self, booking: object) -> None:
        if isinstance(booking, dto.Booking):
            self.booking_actions.change_dates(booking)
