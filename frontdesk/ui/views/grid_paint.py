"""The room grid's paint: weekend and today columns, row bands with free rooms, grid lines, the
bars on the visible rows, the ghost of a dragged bar, the cell cursor, the day header and the
room labels. It reads the chart and its layout and changes nothing but the labels' elisions.

Speed: only the rows on screen are walked, and the bars' rectangles come laid out (see
grid_layout); the painter only translates them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPalette, QPen

from frontdesk.ui import fmt
from frontdesk.ui.style.grid_colors import ChartColors
from frontdesk.ui.views.grid_layout import LANE, TYPE, GridRow, Item

if TYPE_CHECKING:
    from frontdesk.ui.views.grid_chart import RoomChart


def calendar_days_left(day: date) -> int:
    """Days from `day` to the end of its month, `day` included."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (following - day).days


def is_weekend(day: int) -> bool:
    """Saturday or Sunday, for a day given as an ordinal (day 1 was a Monday)."""
    return (day + 6) % 7 >= 5


class ChartPainter:
    """Paints a RoomChart's viewport, with the chart's colours, fonts and sizes."""

    def __init__(self, chart: RoomChart) -> None:
        self.chart = chart

    def paint(self) -> None:
        chart = self.chart
        model = chart.model
        vp = chart.viewport()
        p = QPainter(vp)
        colors = chart.colors()
        width, height = vp.width(), vp.height()
        lw, hh, col, rh = chart.label_width, chart.header_height, chart.column, chart.row_height
        sy = chart.verticalScrollBar().value()
        p.fillRect(0, 0, width, height, chart.palette().color(QPalette.ColorRole.Base))
        days = min(chart.days, (width - lw + col - 1) // col)
        rows = model.rows
        first_row = sy // rh
        last_row = min(len(rows) - 1, (sy + height - hh) // rh)

        # Columns: weekends and today.
        body_h = height - hh
        for i in range(days):
            o = chart.start + i
            if o == chart.today:
                p.fillRect(lw + i * col, hh, col, body_h, colors.today_column)
            elif is_weekend(o):
                p.fillRect(lw + i * col, hh, col, body_h, colors.weekend)

        # Row bands, and free rooms in each room type's header row.
        p.setFont(chart.small)
        for r in range(first_row, last_row + 1):
            row = rows[r]
            y = hh + r * rh - sy
            if row.kind == TYPE:
                p.fillRect(lw, y, width - lw, rh, colors.type_row)
                self._free(p, colors, row, y, days)
            elif row.kind == LANE:
                p.fillRect(lw, y, width - lw, rh, colors.lane_row)

        # Grid lines.
        p.setPen(QPen(colors.line, 1))
        right = lw + days * col
        bottom = min(hh + len(rows) * rh - sy, height)
        for r in range(first_row, last_row + 1):
            y = hh + (r + 1) * rh - sy - 1
            p.drawLine(lw, y, right, y)
        for i in range(days + 1):
            x = lw + i * col - 1
            p.drawLine(x, hh, x, bottom)

        # Bars.
        p.save()
        p.setClipRect(lw, hh, width - lw, body_h)
        dx = lw + (model.data_from - chart.start) * col
        p.translate(dx, hh - sy)
        visible = QRect(lw - dx, sy, days * col, body_h)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setFont(chart.font())
        lo, hi = chart.start, chart.start + days
        current = chart.current
        for r in range(first_row, last_row + 1):
            for it in model.by_row[r]:
                if it.end <= lo or it.first >= hi:
                    continue
                self._item(p, colors, it, visible, it is current)
        p.restore()

        # The ghost of a dragged bar, and the cell cursor.
        p.save()
        p.setClipRect(lw, hh, width - lw, body_h)
        self._ghost(p, colors)
        if 0 <= chart.cursor_row < len(rows):
            cell = chart.cell_rect(chart.cursor_row, chart.cursor_day).adjusted(0, 0, -1, -1)
            # On a bar the bar's outline shows the selection; the cell stays a faint mark.
            strong = chart.hasFocus() and current is None
            pen = QPen(colors.cursor, 2 if strong else 1)
            if not strong:
                pen.setStyle(Qt.PenStyle.DotLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(cell.adjusted(1, 1, -1, -1))
        p.restore()

        self._header(p, colors, width, days)
        self._labels(p, colors, first_row, last_row, height)

        # Today's line across the header and the rows.
        if chart.start <= chart.today < chart.start + days:
            x = lw + (chart.today - chart.start) * col
            p.fillRect(x - 1, chart.line_height + 2, 2, height, colors.today_line)
        if not rows:
            p.setPen(colors.muted)
            p.setFont(chart.font())
            p.drawText(QRect(lw, hh, width - lw, body_h), Qt.AlignmentFlag.AlignCenter,
                       "Loading…" if model.grid is None else "")
        p.end()

    def _free(self, p: QPainter, colors: ChartColors, row: GridRow, y: int, days: int) -> None:
        chart, model = self.chart, self.chart.model
        counts = model.free.get(row.room.id)
        if not counts:
            return
        col = chart.column
        lo = max(chart.start, model.data_from)
        hi = min(chart.start + days, model.data_to)
        for o in range(lo, hi):
            free = counts[o - model.data_from]
            p.setPen(colors.full if free == 0 else colors.muted)
            p.drawText(QRect(chart.label_width + (o - chart.start) * col, y, col,
                             chart.row_height), Qt.AlignmentFlag.AlignCenter, str(free))

    def _item(self, p: QPainter, colors: ChartColors, it: Item, visible: QRect,
              current: bool) -> None:
        rect = it.rect
        if it.booking is not None:
            status = it.booking.status
            p.setPen(QPen(colors.edge[status], 1))
            p.setBrush(colors.fill[status])
            p.drawRoundedRect(rect, 4, 4)
            ink = colors.ink[status]
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colors.block_fill)
            p.drawRect(rect)
            p.setBrush(QBrush(colors.block_hatch, Qt.BrushStyle.BDiagPattern))
            p.drawRect(rect)
            p.setPen(QPen(colors.block_hatch, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(rect)
            ink = colors.block_ink
        if current:
            p.setPen(QPen(colors.cursor, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 5, 5)
        # The label sits in the part of the bar that is on screen.
        text_rect = rect.intersected(visible).adjusted(5, 0, -4, 0)
        if text_rect.width() < 8:
            return
        if it.elided_width != text_rect.width():
            it.elided = self.chart.fontMetrics().elidedText(
                it.label, Qt.TextElideMode.ElideRight, text_rect.width())
            it.elided_width = text_rect.width()
        if it.elided:
            p.setPen(ink)
            p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       it.elided)

    def _ghost(self, p: QPainter, colors: ChartColors) -> None:
        chart = self.chart
        ghost = chart.ghost
        if ghost is None:
            return
        row = chart.model.row_index.get(ghost.key)
        booking = ghost.item.booking
        if row is None or booking is None:
            return
        first, end = ghost.first, ghost.end
        left = chart.cell_rect(row, first)
        rect = QRect(left.x() + 2, left.y() + 3, (end - first) * chart.column - 4,
                     chart.row_height - 6)
        fill = QColor(colors.fill[booking.status])
        fill.setAlpha(120)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setBrush(fill)
        pen = QPen(colors.text, 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawRoundedRect(rect, 4, 4)
        p.setPen(colors.text)
        text = chart.fontMetrics().elidedText(
            f"{booking.guest_name} · {fmt.nights(end - first)}",
            Qt.TextElideMode.ElideRight, max(rect.width() - 10, 0))
        p.drawText(rect.adjusted(5, 0, -4, 0),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _header(self, p: QPainter, colors: ChartColors, width: int, days: int) -> None:
        chart = self.chart
        lw, col, lh = chart.label_width, chart.column, chart.line_height
        hh = chart.header_height
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(0, 0, width, hh, colors.header)
        locale = QLocale()
        fm = chart.fontMetrics()
        short = [locale.dayName(d, QLocale.FormatType.ShortFormat) for d in range(1, 8)]
        if max(fm.horizontalAdvance(s) for s in short) + 6 > col:
            short = [locale.dayName(d, QLocale.FormatType.NarrowFormat) for d in range(1, 8)]
        p.setPen(colors.line)
        p.drawLine(0, hh - 1, width, hh - 1)
        for i in range(days):
            o = chart.start + i
            day = date.fromordinal(o)
            x = lw + i * col
            if i == 0 or day.day == 1:
                p.setFont(chart.bold)
                p.setPen(colors.text)
                month = f"{locale.standaloneMonthName(day.month)} {day.year}"
                # Up to the next month's name, or the last column.
                room = min(days - i, calendar_days_left(day)) * col - 8
                p.drawText(QRect(x + 4, 2, max(room, 0), lh), Qt.AlignmentFlag.AlignVCenter,
                           fm.elidedText(month, Qt.TextElideMode.ElideRight, max(room, 0)))
                if day.day == 1 and i:
                    p.setPen(colors.muted)
                    p.drawLine(x - 1, 2, x - 1, hh)
            today = o == chart.today
            p.setFont(chart.bold if today else chart.font())
            p.setPen(colors.today_line if today else
                     colors.muted if is_weekend(o) else colors.text)
            p.drawText(QRect(x, lh + 2, col, lh), Qt.AlignmentFlag.AlignCenter,
                       short[(o + 6) % 7])
            p.drawText(QRect(x, 2 * lh + 2, col, lh), Qt.AlignmentFlag.AlignCenter,
                       str(day.day))
        p.setFont(chart.bold)
        p.setPen(colors.muted)
        p.drawText(QRect(8, lh + 2, lw - 12, 2 * lh), Qt.AlignmentFlag.AlignVCenter
                   | Qt.AlignmentFlag.AlignLeft, "Rooms")

    def _labels(self, p: QPainter, colors: ChartColors, first_row: int, last_row: int,
                height: int) -> None:
        chart = self.chart
        lw, hh, rh = chart.label_width, chart.header_height, chart.row_height
        sy = chart.verticalScrollBar().value()
        p.save()
        p.setClipRect(0, hh, lw, height - hh)
        p.fillRect(0, hh, lw, height - hh, colors.header)
        fm = chart.fontMetrics()
        for r in range(first_row, last_row + 1):
            row = chart.model.rows[r]
            y = hh + r * rh - sy
            if row.kind == TYPE:
                p.fillRect(0, y, lw, rh, colors.type_row)
                p.setFont(chart.bold)
                p.setPen(colors.text)
                text = QFontMetrics(chart.bold).elidedText(row.room.name,
                                                           Qt.TextElideMode.ElideRight, lw - 16)
                p.drawText(QRect(8, y, lw - 12, rh), Qt.AlignmentFlag.AlignVCenter, text)
            elif row.kind == LANE:
                if row.lane == 0:
                    p.setFont(chart.italic)
                    p.setPen(colors.muted)
                    p.drawText(QRect(24, y, lw - 28, rh), Qt.AlignmentFlag.AlignVCenter,
                               "Unassigned")
            else:
                unit = row.unit
                assert unit is not None
                p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(colors.dots[unit.status])
                d = max(fm.height() // 2, 6)
                p.drawEllipse(10, y + (rh - d) // 2, d, d)
                p.setFont(chart.font())
                p.setPen(colors.text)
                p.drawText(QRect(24, y, lw - 28, rh), Qt.AlignmentFlag.AlignVCenter,
                           fm.elidedText(unit.number, Qt.TextElideMode.ElideRight, lw - 28))
            if r == chart.cursor_row:
                p.fillRect(lw - 3, y, 3, rh, colors.cursor)
            p.setPen(colors.line)
            p.drawLine(0, y + rh - 1, lw, y + rh - 1)
        p.setPen(colors.line)
        p.drawLine(lw - 1, hh, lw - 1, height)
        p.restore()
