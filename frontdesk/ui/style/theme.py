"""Fusion with a light palette, or a dark one when the system asks for dark; the app icon."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

ICON_SVG = "frontdesk.svg"


@dataclass(frozen=True, slots=True)
class Tones:
    """The named colours of one scheme beyond the palette's roles, as "#rrggbb": the tables,
    the forms and the room grid (frontdesk.ui.style.grid_colors) draw with these."""

    accent: str
    muted: str
    error: str
    #: The text colour of each booking status (a Status value) in tables.
    status: Mapping[str, str]


LIGHT = Tones(accent="#17727c", muted="#5f6368", error="#b3261e",
              status={"confirmed": "#1a5fb4", "checked_in": "#1e7d32", "checked_out": "#5f6368",
                      "cancelled": "#b3261e", "no_show": "#a05a00"})
DARK = Tones(accent="#3aa7b0", muted="#9aa0a6", error="#ff8a80",
             status={"confirmed": "#8ab4f8", "checked_in": "#81c995", "checked_out": "#9aa0a6",
                     "cancelled": "#f28b82", "no_show": "#fdd663"})
ACCENT = QColor(LIGHT.accent)
ACCENT_DARK = QColor(DARK.accent)


def resources_dir() -> Path | None:
    """The icons: `frontdesk.resources` when installed (a wheel maps `resources/` there, see
    pyproject.toml), else `resources/` at the top of the checkout or the bundle."""
    spec = importlib.util.find_spec("frontdesk.resources")
    places = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    places += [parent / "resources" for parent in Path(__file__).resolve().parents]
    return next((p for p in places if (p / ICON_SVG).exists()), None)


def app_icon() -> QIcon:
    """The reception-bell icon: the SVG, or its PNG renderings where Qt has no SVG plugin."""
    icon = QIcon()
    folder = resources_dir()
    if folder is not None:
        svg = QIcon(str(folder / ICON_SVG))
        if not svg.pixmap(32, 32).isNull():
            return svg
        for png in sorted(folder.glob("frontdesk-*.png")):
            icon.addFile(str(png))
    return icon


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def light_palette() -> QPalette:
    pal = QApplication.style().standardPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor("#f4f5f7"))
    pal.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f0f4f5"))
    pal.setColor(QPalette.ColorRole.Highlight, ACCENT)
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.Link, ACCENT)
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor("#7b8087"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor("#202326"))
    return pal


def dark_palette() -> QPalette:
    pal = QPalette()
    window, base, text = QColor("#25282c"), QColor("#1b1d20"), QColor("#e6e8ea")
    disabled = QColor("#7d828a")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#23272b"),
        QPalette.ColorRole.ToolTipBase: QColor("#2f3337"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#8a9098"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#2f3338"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Light: QColor("#3a3f45"),
        QPalette.ColorRole.Midlight: QColor("#33373c"),
        QPalette.ColorRole.Mid: QColor("#2a2d31"),
        QPalette.ColorRole.Dark: QColor("#151719"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
        QPalette.ColorRole.Highlight: ACCENT_DARK,
        QPalette.ColorRole.HighlightedText: QColor("#0d1113"),
        QPalette.ColorRole.Link: ACCENT_DARK,
        QPalette.ColorRole.LinkVisited: QColor("#8fb8d8"),
    }
    for role, color in roles.items():
        pal.setColor(role, color)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, window)
    return pal


_dark = False


def is_dark() -> bool:
    return _dark


def tones(dark: bool | None = None) -> Tones:
    """The colours of the scheme in use (or of the one asked for)."""
    return DARK if (_dark if dark is None else dark) else LIGHT


def apply_theme(app: QApplication, dark: bool | None = None) -> None:
    """Fusion and the palette; `dark=None` follows the system (and keeps following it)."""
    global _dark
    app.setStyle("Fusion")
    follow = dark is None
    _dark = system_prefers_dark() if follow else bool(dark)
    app.setPalette(dark_palette() if _dark else light_palette())
    if follow and not app.property("frontdeskFollowsScheme"):
        app.setProperty("frontdeskFollowsScheme", True)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))


def error_color() -> QColor:
    return QColor(tones().error)


def muted_color() -> QColor:
    return QColor(tones().muted)


def status_color(status: str) -> QColor | None:
    """Text colour of a booking status in tables."""
    value = tones().status.get(status)
    return QColor(value) if value else None
