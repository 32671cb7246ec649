"""guest search keys: folded letters, phone start, e-mail domain

Two new keys, each with an index: `guests.phone_key` (the phone's digits in order, so a search
for the start of a number is a prefix range) and `guests.email_domain` (the folded part after
'@', so "example.fr" is a prefix range too). The search keys already stored (`guests.name_key`,
`guests.email_key`, the name rotations in `guest_names`, `hotels.location_key`) are recomputed
with `search_key`, which now also folds letters that are not an accent on a base letter
(ı -> i, ł -> l, ø -> o, æ -> ae, ...). Only rows whose key changes are written, a batch of
guests at a time; the new columns are filled before their indexes are built.

The upgrade folds with the application's own `search_key`: the one folding function, so what is
stored is what a search computes. The downgrade folds the way frontdesk did before this revision
(`_folded_before_0006`), so an older frontdesk finds what it stored. Dropping the columns makes
SQLite rebuild the guests table, which drops its indexes' planner statistics: they are written
again, as revision 0003 wrote them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 06:30:00
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence

import sqlalchemy as sa
from alembic import op

from frontdesk.db.models import email_domain_key, name_keys, phone_digits, search_key

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 20_000

NEW_STATISTICS = [
    ("guests", "ix_guests_phone_key", "200000 1"),
    ("guests", "ix_guests_email_domain", "200000 100"),
]
GUESTS_STATISTICS = [  # as revision 0003 wrote them
    ("guests", "ix_guests_email_key", "200000 1"),
    ("guests", "ix_guests_phone_tail", "200000 1"),
]

Fold = Callable[[str | None], str | None]
Rotations = Callable[[str], set[str]]


def _folded_before_0006(text: str | None) -> str | None:
    """`search_key` as it was before this revision: case and accents only."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _rotations(folded: str) -> set[str]:
    """The rotations of a folded name, as `frontdesk.db.models.name_keys` makes them."""
    words = folded.split()
    return {" ".join(words[i:] + words[:i])[:200] for i in range(len(words))}


def _rotations_before_0006(full_name: str) -> set[str]:
    """`frontdesk.db.models.name_keys` as it was before this revision."""
    return _rotations(_folded_before_0006(full_name) or "")


def upgrade() -> None:
    with op.batch_alter_table('guests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone_key', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('email_domain', sa.String(length=200), nullable=True))
    _refold(search_key, name_keys, new_keys=True)
    with op.batch_alter_table('guests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guests_phone_key'), ['phone_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_guests_email_domain'), ['email_domain'],
                              unique=False)
    _write_statistics(NEW_STATISTICS)


def downgrade() -> None:
    _refold(_folded_before_0006, _rotations_before_0006, new_keys=False)
    with op.batch_alter_table('guests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guests_email_domain'))
        batch_op.drop_index(batch_op.f('ix_guests_phone_key'))
        batch_op.drop_column('email_domain')
        batch_op.drop_column('phone_key')
    _write_statistics(GUESTS_STATISTICS, gone=NEW_STATISTICS)


def _refold(fold: Fold, rotations: Rotations, *, new_keys: bool) -> None:
    """Store the keys of every guest and hotel as `fold` and `rotations` make them; with
    `new_keys`, fill phone_key and email_domain too."""
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(sa.text(
            "SELECT id, full_name, name_key, phone, email, email_key FROM guests "
            "WHERE id > :last ORDER BY id LIMIT :batch"), {"last": last, "batch": BATCH}).all()
        if not rows:
            break
        last = rows[-1][0]
        changed, renamed = [], []
        for ident, full_name, name_key, phone, email, email_key in rows:
            values = {"id": ident, "name_key": fold(full_name) or "", "email_key": fold(email)}
            if new_keys:
                values.update(phone_key=phone_digits(phone), email_domain=email_domain_key(email))
            if new_keys or (values["name_key"], values["email_key"]) != (name_key, email_key):
                changed.append(values)
            if values["name_key"] != name_key:  # its rotations change with it
                renamed.append((ident, name_key, full_name))
        if changed:
            extra = ", phone_key = :phone_key, email_domain = :email_domain" if new_keys else ""
            bind.execute(sa.text(f"UPDATE guests SET name_key = :name_key, "
                                 f"email_key = :email_key{extra} WHERE id = :id"), changed)
        _rename(bind, rotations, renamed)
    hotels = bind.execute(sa.text("SELECT id, location, location_key FROM hotels")).all()
    moved = [{"id": ident, "key": fold(location) or ""} for ident, location, key in hotels
             if (fold(location) or "") != key]
    if moved:
        bind.execute(sa.text("UPDATE hotels SET location_key = :key WHERE id = :id"), moved)


def _rename(bind: sa.Connection, rotations: Rotations,
            guests: Iterable[tuple[int, str, str]]) -> None:
    """New name rotations (the guest search index) for these guests, given as (id, the
    name_key stored so far, full name). The old rotations are deleted through the primary key
    (key, guest_id): by guest_id alone, each delete would read the whole table."""
    guests = list(guests)
    if not guests:
        return
    bind.execute(sa.text("DELETE FROM guest_names WHERE key = :key AND guest_id = :id"),
                 [{"key": key, "id": ident} for ident, name_key, _ in guests
                  for key in _rotations(name_key)])
    rows = [{"key": key, "guest_id": ident} for ident, _, name in guests
            for key in rotations(name)]
    if rows:
        bind.execute(sa.text("INSERT INTO guest_names (key, guest_id) VALUES (:key, :guest_id)"),
                     rows)


def _write_statistics(rows: list[tuple[str, str, str]],
                      gone: Sequence[tuple[str, str, str]] = ()) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    names = ", ".join(f"'{index}'" for _, index, _ in [*rows, *gone])
    op.execute("ANALYZE sqlite_schema")  # creates sqlite_stat1 when the file has none
    op.execute(f"DELETE FROM sqlite_stat1 WHERE idx IN ({names})")
    stat = sa.table("sqlite_stat1", sa.column("tbl"), sa.column("idx"), sa.column("stat"))
    op.bulk_insert(stat, [{"tbl": t, "idx": i, "stat": s} for t, i, s in rows])
    op.execute("ANALYZE sqlite_schema")
