"""The generic DAO: find, add, update, delete and count rows of one model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Executable, Row, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from frontdesk.db.models import Base

M = TypeVar("M", bound=Base)


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A LIKE pattern (ESCAPE '\\') that matches `text` literally, `%` and `_` included."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix else f"%{escaped}%"


class BaseDAO(Generic[M]):
    model: ClassVar[type[Base]]

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def select_rows(self, query: Executable, params: dict[str, Any] | None = None
                          ) -> Sequence[Row]:
        """Rows of a column select, run as plain SQL on the session's connection: the ORM's
        loading machinery costs ~10 µs a row for nothing when no objects come back."""
        connection = await self.session.connection()
        return (await connection.execute(query, params or {})).all()

    async def find_by_id(self, ident: int) -> M | None:
        return await self.session.get(self.model, ident)  # type: ignore[return-value]

    async def find_all(self, **filter_by: Any) -> Sequence[M]:
        result = await self.session.scalars(select(self.model).filter_by(**filter_by))
        return result.all()  # type: ignore[return-value]

    async def add(self, **values: Any) -> M:
        row = self.model(**values)
        self.session.add(row)
        await self.session.flush()
        return row  # type: ignore[return-value]

    async def update(self, ident: int, **values: Any) -> M | None:
        row = await self.find_by_id(ident)
        if row is None:
            return None
        for name, value in values.items():
            setattr(row, name, value)
        await self.session.flush()
        return row

    async def delete(self, ident: int) -> bool:
        row = await self.find_by_id(ident)
        if row is None:
            return False
        await self.session.delete(row)
        await self.session.flush()
        return True

    async def count(self, **filter_by: Any) -> int:
        query = select(func.count()).select_from(self.model).filter_by(**filter_by)
        return (await self.session.scalar(query)) or 0
