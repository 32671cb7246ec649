"""Issue item 5: Housekeeping › Print… opens the print dialog and prints a readable list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from uihelpers import clear_and_type, top_level, wait_closed, wait_dialog, wait_idle

from frontdesk.ui import fmt

pypdf = pytest.importorskip("pypdf")

from test_housekeeping import TODAY, open_housekeeping  # noqa: E402


@pytest.fixture
def hotel(desk, run):
    """Strandhotel Möwe with three doubles (101-103); Søren is in room 101 tonight."""
    h = run(desk.add_hotel("Strandhotel Möwe", "Westerland (Sylt)", 3))
    double = run(desk.add_room(h.id, "Doppelzimmer", 11_900, 3, 2))
    guest = run(desk.add_guest("Søren Kierkegaard"))
    units = {u.number: u for u in run(desk.list_units(h.id))}
    stay = run(desk.book(double.id, guest.id, TODAY, TODAY + timedelta(days=2)))
    run(desk.assign_room(stay.id, units["101"].id))
    run(desk.check_in(stay.id))
    return h


def pdf_text(path: Path) -> str:
    """The words of the PDF, one space apart (pypdf separates them with tabs)."""
    return " ".join(" ".join(page.extract_text().split())
                    for page in pypdf.PdfReader(path).pages)


def assert_is_the_list(path: Path) -> None:
    text = pdf_text(path)
    assert "Housekeeping — Strandhotel Möwe" in text
    assert fmt.long_day(TODAY) in text
    for number in ("101", "102", "103"):
        assert number in text
    assert "Søren Kierkegaard" in text
    assert "Doppelzimmer" in text


def test_print_button_opens_the_print_dialog_and_prints(window, hotel, qtbot, tmp_path):
    view = open_housekeeping(window, qtbot)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, "housekeepingPrintDialog")
    assert top_level("unexpectedErrorMessage") is None
    assert dialog.isModal()

    # As a receptionist without a printer would: print to a PDF file.
    printers = dialog.findChild(QComboBox, "printers")
    printers.setCurrentIndex(printers.findText("Print to File (PDF)"))
    target = tmp_path / "housekeeping.pdf"
    clear_and_type(dialog.findChild(QLineEdit, "filename"), str(target))
    qtbot.keyClick(dialog.findChild(QLineEdit, "filename"), Qt.Key.Key_Return)
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(target.exists)
    wait_idle(qtbot, window)
    assert_is_the_list(target)
    assert str(target) in window.statusBar().currentMessage()
    assert top_level("unexpectedErrorMessage") is None


def test_print_dialog_closed_with_esc_prints_nothing(window, hotel, qtbot):
    view = open_housekeeping(window, qtbot)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, "housekeepingPrintDialog")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog)
    assert "printer" not in window.statusBar().currentMessage()
    assert top_level("unexpectedErrorMessage") is None


def test_printed_list_names_the_rooms_and_guests(window, hotel, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    view = open_housekeeping(window, qtbot)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "list.pdf"))
    view.print_to(printer)
    assert_is_the_list(tmp_path / "list.pdf")


def test_printing_where_nothing_can_be_written_says_so(window, hotel, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    view = open_housekeeping(window, qtbot)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "no such folder" / "list.pdf"
    printer.setOutputFileName(str(target))
    view.print_to(printer)
    message = window.statusBar().currentMessage()
    assert "could not be printed" in message and str(target) in message
    assert not target.exists()
    assert top_level("unexpectedErrorMessage") is None
