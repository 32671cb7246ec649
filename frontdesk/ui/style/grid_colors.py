"""The room grid's colours (bars by status, out-of-order hatching, rows, today, the cursor,
housekeeping dots) for the light and the dark scheme, built on the theme's tones."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from frontdesk.dto import Housekeeping, Status
from frontdesk.ui.style.theme import is_dark, tones


@dataclass(frozen=True, slots=True)
class ChartColors:
    fill: dict[Status, QColor]
    edge: dict[Status, QColor]
    ink: dict[Status, QColor]
    block_fill: QColor
    block_hatch: QColor
    block_ink: QColor
    header: QColor
    type_row: QColor
    lane_row: QColor
    weekend: QColor
    today_column: QColor
    today_line: QColor
    line: QColor
    text: QColor
    muted: QColor
    full: QColor
    cursor: QColor
    dots: dict[Housekeeping, QColor]


def chart_colors(palette: QPalette, dark: bool | None = None) -> ChartColors:
    """Bar colours by status, readable on the light and on the dark palette. Where the grid
    says what the rest of the window says (a confirmed stay's blue, muted text, a full night
    in the error colour, today in the accent) it takes the theme's tone."""
    dark = is_dark() if dark is None else dark
    t = tones(dark)
    c = QColor
    text = palette.color(QPalette.ColorRole.Text)
    window = palette.color(QPalette.ColorRole.Window)
    shared = dict(today_line=c(t.accent), muted=c(t.muted), full=c(t.error))
    if dark:
        fill = {Status.CONFIRMED: c("#2c5a9e"), Status.CHECKED_IN: c("#2f7a47"),
                Status.CHECKED_OUT: c("#4a4f56")}
        edge = {Status.CONFIRMED: c(t.status[Status.CONFIRMED]),
                Status.CHECKED_IN: c(t.status[Status.CHECKED_IN]),
                Status.CHECKED_OUT: c("#7d838b")}
        ink = {s: c("#f1f3f4") for s in fill}
        ink[Status.CHECKED_OUT] = c("#d2d5d9")
        own = dict(block_fill=c("#3b2a2a"), block_hatch=c("#c9736b"), block_ink=c("#ffb4ab"),
                   header=window.darker(115), type_row=c("#2b2f34"), lane_row=c("#202327"),
                   weekend=c("#22252a"), today_column=c("#1f3336"), line=c("#33373d"),
                   cursor=c("#fdd663"))
        dots = {Housekeeping.CLEAN: c("#81c995"), Housekeeping.DIRTY: c("#f6ad55"),
                Housekeeping.INSPECTED: c("#8ab4f8")}
    else:
        fill = {Status.CONFIRMED: c("#3d7bd9"), Status.CHECKED_IN: c("#2e8b57"),
                Status.CHECKED_OUT: c("#c3c8ce")}
        edge = {Status.CONFIRMED: c(t.status[Status.CONFIRMED]),
                Status.CHECKED_IN: c("#1e6b3f"), Status.CHECKED_OUT: c("#9aa0a6")}
        ink = {Status.CONFIRMED: c("#ffffff"), Status.CHECKED_IN: c("#ffffff"),
               Status.CHECKED_OUT: c("#30343a")}
        own = dict(block_fill=c("#fdecea"), block_hatch=c("#d9534f"), block_ink=c("#8c1d18"),
                   header=window, type_row=c("#e9edf1"), lane_row=c("#f8f9fb"),
                   weekend=c("#f4f6f8"), today_column=c("#e6f3f4"), line=c("#e1e4e8"),
                   cursor=c("#e37400"))
        dots = {Housekeeping.CLEAN: c("#2e8b57"), Housekeeping.DIRTY: c("#e37400"),
                Housekeeping.INSPECTED: c("#1a5fb4")}
    return ChartColors(fill=fill, edge=edge, ink=ink, text=text, dots=dots, **shared, **own)
