"""frontdesk: a front-desk program for small hotels and hotel groups.

`open_desk` is the public entry point for scripts, the CLI and the GUI. It is imported lazily so
that `import frontdesk` (and the GUI's first window) does not pay for SQLAlchemy and Alembic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from frontdesk.services.desk import FrontDesk, open_desk

__all__ = ["FrontDesk", "__version__", "open_desk"]


def __getattr__(name: str) -> Any:
    if name in ("open_desk", "FrontDesk"):
        from frontdesk.services import desk

        return getattr(desk, name)
    raise AttributeError(f"module 'frontdesk' has no attribute {name!r}")
