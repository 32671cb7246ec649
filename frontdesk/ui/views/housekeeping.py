"""Housekeeping: the selected hotel's rooms for the working date, their status, print and export."""

from __future__ import annotations

import asyncio
import re
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from frontdesk import dto
from frontdesk.config import open_private
from frontdesk.dto import Housekeeping
from frontdesk.errors import FrontDeskError
from frontdesk.ui import fmt
from frontdesk.ui.context import BLOCKS, BOOKINGS, GUESTS, HOTELS, ROOMS, UNITS, DeskContext
from frontdesk.ui.dialogs.out_of_order import OutOfOrderDialog
from frontdesk.ui.models.records import CENTER, Column, RecordTableModel
from frontdesk.ui.style.grid_colors import chart_colors
from frontdesk.ui.style.theme import error_color
from frontdesk.ui.views.base import View
from frontdesk.ui.widgets import EmptyState, RecordTable, buddy

OUT_OF_ORDER = "out_of_order"
FILTERS = [("All rooms", None), ("Dirty", Housekeeping.DIRTY.value),
           ("Clean", Housekeeping.CLEAN.value), ("Inspected", Housekeeping.INSPECTED.value),
           ("Out of order", OUT_OF_ORDER)]
# Plain keys in the list (housekeepers work with one hand on the keyboard).
KEYS = {Qt.Key.Key_C: Housekeeping.CLEAN, Qt.Key.Key_D: Housekeeping.DIRTY,
        Qt.Key.Key_I: Housekeeping.INSPECTED}


def shown_status(unit: dto.Unit) -> str:
    """What the list says: out of order wins over clean, dirty or inspected."""
    return OUT_OF_ORDER if unit.out_of_order is not None else unit.status.value


def status_text(unit: dto.Unit) -> str:
    return "Out of order" if unit.out_of_order is not None else unit.status.label


def status_colour(unit: dto.Unit) -> QColor:
    if unit.out_of_order is not None:
        return error_color()
    return chart_colors(QApplication.palette()).dots[unit.status]


