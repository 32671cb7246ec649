"""Issue item 15 (dates): one unambiguous way to write a date in every sentence."""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.dates import day_text
from frontdesk.errors import NotAvailable, RoomTaken


@pytest.mark.parametrize(("day", "text"), [
    (date(2026, 12, 2), "Wed 2 Dec 2026"),
    (date(2026, 2, 12), "Thu 12 Feb 2026"),
    (date(2027, 1, 1), "Fri 1 Jan 2027"),
    (date(2028, 2, 29), "Tue 29 Feb 2028"),
    (date(2026, 5, 31), "Sun 31 May 2026"),
])
def test_a_date_reads_weekday_day_month_name_year(day, text):
    assert day_text(day) == text


def test_refusals_name_the_night_unambiguously():
    night = date(2026, 12, 2)
    assert "on the night of Wed 2 Dec 2026." in str(NotAvailable("Double", night))
    assert "on the night of Wed 2 Dec 2026." in str(RoomTaken("101", night))


def test_check_in_refusal_names_the_stay_dates_unambiguously(desk_run, clock, day):
    from frontdesk.errors import StatusNotAllowed

    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        room = await desk.add_room(hotel.id, "Double", 12_000, 2)
        guest = await desk.add_guest("Anna Ivanova")
        booked = await desk.book(room.id, guest.id, day(1), day(4))
        with pytest.raises(StatusNotAllowed) as refused:
            await desk.check_in(booked.id)
        assert (f"arrives on {day_text(day(1))}: a guest can check in only during the stay, "
                f"and today is {day_text(day(0))}") in str(refused.value)
        with pytest.raises(StatusNotAllowed) as refused:
            await desk.mark_no_show(booked.id)
        assert f"arrives on {day_text(day(1))}; it cannot be a no-show" in str(refused.value)

    desk_run(scenario)
