"""Search as a receptionist types it (issue items 11 and 12): letters typed without their
accents or special forms (ı, ł, ø, æ, ß ...) find the guest and the hotel; the start of a phone
number and an e-mail domain find the guest; a booking number finds its booking whatever the
date filter; guests who look like the same person are found before one is added twice."""

from __future__ import annotations

import pytest

from frontdesk.db.models import email_domain_key, name_keys, search_key


@pytest.mark.parametrize(("text", "key"), [
    ("Yılmaz", "yilmaz"),
    ("YILMAZ", "yilmaz"),
    ("İstanbul", "istanbul"),
    ("Łódź", "lodz"),
    ("Søren Ærø", "soren aero"),
    ("Œuvre", "oeuvre"),
    ("Straße", "strasse"),
    ("Đorđević", "dordevic"),
    ("Þór Guðmundsson", "thor gudmundsson"),
    ("Ħamrun", "hamrun"),
    ("Müller", "muller"),
    ("Москва", "москва"),
    ("anne@Example.FR", "anne@example.fr"),
])
def test_one_folding_for_every_key(text, key):
    assert search_key(text) == key


def test_name_rotations_and_email_domain_use_the_same_folding():
    assert name_keys("Lars Yılmaz") == {"lars yilmaz", "yilmaz lars"}
    assert email_domain_key("Anne@Bücher.Example.FR") == "bucher.example.fr"
    assert email_domain_key("no-at-sign") is None
    assert email_domain_key(None) is None


GUESTS = [
    ("Lars Yılmaz", "+81 90 1234 5678", "lars@example.jp"),
    ("Łucja Wiśniewska", "+48 601 234 567", "lucja.w@example.pl"),
    ("Søren Kierkegaard", "+45 20 11 22 33", "sk@example.dk"),
    ("Anne Dubois", "+33 4 50 12 34 56", "anne@example.fr"),
    ("Anna Example", None, "anna@mail.example.com"),
    ("Þór Guðmundsson", None, None),
]


@pytest.mark.parametrize(("typed", "found"), [
    ("yilmaz", ["Lars Yılmaz"]),  # the tester's case: dotless ı typed as i
    ("YILMAZ", ["Lars Yılmaz"]),
    ("Yılmaz", ["Lars Yılmaz"]),  # and typed with it, still found
    ("lucja wis", ["Łucja Wiśniewska"]),
    ("soren", ["Søren Kierkegaard"]),
    ("thor", ["Þór Guðmundsson"]),
    ("gudm", ["Þór Guðmundsson"]),
    ("+81 90 1234", ["Lars Yılmaz"]),  # the start of a number, as typed
    ("+81901234", ["Lars Yılmaz"]),
    ("81 90", ["Lars Yılmaz"]),
    ("5678", ["Lars Yılmaz"]),  # the last digits still work
    ("1234 5678", ["Lars Yılmaz"]),
    ("+48 601", ["Łucja Wiśniewska"]),
    ("example.fr", ["Anne Dubois"]),  # an e-mail domain
    ("EXAMPLE.FR", ["Anne Dubois"]),
    ("@example.d", ["Søren Kierkegaard"]),
    ("mail.example.com", ["Anna Example"]),
    ("anne@example.fr", ["Anne Dubois"]),  # the whole address, as before
    ("exam", ["Anna Example"]),  # a plain word is a name, not every guest at example.*
    ("90 1234 9", []),
])
def test_find_guests_by_folded_name_phone_start_or_email_domain(desk_run, typed, found):
    async def scenario(desk):
        for name, phone, email in GUESTS:
            await desk.add_guest(name, phone, email)
        return [g.full_name for g in await desk.find_guests(typed)]

    assert desk_run(scenario) == found


