"""How a hotel's physical rooms are numbered: 101..120 on floor 1, then 201, ... (20 a floor),
skipping numbers already taken, so a room type that grows continues the hotel's numbering."""

from __future__ import annotations

from collections.abc import Collection

ROOMS_PER_FLOOR = 20


def room_number(index: int) -> tuple[str, int]:
    """(number, floor) of a hotel's index-th room (from 0): 101..120 on floor 1, then 201."""
    floor = index // ROOMS_PER_FLOOR + 1
    return f"{floor}{index % ROOMS_PER_FLOOR + 1:02d}", floor


def next_numbers(taken: Collection[str], count: int) -> list[tuple[str, int]]:
    """(number, floor) for `count` new rooms: the first numbers of the scheme not `taken`."""
    found: list[tuple[str, int]] = []
    index = 0
    while len(found) < count:
        number, floor = room_number(index)
        if number not in taken:
            found.append((number, floor))
        index += 1
    return found
