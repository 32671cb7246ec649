"""Guests: search by the first letters of any word of the name, e-mail, or phone digits."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, select, union

from frontdesk.dao.base import BaseDAO
from frontdesk.db.models import Guest, GuestName, name_keys, phone_digits, search_key

# Above every character: `key <= x < key + TOP` is "x starts with key", through an index.
TOP = "\U0010ffff"


def guests_named(text: str, limit: int | None = None) -> Select:
    """Ids of guests with a word of their name starting with `text` (words in order)."""
    key = search_key(text.strip()) or ""
    query = select(GuestName.guest_id).where(GuestName.key >= key, GuestName.key < key + TOP)
    return query if limit is None else query.limit(limit)


@cache
def search_statement(by_phone: bool) -> Select:
    """Bind: key, upto (key + TOP), limit; with `by_phone`: tail, upto_tail."""
    key, upto, limit = bindparam("key"), bindparam("upto"), bindparam("limit")
    parts = [select(GuestName.guest_id).where(GuestName.key >= key, GuestName.key < upto)
             .limit(limit),
             select(Guest.id).where(Guest.email_key >= key, Guest.email_key < upto).limit(limit)]
    if by_phone:
        tail, upto_tail = bindparam("tail"), bindparam("upto_tail")
        parts.append(select(Guest.id).where(Guest.phone_tail >= tail, Guest.phone_tail < upto_tail)
                     .limit(limit))
    # Each part is wrapped so that its LIMIT applies to it alone (SQLite compound rules).
    found = union(*(select(part.subquery().c[0]) for part in parts)).subquery()
    return (select(Guest).where(Guest.id.in_(select(found.c[0])))
            .order_by(Guest.name_key, Guest.id).limit(limit))


class GuestDAO(BaseDAO[Guest]):
    model = Guest

    async def add(self, **values: Any) -> Guest:
        guest = await super().add(**values)
        await self._index_name(guest)
        return guest

    async def update(self, ident: int, **values: Any) -> Guest | None:
        guest = await super().update(ident, **values)
        if guest is not None and "full_name" in values:
            await self._index_name(guest)
        return guest

    async def _index_name(self, guest: Guest) -> None:
        await self.session.execute(delete(GuestName).where(GuestName.guest_id == guest.id))
        keys = name_keys(guest.full_name)
        self.session.add_all(GuestName(key=key, guest_id=guest.id) for key in keys)
        await self.session.flush()

    async def search(self, text: str, limit: int = 50) -> Sequence[Guest]:
        """Guests whose name has a word starting with `text`, whose e-mail starts with it, or
        (for 3+ digits and no letters) whose phone number ends with those digits: the last
        digits, the local number or the whole number. By name, at most `limit`. Case and
        accents do not matter; empty text gives the guests added last, newest first."""
        key = search_key(text.strip()) or ""
        if not key:  # nothing typed yet: the guests added last
            query = select(Guest).order_by(Guest.id.desc()).limit(limit)
            return (await self.session.scalars(query)).all()
        digits = phone_digits(text)
        by_phone = bool(digits and len(digits) >= 3 and not any(ch.isalpha() for ch in text))
        tail = (digits or "")[::-1]
        params = {"key": key, "upto": key + TOP, "limit": limit, "tail": tail,
                  "upto_tail": tail + TOP}
        return (await self.session.scalars(search_statement(by_phone), params)).all()
