"""Guests: search by the first letters of any word of the name, e-mail or its domain, or phone
digits; guests who look like the same person."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, bindparam, delete, func, or_, select, union

from frontdesk import dto
from frontdesk.dao.base import BaseDAO, Query
from frontdesk.db.models import (
    SAME_PHONE_DIGITS,
    Guest,
    GuestName,
    name_keys,
    phone_digits,
    same_phone_key,
    search_key,
)

# Above every character: `key <= x < key + TOP` is "x starts with key", through an index.
TOP = "\U0010ffff"


def guests_named(text: str, limit: int | None = None) -> Query:
    """Ids of guests with a word of their name starting with `text` (words in order)."""
    key = search_key(text.strip()) or ""
    query = select(GuestName.guest_id).where(GuestName.key >= key, GuestName.key < key + TOP)
    return query if limit is None else query.limit(limit)


def _binds(*names: str) -> list[BindParameter[Any]]:
    return [bindparam(name) for name in names]


@cache
def search_statement(by_phone: bool, by_domain: bool) -> Query:
    """Bind: key, upto (key + TOP), limit; with `by_phone`: tail, upto_tail, lead, upto_lead;
    with `by_domain`: domain, upto_domain."""
    key, upto, limit = _binds("key", "upto", "limit")
    parts = [select(GuestName.guest_id).where(GuestName.key >= key, GuestName.key < upto)
             .limit(limit),
             select(Guest.id).where(Guest.email_key >= key, Guest.email_key < upto).limit(limit)]
    if by_phone:
        tail, upto_tail = _binds("tail", "upto_tail")
        parts.append(select(Guest.id).where(Guest.phone_tail >= tail, Guest.phone_tail < upto_tail)
                     .limit(limit))
        lead, upto_lead = _binds("lead", "upto_lead")
        parts.append(select(Guest.id).where(Guest.phone_key >= lead, Guest.phone_key < upto_lead)
                     .limit(limit))
    if by_domain:
        domain, upto_domain = _binds("domain", "upto_domain")
        parts.append(select(Guest.id)
                     .where(Guest.email_domain >= domain, Guest.email_domain < upto_domain)
                     .limit(limit))
    # Each part is wrapped so that its LIMIT applies to it alone (SQLite compound rules).
    found = union(*(select(part.subquery().c[0]) for part in parts)).subquery()
    return (select(Guest).where(Guest.id.in_(select(found.c[0])))
            .order_by(Guest.name_key, Guest.id).limit(limit))


def typed_domain(key: str) -> str | None:
    """The e-mail domain a search means, if it looks like one: "@example" or "example.fr"
    (one word with a dot and no '@' inside). Plain words are not domains: "ex" would otherwise
    find every guest at example.com among the names beginning with "Ex"."""
    if " " in key or "@" in key[1:]:
        return None
    if key.startswith("@"):
        return key[1:] or None
    return key if "." in key.strip(".") else None


def guest_record(row: Guest) -> dto.Guest:
    return dto.Guest(id=row.id, full_name=row.full_name, phone=row.phone, email=row.email,
                     document=row.document, notes=row.notes)


class GuestDAO(BaseDAO[Guest]):
    model = Guest

    async def add(self, values: Mapping[str, Any]) -> Guest:
        guest = await super().add(values)
        await self._index_name(guest)
        return guest

    async def update(self, row: Guest, values: Mapping[str, Any]) -> Guest:
        guest = await super().update(row, values)
        if "full_name" in values:
            await self._index_name(guest)
        return guest

    async def _index_name(self, guest: Guest) -> None:
        await self.session.execute(delete(GuestName).where(GuestName.guest_id == guest.id))
        keys = name_keys(guest.full_name)
        self.session.add_all(GuestName(key=key, guest_id=guest.id) for key in keys)
        await self.session.flush()

    async def search(self, text: str, limit: int = 50) -> Sequence[Guest]:
        """Guests whose name has a word starting with `text`, whose e-mail starts with it, whose
        e-mail domain starts with it ("example.fr", "@example"), or (for 3+ digits and no
        letters) whose phone number starts or ends with those digits: the start of the number,
        its last digits, the local number or the whole number. By name, at most `limit`. Case,
        accents and letters like ı, ł, ø, ß do not matter; empty text gives the guests added
        last, newest first."""
        key = search_key(text.strip()) or ""
        if not key:  # nothing typed yet: the guests added last
            query = select(Guest).order_by(Guest.id.desc()).limit(limit)
            return (await self.session.scalars(query)).all()
        digits = phone_digits(text) or ""
        by_phone = len(digits) >= 3 and not any(ch.isalpha() for ch in text)
        domain = typed_domain(key)
        tail = digits[::-1]
        params = {"key": key, "upto": key + TOP, "limit": limit, "tail": tail,
                  "upto_tail": tail + TOP, "lead": digits, "upto_lead": digits + TOP,
                  "domain": domain or "", "upto_domain": (domain or "") + TOP}
        statement = search_statement(by_phone, domain is not None)
        return (await self.session.scalars(statement, params)).all()

    async def similar(self, full_name: str, phone: str | None, email: str | None,
                      limit: int = 10) -> Sequence[Guest]:
        """Guests who look like this person: the same name, whatever the case, accents or
        spacing (or the words turned round: "Yılmaz Lars"), and the same phone (its last
        digits, see `same_phone_key`) or the same e-mail address. Found through the name index."""
        names = name_keys(full_name)
        phone_key = same_phone_key(phone)
        email_key = search_key(email.strip()) if email and email.strip() else None
        same_contact = []
        if phone_key:
            same_contact.append(func.substr(Guest.phone_tail, 1, SAME_PHONE_DIGITS) == phone_key)
        if email_key:
            same_contact.append(Guest.email_key == email_key)
        if not names or not same_contact:
            return []
        named = select(GuestName.guest_id).where(GuestName.key.in_(sorted(names)))
        query = (select(Guest).where(Guest.id.in_(named), or_(*same_contact))
                 .order_by(Guest.id).limit(limit))
        return (await self.session.scalars(query)).all()