def list_html(hotel: str, day: date, units: list[dto.Unit]) -> str:
    """The printed list: a heading and one table row per room."""
    head = "".join(f"<th align='left'>{h}</th>" for h in
                   ("Room", "Room type", "Floor", "Status", "Out of order", "Guest", "Done"))
    rows = "".join(
        f"<tr><td><b>{escape(u.number)}</b></td><td>{escape(u.room_name)}</td>"
        f"<td>{'' if u.floor is None else u.floor}</td><td>{status_text(u)}</td>"
        f"<td>{escape(u.out_of_order or '')}</td><td>{escape(u.occupant or '')}</td>"
        "<td>☐</td></tr>" for u in units)
    return (f"<h2>Housekeeping — {escape(hotel)}</h2><p>{escape(fmt.long_day(day))} · "
            f"{len(units)} rooms</p><table border='1' cellspacing='0' cellpadding='4' "
            f"width='100%'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def export_name(hotel: str, day: date) -> str:
    slug = re.sub(r"[^\w]+", "-", hotel.casefold()).strip("-") or "hotel"
    return f"housekeeping-{slug}-{day.isoformat()}.csv"


class HousekeepingView(View):
    title = "Housekeeping"
    shows = frozenset({UNITS, BLOCKS, BOOKINGS, GUESTS, ROOMS, HOTELS})
    follows_date = True

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, "housekeepingView")
        self.units: list[dto.Unit] = []
        self._printer: Any = None
        self.header = self.heading()
        self.summary = QLabel()
        self.summary.setObjectName("housekeepingSummary")
        self.model: RecordTableModel[dto.Unit] = RecordTableModel([
            Column("Room", lambda u: u.number, sample="0000"),
            Column("Room type", lambda u: u.room_name, sample="Lake-view suite"),
            Column("Floor", lambda u: "" if u.floor is None else str(u.floor), CENTER,
                   sample="Floor"),
            Column("Status", status_text, color=status_colour, sample="Out of order"),
            Column("Guest in house", lambda u: u.occupant or "",
                   sample="Fatima Zahra El Idrissi"),
            Column("Out of order", lambda u: u.out_of_order or "",
                   tooltip=lambda u: u.out_of_order or ""),
        ])
        self.table = RecordTable(self.model, "housekeepingTable", "Rooms", stretch=5)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.installEventFilter(self)
        self.stack = EmptyState(self.table, "housekeepingEmpty")
        self.filter = QComboBox()
        for text, value in FILTERS:
            self.filter.addItem(text, value)

        self.clean_button = self._button("&Clean", "housekeepingCleanButton",
                                         lambda: self.mark(Housekeeping.CLEAN),
                                         "Mark the selected rooms clean (C)")
        self.dirty_button = self._button("Dirt&y", "housekeepingDirtyButton",
                                         lambda: self.mark(Housekeeping.DIRTY),
                                         "Mark the selected rooms dirty (D)")
        self.inspected_button = self._button("&Inspected", "housekeepingInspectedButton",
                                             lambda: self.mark(Housekeeping.INSPECTED),
                                             "Mark the selected rooms inspected (I)")
        self.block_button = self._button("Ou&t of order…", "housekeepingOutOfOrderButton",
                                         self.out_of_order, "Take the room out of order for "
                                         "some nights")
        self.return_button = self._button("&Return to service…", "housekeepingReturnButton",
                                          self.return_to_service,
                                          "End the room's out-of-order period")
        self.export_button = self._button("E&xport CSV…", "housekeepingExportButton",
                                          self.export_csv, "Save the whole list as a CSV file "
                                          "for a spreadsheet")
        self.print_button = self._button("&Print…", "housekeepingPrintButton", self.print_list,
                                         "Print the list as shown")
        self.print_button.setVisible(_can_print())

        top = QHBoxLayout()
        top.addWidget(self.header)
        top.addStretch(1)
        top.addWidget(buddy("&Show:", self.filter, "housekeepingFilter", "Show rooms"))
        top.addWidget(self.filter)
        actions = QHBoxLayout()
        actions.addWidget(self.summary)
        actions.addStretch(1)
        for b in (self.clean_button, self.dirty_button, self.inspected_button):
            actions.addWidget(b)
        actions.addSpacing(12)
        for b in (self.block_button, self.return_button):
            actions.addWidget(b)
        actions.addSpacing(12)
        for b in (self.export_button, self.print_button):
            actions.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(actions)

        self.filter.currentIndexChanged.connect(lambda _i: self._show())
        self.table.currentRecordChanged.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.openRequested.connect(lambda _u: self.out_of_order())
        self._update_buttons()

    @staticmethod
    def _button(text: str, name: str, slot: Any, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress and \
                isinstance(event, QKeyEvent) and \
                event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() in KEYS:
            self.mark(KEYS[Qt.Key(event.key())])
            return True
        return super().eventFilter(watched, event)

    # -- loading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        hotel = self.ctx.hotel
        if hotel is None:
            self.header.setText(self.title)
            self.units = []
            self._show()
            self.stack.show_message("No hotels yet — add one with Ctrl+Shift+H.")
            return
        day = self.ctx.working_date
        self.header.setText(f"Housekeeping — {hotel.name}, {fmt.day(day)}")
        self.ctx.runner.run("housekeeping.load", self._load(hotel.id, day))

    async def _load(self, hotel_id: int, day: date) -> None:
        desk = self.ctx.desk
        assert desk is not None
        units = await desk.housekeeping(hotel_id, day)
        if hotel_id == self.ctx.hotel_id:
            # Room-number order is the order of a walk along the corridors.
            self.units = sorted(units, key=lambda u: (len(u.number), u.number))
            self._show()

    def _show(self) -> None:
        keep = {u.id for u in self.selected()}
        current = self.table.current_record()
        wanted = self.filter.currentData()
        rows = [u for u in self.units if wanted is None or shown_status(u) == wanted]
        self.model.set_records(rows)
        if rows:
            self.stack.show_table()
            self._reselect(keep, current.id if isinstance(current, dto.Unit) else None)
        elif self.units:
            self.stack.show_message(f"No room is {self.filter.currentText().lower()} — "
                                    "choose another status in Show.")
        else:
            hotel = self.ctx.hotel
            self.stack.show_message(f"{hotel.name if hotel else 'This hotel'} has no rooms yet "
                                    "— add room types in Rooms (Ctrl+3).")
        counts = {key: sum(1 for u in self.units if shown_status(u) == key)
                  for _t, key in FILTERS[1:]}
        self.summary.setText(
            f"{len(self.units)} rooms · {counts['dirty']} dirty · {counts['clean']} clean · "
            f"{counts['inspected']} inspected · {counts[OUT_OF_ORDER]} out of order"
            if self.units else "")
        self._update_buttons()

    def _reselect(self, ids: set[int], current: int | None) -> None:
        selection = self.table.selectionModel()
        rows = [i for i, u in enumerate(self.model.rows) if u.id in ids]
        if not rows:
            if not self.table.select_where(lambda u: u.id == current):
                self.table.select_row(0)
            return
        self.table.setCurrentIndex(self.model.index(rows[0], 0))
        for row in rows:
            selection.select(self.model.index(row, 0),
                             selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    def selected(self) -> list[dto.Unit]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        units = [u for u in (self.model.record(r) for r in rows) if u is not None]
        if not units:
            current = self.table.current_record()
            units = [current] if isinstance(current, dto.Unit) else []
        return units

    def _update_buttons(self, *_: object) -> None:
        units = self.selected()
        current = self.table.current_record()
        unit = current if isinstance(current, dto.Unit) else None
        for button, status in ((self.clean_button, Housekeeping.CLEAN),
                               (self.dirty_button, Housekeeping.DIRTY),
                               (self.inspected_button, Housekeeping.INSPECTED)):
            button.setEnabled(any(u.status is not status for u in units))
        self.block_button.setEnabled(unit is not None)
        self.return_button.setEnabled(unit is not None and unit.out_of_order is not None)
        self.export_button.setEnabled(self.ctx.hotel is not None and bool(self.units))
        self.print_button.setEnabled(bool(self.model.rows))

    # -- actions --------------------------------------------------------------------------------

    def mark(self, status: Housekeeping) -> None:
        desk = self.ctx.desk
        units = [u for u in self.selected() if u.status is not status]
        if desk is None or not units:
            return

        async def change() -> None:
            await desk.set_rooms_status([u.id for u in units], status)  # one transaction
            numbers = ", ".join(u.number for u in units)
            self.ctx.say(f"Room{'s' if len(units) > 1 else ''} {numbers} marked "
                         f"{status.label.lower()}.")

        self.ctx.runner.run("housekeeping.status", change(), supersede=False)

    def out_of_order(self) -> None:
        current = self.table.current_record()
        if not isinstance(current, dto.Unit):
            return
        dialog = OutOfOrderDialog(self.ctx, self, current, self.ctx.working_date)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def return_to_service(self) -> None:
        current = self.table.current_record()
        desk, hotel = self.ctx.desk, self.ctx.hotel
        if not isinstance(current, dto.Unit) or current.out_of_order_id is None \
                or current.out_of_order_until is None or desk is None or hotel is None:
            return
        self.ask_return_to_service(current.number, current.out_of_order_id,
                                   current.out_of_order_until, current.out_of_order or "")

    def export_csv(self) -> QFileDialog | None:
        """Ask where (a non-blocking file dialog), then write the desk's CSV there."""
        hotel = self.ctx.hotel
        if hotel is None:
            return None
        day = self.ctx.working_date
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        dialog = QFileDialog(self, "Export the housekeeping list",
                             str(Path(folder) / export_name(hotel.name, day)))
        dialog.setObjectName("housekeepingExportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(["CSV files (*.csv)", "All files (*)"])
        dialog.setDefaultSuffix("csv")
        dialog.fileSelected.connect(lambda path: self.export_to(path, hotel.id, day))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def export_to(self, path: str, hotel_id: int, day: date) -> None:
        desk = self.ctx.desk
        if desk is None or not path:
            return

        async def export() -> None:
            text = await desk.housekeeping_csv(hotel_id, day)
            try:
                await asyncio.to_thread(_save_private, path, text)
            except OSError as error:
                raise FrontDeskError(f"The list could not be saved to {path} "
                                     f"({error.strerror or error}). Choose another folder."
                                     ) from error
            self.ctx.say(f"Housekeeping list saved to {path}.")

        self.ctx.runner.run("housekeeping.export", export(), supersede=False)

    def print_list(self) -> QDialog:
        """Ask which printer (a window-modal, non-blocking print dialog), then print there."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        hotel = self.ctx.hotel
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # The print job's name, and the file name the dialog proposes for a PDF.
        printer.setDocName(f"Housekeeping — {hotel.name if hotel else ''}, "
                           f"{fmt.day(self.ctx.working_date)}")
        # The dialog works on the printer: it must live as long as the dialog does.
        self._printer = printer
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("housekeepingPrintDialog")
        dialog.setWindowTitle("Print the housekeeping list")
        dialog.finished.connect(
            lambda result: self.print_to(printer) if result == QDialog.DialogCode.Accepted
            else None)
        dialog.finished.connect(dialog.deleteLater)
        # PySide6 binds only QPrintDialog.open(receiver, member); the base class's open() is
        # the plain non-blocking open every other dialog here uses.
        QDialog.open(dialog)
        return dialog

    def print_to(self, printer: Any) -> None:
        """The list as shown (the filter applies) on a printer or into a PDF."""
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrinter

        hotel = self.ctx.hotel
        document = QTextDocument()
        document.setHtml(list_html(hotel.name if hotel else "", self.ctx.working_date,
                                   list(self.model.rows)))
        try:
            if printer.outputFileName():
                # Made owner-only first: Qt then writes the PDF into it and keeps its mode.
                open_private(printer.outputFileName(), "wb", None).close()
        except OSError:
            failed = True
        else:
            document.print_(printer)
            failed = printer.printerState() == QPrinter.PrinterState.Error
        if failed:
            where = printer.outputFileName() or printer.printerName()
            self.ctx.runner.report(FrontDeskError(
                f"The housekeeping list could not be printed to {where}. Check the printer, "
                "or choose a folder you can save in, and print again."))
            return
        if printer.outputFileName():
            self.ctx.say(f"Housekeeping list saved to {printer.outputFileName()}.")
        else:
            self.ctx.say(f"The housekeeping list was sent to {printer.printerName()}.")


def _save_private(path: str, text: str) -> None:
    # With a BOM, spreadsheet programs read the accents right.
    with open_private(path, "w", "utf-8-sig", newline="") as fh:
        fh.write(text)


def _can_print() -> bool:
    try:
        import PySide6.QtPrintSupport  # noqa: F401
    except ImportError:
        return False
    return True
