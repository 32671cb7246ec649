"""Malformed and edge-case arguments, thousands of them, thrown at every public call of FrontDesk
(issue 10, item 10): each call returns normally or raises a FrontDeskError, never anything else,
and a refusal leaves the database exactly as it was.

The methods are found by introspection, so a new one is fuzzed as soon as it exists; its
parameters get their values from ARGUMENTS by name (a name with no strategy fails the test,
as does a **keyword parameter with no entry in KEYWORDS). Every method works on its own copy of
one small migrated database. Hypothesis runs derandomized and keeps no example database, so a
run is the same every time and writes nothing into the repository.

Not fuzzed: a keyword a method does not declare, or a missing required argument. Python refuses
those with a TypeError before any frontdesk code runs; they are mistakes in a script's code,
not values a user typed. Methods taking **changes or **filters get unknown keywords too.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import sqlite3
import tempfile
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from dbhelpers import copy_database
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from frontdesk import FrontDesk, dto, open_desk
from frontdesk.domain.money import MAX_MINOR
from frontdesk.dto import Housekeeping, Status
from frontdesk.errors import FrontDeskError

# No example database (database=None below), and hypothesis's caches stay out of the checkout.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY",
                      str(Path(tempfile.gettempdir()) / "frontdesk-hypothesis"))

TODAY = date(2030, 6, 10)
EXAMPLES = 110  # per method: about 5,500 calls in all

METHODS = sorted(name for name, member in inspect.getmembers(FrontDesk, inspect.isfunction)
                 if not name.startswith("_"))
CALLS: Counter[tuple[str, str]] = Counter()  # (method, "returned" or the error's class)

# -- values ---------------------------------------------------------------------------------------

EDGE_INTS = [0, -1, 1, 2**31, 2**63 - 1, 2**63, -2**63 - 1, 2**64, 10**30, 10**5000]
EDGE_DAYS = [date(1899, 12, 31), date(1900, 1, 1), date(2199, 12, 31), date(2200, 1, 1),
             date.min, date.max, date(9999, 12, 1)]
HUGE_TEXT = ["x" * 1_000_000, "9" * 19, "#" + "9" * 19, "%" * 60_000, "ß" * 30_000,
             "\x00", "An\x00na", "\x1b[2J", "line\nbreak", " ", "", "'; DROP TABLE hotels; --"]
near = st.dates(TODAY - timedelta(days=20), TODAY + timedelta(days=40))
# Anything a caller might pass by mistake: wrong types, edges, huge values.
junk = st.one_of(
    st.none(), st.booleans(), st.sampled_from(EDGE_INTS), st.integers(),
    st.floats(), st.decimals(), st.sampled_from([Decimal("NaN"), Decimal("1E+30"), 1.5]),
    st.text(max_size=20), st.sampled_from(HUGE_TEXT), st.binary(max_size=8),
    st.datetimes(), st.dates(), st.sampled_from(EDGE_DAYS), st.builds(date.isoformat, near),
    st.lists(st.integers(), max_size=3), st.just({"id": 1}),
)


def mixed(valid: st.SearchStrategy) -> st.SearchStrategy:
    """A value from `valid` three times in four, else junk (one_of would weigh each of junk's
    branches like `valid`, and a call would hardly ever get all its arguments right)."""
    return st.integers(0, 3).flatmap(lambda n: junk if n == 3 else valid)


ids = mixed(st.integers(1, 9))
texts = mixed(st.one_of(st.sampled_from(["Anna Ivanova", "Sochi", "Seaside", "105", "Double",
                                         "an", "+7 900 111-22-33", "anna@example.com", "EUR",
                                         "JPY"]), st.text(max_size=60)))
days = mixed(near)
counts = mixed(st.integers(-1, 12))

# A strategy for each parameter name a public method has.
ARGUMENTS = {
    **dict.fromkeys(["hotel_id", "room_id", "guest_id", "booking_id", "unit_id", "block_id"], ids),
    **dict.fromkeys(["name", "location", "full_name", "number", "description", "notes", "reason",
                     "text", "document", "phone", "email", "currency"], texts),
    **dict.fromkeys(["day", "night"], days),
    # Drawn apart, so mostly in order: a stay (or a range) that could be right.
    "date_from": mixed(st.dates(TODAY - timedelta(days=3), TODAY + timedelta(days=8))),
    "date_to": mixed(st.dates(TODAY + timedelta(days=1), TODAY + timedelta(days=14))),
    **dict.fromkeys(["stars", "quantity", "capacity", "floor"], counts),
    "price": mixed(st.one_of(st.integers(0, 2_000_000),
                             st.sampled_from([MAX_MINOR, MAX_MINOR + 1, -1]))),
    "limit": mixed(st.one_of(st.integers(1, 1000), st.sampled_from([0, 1001]))),
    "offset": mixed(st.one_of(st.integers(0, 20), st.sampled_from([10**9, 10**9 + 1, 2**63]))),
    "sort": mixed(st.sampled_from(["id", "date_from", "guest", "price", "colour"])),
    "descending": mixed(st.booleans()),
    "status": mixed(st.sampled_from([*Housekeeping, *Status, *(h.value for h in Housekeeping),
                                     *(s.value for s in Status), ["confirmed", "checked_in"],
                                     ("gone",), "booked"])),
    "today": mixed(st.just(lambda: TODAY)),
    "report": mixed(st.sampled_from([None, lambda waiting: None])),
    "listener": mixed(st.just(lambda changes: None)),
    "unit_ids": mixed(st.lists(ids, max_size=4)),
    "guest": mixed(st.builds(dto.NewGuest, full_name=texts, phone=st.one_of(st.none(), texts),
                             email=st.one_of(st.none(), texts), notes=texts)),
}
# The keywords a **changes / **filters parameter takes (unknown ones are added as well).
KEYWORDS = {
    "update_hotel": ["name", "location", "stars", "currency"],
    "update_room": ["name", "price", "quantity", "capacity", "description"],
    "update_guest": ["full_name", "phone", "email", "document", "notes"],
    "update_unit": ["number", "floor", "notes"],
    "list_bookings": ["hotel_id", "room_id", "guest_id", "status", "date_from", "date_to", "text"],
    "count_bookings": ["hotel_id", "room_id", "guest_id", "status", "date_from", "date_to",
                       "text"],
}
unknown_keyword = st.sampled_from(["colour", "hotel", "id", "k" * 300, "price_max"])


def arguments_of(method: str) -> list[inspect.Parameter]:
    return list(inspect.signature(getattr(FrontDesk, method)).parameters.values())[1:]


def arguments(method: str) -> st.SearchStrategy[dict]:
    """Keyword arguments for `method`: every required parameter, some optional ones, and for
    a **keyword parameter its known keywords and now and then an unknown one."""
    required, optional, extra = {}, {}, st.just({})
    for param in arguments_of(method):
        if param.kind is param.VAR_KEYWORD:
            assert method in KEYWORDS, (f"FrontDesk.{method} takes **{param.name}: add it to "
                                        "KEYWORDS")
            optional.update({key: ARGUMENTS[key] for key in KEYWORDS[method]})
            extra = st.one_of(extra, st.dictionaries(unknown_keyword, junk, max_size=1))
            continue
        assert param.name in ARGUMENTS, (f"FrontDesk.{method}: no strategy for its argument "
                                         f"'{param.name}': add one to ARGUMENTS")
        chosen = required if param.default is param.empty else optional
        chosen[param.name] = ARGUMENTS[param.name]
    return st.builds(lambda known, unknown: {**known, **unknown},
                     st.fixed_dictionaries(required, optional=optional), extra)


# -- the database ------------------------------------------------------------------------------

async def seed(desk: FrontDesk) -> None:
    """Two hotels with room types and rooms, guests, and stays in every status."""
    day = lambda n: TODAY + timedelta(days=n)  # noqa: E731
    seaside = await desk.add_hotel("Seaside", "Sochi", 4)
    hill = await desk.add_hotel("Hill House", "Kyoto", 3, currency="JPY")
    double = await desk.add_room(seaside.id, "Double", 12_000, 3)
    single = await desk.add_room(seaside.id, "Single", 8_000, 1)
    await desk.add_room(hill.id, "Tatami", 22_000, 2)
    anna = await desk.add_guest("Anna Ivanova", "+7 900 111-22-33", "anna@example.com")
    bob = await desk.add_guest("Bob Smith")
    await desk.add_guest("Zoë Ångström", email="zoe@example.se")
    past = desk.with_today(lambda: day(-5))
    left = await past.book(double.id, bob.id, day(-5), day(-2))
    await past.check_in(left.id)
    await desk.with_today(lambda: day(-2)).check_out(left.id)
    await desk.book(double.id, anna.id, day(1), day(3))
    staying = await desk.book(single.id, anna.id, day(0), day(2))
    await desk.check_in(staying.id)
    cancelled = await desk.book(double.id, bob.id, day(2), day(4))
    await desk.cancel(cancelled.id, "Plans changed")
    units = await desk.list_units(seaside.id)
    await desk.take_out_of_order(units[2].id, day(5), day(7), "Leaking tap")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Path:
    path = copy_database(migrated_template, tmp_path_factory.mktemp("fuzz") / "template.db")

    async def build() -> None:
        async with open_desk(path, today=lambda: TODAY) as desk:
            await seed(desk)

    asyncio.run(build())
    return path


@pytest.fixture(scope="module", autouse=True)
def report_calls(request: pytest.FixtureRequest):
    yield
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if CALLS and capture is not None:
        with capture.global_and_fixture_disabled():
            returned = sum(n for (_, outcome), n in CALLS.items() if outcome == "returned")
            print(f"\nfuzz: {sum(CALLS.values()):,} calls to {len({m for m, _ in CALLS})} "
                  f"public methods of FrontDesk: {returned:,} returned, the others refused")


# -- the test ----------------------------------------------------------------------------------

@pytest.mark.parametrize("method", METHODS)
def test_malformed_arguments_are_refused_with_a_sentence(method, template, db_path, snapshot):
    source, target = sqlite3.connect(template), sqlite3.connect(db_path)
    with target:
        source.backup(target)
    source.close()
    target.close()
    loop = asyncio.new_event_loop()
    opened = open_desk(db_path, today=lambda: TODAY)
    desk = loop.run_until_complete(opened.__aenter__())
    outcomes: Counter[str] = Counter()

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              phases=[Phase.generate, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    @given(kwargs=arguments(method))
    def call(kwargs: dict) -> None:
        before = snapshot()
        try:
            result = getattr(desk, method)(**kwargs)
            if inspect.isawaitable(result):
                loop.run_until_complete(result)
        except FrontDeskError as error:
            assert snapshot() == before, f"{method} refused ({error}) yet changed the database"
            message = str(error)
            # A sentence, short, with no SQL in it.
            assert message.endswith(".") and len(message) < 600, message
            assert "SELECT" not in message and "sqlite3" not in message, message
            outcomes[type(error).__name__] += 1
        else:
            outcomes["returned"] += 1

    try:
        call()
    finally:
        loop.run_until_complete(opened.__aexit__(None, None, None))
        loop.close()
    CALLS.update({(method, outcome): n for outcome, n in outcomes.items()})
    print(method, dict(outcomes))  # shown with -s, or when the test fails
    # A method without arguments is called once: hypothesis sees there is nothing to vary.
    assert sum(outcomes.values()) >= (EXAMPLES if arguments_of(method) else 1), outcomes
