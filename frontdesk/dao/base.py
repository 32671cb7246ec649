"""The generic DAO: find, add, update, delete and count rows of one model, and rows of a column
select read by their labels."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import Executable, Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from frontdesk.db.models import Base

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

M = TypeVar("M", bound=Base)
R = TypeVar("R", bound="DataclassInstance")
#: A select of any columns (its rows are read by label).
Query = Select[*tuple[Any, ...]]


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A LIKE pattern (ESCAPE '\\') that matches `text` literally, `%` and `_` included."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix else f"%{escaped}%"


class Records(Generic[R]):
    """Frozen records (frontdesk.dto) built from rows by their column labels: each field is
    taken from the column labelled with its name, whatever the order of the select's columns.
    Which column feeds which field is worked out once per set of labels, not per row: dict()
    of each row's mapping cost 9 ms for a month of the 300-room grid, this 4 ms.
    `convert` maps a field to the function that makes its value (a status from its text)."""

    def __init__(self, cls: type[R], **convert: Callable[[Any], Any]) -> None:
        self.cls = cls
        self.fields = tuple(f.name for f in dataclasses.fields(cls))
        self.convert = convert
        self._plans: dict[tuple[str, ...], Callable[[Row[Any]], R]] = {}

    def __call__(self, rows: Sequence[Row[Any]]) -> list[R]:
        if not rows:
            return []
        labels = tuple(rows[0]._fields)
        plan = self._plans.get(labels) or self._plan(labels)
        return [plan(row) for row in rows]

    def one(self, row: Row[Any]) -> R:
        (record,) = self([row])
        return record

    def _plan(self, labels: tuple[str, ...]) -> Callable[[Row[Any]], R]:
        """A function of a row: its columns in the order of the record's fields. Fields the
        select lacks must be trailing ones with defaults (the record's own order)."""
        taken = [name for name in self.fields if name in labels]
        if tuple(taken) != self.fields[:len(taken)]:
            raise TypeError(f"{self.cls.__name__}: a select lacks a field before the last "
                            f"it has ({', '.join(n for n in self.fields if n not in labels)})")
        columns = [labels.index(name) for name in taken]
        get = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
        conversions = [(taken.index(name), f) for name, f in self.convert.items()
                       if name in taken]
        cls = self.cls

        def plan(row: Row[Any]) -> R:
            values = list(get(row))
            for index, make in conversions:
                values[index] = make(values[index])
            return cls(*values)

        self._plans[labels] = plan
        return plan


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
