"""A hotel has a currency (ISO 4217): stored, EUR unless given, refused when it is not a code,
editable (amounts keep what they read), and carried by its bookings. Prices go up to 10**12
minor units, enough for a night in dong or rupiah."""

from __future__ import annotations

import pytest
from unithelpers import refused

from frontdesk import dto
from frontdesk.domain import money
from frontdesk.errors import ValidationError


def test_a_hotel_is_in_euros_unless_told_otherwise(desk_run):
    async def scenario(desk):
        lac = await desk.add_hotel("Hôtel du Lac", "Annecy", 4)
        sakura = await desk.add_hotel("Ryokan Sakura", "Kyōto", 5, currency="jpy")
        return lac, sakura, await desk.get_hotel(sakura.id), await desk.list_hotels()

    lac, sakura, read, listed = desk_run(scenario)

    assert lac.currency == "EUR"
    assert sakura == dto.Hotel(sakura.id, "Ryokan Sakura", "Kyōto", 5, "JPY")
    assert read == sakura
    assert {h.name: h.currency for h in listed} == {"Hôtel du Lac": "EUR",
                                                   "Ryokan Sakura": "JPY"}


@pytest.mark.parametrize("code", ["EURO", "XYZ", "", "€", 978])
def test_a_hotel_with_a_bad_currency_code_is_refused_and_nothing_is_saved(desk_run, snapshot,
                                                                         code):
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3, currency="RUB")
        await refused(snapshot, ValidationError, "is not a currency code (three letters, "
                      "e.g. EUR).", desk.add_hotel("Aurora", "Omsk", 4, currency=code),
                      field="currency")
        await refused(snapshot, ValidationError, "is not a currency code",
                      desk.update_hotel(hotel.id, currency=code), field="currency")
        return await desk.get_hotel(hotel.id)

    assert desk_run(scenario).currency == "RUB"


def test_the_sql_schema_refuses_a_code_that_is_not_three_capitals(desk_run, db_path):
    import sqlite3

    desk_run(lambda desk: desk.add_hotel("Birch", "Kazan", 3))
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE hotels SET currency = 'euro'")
    finally:
        conn.close()


def test_bookings_carry_their_hotels_currency(desk_run, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Nhà Xanh", "Hội An", 3, currency="VND")
        room = await desk.add_room(hotel.id, "Double", 25_000_000, 2)
        guest = await desk.add_guest("Nguyễn Thị Lan")
        booked = await desk.book(room.id, guest.id, day(1), day(3))
        return (booked, await desk.get_booking(booked.id),
                await desk.list_bookings(hotel_id=hotel.id),
                await desk.arrivals(hotel.id, day(1)), await desk.hotel_summaries())

    booked, read, listed, arrivals, summaries = desk_run(scenario)

    assert booked.currency == read.currency == "VND"
    assert [b.currency for b in listed + arrivals] == ["VND", "VND"]
    assert read.total == 50_000_000  # ₫50,000,000: two nights, exactly
    assert summaries[0].currency == "VND"


def test_a_price_of_a_trillion_minor_units_is_the_limit(desk_run, snapshot):
    async def scenario(desk):
        hotel = await desk.add_hotel("Hotel Indonesia", "Jakarta", 5, currency="IDR")
        room = await desk.add_room(hotel.id, "Presidential suite", money.MAX_MINOR, 1)
        assert room.price == 10**12
        await refused(snapshot, ValidationError, "Price is too large",
                      desk.add_room(hotel.id, "Palace", money.MAX_MINOR + 1, 1), field="price")
        await refused(snapshot, ValidationError, "Price is too large",
                      desk.update_room(room.id, price=money.MAX_MINOR + 1), field="price")

    desk_run(scenario)


def test_changing_the_currency_keeps_every_amount_as_it_reads(desk_run, day):
    """A hotel of an older database became EUR; it is really in yen: ¥22,000.00 a night
    becomes ¥22,000 (not ¥2,200,000), and so do the stays already sold."""
    async def scenario(desk):
        hotel = await desk.add_hotel("Ryokan Sakura", "Kyōto", 5)
        room = await desk.add_room(hotel.id, "Washitsu", 2_200_000, 2)
        other = await desk.add_hotel("Birch", "Kazan", 3)
        kept = await desk.add_room(other.id, "Double", 12_050, 2)
        guest = await desk.add_guest("Yuki Tanaka")
        stay = await desk.book(room.id, guest.id, day(1), day(3), price=2_150_050)
        renamed = await desk.update_hotel(hotel.id, name="Ryokan Sakura Kyōto")
        changed = await desk.update_hotel(hotel.id, currency="JPY")
        back = await desk.get_room(room.id), await desk.get_booking(stay.id)
        to_eur = await desk.update_hotel(hotel.id, currency="USD")
        return (renamed, changed, back, await desk.get_room(kept.id), to_eur,
                await desk.get_room(room.id))

    renamed, changed, (room, stay), kept, to_usd, room_usd = desk_run(scenario)

    assert renamed.currency == "EUR"
    assert changed.currency == "JPY" and changed.name == "Ryokan Sakura Kyōto"
    assert room.price == 22_000
    assert (stay.price, stay.currency) == (21_501, "JPY")  # 21,500.50 rounded half up
    assert kept.price == 12_050  # another hotel's prices do not move
    assert to_usd.currency == "USD" and room_usd.price == 2_200_000


def test_a_currency_change_that_would_break_the_price_limit_is_refused(desk_run, snapshot):
    async def scenario(desk):
        hotel = await desk.add_hotel("Nhà Xanh", "Hội An", 3, currency="VND")
        await desk.add_room(hotel.id, "Villa", 10**11, 2)  # ₫100,000,000,000
        await refused(snapshot, ValidationError, "In EUR, a price is too large",
                      desk.update_hotel(hotel.id, currency="EUR"), field="currency")
        return await desk.get_hotel(hotel.id)

    assert desk_run(scenario).currency == "VND"
