"""Issue item 13: when the app starts on the Room grid (the remembered view), the chart paints
its day headers, type names and room numbers in the normal text colour, not the disabled one."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication
from uihelpers import TIMEOUT_MS, wait_idle

from frontdesk.ui.settings import settings
from frontdesk.ui.views.grid_layout import TYPE, UNIT

GRID = 5  # Ctrl+6: the sixth view


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def nearest(image: QImage, rect: QRect, colour: QColor) -> int:
    """How far the pixel inside rect that comes nearest `colour` is from it (text is
    antialiased, so only the middle of its strokes has the pen's exact colour)."""
    return min(distance(image.pixelColor(x, y), colour)
               for x in range(rect.left(), rect.right() + 1)
               for y in range(rect.top(), rect.bottom() + 1))


def test_grid_remembered_at_start_paints_headers_in_the_text_colour(qtbot, desk, run):
    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.tasks import TaskRunner

    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    run(desk.add_room(hotel.id, "Double", 10_000, 3, 2))
    s = settings()
    s.setValue("window/view", GRID)
    s.sync()

    # As app.start does it: the window opens (on the grid, the view it remembers) and shows
    # itself disabled while the database opens; only then does the desk arrive.
    runner = TaskRunner(log_path="the test log")
    w = MainWindow(runner)
    try:
        assert w.current_view is w.grid_view
        w.show()
        qtbot.waitExposed(w)
        chart = w.grid_view.chart
        assert not chart.isEnabled()
        chart.viewport().grab()  # painted while the window is still opening
        w.set_desk(desk)
        qtbot.waitUntil(lambda: w.is_ready, timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: bool(chart.rows), timeout=TIMEOUT_MS)
        wait_idle(qtbot, w)
        assert chart.isEnabled()

        image = chart.viewport().grab().toImage()
        palette = QApplication.palette()
        text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        grey = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        assert distance(text, grey) > 200

        # The day-number row of a weekday that is not today (weekends are muted, today accented).
        lh, col = chart.line_height, chart.column
        weekday = next(i for i in range(1, 7)
                       if (date.today() + timedelta(days=i)).weekday() < 5)
        numbers = QRect(chart.label_width + weekday * col, 2 * lh + 2, col, lh)
        type_row = next(i for i, r in enumerate(chart.rows) if r.kind == TYPE)
        unit_row = next(i for i, r in enumerate(chart.rows) if r.kind == UNIT)
        labels = [QRect(8, chart.header_height + r * chart.row_height, chart.label_width - 12,
                        chart.row_height) for r in (type_row, unit_row)]
        for where in [numbers, *labels]:
            assert nearest(image, where, text) < 40, f"no text in the text colour in {where}"
        assert chart.colors().text == text
    finally:
        runner.cancel_all()
        run(runner.wait_idle())
        w.close()
        w.deleteLater()
