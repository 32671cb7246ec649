"""Issue 10, item 7: what the window saves (the housekeeping list as CSV or PDF) holds guests'
names, so it is created readable by its owner only, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_housekeeping import hotel, open_housekeeping  # noqa: F401 - the fixture
from uihelpers import wait_dialog, wait_idle


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)  # a common desktop umask: files 0644
    yield
    os.umask(old)


def test_the_exported_csv_is_the_owners_only(window, hotel, qtbot, tmp_path,  # noqa: F811
                                             umask_022):
    view = open_housekeeping(window, qtbot)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, "housekeepingExportDialog")
    target = tmp_path / "list.csv"
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(lambda: str(target) in window.statusBar().currentMessage())
    wait_idle(qtbot, window)
    assert mode(target) == 0o600


def test_an_export_over_an_older_file_makes_it_the_owners_only(window, hotel,  # noqa: F811
                                                               qtbot, tmp_path, umask_022):
    view = open_housekeeping(window, qtbot)
    target = tmp_path / "list.csv"
    target.write_text("an older list, readable by all")
    target.chmod(0o644)
    # The file dialog has asked "replace it?" and the answer was yes.
    view.export_to(str(target), window.ctx.hotel.id, window.ctx.working_date)
    qtbot.waitUntil(lambda: str(target) in window.statusBar().currentMessage())
    wait_idle(qtbot, window)
    assert target.read_text(encoding="utf-8-sig").startswith("Room,")
    assert mode(target) == 0o600


def test_the_printed_pdf_is_the_owners_only(window, hotel, qtbot, tmp_path,  # noqa: F811
                                            umask_022):
    from PySide6.QtPrintSupport import QPrinter

    view = open_housekeeping(window, qtbot)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "list.pdf"))
    view.print_to(printer)
    assert (tmp_path / "list.pdf").read_bytes().startswith(b"%PDF")
    assert mode(tmp_path / "list.pdf") == 0o600
