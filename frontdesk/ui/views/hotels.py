"""Hotels: the list with its figures, search by location as you type, add / edit / delete."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from frontdesk import dto
from frontdesk.ui import fmt
from frontdesk.ui.context import BLOCKS, BOOKINGS, HOTELS, ROOMS, UNITS, DeskContext
from frontdesk.ui.dialogs.hotel import HotelDialog
from frontdesk.ui.models.records import CENTER, RIGHT, Column, RecordTableModel
from frontdesk.ui.tasks import Debouncer
from frontdesk.ui.views.base import View
from frontdesk.ui.widgets import EmptyState, RecordTable, buddy, search_field

NO_HOTELS = "No hotels yet — add one with Ctrl+Shift+H."


class HotelsView(View):
    title = "Hotels"
    shows = frozenset({HOTELS, ROOMS, UNITS, BLOCKS, BOOKINGS})
    follows_hotel = False
    follows_date = True

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, "hotelsView")
        self.search = search_field("Type a town or city…", "hotelSearch",
                                   "Search hotels by location")
        self.model: RecordTableModel[dto.HotelSummary] = RecordTableModel(self._columns())
        self.table = RecordTable(self.model, "hotelTable", "Hotels", stretch=0)
        self.stack = EmptyState(self.table, "hotelsEmpty")
        self.add_button = QPushButton("&Add hotel…")
        self.add_button.setObjectName("addHotelButton")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("editHotelButton")
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setObjectName("deleteHotelButton")
        self.count = QLabel()
        self.count.setObjectName("hotelCount")

        top = QHBoxLayout()
        top.addWidget(self.heading())
        top.addStretch(1)
        top.addWidget(buddy("&Location:", self.search, "hotelSearch",
                            "Search hotels by location"))
        top.addWidget(self.search)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count)
        buttons.addStretch(1)
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self._debounce = Debouncer(self.refresh, 250, self)
        self.search.textChanged.connect(self._debounce.poke)
        self.search.returnPressed.connect(self._debounce.flush)
        self.add_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(lambda: self.edit(self.table.current_record()))
        self.delete_button.clicked.connect(lambda: self.delete(self.table.current_record()))
        self.table.openRequested.connect(self.edit)
        self.table.deleteRequested.connect(self.delete)
        self.table.currentRecordChanged.connect(self._update_buttons)
        self._update_buttons()

    def _columns(self) -> list[Column[dto.HotelSummary]]:
        return [
            Column("Name", lambda h: h.name),
            Column("Location", lambda h: h.location),
            Column("Stars", lambda h: fmt.stars(h.stars), CENTER,
                   tooltip=lambda h: f"{h.stars} stars"),
            Column("Currency", lambda h: h.currency, CENTER,
                   tooltip=lambda h: f"Prices in {h.currency} ({fmt.currency_symbol(h.currency)})"),
            Column("Room types", lambda h: str(h.room_types), RIGHT),
            Column("Rooms", lambda h: str(h.rooms), RIGHT),
            Column("Left tonight", lambda h: str(h.rooms_left_tonight), RIGHT),
        ]

    def search_field(self) -> QLineEdit:
        return self.search

    def _update_buttons(self, *_: object) -> None:
        has = self.table.current_record() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.ctx.desk is None:
            return
        night = self.ctx.working_date
        title = "Left tonight" if night == self.ctx.today() else f"Left on {fmt.day(night)}"
        self.model.columns[-1] = Column(title, lambda h: str(h.rooms_left_tonight), RIGHT)
        # A newer search (or refresh) cancels the one still running.
        self.ctx.runner.run("hotels.search", self._load(self.search.text().strip(), night))

    async def _load(self, location: str, night: date) -> None:
        desk = self.ctx.desk
        assert desk is not None
        rows = await desk.hotel_summaries(location, night=night)
        current = self.table.current_record()
        self.model.set_records(rows)
        if rows:
            self.stack.show_table()
            keep = current.id if isinstance(current, dto.HotelSummary) else self.ctx.hotel_id
            if not self.table.select_where(lambda h: h.id == keep):
                self.table.select_row(0)
        elif location:
            self.stack.show_message(f"No hotel in a location matching '{location}'.")
        else:
            self.stack.show_message(NO_HOTELS)
        shown = "hotel" if len(rows) == 1 else "hotels"
        self.count.setText(f"{len(rows)} {shown}" + (f" in '{location}'" if location else ""))
        self._update_buttons()

    # -- actions ------------------------------------------------------------------------------

    def new_item(self) -> None:
        self._open(HotelDialog(self.ctx, self))

    def edit(self, record: object) -> None:
        if not isinstance(record, dto.HotelSummary):
            return
        hotel = dto.Hotel(record.id, record.name, record.location, record.stars,
                          currency=record.currency)
        self._open(HotelDialog(self.ctx, self, hotel))

    def _open(self, dialog: HotelDialog) -> None:
        dialog.saved.connect(lambda h: self.ctx.set_hotel(h.id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def delete(self, record: object) -> None:
        if not isinstance(record, dto.HotelSummary) or self.ctx.desk is None:
            return
        desk = self.ctx.desk
        self.confirm_then(
            "Delete hotel",
            f"Delete the hotel '{record.name}' ({record.location}) and its "
            f"{record.room_types} room types? This cannot be undone.",
            "Delete hotel", "Keep hotel", "hotels.delete",
            lambda: desk.delete_hotel(record.id), f"Hotel '{record.name}' deleted.")
