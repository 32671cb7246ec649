"""The look: Fusion style, light and dark palettes that follow the system, the app icon."""

from frontdesk.ui.style.theme import app_icon, apply_theme, is_dark

__all__ = ["app_icon", "apply_theme", "is_dark"]
