"""Add or edit a room type of a hotel."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from frontdesk import dto
from frontdesk.domain import money
from frontdesk.errors import FrontDeskError
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.base import FormDialog
from frontdesk.ui.widgets import add_row


class MoneyEdit(QLineEdit):
    """An amount of the hotel's currency, typed as text and read exactly into minor units
    (frontdesk.domain.money.parse_amount: no float, amounts up to money.MAX_MINOR). It shows the
    amount as the tables do ("25,000,000", "4,500.50") with the currency beside it, and
    selects everything when it gets the focus, so typing replaces the amount."""

    def __init__(self, minor: int = 0, currency: str = money.DEFAULT_CURRENCY,
                 field: str = "price", label: str = "Price") -> None:
        super().__init__()
        self.currency = currency
        self._field, self._label = field, label
        locale = QLocale()
        marks = QRegularExpression.escape(locale.decimalPoint() + locale.groupSeparator())
        # Digits of any script, the separators and spaces; anything else cannot be typed.
        self.setValidator(QRegularExpressionValidator(
            QRegularExpression(f"[\\d{marks}.,'’\\s]{{0,40}}",
                               QRegularExpression.PatternOption.UseUnicodePropertiesOption),
            self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        symbol = fmt.currency_symbol(currency)
        self.unit = QLabel(symbol if symbol == currency else f"{symbol} {currency}", self)
        self.unit.setObjectName("moneyCurrency")
        self.unit.setEnabled(False)  # drawn greyed: a hint, not part of the text
        decimals = money.exponent(currency)
        self.setToolTip(f"In {currency}, " + (f"with {decimals} decimals" if decimals
                                              else "without decimals"))
        self.setAccessibleDescription(self.toolTip())
        self.setPlaceholderText(fmt.amount(0, currency))
        self.editingFinished.connect(self._tidy)
        self.set_minor(minor)

    def minor(self) -> int:
        """The amount in minor units; a ValidationError (naming the field) if it is not one."""
        locale = QLocale()
        return money.parse_amount(self.text(), self.currency, decimal_point=locale.decimalPoint(),
                                  group=locale.groupSeparator(), field=self._field,
                                  label=self._label)

    def set_minor(self, minor: int) -> None:
        self.setText(fmt.amount(minor, self.currency))

    def _tidy(self) -> None:
        """Written again as the tables write it once typed (left as it is if it is wrong: the
        dialog says why on Save)."""
        try:
            self.set_minor(self.minor())
        except FrontDeskError:
            pass

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            QTimer.singleShot(0, self.selectAll)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        hint = self.unit.sizeHint()
        self.unit.setGeometry(self.width() - hint.width() - 8, (self.height() - hint.height()) // 2,
                              hint.width(), hint.height())
        self.setTextMargins(0, 0, hint.width() + 8, 0)


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
        self.price = MoneyEdit(room.price if room else 0, hotel.currency)
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
        values = {"name": self.name.text(), "price": self.price.minor(),
                  "quantity": self.quantity.value(), "capacity": self.capacity.value(),
                  "description": self.description.toPlainText()}
        if self.room is None:
            room = await desk.add_room(self.hotel.id, **values)
            self.ctx.say(f"Room type '{room.name}' added to {self.hotel.name}.")
        else:
            room = await desk.update_room(self.room.id, **values)
            self.ctx.say(f"Room type '{room.name}' saved.")
        return room