def test_find_hotels_by_location_typed_without_special_letters(desk_run):
    async def scenario(desk):
        await desk.add_hotel("Manufaktura", "Łódź, Polska", 4)
        await desk.add_hotel("Pera", "İstanbul, Türkiye", 5)
        await desk.add_hotel("Nyhavn", "København, Danmark", 3)
        return ([h.name for h in await desk.find_hotels("lodz")],
                [h.name for h in await desk.find_hotels("istanbul")],
                [h.name for h in await desk.find_hotels("kobenhavn")],
                [h.name for h in await desk.find_hotels("turkiye")])

    assert desk_run(scenario) == (["Manufaktura"], ["Pera"], ["Nyhavn"], ["Pera"])


# -- a booking number finds its booking whatever the dates ------------------------------------


def test_a_booking_number_finds_its_booking_outside_the_date_filter(desk_run, clock, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        room = await desk.add_room(hotel.id, "Double", 12_000, 3)
        anna = await desk.add_guest("Anna Ivanova")
        later = await desk.book(room.id, anna.id, day(60), day(62))
        soon = await desk.book(room.id, anna.id, day(1), day(2))
        window = {"date_from": day(0), "date_to": day(7)}
        by_number = [b.id for b in await desk.list_bookings(text=str(later.id), **window)]
        with_hash = [b.id for b in await desk.list_bookings(text=f"#{later.id}", **window)]
        counted = await desk.count_bookings(text=str(later.id), **window)
        # A name stays bound to the dates: only the stay inside the window.
        by_name = [b.id for b in await desk.list_bookings(text="ivanova", **window)]
        # Other filters still apply to the number.
        other_status = await desk.list_bookings(text=str(later.id), status="cancelled",
                                                **window)
        huge = await desk.list_bookings(text="9" * 25, **window)
        return (later.id, soon.id, by_number, with_hash, counted, by_name, other_status, huge)

    later, soon, by_number, with_hash, counted, by_name, other_status, huge = desk_run(scenario)
    assert by_number == [later]
    assert with_hash == [later]
    assert counted == 1
    assert by_name == [soon]
    assert other_status == []
    assert huge == []


# -- guests who look like the same person ------------------------------------------------------


def test_similar_guests_same_name_and_phone_or_email(desk_run):
    async def scenario(desk):
        lars = await desk.add_guest("Lars Yılmaz", "+81 90 1234 5678", "Lars@Example.jp")
        await desk.add_guest("Lars Yılmaz", "+81 90 9999 0000", "other@example.jp")
        await desk.add_guest("Lara Yılmaz", "+81 90 1234 5678", "lars@example.jp")

        async def ids(*args, **kwargs):
            return [g.id for g in await desk.similar_guests(*args, **kwargs)]

        return lars.id, {
            "same phone": await ids("Lars Yılmaz", phone="+81 90 1234 5678"),
            "folded name, phone as dialled at home": await ids("  lars   YILMAZ ",
                                                               phone="090-1234-5678"),
            "same e-mail, other case": await ids("Lars Yilmaz", email=" lars@EXAMPLE.jp "),
            "words turned round": await ids("Yilmaz Lars", phone="+81 90 1234 5678"),
            "name only": await ids("Lars Yılmaz"),
            "other phone": await ids("Lars Yılmaz", phone="+81 90 5555 1111"),
            "other name": await ids("Lars Yilmazer", phone="+81 90 1234 5678"),
            "empty name": await ids("", phone="+81 90 1234 5678"),
        }

    lars, found = desk_run(scenario)
    assert found == {
        "same phone": [lars],
        "folded name, phone as dialled at home": [lars],
        "same e-mail, other case": [lars],
        "words turned round": [lars],
        "name only": [],
        "other phone": [],
        "other name": [],
        "empty name": [],
    }


def test_add_guest_still_adds_a_namesake_with_the_same_phone(desk_run):
    """Scripts may add namesakes: asking is the window's job (similar_guests)."""
    async def scenario(desk):
        first = await desk.add_guest("Lars Yılmaz", "+81 90 1234 5678")
        second = await desk.add_guest("Lars Yılmaz", "+81 90 1234 5678")
        return first.id != second.id, len(await desk.find_guests("yilmaz"))

    assert desk_run(scenario) == (True, 2)
