"""Small building blocks shared by the views and dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.limits import FIRST_TYPED_DAY, LAST_TYPED_DAY, SEARCH_MAX
from frontdesk.ui import fmt
from frontdesk.ui.models.records import RecordTableModel
from frontdesk.ui.style.theme import error_color, muted_color

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def named(widget: QWidget, object_name: str, accessible: str | None = None) -> QWidget:
    widget.setObjectName(object_name)
    if accessible:
        widget.setAccessibleName(accessible)
    return widget


def add_row(form: QFormLayout, text: str, widget: QWidget, object_name: str,
            accessible: str | None = None) -> QLabel:
    """A form row whose label is the field's buddy (Alt+letter) and its accessible name."""
    label = QLabel(text)
    label.setBuddy(widget)
    named(widget, object_name, accessible or text.replace("&", "").rstrip(":"))
    form.addRow(label, widget)
    return label


def buddy(text: str, widget: QWidget, object_name: str, accessible: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    named(widget, object_name, accessible or text.replace("&", "").rstrip(":"))
    return label


class DateEdit(QDateEdit):
    """A date shown as fmt.DAY_FORMAT, "Wed 2 Dec 2026": weekday, day, month name, year,
    apart by spaces. Typing starts at the day of the month (in the weekday digits went nowhere
    and Up/Down only walked the week), and the month, shown by name, also takes its number
    ("15 3 2027", "15/03/2027"): Qt alone accepts only names there, so the digits went
    nowhere and the year came out as 3202."""

    WEEKDAY, DAY, MONTH, YEAR = range(4)
    SEPARATORS = (" ", "/", ".", "-")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._month_digits = ""
        # The last digit completed a section and the cursor moved on by itself ("15" moves
        # to the month): the separator typed next only confirms that.
        self._moved_on = False

    def _select(self, index: int) -> None:
        """Make section `index` current with its text selected, so typing replaces it."""
        self.setCurrentSectionIndex(index)
        parts = self.lineEdit().text().split(" ")
        start = sum(len(part) + 1 for part in parts[:index])
        self.lineEdit().setSelection(start, len(parts[index]) if index < len(parts) else 0)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason and \
                self.currentSectionIndex() == self.WEEKDAY:
            self._select(self.DAY)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        index, text = self.currentSectionIndex(), event.text()
        moved_on, self._moved_on = self._moved_on, False
        if text and text in self.SEPARATORS:
            self._month_digits = ""
            if not moved_on and index in (self.DAY, self.MONTH):
                self._select(index + 1)
            event.accept()
            return
        if index == self.WEEKDAY and text.isdigit():
            self._select(self.DAY)
            index = self.DAY
        if index == self.MONTH and len(text) == 1 and text.isdigit():
            self._type_month(text)
            event.accept()
            return
        self._month_digits = ""
        super().keyPressEvent(event)
        self._moved_on = text.isdigit() and self.currentSectionIndex() > index

    def _type_month(self, digit: str) -> None:
        digits = self._month_digits + digit
        if not 0 <= int(digits) <= 12:
            digits = digit
        month = int(digits)
        if month:
            current = self.date()
            day = min(current.day(), QDate(current.year(), month, 1).daysInMonth())
            self.setDate(QDate(current.year(), month, day))
        # "1" may begin 10, 11 or 12 and "0" begins 01..09: wait for the next digit.
        self._month_digits = digits if len(digits) == 1 and month <= 1 else ""
        self._moved_on = not self._month_digits
        self._select(self.MONTH if self._month_digits else self.YEAR)


def date_edit(day: date, object_name: str) -> QDateEdit:
    edit = DateEdit(fmt.qdate(day))
    # Within the days the desk accepts (Qt's own range ends in 9999, where the grid overflowed).
    edit.setDateRange(fmt.qdate(FIRST_TYPED_DAY), fmt.qdate(LAST_TYPED_DAY))
    edit.setCalendarPopup(True)
    edit.setObjectName(object_name)
    edit.setDisplayFormat(fmt.DAY_FORMAT)
    edit.setMinimumWidth(130)
    return edit


def search_field(placeholder: str, object_name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(SEARCH_MAX)  # what the desk searches for; more would be refused
    edit.setClearButtonEnabled(True)
    named(edit, object_name, accessible)
    edit.setMinimumWidth(240)
    return edit


class MessageLabel(QLabel):
    """A wrapped line of text for errors (red) or hints (muted); hidden when empty, and while
    `suppress(True)` (a hint gives way to an error shown in the same place)."""

    def __init__(self, object_name: str, *, error: bool = True) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._error = error
        self._suppressed = False
        self.setAccessibleName("Error message" if error else "Hint")
        self.hide()

    def show_text(self, text: str) -> None:
        self._colour()
        self.setText(text)
        self.setVisible(bool(text) and not self._suppressed)

    def suppress(self, on: bool) -> None:
        """Hide (keeping the text) while something else speaks in its place."""
        self._suppressed = on
        self.setVisible(bool(self.text()) and not on)

    def _colour(self) -> None:
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.WindowText, error_color() if self._error
                     else muted_color())
        self.setPalette(pal)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._colour()  # light <-> dark

    def clear_text(self) -> None:
        self.show_text("")


class MessageArea(QWidget):
    """The place under a form for its messages. It keeps `lines` lines of height even when
    empty, so a message that comes or goes neither resizes the dialog nor shifts its fields
    (nor, in a window too short for it, draws over them)."""

    def __init__(self, object_name: str, lines: int = 2) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addStretch(1)
        self._lines = lines
        self._reserve()

    def add(self, label: QLabel) -> None:
        """Another message, below those already here (above the stretch)."""
        self._layout.insertWidget(self._layout.count() - 1, label)

    def _reserve(self) -> None:
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * self._lines + 2)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._reserve()


