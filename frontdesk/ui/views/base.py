"""What every page of the main window has in common: refresh when shown and data changed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from frontdesk import dto
from frontdesk.ui import fmt
from frontdesk.ui.context import DeskContext
from frontdesk.ui.dialogs.confirm import ask


class View(QWidget):
    """A page. `refresh()` loads what it shows (through the task runner); a page that is not
    on screen when its data changes only notes it and refreshes when it is shown again."""

    title = ""
    # Kinds of data (context.HOTELS, ...) this page shows.
    shows: frozenset[str] = frozenset()
    follows_hotel = True
    follows_date = False

    def __init__(self, ctx: DeskContext, object_name: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName(object_name)
        self.setAccessibleName(self.title)
        self._stale = True
        ctx.dataChanged.connect(self._data_changed)
        ctx.deskReady.connect(self.invalidate)
        if self.follows_hotel:
            ctx.hotelChanged.connect(self.invalidate)
        if self.follows_date:
            ctx.workingDateChanged.connect(self.invalidate)

    def confirm_then(self, title: str, question: str, yes: str, no: str, task: str,
                     work: Callable[[], Awaitable[object]], done: str) -> None:
        """Ask (a non-blocking dialog); on yes run `work()` as task `task`, then say `done` in
        the status bar (the views it changed refresh from the desk's change report)."""

        def confirmed(_reason: str) -> None:
            async def run() -> None:
                await work()
                self.ctx.say(done)

            self.ctx.runner.run(task, run(), supersede=False)

        ask(self, title, question, yes, no, confirmed)

    def ask_return_to_service(self, number: str, block_id: int, until: date,
                              reason: str) -> None:
        """Confirm, then end a room's out-of-order period (grid and housekeeping), by the
        period's id (dto.Block.id, dto.Unit.out_of_order_id)."""
        desk = self.ctx.desk
        if desk is None:
            return
        self.confirm_then(
            "Return to service",
            f"Put room {number} back in service? It is out of order until {fmt.day(until)}"
            + (f" ({reason})." if reason else "."),
            "Return to service", "Keep out of order", f"{self.objectName()}.return",
            lambda: desk.return_to_service(block_id), f"Room {number} is back in service.")

    def heading(self, text: str = "") -> QLabel:
        label = QLabel(text or self.title)
        label.setObjectName(f"{self.objectName()}Heading")
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        label.setFont(font)
        return label

    def _data_changed(self, changes: tuple[dto.Change, ...]) -> None:
        """One call's changes: refresh once if the page shows any of them."""
        if any(change.kind in self.shows for change in changes):
            self.invalidate()

    def invalidate(self) -> None:
        if self.isVisible() and self.ctx.desk is not None:
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale and self.ctx.desk is not None:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        """Load the page's data again (F5)."""

    def search_field(self) -> QLineEdit | None:
        """The field Ctrl+F focuses, if the page has one."""
        return None

    def new_item(self) -> None:
        """Ctrl+Shift+N-like 'add' of the page (optional)."""
