"""The demo database (frontdesk --demo) as a receptionist sees it: each hotel in its own
currency, and no guest in two places at once."""

from __future__ import annotations

import sqlite3

from frontdesk import demo


def test_demo_never_has_one_guest_in_two_places_at_once(desk_run, db_path):
    made = desk_run(demo.fill)
    assert made > 100

    conn = sqlite3.connect(db_path)
    try:
        # Two active stays of one guest that share a night, over the whole database.
        clashes = conn.execute(
            "SELECT g.full_name, a.id, b.id FROM bookings a "
            "JOIN bookings b ON b.guest_id = a.guest_id AND b.id > a.id "
            "AND b.date_from < a.date_to AND a.date_from < b.date_to "
            "JOIN guests g ON g.id = a.guest_id "
            "WHERE a.status IN ('confirmed', 'checked_in', 'checked_out') "
            "AND b.status IN ('confirmed', 'checked_in', 'checked_out')").fetchall()
        in_house = conn.execute(
            "SELECT guest_id, count(*) FROM bookings WHERE status = 'checked_in' "
            "GROUP BY guest_id HAVING count(*) > 1").fetchall()
        guests_with_stays = conn.execute(
            "SELECT count(DISTINCT guest_id) FROM bookings").fetchone()[0]
    finally:
        conn.close()
    assert clashes == []
    assert in_house == []
    assert guests_with_stays > 30  # the stays are spread over many guests, not a few


def test_demo_hotels_have_their_real_currency_and_prices(desk_run):
    async def hotels(desk):
        await demo.fill(desk)
        return {h.name: (h.currency, [r.price for r in await desk.list_rooms(h.id)])
                for h in await desk.list_hotels()}

    found = desk_run(hotels)

    assert found["Hôtel du Lac"][0] == "EUR"
    assert found["Strandhotel Möwe"][0] == "EUR"
    # Yen have no decimals: a tatami room is ¥38,000 a night, not ¥380.
    assert found["Ryokan Sakura"][0] == "JPY"
    assert sorted(found["Ryokan Sakura"][1]) == [38_000, 46_000, 85_000]
    assert found["Posada Ñandú"][0] == "ARS"
    assert min(found["Posada Ñandú"][1]) == 9_500_000  # ARS 95,000.00
