"""physical rooms, out-of-order ranges, room assignment

Each room type gets `quantity` physical rooms, numbered per hotel floor by floor (101, 102, ...,
120, 201, ...) in the order of the room types. Guests checked in at the time of the upgrade get
one room each (in booking order), so that no later check-in is given a room that is in use and
their check-out marks a room dirty; every other booking stays sold by type (unit_id NULL). SQLite rebuilds the bookings table to add
the foreign key, which drops its indexes' planner statistics (revision 0003): they are written
again, both ways.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 04:26:33.592257
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('room_units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hotel_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=10), nullable=False),
    sa.Column('floor', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.CheckConstraint("status IN ('clean', 'dirty', 'inspected')", name=op.f('ck_room_units_status_known')),
    sa.CheckConstraint('length(number) > 0', name=op.f('ck_room_units_number_not_empty')),
    sa.ForeignKeyConstraint(['hotel_id'], ['hotels.id'], name=op.f('fk_room_units_hotel_id_hotels'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_room_units_room_id_rooms'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_units')),
    sa.UniqueConstraint('hotel_id', 'number', name='uq_room_units_hotel_id_number')
    )
    with op.batch_alter_table('room_units', schema=None) as batch_op:
        batch_op.create_index('ix_room_units_room', ['room_id'], unique=False)

    op.create_table('room_blocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('date_from', sa.Date(), nullable=False),
    sa.Column('date_to', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.CheckConstraint('date_to > date_from', name=op.f('ck_room_blocks_dates_ordered')),
    sa.ForeignKeyConstraint(['unit_id'], ['room_units.id'], name=op.f('fk_room_blocks_unit_id_room_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_blocks'))
    )
    with op.batch_alter_table('room_blocks', schema=None) as batch_op:
        batch_op.create_index('ix_room_blocks_unit_stay', ['unit_id', 'date_to', 'date_from'], unique=False)

    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_bookings_unit_stay', ['unit_id', 'date_to', 'date_from'],
                              unique=False, sqlite_where=sa.text('unit_id IS NOT NULL'),
                              postgresql_where=sa.text('unit_id IS NOT NULL'))
        batch_op.create_foreign_key(batch_op.f('fk_bookings_unit_id_room_units'), 'room_units',
                                    ['unit_id'], ['id'], ondelete='RESTRICT')
    _number_rooms()
    _write_statistics()


ROOMS_PER_FLOOR = 20


def _number_rooms() -> None:
    bind = op.get_bind()
    types = bind.execute(sa.text("SELECT id, hotel_id, quantity FROM rooms ORDER BY hotel_id, id"))
    units = sa.table('room_units', sa.column('hotel_id'), sa.column('room_id'),
                     sa.column('number'), sa.column('floor'), sa.column('notes'),
                     sa.column('status'))
    rows, hotel, index = [], None, 0
    for room_id, hotel_id, quantity in types:
        if hotel_id != hotel:
            hotel, index = hotel_id, 0
        for _ in range(quantity):
            floor = index // ROOMS_PER_FLOOR + 1
            rows.append({"hotel_id": hotel_id, "room_id": room_id,
                         "number": f"{floor}{index % ROOMS_PER_FLOOR + 1:02d}", "floor": floor,
                         "notes": "", "status": "clean"})
            index += 1
    if rows:
        op.bulk_insert(units, rows)
    _room_guests_in_house()


def _room_guests_in_house() -> None:
    bind = op.get_bind()
    rooms: dict[int, list[int]] = {}
    for unit_id, room_id in bind.execute(sa.text(
            "SELECT id, room_id FROM room_units ORDER BY room_id, id")):
        rooms.setdefault(room_id, []).append(unit_id)
    guests = bind.execute(sa.text(
        "SELECT id, room_id FROM bookings WHERE status = 'checked_in' ORDER BY room_id, id"))
    taken: dict[int, int] = {}
    for booking_id, room_id in guests.all():
        free = rooms.get(room_id, [])
        n = taken.get(room_id, 0)
        if n < len(free):  # never more guests in house than rooms, unless the data was wrong
            bind.execute(sa.text("UPDATE bookings SET unit_id = :unit WHERE id = :id"),
                         {"unit": free[n], "id": booking_id})
            taken[room_id] = n + 1


BOOKINGS_STATISTICS = [  # as revision 0003 wrote them
    ("bookings", "ix_bookings_room_stay", "1000000 50 2 1"),
    ("bookings", "ix_bookings_date_from", "1000000 700 1"),
    ("bookings", "ix_bookings_status_date_from", "1000000 200000 300 1"),
    ("bookings", "ix_bookings_guest", "1000000 5"),
]
STATISTICS = BOOKINGS_STATISTICS + [
    ("room_units", "uq_room_units_hotel_id_number", "110000 110 1"),
    ("room_units", "ix_room_units_room", "110000 6"),
    ("room_blocks", "ix_room_blocks_unit_stay", "1000 2 1 1"),
    ("bookings", "ix_bookings_unit_stay", "200000 20 1 1"),
]


def _write_statistics(rows: list[tuple[str, str, str]] = STATISTICS) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    names = ", ".join(f"'{index}'" for _, index, _ in rows)
    op.execute("ANALYZE sqlite_schema")  # creates sqlite_stat1 when the file has none
    op.execute(f"DELETE FROM sqlite_stat1 WHERE idx IN ({names})")
    stat = sa.table("sqlite_stat1", sa.column("tbl"), sa.column("idx"), sa.column("stat"))
    op.bulk_insert(stat, [{"tbl": t, "idx": i, "stat": s} for t, i, s in rows])
    op.execute("ANALYZE sqlite_schema")


def downgrade() -> None:
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_bookings_unit_id_room_units'), type_='foreignkey')
        batch_op.drop_index('ix_bookings_unit_stay', sqlite_where=sa.text('unit_id IS NOT NULL'), postgresql_where=sa.text('unit_id IS NOT NULL'))
        batch_op.drop_column('unit_id')

    with op.batch_alter_table('room_blocks', schema=None) as batch_op:
        batch_op.drop_index('ix_room_blocks_unit_stay')

    op.drop_table('room_blocks')
    with op.batch_alter_table('room_units', schema=None) as batch_op:
        batch_op.drop_index('ix_room_units_room')

    op.drop_table('room_units')
    _write_statistics(BOOKINGS_STATISTICS)
