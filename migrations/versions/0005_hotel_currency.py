"""a currency per hotel (ISO 4217)

Every hotel gets `currency`, three capital letters; the hotels of an older database get 'EUR'
(their prices were shown with the desk's locale, and frontdesk's API documented no other).
Prices keep their values: they are minor units of the hotel's currency from now on. SQLite
rebuilds the hotels table to add the CHECK constraint, which drops the planner statistics of
its location index (revision 0003): they are written again, both ways.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 06:30:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATISTICS = [("hotels", "ix_hotels_location_key", "1000 20")]  # as revision 0003 wrote it


def upgrade() -> None:
    with op.batch_alter_table('hotels', schema=None) as batch_op:
        batch_op.add_column(sa.Column('currency', sa.String(length=3), nullable=False,
                                      server_default='EUR'))
        batch_op.create_check_constraint(
            op.f('ck_hotels_currency_code'),
            "length(currency) = 3 AND currency = upper(currency)")
    _write_statistics()


def downgrade() -> None:
    with op.batch_alter_table('hotels', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_hotels_currency_code'), type_='check')
        batch_op.drop_column('currency')
    _write_statistics()


def _write_statistics() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    names = ", ".join(f"'{index}'" for _, index, _ in STATISTICS)
    op.execute("ANALYZE sqlite_schema")  # creates sqlite_stat1 when the file has none
    op.execute(f"DELETE FROM sqlite_stat1 WHERE idx IN ({names})")
    stat = sa.table("sqlite_stat1", sa.column("tbl"), sa.column("idx"), sa.column("stat"))
    op.bulk_insert(stat, [{"tbl": t, "idx": i, "stat": s} for t, i, s in STATISTICS])
    op.execute("ANALYZE sqlite_schema")
