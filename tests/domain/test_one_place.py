"""The rules stay in the domain: a grep over the package for the places they used to be copied
to (issue 11, "Done when": git grep finds each in one module)."""

from __future__ import annotations

import re
from pathlib import Path

import frontdesk

PACKAGE = Path(frontdesk.__file__).parent


def code_lines(pattern: str) -> list[str]:
    """file:line of every line of the package's code (comments aside) matching `pattern`."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(pattern, code):
                found.append(f"{path.relative_to(PACKAGE)}:{number}")
    return found


def test_only_the_clock_asks_the_system_for_the_day():
    assert code_lines(r"date\.today\b") == ["domain/clock.py:15"]


def test_the_statuses_that_hold_a_room_are_listed_once():
    assert code_lines(r"Status\.CONFIRMED, Status\.CHECKED_IN, Status\.CHECKED_OUT\)") == [
        "domain/occupancy.py:24"]


def test_stay_limits_and_room_numbering_are_defined_once():
    assert code_lines(r"\b366\b") == ["domain/stays.py:18"]
    assert code_lines(r"ROOMS_PER_FLOOR\s*=") == ["domain/numbering.py:8"]
