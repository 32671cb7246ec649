"""Guests: search by name, phone or e-mail."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select

from frontdesk.dao.base import BaseDAO, like_pattern
from frontdesk.db.models import Guest, phone_digits, search_key


class GuestDAO(BaseDAO[Guest]):
    model = Guest

    async def search(self, text: str, limit: int = 50) -> Sequence[Guest]:
        """Guests whose name, e-mail or phone digits contain `text`, by name, at most `limit`."""
        key = search_key(text.strip()) or ""
        if not key:
            return []
        matches = [Guest.name_key.like(like_pattern(key), escape="\\"),
                   Guest.email_key.like(like_pattern(key), escape="\\")]
        digits = phone_digits(text)
        if digits and len(digits) >= 3:
            matches.append(Guest.phone_digits.like(like_pattern(digits), escape="\\"))
        query = select(Guest).where(or_(*matches)).order_by(Guest.name_key, Guest.id).limit(limit)
        return (await self.session.scalars(query)).all()
