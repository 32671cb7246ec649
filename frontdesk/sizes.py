"""Dataset sizes for `frontdesk seed` and `bench`; light, so the CLI can read defaults
without importing SQLAlchemy (the window shows sooner)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SeedSize:
    hotels: int = 1_000
    room_types: int = 20_000
    guests: int = 200_000
    bookings: int = 1_000_000
    random_seed: int = 2026