class RecordTable(QTableView):
    """A read-only table of DTO rows: Enter or double-click opens a row, Delete asks to delete."""

    openRequested = Signal(object)
    deleteRequested = Signal(object)
    currentRecordChanged = Signal(object)

    def __init__(self, model: RecordTableModel, object_name: str, accessible: str,
                 stretch: int | None = None) -> None:
        super().__init__()
        named(self, object_name, accessible)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)
        # Fit columns to the first rows only: measuring a thousand rows stalls the loop.
        header.setResizeContentsPrecision(60)
        metrics = self.fontMetrics()
        for i, column in enumerate(model.columns):
            if column.sample:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                width = max(metrics.horizontalAdvance(column.sample),
                            metrics.horizontalAdvance(column.title) + 16)
                header.resizeSection(i, width + 18)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)
        self.activated.connect(self._open)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        model.modelReset.connect(lambda: self.currentRecordChanged.emit(self.current_record()))

    @property
    def records(self) -> RecordTableModel:
        return self.model()  # type: ignore[return-value]

    def current_record(self) -> object | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.records.record(index.row())

    def select_row(self, row: int) -> None:
        if 0 <= row < self.records.rowCount():
            self.setCurrentIndex(self.records.index(row, 0))
            self.selectRow(row)

    def select_where(self, predicate: Callable[[Any], bool]) -> bool:
        for row, record in enumerate(self.records.rows):
            if predicate(record):
                self.select_row(row)
                return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Delete and self.current_record() is not None:
            self.deleteRequested.emit(self.current_record())
            event.accept()
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        record = self.records.record(index.row())
        if record is not None:
            self.openRequested.emit(record)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentRecordChanged.emit(self.records.record(current.row())
                                       if current.isValid() else None)


class EmptyState(QStackedWidget):
    """Shows a table, or in its place a sentence that says what to do when there is nothing."""

    def __init__(self, table: QWidget, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.table = table
        self.label = QLabel()
        self.label.setObjectName(f"{object_name}Message")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setAutoFillBackground(True)
        self.label.setBackgroundRole(QPalette.ColorRole.Base)
        self.label.setContentsMargins(24, 24, 24, 24)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.label.setFont(font)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.addWidget(table)
        self.addWidget(self.label)

    def show_message(self, text: str) -> None:
        self._colour()
        self.label.setText(text)
        self.setCurrentWidget(self.label)

    def _colour(self) -> None:
        pal = self.label.palette()
        pal.setColor(QPalette.ColorRole.WindowText, muted_color())
        self.label.setPalette(pal)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._colour()  # light <-> dark

    def show_table(self) -> None:
        self.setCurrentWidget(self.table)

    @property
    def message(self) -> str:
        return self.label.text() if self.currentWidget() is self.label else ""


def list_beside(name: str, main: QWidget, buttons: tuple[QWidget, ...], side: QWidget,
                stretch: tuple[int, int]) -> QSplitter:
    """A page's list with its buttons under it (right-aligned), and a panel beside it."""
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(main, 1)
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    left_layout.addLayout(row)
    split = QSplitter()
    split.setObjectName(name)
    split.addWidget(left)
    split.addWidget(side)
    split.setStretchFactor(0, stretch[0])
    split.setStretchFactor(1, stretch[1])
    split.setChildrenCollapsible(False)
    return split
