"""A database of revision 0005, its search keys folded the way frontdesk folded them then (case
and accents only), opened by the app: revision 0006 refolds the stored keys (guest names and
their rotations, e-mail addresses, hotel locations), fills the new phone-start and e-mail-domain
keys, and writes their planner statistics. The old searches and the new ones then work on the
old rows. Downgrading puts the old keys back, so an older frontdesk finds its guests again."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date
from pathlib import Path

from dbhelpers import alembic_cli, query

from frontdesk import open_desk

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2030, 6, 10)

# (id, full name, name_key and rotations as frontdesk stored them before 0006, phone, e-mail)
GUESTS = [
    (1, "Lars Yılmaz", ["lars yılmaz", "yılmaz lars"], "+81 90 1234 5678", "Lars@Example.jp"),
    (2, "Łucja Wiśniewska", ["łucja wisniewska", "wisniewska łucja"], "+48 601 234 567",
     "lucja.w@example.pl"),
    (3, "Anne Dubois", ["anne dubois", "dubois anne"], "+33 4 50 12 34 56", "anne@example.fr"),
    (4, "Søren Ærø", ["søren ærø", "ærø søren"], None, None),
]
HOTELS = [(1, "Manufaktura", "Łódź, Polska", "łodz, polska", 4),
          (2, "Birch", "Kazan", "kazan", 3)]
NEW_STATISTICS = {("guests", "ix_guests_phone_key"), ("guests", "ix_guests_email_domain")}
GUEST_STATISTICS = {("guests", "ix_guests_email_key"), ("guests", "ix_guests_phone_tail")}






def fill_revision_0005(path: Path) -> None:
    """Rows with their keys as frontdesk wrote them before revision 0006, with plain sqlite3."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO hotels (id, name, location, location_key, stars) "
                         "VALUES (?, ?, ?, ?, ?)", HOTELS)
        for ident, name, keys, phone, email in GUESTS:
            tail = "".join(ch for ch in phone if ch.isdigit())[::-1] if phone else None
            conn.execute("INSERT INTO guests (id, full_name, name_key, phone, phone_tail, email, "
                         "email_key, notes) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
                         (ident, name, keys[0], phone, tail, email,
                          email.lower() if email else None))
            conn.executemany("INSERT INTO guest_names (key, guest_id) VALUES (?, ?)",
                             [(key, ident) for key in keys])
    conn.close()


def keys(path: Path) -> dict[str, list[tuple]]:
    return {
        "guests": query(path, "SELECT id, name_key, email_key FROM guests ORDER BY id"),
        "guest_names": query(path, "SELECT guest_id, key FROM guest_names ORDER BY guest_id, key"),
        "hotels": query(path, "SELECT id, location_key FROM hotels ORDER BY id"),
    }


def statistics(path: Path) -> set[tuple[str, str]]:
    return {(t, i) for t, i in query(path, "SELECT tbl, idx FROM sqlite_stat1")}


def test_a_revision_0005_database_gets_its_search_keys_refolded(tmp_path):
    path = tmp_path / "hotel.db"
    alembic_cli(path, "upgrade", "0005")
    fill_revision_0005(path)
    before = keys(path)

    async def searches(desk):
        async def names(text):
            return [g.full_name for g in await desk.find_guests(text)]

        return {
            "yilmaz": await names("yilmaz"),
            "lucja": await names("lucja"),
            "aero": await names("aero"),
            "+81 90 1234": await names("+81 90 1234"),
            "5678": await names("5678"),
            "example.fr": await names("example.fr"),
            "lars@": await names("lars@"),
            "lodz": [h.name for h in await desk.find_hotels("lodz")],
            "same person": [g.id for g in await desk.similar_guests(
                "lars yilmaz", phone="090 1234 5678")],
        }

    async def main():
        async with open_desk(path, today=lambda: TODAY) as desk:
            return desk.migration, await searches(desk)

    report, found = asyncio.run(main())
    assert report.before == "0005" and report.backup is not None
    assert found == {
        "yilmaz": ["Lars Yılmaz"], "lucja": ["Łucja Wiśniewska"], "aero": ["Søren Ærø"],
        "+81 90 1234": ["Lars Yılmaz"], "5678": ["Lars Yılmaz"], "example.fr": ["Anne Dubois"],
        "lars@": ["Lars Yılmaz"], "lodz": ["Manufaktura"], "same person": [1],
    }
    refolded = keys(path)
    assert refolded == {
        "guests": [(1, "lars yilmaz", "lars@example.jp"),
                   (2, "lucja wisniewska", "lucja.w@example.pl"),
                   (3, "anne dubois", "anne@example.fr"), (4, "soren aero", None)],
        "guest_names": [(1, "lars yilmaz"), (1, "yilmaz lars"), (2, "lucja wisniewska"),
                        (2, "wisniewska lucja"), (3, "anne dubois"), (3, "dubois anne"),
                        (4, "aero soren"), (4, "soren aero")],
        "hotels": [(1, "lodz, polska"), (2, "kazan")],
    }
    assert query(path, "SELECT id, phone_key, email_domain FROM guests ORDER BY id") == [
        (1, "819012345678", "example.jp"), (2, "48601234567", "example.pl"),
        (3, "33450123456", "example.fr"), (4, None, None)]
    assert NEW_STATISTICS | GUEST_STATISTICS <= statistics(path)

    # Down again: the columns go, the keys are folded the old way, the statistics stay right.
    alembic_cli(path, "downgrade", "0005")
    assert keys(path) == before
    assert "phone_key" not in [row[1] for row in query(path, "PRAGMA table_info(guests)")]
    assert GUEST_STATISTICS <= statistics(path)
    assert not NEW_STATISTICS & statistics(path)

    # And up once more, to the same keys.
    alembic_cli(path, "upgrade", "head")
    assert keys(path) == refolded
    assert NEW_STATISTICS | GUEST_STATISTICS <= statistics(path)
