"""New booking: hotel, room type with live rooms left, dates, guest found or added inline."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from frontdesk import dto
from frontdesk.domain import money, stays
from frontdesk.errors import FrontDeskError, NotAvailable, ValidationError
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.base import FormDialog
from frontdesk.ui.tasks import Debouncer
from frontdesk.ui.widgets import MessageLabel, add_row, buddy, date_edit, search_field


def guest_line(guest: dto.Guest) -> str:
    extra = " · ".join(x for x in (guest.phone, guest.email) if x)
    return f"{guest.full_name}  —  {extra}" if extra else guest.full_name


class BookingDialog(FormDialog):
    """Confirm stays disabled, with the reason shown, while the stay is impossible. The desk
    checks again when saving; a room taken at another desk meanwhile keeps the dialog open.
    With `unit` (the room grid's "book this room") the stay is booked into that physical room
    in the same call, as long as its room type stays chosen."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None, *,
                 hotel_id: int | None = None, room_id: int | None = None,
                 unit: dto.Unit | None = None, date_from: date | None = None,
                 date_to: date | None = None, guest: dto.Guest | None = None) -> None:
        super().__init__(ctx, parent, "New booking", "bookingDialog", "Confirm booking")
        self.availability: dict[int, dto.Availability] = {}
        self._availability_for: tuple[int, date, date] | None = None
        self._checking = False
        self._wanted_room = unit.room_id if unit is not None else room_id
        self.unit = unit
        self.guest: dto.Guest | None = guest

        # Hotel and room type
        self.hotel = QComboBox()
        self.hotel.setMinimumContentsLength(40)
        self.hotel.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for h in ctx.hotels:
            self.hotel.addItem(f"{h.name} — {h.location}", h.id)
        wanted = hotel_id if hotel_id is not None else ctx.hotel_id
        if wanted is not None and self.hotel.findData(wanted) >= 0:
            self.hotel.setCurrentIndex(self.hotel.findData(wanted))
        self.room = QComboBox()
        self.room.setMinimumContentsLength(40)
        self.room.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        add_row(self.form, "&Hotel:", self.hotel, "bookingHotel", "Hotel")
        add_row(self.form, "&Room type:", self.room, "bookingRoom", "Room type")
        self.unit_note = QLabel()
        self.unit_note.setObjectName("bookingUnit")
        self.unit_note.setAccessibleName("Room")
        self.unit_note.setVisible(unit is not None)
        self.form.addRow("", self.unit_note)

        # Dates
        start = date_from or max(ctx.working_date, ctx.today())
        self.date_from = date_edit(start, "bookingFrom")
        self.date_to = date_edit(date_to or start + timedelta(days=1), "bookingTo")
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(buddy("&Departure:", self.date_to, "bookingTo", "Departure"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        arrival_label = buddy("&Arrival:", self.date_from, "bookingFrom", "Arrival")
        self.form.addRow(arrival_label, dates)
        self.total = QLabel("—")
        self.total.setObjectName("bookingTotal")
        self.total.setAccessibleName("Nights and total")
        self.form.addRow("", self.total)

        # Guest: search, or a new guest typed here
        self.guest_search = search_field("Name, phone or e-mail", "bookingGuestSearch",
                                         "Find guest")
        self.new_guest = QCheckBox("&New guest")
        self.new_guest.setObjectName("bookingNewGuest")
        self.new_guest.setAccessibleName("New guest")
        search_row = QHBoxLayout()
        search_row.addWidget(self.guest_search, 1)
        search_row.addWidget(self.new_guest)
        self.form.addRow(buddy("&Guest:", self.guest_search, "bookingGuestSearch", "Find guest"),
                         search_row)
        self.guest_list = QListWidget()
        self.guest_list.setObjectName("bookingGuestResults")
        self.guest_list.setAccessibleName("Guests found")
        self.guest_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.guest_list.setFixedHeight(self.fontMetrics().height() * 5 + 8)
        self.form.addRow("", self.guest_list)
        self.chosen = QLabel()
        self.chosen.setObjectName("bookingChosenGuest")
        self.chosen.setAccessibleName("Chosen guest")
        self.form.addRow("", self.chosen)

        self.new_box = QGroupBox("New guest")
        self.new_box.setObjectName("bookingNewGuestBox")
        new_form = QFormLayout(self.new_box)
        self.new_name = QLineEdit()
        self.new_phone = QLineEdit()
        self.new_email = QLineEdit()
        add_row(new_form, "Full na&me:", self.new_name, "bookingNewGuestName", "New guest name")
        # Letters no other label here uses (Hotel has H, Full name M).
        add_row(new_form, "&Phone:", self.new_phone, "bookingNewGuestPhone", "New guest phone")
        add_row(new_form, "E-mai&l:", self.new_email, "bookingNewGuestEmail",
                "New guest e-mail")
        self.new_box.hide()
        self.form.addRow(self.new_box)

        self.notes = QLineEdit()
        self.notes.setPlaceholderText("Late arrival, cot, …")
        add_row(self.form, "N&otes:", self.notes, "bookingNotes", "Notes")

        self.reason = MessageLabel("bookingReason", error=False)
        self.add_hint(self.reason)
        self.fields = {"date_from": self.date_from, "date_to": self.date_to,
                       "notes": self.notes, "full_name": self.new_name,
                       "phone": self.new_phone, "email": self.new_email}
        self.setMinimumWidth(620)

        self._search = Debouncer(self._search_guests, 250, self)
        self._recheck = Debouncer(self._check_rooms, 150, self)
        self.hotel.currentIndexChanged.connect(self._hotel_changed)
        self.room.currentIndexChanged.connect(self.update_state)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self.guest_search.textChanged.connect(self._search.poke)
        self._searched = ""  # what the guest list shows the results for
        self.guest_list.currentItemChanged.connect(self._guest_picked)
        self.new_guest.toggled.connect(self._new_guest_toggled)
        self.new_name.textChanged.connect(self.update_state)
        self._show_guest()
        self._check_rooms()

    # -- what is chosen -----------------------------------------------------------------------

    @property
    def hotel_id(self) -> int | None:
        return self.hotel.currentData()

    @property
    def currency(self) -> str:
        """The chosen hotel's: the room types' prices are in it."""
        hotel = next((h for h in self.ctx.hotels if h.id == self.hotel_id), None)
        return hotel.currency if hotel is not None else money.DEFAULT_CURRENCY

    @property
    def room_id(self) -> int | None:
        return self.room.currentData()

    @property
    def stay(self) -> tuple[date, date]:
        return fmt.pydate(self.date_from.date()), fmt.pydate(self.date_to.date())

    def why_not(self) -> str:
        """Why the stay cannot be booked as it stands, or "" when it can."""
        return self._blocker()[0]

    def why_not_field(self) -> QWidget | None:
        return self._blocker()[1]

    def _blocker(self) -> tuple[str, QWidget | None]:
        """What stops the booking, and the field to change about it."""
        start, end = self.stay
        if self.hotel_id is None:
            return "Add a hotel first (Ctrl+Shift+H).", None
        nights = stays.stay_problem(start, end)  # the desk's own rules, and its sentences
        arrival = stays.arrival_problem(start, self.ctx.today())
        if nights is not None and end <= start:
            return nights[1], self.date_to
        if arrival is not None:
            return arrival, self.date_from
        if nights is not None:
            return nights[1], self.date_to
        if self._checking or self._availability_for != (self.hotel_id, start, end):
            return "Checking rooms left…", None
        if not self.availability:
            return "This hotel has no room types yet: add one in Rooms.", self.hotel
        if self.room_id is None:
            return "Choose a room type.", self.room
        free = self.availability[self.room_id]
        if free.rooms_left < 1:
            return (f"No '{free.name}' room is free on every night of this stay. "
                    "Choose other dates or another room type.", self.room)
        if self.new_guest.isChecked():
            if not self.new_name.text().strip():
                return "Type the new guest's full name.", self.new_name
        elif self.guest is None:
            return ("Choose a guest: search by name, phone or e-mail, or tick New guest.",
                    self.guest_search)
        return "", None

    def first_field(self) -> QWidget | None:
        """The guest is what is left to type, unless one came with the dialog."""
        return self.guest_search if self.guest is None else self.notes

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Down in the guest search goes on to the guests found, as in any search box.
        if event.key() == Qt.Key.Key_Down and self.guest_search.hasFocus() and \
                self.guest_list.isEnabled() and self.guest_list.count():
            self.guest_list.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.guest_list.currentRow() < 0:
                self.guest_list.setCurrentRow(0)
            event.accept()
            return
        super().keyPressEvent(event)

    def enter_pressed(self, focus: QWidget | None) -> bool:
        """Enter in the guest search searches at once when what is typed has not been
        searched yet; once the list shows it, Enter books as everywhere else."""
        text = self.guest_search.text().strip()
        if focus is self.guest_search and text and (self._search.pending
                                                    or text != self._searched):
            self._search.flush()
            if text != self._searched:
                self._search_guests()
            return True
        return False

    def update_state(self) -> None:
        start, end = self.stay
        nights = (end - start).days
        free = self.availability.get(self.room_id) if self.room_id is not None else None
        if nights >= 1 and free is not None:
            self.total.setText(f"{fmt.nights(nights)} × {fmt.money(free.price, self.currency)} = "
                               f"<b>{fmt.money(nights * free.price, self.currency)}</b>")
        elif nights >= 1:
            self.total.setText(fmt.nights(nights))
        else:
            self.total.setText("—")
        if self.unit is not None:
            self.unit_note.setText(
                f"In room <b>{escape(self.unit.number)}</b>" if self.unit.room_id == self.room_id
                else f"Not in room {escape(self.unit.number)} (a {escape(self.unit.room_name)} "
                     "room): the stay waits for a room of the type chosen.")
        reason = self.why_not()
        self.reason.show_text(reason)
        self.save_button.setEnabled(not reason and not self.saving)
        self.save_button.setToolTip(reason)

    # -- rooms left ---------------------------------------------------------------------------

    def _hotel_changed(self) -> None:
        self._wanted_room = None
        self.room.clear()
        self.availability = {}
        self._check_rooms()

    def _dates_changed(self) -> None:
        self.update_state()
        self._recheck.poke()

    def _check_rooms(self) -> None:
        start, end = self.stay
        self.update_state()
        if self.hotel_id is None or stays.stay_problem(start, end) is not None:
            return
        if self.ctx.desk is None:
            return
        self._checking = True
        self.ctx.runner.run("bookingDialog.rooms", self._load_rooms(self.hotel_id, start, end),
                            quiet=True)

    async def _load_rooms(self, hotel_id: int, start: date, end: date) -> None:
        desk = self.ctx.desk
        assert desk is not None
        try:
            rows = await desk.rooms_left(hotel_id, start, end)
        finally:
            self._checking = False
        keep = self.room_id if self.room_id is not None else self._wanted_room
        self.availability = {a.room_id: a for a in rows}
        self._availability_for = (hotel_id, start, end)
        self.room.blockSignals(True)
        self.room.clear()
        for a in rows:
            left = (f"{a.rooms_left} of {a.quantity} left" if a.rooms_left > 0 else "full")
            self.room.addItem(f"{a.name} — {left} · {fmt.money(a.price, self.currency)} a night",
                              a.room_id)
        index = self.room.findData(keep) if keep is not None else -1
        if index < 0:
            # Prefer the first room type that still has a room.
            index = next((i for i, a in enumerate(rows) if a.rooms_left > 0), 0 if rows else -1)
        self.room.setCurrentIndex(index)
        self.room.blockSignals(False)
        self.update_state()

    # -- guest --------------------------------------------------------------------------------

    def _search_guests(self) -> None:
        text = self.guest_search.text().strip()
        self._searched = text
        if not text or self.ctx.desk is None:
            self.ctx.runner.cancel("bookingDialog.guests")
            self.guest_list.clear()
            return
        self.ctx.runner.run("bookingDialog.guests", self._find_guests(text), quiet=True)

    async def _find_guests(self, text: str) -> None:
        desk = self.ctx.desk
        assert desk is not None
        guests = await desk.find_guests(text, limit=20)
        self.guest_list.blockSignals(True)
        self.guest_list.clear()
        for g in guests:
            item = QListWidgetItem(guest_line(g))
            item.setData(Qt.ItemDataRole.UserRole, g)
            self.guest_list.addItem(item)
        if not guests:
            item = QListWidgetItem(f"No guest matches '{text}'. Tick New guest to add one.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.guest_list.addItem(item)
        self.guest_list.blockSignals(False)
        if len(guests) == 1:
            self.guest_list.setCurrentRow(0)

    def _guest_picked(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        guest = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if guest is not None:
            self.guest = guest
            if self.new_guest.isChecked():
                self.new_guest.setChecked(False)
        self._show_guest()

    def choose_guest(self, guest: dto.Guest) -> None:
        self.guest = guest
        self.new_guest.setChecked(False)
        self._show_guest()

    def _new_guest_toggled(self, on: bool) -> None:
        self.new_box.setVisible(on)
        self.guest_list.setEnabled(not on)
        if on:
            if not self.new_name.text():
                self.new_name.setText(self.guest_search.text().strip())
            self.new_name.setFocus()
        self._show_guest()

    def _show_guest(self) -> None:
        if self.new_guest.isChecked():
            self.chosen.setText("A new guest will be added with this booking.")
        elif self.guest is not None:
            extra = " · ".join(x for x in (self.guest.phone, self.guest.email) if x)
            self.chosen.setText(f"Guest: <b>{escape(self.guest.full_name)}</b>"
                                + (f"  ·  {escape(extra)}" if extra else ""))
        else:
            self.chosen.setText("No guest chosen yet.")
        self.update_state()

    # -- saving -------------------------------------------------------------------------------

    async def save(self) -> dto.Booking:
        desk = self.ctx.desk
        assert desk is not None
        reason = self.why_not()
        if reason:  # the state changed between the click and now
            raise ValidationError("", reason)
        start, end = self.stay
        room_id = self.room_id
        assert room_id is not None
        # The room the grid started from, unless another room type was chosen since.
        unit_id = self.unit.id if self.unit is not None and self.unit.room_id == room_id \
            else None
        if self.new_guest.isChecked():
            from frontdesk.ui.dialogs.guest import BACK, OPEN_EXISTING, ask_same_guest

            name, phone = self.new_name.text(), self.new_phone.text() or None
            email = self.new_email.text() or None
            same = await desk.similar_guests(name, phone, email)
            answer = (await ask_same_guest(self, name, phone, email, same, "&Use existing")
                      if same else None)
            if answer == BACK:
                raise ValidationError("full_name", "Nothing was booked yet: this guest may be "
                                      "on file already. Untick New guest to find them, or "
                                      "confirm again and choose Add anyway.")
            if answer == OPEN_EXISTING:
                self.choose_guest(same[0])
            else:
                # The guest and the stay in one call: a refusal leaves no guest behind.
                return self._booked(await desk.book_new_guest(
                    room_id, dto.NewGuest(name, phone, email), start, end,
                    notes=self.notes.text(), unit_id=unit_id))
        assert self.guest is not None
        return self._booked(await desk.book(room_id, self.guest.id, start, end,
                                            notes=self.notes.text(), unit_id=unit_id))

    def _booked(self, booking: dto.Booking) -> dto.Booking:
        room = f" (room {booking.unit_number})" if booking.unit_number else ""
        self.ctx.say(f"Booked {booking.room_name}{room} at {booking.hotel_name} for "
                     f"{booking.guest_name}, {fmt.day(booking.date_from)} → "
                     f"{fmt.day(booking.date_to)} (booking {booking.id}).")
        return booking

    def show_refusal(self, error: FrontDeskError) -> bool:
        super().show_refusal(error)
        if isinstance(error, NotAvailable):
            # Someone else took the room: show the rooms left now, keep everything typed.
            self._check_rooms()
        return True
