"""The SQLite connection rules of a database opened by the app: pragmas on every connection, and
write transactions that take the write lock when they begin."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError

from frontdesk.db.sqlite import WRITE


def test_pragmas_on_every_connection(desk_run):
    async def scenario(desk):
        found = []
        # Two connections open at once: the pool cannot hand back the same one.
        async with desk.engine.connect() as first, desk.engine.connect() as second:
            for conn in (first, second):
                values = {}
                for pragma in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout"):
                    values[pragma] = (await conn.exec_driver_sql(f"PRAGMA {pragma}")).scalar()
                found.append(values)
        return found

    for values in desk_run(scenario):
        assert values["journal_mode"] == "wal"
        assert values["foreign_keys"] == 1
        assert values["synchronous"] == 2  # FULL
        assert values["busy_timeout"] > 0


def test_foreign_keys_are_enforced(desk_run):
    async def scenario(desk):
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):
            async with desk.engine.begin() as conn:
                await conn.exec_driver_sql(
                    "INSERT INTO rooms (hotel_id, name, description, price, quantity, capacity) "
                    "VALUES (12345, 'Ghost', '', 100, 1, 1)")

    desk_run(scenario)


def other_writer_is_locked_out(db_path) -> bool:
    """True when another connection cannot take the write lock right now (no waiting)."""
    conn = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        assert "database is locked" in str(exc)
        return True
    else:
        conn.execute("ROLLBACK")
        return False
    finally:
        conn.close()


def test_a_write_session_holds_the_write_lock_from_its_begin(desk_run, db_path):
    async def scenario(desk):
        async with desk.engine.execution_options(**WRITE).begin() as conn:
            locked_before_any_statement = other_writer_is_locked_out(db_path)
            await conn.exec_driver_sql("SELECT count(*) FROM hotels")
            locked_after_a_read = other_writer_is_locked_out(db_path)
        async with desk.engine.begin() as conn:
            await conn.exec_driver_sql("SELECT count(*) FROM hotels")
            read_session_locks = other_writer_is_locked_out(db_path)
        return locked_before_any_statement, locked_after_a_read, read_session_locks

    assert desk_run(scenario) == (True, True, False)


def test_front_desk_writes_begin_immediate_and_reads_do_not_lock(desk_run, db_path):
    """Watch the statements of real FrontDesk calls: after each one, is another writer locked
    out? A use case that writes takes the lock with its first statement; reads never take it."""

    async def scenario(desk):
        seen: list[tuple[str, bool]] = []

        @event.listens_for(desk.engine.sync_engine, "after_cursor_execute")
        def after(conn, cursor, statement, *args):
            kind = statement if statement.startswith("BEGIN") else statement.split()[0]
            seen.append((kind, other_writer_is_locked_out(db_path)))

        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        writes = list(seen)
        seen.clear()
        await desk.list_hotels()
        await desk.get_hotel(hotel.id)
        reads = list(seen)
        return writes, reads

    writes, reads = desk_run(scenario)
    assert writes[0] == ("BEGIN IMMEDIATE", True)
    assert all(locked for _, locked in writes)
    assert [kind for kind, _ in writes[1:]] == ["INSERT"]
    assert len(reads) >= 2
    assert not any(locked for _, locked in reads)
    assert "BEGIN IMMEDIATE" not in [kind for kind, _ in reads]


def test_the_desk_reports_its_database(desk_run, db_path):
    async def scenario(desk):
        return desk.database

    assert desk_run(scenario) == str(db_path)


def test_database_errors_never_carry_the_values_bound_to_them(desk_run):
    """Issue 10, item 9: an error's text (and so the log) held a guest's name, phone or
    e-mail as a bound parameter."""
    from sqlalchemy import text

    async def scenario(desk):
        with pytest.raises(IntegrityError) as caught:
            async with desk.engine.begin() as conn:
                await conn.execute(
                    text("INSERT INTO rooms (hotel_id, name, description, price, quantity, "
                         "capacity) VALUES (12345, :name, '', 100, 1, 1)"),
                    {"name": "Anna Ivanova +7 843 555 0101"})
        return str(caught.value)

    message = desk_run(scenario)
    assert "FOREIGN KEY" in message
    assert "Anna Ivanova" not in message and "555 0101" not in message
