"""initial schema: hotels, room types, guests, bookings

Revision ID: 0001
Revises:
Create Date: 2026-11-25 03:54:40.389482
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('guests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('phone_tail', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('email_key', sa.String(length=200), nullable=True),
    sa.Column('document', sa.String(length=60), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint('length(full_name) > 0', name=op.f('ck_guests_full_name_not_empty')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guests'))
    )
    with op.batch_alter_table('guests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guests_email_key'), ['email_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_guests_phone_tail'), ['phone_tail'], unique=False)

    op.create_table('guest_names',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('guest_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['guest_id'], ['guests.id'], name=op.f('fk_guest_names_guest_id_guests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', 'guest_id', name=op.f('pk_guest_names')),
    sqlite_with_rowid=False
    )
    op.create_table('hotels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('location_key', sa.String(length=200), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(name) > 0', name=op.f('ck_hotels_name_not_empty')),
    sa.CheckConstraint('stars BETWEEN 1 AND 5', name=op.f('ck_hotels_stars_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hotels'))
    )
    with op.batch_alter_table('hotels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hotels_location_key'), ['location_key'], unique=False)

    op.create_table('rooms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hotel_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('price', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.CheckConstraint('capacity >= 1', name=op.f('ck_rooms_capacity_positive')),
    sa.CheckConstraint('length(name) > 0', name=op.f('ck_rooms_name_not_empty')),
    sa.CheckConstraint('price >= 0', name=op.f('ck_rooms_price_not_negative')),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_rooms_quantity_positive')),
    sa.ForeignKeyConstraint(['hotel_id'], ['hotels.id'], name=op.f('fk_rooms_hotel_id_hotels'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rooms')),
    sa.UniqueConstraint('hotel_id', 'name', name='uq_rooms_hotel_id_name')
    )
    op.create_table('bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('guest_id', sa.Integer(), nullable=False),
    sa.Column('date_from', sa.Date(), nullable=False),
    sa.Column('date_to', sa.Date(), nullable=False),
    sa.Column('price', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show')", name=op.f('ck_bookings_status_known')),
    sa.CheckConstraint('date_to > date_from', name=op.f('ck_bookings_dates_ordered')),
    sa.CheckConstraint('price >= 0', name=op.f('ck_bookings_price_not_negative')),
    sa.ForeignKeyConstraint(['guest_id'], ['guests.id'], name=op.f('fk_bookings_guest_id_guests'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_bookings_room_id_rooms'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookings'))
    )
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.create_index('ix_bookings_date_from', ['date_from', 'room_id'], unique=False)
        batch_op.create_index('ix_bookings_guest', ['guest_id'], unique=False)
        batch_op.create_index('ix_bookings_room_stay', ['room_id', 'date_to', 'date_from'], unique=False)
        batch_op.create_index('ix_bookings_status_date_from', ['status', 'date_from', 'room_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_index('ix_bookings_status_date_from')
        batch_op.drop_index('ix_bookings_room_stay')
        batch_op.drop_index('ix_bookings_guest')
        batch_op.drop_index('ix_bookings_date_from')

    op.drop_table('bookings')
    op.drop_table('rooms')
    op.drop_table('guest_names')
    with op.batch_alter_table('hotels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hotels_location_key'))

    op.drop_table('hotels')
    with op.batch_alter_table('guests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guests_phone_tail'))
        batch_op.drop_index(batch_op.f('ix_guests_email_key'))

    op.drop_table('guests')
