"""Guests: add, change, find (any word of the name, phone digits, e-mail) and who may be the
same person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from frontdesk import dto
from frontdesk.dao.guests import guest_record
from frontdesk.dto import ChangeKind
from frontdesk.errors import ValidationError
from frontdesk.services import rules
from frontdesk.services.deletion import refuse_if_booked
from frontdesk.services.patches import GuestPatch
from frontdesk.services.uow import Database, UnitOfWork


def new_guest_patch(guest: dto.NewGuest) -> GuestPatch:
    """The checked fields of a guest to add (every field, as add_guest takes them)."""
    if not isinstance(guest, dto.NewGuest):
        raise ValidationError("guest", "The guest must be a frontdesk.dto.NewGuest.")
    return GuestPatch.parse({"full_name": guest.full_name, "phone": guest.phone,
                             "email": guest.email, "document": guest.document,
                             "notes": guest.notes})


async def add_guest(uow: UnitOfWork, patch: GuestPatch) -> dto.Guest:
    """Add a guest in the caller's unit of work (a booking with a new guest adds one too)."""
    guest = await uow.guests.add(patch.values())
    uow.changed(ChangeKind.GUESTS, guest.id)
    return guest_record(guest)


class Guests:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add_guest(self, full_name: str, phone: str | None, email: str | None,
                        document: str | None, notes: str) -> dto.Guest:
        patch = GuestPatch.parse({"full_name": full_name, "phone": phone, "email": email,
                                  "document": document, "notes": notes})
        async with self.db.write() as uow:
            return await add_guest(uow, patch)

    async def update_guest(self, guest_id: int, changes: Mapping[str, Any]) -> dto.Guest:
        rules.ident("guest_id", "Guest", guest_id)
        values = GuestPatch.parse(changes).values()
        async with self.db.write() as uow:
            guest = await uow.guests.update(await uow.guest(guest_id), values)
            uow.changed(ChangeKind.GUESTS, guest_id)
            return guest_record(guest)

    async def delete_guest(self, guest_id: int) -> None:
        """Only a guest with no bookings at all: stays are history that names its guest."""
        rules.ident("guest_id", "Guest", guest_id)
        async with self.db.write() as uow:
            guest = await uow.guest(guest_id)
            await refuse_if_booked(uow, f"Guest '{guest.full_name}'", self.db.today(),
                                   guest_id=guest_id)
            await uow.guests.delete(guest)
            uow.changed(ChangeKind.GUESTS, guest_id)

    async def find_guests(self, text: str, limit: int = 50) -> list[dto.Guest]:
        text = rules.search("text", "Search text", text)
        limit = rules.limit(limit)
        async with self.db.read() as uow:
            return [guest_record(g) for g in await uow.guests.search(text, limit)]

    async def similar_guests(self, full_name: str, phone: str | None = None,
                             email: str | None = None) -> list[dto.Guest]:
        """Guests who may be this person already: the same name (case, accents, spacing and
        word order aside) and the same phone number (its last 8 digits) or e-mail address.
        Ask before adding; `add_guest` itself never refuses a namesake (scripts may add one).
        The values are those about to be saved: the lengths of add_guest, not its formats."""
        full_name = rules.text("full_name", "Guest name", full_name, 200, required=False)
        phone = rules.optional_text("phone", "Phone", phone, 40)
        email = rules.optional_text("email", "E-mail", email, 200)
        async with self.db.read() as uow:
            return [guest_record(g) for g in await uow.guests.similar(full_name, phone, email)]

    async def get_guest(self, guest_id: int) -> dto.Guest:
        rules.ident("guest_id", "Guest", guest_id)
        async with self.db.read() as uow:
            return guest_record(await uow.guest(guest_id))
