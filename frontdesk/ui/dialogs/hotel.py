"""Add or edit a hotel."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QSpinBox, QWidget

from frontdesk import dto
from frontdesk.domain import money
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.base import FormDialog
from frontdesk.ui.widgets import add_row


class HotelDialog(FormDialog):
    def __init__(self, ctx: DeskContext, parent: QWidget | None,
                 hotel: dto.Hotel | None = None) -> None:
        super().__init__(ctx, parent, "Edit hotel" if hotel else "New hotel", "hotelDialog",
                         "Save" if hotel else "Add hotel")
        self.hotel = hotel
        self.name = QLineEdit(hotel.name if hotel else "")
        self.location = QLineEdit(hotel.location if hotel else "")
        self.location.setPlaceholderText("Town or city, e.g. Annecy")
        self.stars = QSpinBox()
        self.stars.setRange(1, 5)
        self.stars.setValue(hotel.stars if hotel else 3)
        self.stars.setSuffix(" ★")
        # An ISO 4217 code: typed (three letters, upper-cased) or picked from the list; a new
        # hotel starts with the locale's currency.
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency.addItems(sorted(money.EXPONENTS))
        self.currency.completer().setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.currency.setValidator(QRegularExpressionValidator(
            QRegularExpression("[A-Za-z]{0,3}"), self.currency))
        self.currency.setCurrentText(hotel.currency if hotel else fmt.locale_currency())
        self.currency.lineEdit().textEdited.connect(self._capitals)
        self.currency.setToolTip("Prices of this hotel are in this currency (ISO 4217 code, "
                                 "e.g. EUR, USD, JPY).")
        add_row(self.form, "&Name:", self.name, "hotelName", "Hotel name")
        add_row(self.form, "&Location:", self.location, "hotelLocation", "Location")
        add_row(self.form, "&Stars:", self.stars, "hotelStars", "Stars")
        add_row(self.form, "C&urrency:", self.currency, "hotelCurrency", "Currency")
        self.fields = {"name": self.name, "location": self.location, "stars": self.stars,
                       "currency": self.currency}
        self.setMinimumWidth(420)

    def _capitals(self, text: str) -> None:
        """Codes are written in capitals: 'jpy' shows as JPY while it is typed."""
        edit = self.currency.lineEdit()
        if text != text.upper():
            position = edit.cursorPosition()
            edit.setText(text.upper())
            edit.setCursorPosition(position)

    async def save(self) -> dto.Hotel:
        desk = self.ctx.desk
        assert desk is not None
        values = {"name": self.name.text(), "location": self.location.text(),
                  "stars": self.stars.value(), "currency": self.currency.currentText()}
        if self.hotel is None:
            hotel = await desk.add_hotel(**values)
            self.ctx.say(f"Hotel '{hotel.name}' added.")
        else:
            hotel = await desk.update_hotel(self.hotel.id, **values)
            self.ctx.say(f"Hotel '{hotel.name}' saved.")
        return hotel
