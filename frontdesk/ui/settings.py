"""The user's window settings (QSettings "frontdesk"/"frontdesk"); tests point them elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "frontdesk"
APPLICATION = "frontdesk"


def settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)
