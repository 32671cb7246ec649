"""undo of check-in and check-out: planned departure and reasons kept

`bookings.planned_date_to` keeps the departure a stay was booked with when an early check-out
moved its departure to the check-out day, so that undoing the check-out gives those nights back.
`stay_history` keeps every undone check-in or check-out with the reason given. Adding a column
does not rebuild the bookings table, so its planner statistics (revision 0003) stay; the new
table has no index (a handful of rows, read by booking only in the history call). Both ways
leave the bookings table unrebuilt, so its indexes keep their statistics.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 06:30:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('planned_date_to', sa.Date(), nullable=True))
    op.create_table('stay_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.CheckConstraint("action IN ('undo_check_in', 'undo_check_out')", name=op.f('ck_stay_history_action_known')),
    sa.CheckConstraint('length(reason) > 0', name=op.f('ck_stay_history_reason_not_empty')),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], name=op.f('fk_stay_history_booking_id_bookings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stay_history'))
    )


def downgrade() -> None:
    op.drop_table('stay_history')
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops the column in place (3.35+); a batch rebuild would lose the planner
        # statistics of the bookings indexes.
        op.execute("ALTER TABLE bookings DROP COLUMN planned_date_to")
    else:
        op.drop_column('bookings', 'planned_date_to')
