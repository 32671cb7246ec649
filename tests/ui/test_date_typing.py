"""Typing a date into a date field, as a receptionist does: day, month number, year."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QVBoxLayout

from frontdesk.ui import fmt
from frontdesk.ui.widgets import date_edit


@pytest.mark.parametrize("typed", ["15 3 2027", "15/03/2027", "15.3.2027", "15 03 2027"])
def test_the_month_is_typed_as_a_number(qtbot, typed):
    """The month shows by name ("Mar"); its number typed there went nowhere, and the date
    came out as 15 Dec 3202."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    edit = date_edit(date(2026, 12, 2), "typed")
    QVBoxLayout(dialog).addWidget(edit)
    dialog.show()
    edit.setFocus(Qt.FocusReason.TabFocusReason)   # the day of the month is selected
    qtbot.keyClicks(edit, typed)
    assert fmt.pydate(edit.date()) == date(2027, 3, 15)


@pytest.mark.parametrize("typed", ["5 3 2027", "05/3/2027", "5.03.2027"])
def test_a_one_digit_day(qtbot, typed):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    edit = date_edit(date(2026, 12, 2), "typed")
    QVBoxLayout(dialog).addWidget(edit)
    dialog.show()
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(edit, typed)
    assert fmt.pydate(edit.date()) == date(2027, 3, 5)


def test_a_two_digit_month_and_a_short_month(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    edit = date_edit(date(2026, 1, 31), "typed")
    QVBoxLayout(dialog).addWidget(edit)
    dialog.show()
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(edit, "31 11 2026")           # 11: the 1 waits for a second digit
    assert fmt.pydate(edit.date()) == date(2026, 11, 30)  # November has 30 days
