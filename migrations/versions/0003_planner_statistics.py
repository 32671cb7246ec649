"""representative query-planner statistics for SQLite

A new database has no statistics, and without them SQLite's planner prefers the (status,
date_from) index for availability and day lists: on a million bookings rooms_left took 1.3 s
instead of 1.6 ms. These rows describe the shape of a hotel chain's data (many bookings per
status, few per room type); the planner needs the proportions, not the exact counts. A later
ANALYZE replaces them with measured ones, which plan the same way.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 04:25:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, index, "rows  rows-per-distinct-value of each leading column set")
STATISTICS = [
    ("bookings", "ix_bookings_room_stay", "1000000 50 2 1"),
    ("bookings", "ix_bookings_date_from", "1000000 700 1"),
    ("bookings", "ix_bookings_status_date_from", "1000000 200000 300 1"),
    ("bookings", "ix_bookings_guest", "1000000 5"),
    ("rooms", "sqlite_autoindex_rooms_1", "20000 20 1"),
    ("hotels", "ix_hotels_location_key", "1000 20"),
    ("guests", "ix_guests_email_key", "200000 1"),
    ("guests", "ix_guests_phone_tail", "200000 1"),
    ("guest_names", "guest_names", "400000 100 1"),
]


def _ours() -> str:
    return ", ".join(f"'{index}'" for _, index, _ in STATISTICS)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("ANALYZE sqlite_schema")  # creates sqlite_stat1 when the file has none
    op.execute(f"DELETE FROM sqlite_stat1 WHERE idx IN ({_ours()})")
    stat = sa.table("sqlite_stat1", sa.column("tbl"), sa.column("idx"), sa.column("stat"))
    op.bulk_insert(stat, [{"tbl": t, "idx": i, "stat": s} for t, i, s in STATISTICS])
    op.execute("ANALYZE sqlite_schema")  # makes the planner read them now


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"DELETE FROM sqlite_stat1 WHERE idx IN ({_ours()})")
    op.execute("ANALYZE sqlite_schema")
