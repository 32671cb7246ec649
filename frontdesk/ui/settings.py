"""The window's settings (QSettings "frontdesk"/"frontdesk"); tests and the selftest move them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "frontdesk"
APPLICATION = "frontdesk"

_private = False  # set by keep_in: settings are INI files in a folder of their own


def settings() -> QSettings:
    if _private:
        return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION,
                         APPLICATION)
    return QSettings(ORGANIZATION, APPLICATION)


def keep_in(folder: Path) -> None:
    """From now on the window reads and saves its settings in `folder` (the selftest's
    temporary one), never the user's. QSettings.setPath covers INI files (Linux); the registry
    (Windows) and plist (macOS) are not files, so `settings()` turns to an INI file as well."""
    global _private
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    _private = True
