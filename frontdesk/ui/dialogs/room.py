"""Add or edit a room type of a hotel."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from frontdesk import dto
from frontdesk.ui import fmt
from frontdesk.ui.context import HOTELS, ROOMS, DeskContext
from frontdesk.ui.dialogs.base import FormDialog
from frontdesk.ui.widgets import add_row


class MoneyEdit(QDoubleSpinBox):
    """An amount typed with two decimals, read back as whole cents."""

    def __init__(self, cents: int = 0) -> None:
        super().__init__()
        self.setDecimals(2)
        self.setRange(0, 1_000_000)
        self.setSingleStep(5)
        self.setGroupSeparatorShown(True)
        symbol = fmt.currency_symbol()
        if symbol:
            self.setPrefix(f"{symbol} ")
        self.set_cents(cents)

    def cents(self) -> int:
        return round(self.value() * 100)

    def set_cents(self, cents: int) -> None:
        self.setValue(cents / 100)


class RoomDialog(FormDialog):
    def __init__(self, ctx: DeskContext, parent: QWidget | None, hotel: dto.Hotel,
                 room: dto.Room | None = None) -> None:
        super().__init__(ctx, parent,
                         f"Edit room type — {hotel.name}" if room else
                         f"New room type — {hotel.name}",
                         "roomDialog", "Save" if room else "Add room type")
        self.hotel = hotel
        self.room = room
        self.name = QLineEdit(room.name if room else "")
        self.name.setPlaceholderText("e.g. Double, Family suite")
        self.price = MoneyEdit(room.price if room else 0)
        self.quantity = QSpinBox()
        self.quantity.setRange(0, 10_000)
        self.quantity.setValue(room.quantity if room else 1)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 50)
        self.capacity.setValue(room.capacity if room else 2)
        self.description = QPlainTextEdit(room.description if room else "")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().height() * 4)
        add_row(self.form, "&Name:", self.name, "roomName", "Room type name")
        add_row(self.form, "&Price per night:", self.price, "roomPrice", "Price per night")
        add_row(self.form, "Number of &rooms:", self.quantity, "roomQuantity", "Number of rooms")
        add_row(self.form, "&Guests per room:", self.capacity, "roomCapacity", "Guests per room")
        add_row(self.form, "&Description:", self.description, "roomDescription", "Description")
        self.fields = {"name": self.name, "price": self.price, "quantity": self.quantity,
                       "capacity": self.capacity, "description": self.description}
        self.setMinimumWidth(440)

    async def save(self) -> dto.Room:
        desk = self.ctx.desk
        assert desk is not None
        values = {"name": self.name.text(), "price": self.price.cents(),
                  "quantity": self.quantity.value(), "capacity": self.capacity.value(),
                  "description": self.description.toPlainText()}
        if self.room is None:
            room = await desk.add_room(self.hotel.id, **values)
            self.ctx.say(f"Room type '{room.name}' added to {self.hotel.name}.")
        else:
            room = await desk.update_room(self.room.id, **values)
            self.ctx.say(f"Room type '{room.name}' saved.")
        self.ctx.changed(ROOMS, HOTELS)
        return room
