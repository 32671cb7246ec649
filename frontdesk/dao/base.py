"""The generic DAO: find, add, update, delete and count rows of one model, and rows of a column
select read by their labels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import Executable, Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from frontdesk.db.models import Base

M = TypeVar("M", bound=Base)
#: A select of any columns (its rows are read by label).
Query = Select[*tuple[Any, ...]]


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A LIKE pattern (ESCAPE '\\') that matches `text` literally, `%` and `_` included."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix else f"%{escaped}%"


class BaseDAO(Generic[M]):
    """Works on the session it is given: it flushes, never commits (the unit of work does)."""

    model: type[M]

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def select_rows(self, query: Executable, params: Mapping[str, Any] | None = None
                          ) -> Sequence[Row[Any]]:
        """Rows of a column select, run as plain SQL on the session's connection: the ORM's
        loading machinery costs ~10 us a row for nothing when no objects come back. Read
        their columns by label (`row._mapping`, `row.name`), never by position."""
        connection = await self.session.connection()
        return (await connection.execute(query, dict(params or {}))).all()

    async def find_by_id(self, ident: int) -> M | None:
        return await self.session.get(self.model, ident)

    async def find_all(self, **filter_by: Any) -> Sequence[M]:
        return (await self.session.scalars(select(self.model).filter_by(**filter_by))).all()

    async def add(self, values: Mapping[str, Any]) -> M:
        row = self.model(**values)
        self.session.add(row)
        await self.session.flush()
        return row

    async def update(self, row: M, values: Mapping[str, Any]) -> M:
        for name, value in values.items():
            setattr(row, name, value)
        await self.session.flush()
        return row

    async def delete(self, row: M) -> None:
        await self.session.delete(row)
        await self.session.flush()

    async def count(self, **filter_by: Any) -> int:
        query = select(func.count()).select_from(self.model).filter_by(**filter_by)
        return (await self.session.scalar(query)) or 0
