"""Rooms: the room types of the selected hotel, and rooms left for chosen dates."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
)

from frontdesk import dto
from frontdesk.domain import money
from frontdesk.ui import fmt
from frontdesk.ui.context import BLOCKS, BOOKINGS, HOTELS, ROOMS, DeskContext
from frontdesk.ui.dialogs.room import RoomDialog
from frontdesk.ui.models.records import CENTER, RIGHT, Column, RecordTableModel
from frontdesk.ui.tasks import Debouncer
from frontdesk.ui.views.base import View
from frontdesk.ui.widgets import (
    EmptyState,
    MessageLabel,
    RecordTable,
    buddy,
    date_edit,
    list_beside,
)


class RoomsView(View):
    title = "Rooms"
    shows = frozenset({ROOMS, HOTELS, BOOKINGS, BLOCKS})

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, "roomsView")
        self.header = self.heading()
        self.model: RecordTableModel[dto.Room] = RecordTableModel([
            Column("Room type", lambda r: r.name),
            Column("Price per night", lambda r: fmt.money(r.price, self.currency), RIGHT),
            Column("Rooms", lambda r: str(r.quantity), RIGHT),
            Column("Guests per room", lambda r: str(r.capacity), CENTER),
            Column("Description", lambda r: r.description, tooltip=lambda r: r.description),
        ])
        self.table = RecordTable(self.model, "roomTable", "Room types", stretch=4)
        self.stack = EmptyState(self.table, "roomsEmpty")
        self.add_button = QPushButton("&Add room type…")
        self.add_button.setObjectName("addRoomButton")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("editRoomButton")
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setObjectName("deleteRoomButton")

        # Availability panel
        start = max(ctx.working_date, ctx.today())
        self.date_from = date_edit(start, "availabilityFrom")
        self.date_to = date_edit(start + timedelta(days=1), "availabilityTo")
        self.free_model: RecordTableModel[dto.Availability] = RecordTableModel([
            Column("Room type", lambda a: a.name),
            Column("Per night", lambda a: fmt.money(a.price, self.currency), RIGHT),
            Column("Left", lambda a: f"{a.rooms_left} of {a.quantity}", RIGHT),
        ])
        self.free_table = RecordTable(self.free_model, "availabilityTable", "Rooms left",
                                      stretch=0)
        self.free_note = MessageLabel("availabilityNote", error=False)
        self.book_button = QPushButton("&Book…")
        self.book_button.setObjectName("availabilityBookButton")

        panel = QGroupBox("Rooms left")
        panel.setObjectName("availabilityPanel")
        dates = QHBoxLayout()
        dates.addWidget(buddy("&From:", self.date_from, "availabilityFrom", "Arrival"))
        dates.addWidget(self.date_from)
        dates.addWidget(buddy("&To:", self.date_to, "availabilityTo", "Departure"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        panel_layout = QVBoxLayout(panel)
        panel_layout.addLayout(dates)
        panel_layout.addWidget(self.free_table, 1)
        panel_layout.addWidget(self.free_note)
        book_row = QHBoxLayout()
        book_row.addStretch(1)
        book_row.addWidget(self.book_button)
        panel_layout.addLayout(book_row)

        split = list_beside("roomsSplitter", self.stack,
                            (self.add_button, self.edit_button, self.delete_button),
                            panel, (3, 2))
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(split, 1)

        self._recheck = Debouncer(self._load_free, 200, self)
        self.date_from.dateChanged.connect(self._recheck.poke)
        self.date_to.dateChanged.connect(self._recheck.poke)
        self.add_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(lambda: self.edit(self.table.current_record()))
        self.delete_button.clicked.connect(lambda: self.delete(self.table.current_record()))
        self.table.openRequested.connect(self.edit)
        self.table.deleteRequested.connect(self.delete)
        self.table.currentRecordChanged.connect(self._update_buttons)
        self.free_table.currentRecordChanged.connect(self._update_buttons)
        self.free_table.openRequested.connect(lambda _a: self.book())
        self.book_button.clicked.connect(self.book)
        self._update_buttons()

    @property
    def currency(self) -> str:
        return self.ctx.hotel.currency if self.ctx.hotel is not None else money.DEFAULT_CURRENCY

    @property
    def stay(self) -> tuple[date, date]:
        return fmt.pydate(self.date_from.date()), fmt.pydate(self.date_to.date())

    def _update_buttons(self, *_: object) -> None:
        hotel = self.ctx.hotel is not None
        has = self.table.current_record() is not None
        self.add_button.setEnabled(hotel)
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        free = self.free_table.current_record()
        self.book_button.setEnabled(isinstance(free, dto.Availability) and free.rooms_left > 0)

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        hotel = self.ctx.hotel
        self._update_buttons()
        if hotel is None:
            self.header.setText("Rooms")
            self.model.set_records([])
            self.free_model.set_records([])
            self.stack.show_message("No hotels yet — add one with Ctrl+Shift+H, "
                                    "then add its room types here.")
            return
        self.header.setText(f"Room types — {hotel.name}")
        self.ctx.runner.run("rooms.load", self._load(hotel))
        self._load_free()

    async def _load(self, hotel: dto.Hotel) -> None:
        desk = self.ctx.desk
        assert desk is not None
        rooms = await desk.list_rooms(hotel.id)
        current = self.table.current_record()
        self.model.set_records(rooms)
        if rooms:
            self.stack.show_table()
            keep = current.id if isinstance(current, dto.Room) else None
            if not self.table.select_where(lambda r: r.id == keep):
                self.table.select_row(0)
        else:
            self.stack.show_message(f"{hotel.name} has no room types yet — "
                                    "add one with Add room type (Alt+A).")
        self._update_buttons()

    def _load_free(self) -> None:
        hotel = self.ctx.hotel
        if hotel is None or self.ctx.desk is None:
            return
        start, end = self.stay
        if end <= start:
            self.free_model.set_records([])
            self.free_note.show_text("Departure must be after arrival.")
            self._update_buttons()
            return
        self.ctx.runner.run("rooms.free", self._free(hotel.id, start, end), quiet=True)

    async def _free(self, hotel_id: int, start: date, end: date) -> None:
        desk = self.ctx.desk
        assert desk is not None
        rows = await desk.rooms_left(hotel_id, start, end)
        current = self.free_table.current_record()
        self.free_model.set_records(rows)
        keep = current.room_id if isinstance(current, dto.Availability) else None
        if not self.free_table.select_where(lambda a: a.room_id == keep):
            self.free_table.select_where(lambda a: a.rooms_left > 0)
        nights = (end - start).days
        free = sum(a.rooms_left for a in rows)
        self.free_note.show_text(f"{free} rooms free on every night of the stay "
                                 f"({fmt.nights(nights)})." if rows else "")
        self._update_buttons()

    # -- actions ------------------------------------------------------------------------------

    def new_item(self) -> None:
        hotel = self.ctx.hotel
        if hotel is not None:
            self._open(RoomDialog(self.ctx, self, hotel))

    def edit(self, record: object) -> None:
        hotel = self.ctx.hotel
        if isinstance(record, dto.Room) and hotel is not None:
            self._open(RoomDialog(self.ctx, self, hotel, record))

    def _open(self, dialog: RoomDialog) -> None:
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def delete(self, record: object) -> None:
        if not isinstance(record, dto.Room) or self.ctx.desk is None:
            return
        desk = self.ctx.desk
        self.confirm_then(
            "Delete room type",
            f"Delete the room type '{record.name}' ({record.quantity} rooms)? "
            "This cannot be undone.", "Delete room type", "Keep room type", "rooms.delete",
            lambda: desk.delete_room(record.id), f"Room type '{record.name}' deleted.",
            ROOMS, HOTELS)

    def book(self) -> None:
        free = self.free_table.current_record()
        hotel = self.ctx.hotel
        if hotel is None:
            return
        start, end = self.stay
        self.ctx.request_booking(hotel_id=hotel.id, date_from=start, date_to=end,
                                 room_id=free.room_id if isinstance(free, dto.Availability)
                                 else None)
