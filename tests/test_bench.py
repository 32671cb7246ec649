"""`frontdesk bench` keeps working and keeps checking its answers (never its times)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys

TINY = ["--hotels", "3", "--room-types", "12", "--guests", "60", "--bookings", "600",
        "--repeat", "8"]
OPERATIONS = {
    "rooms_left (hotel, 7 nights)", "book + cancel (2 commits)", "guest search: first letters",
    "guest search: phone fragment", "guest search: number start",
    "guest search: e-mail domain", "booking list: first page (50)", "arrivals (hotel, day)",
    "departures (hotel, day)", "in_house (hotel, day)", "room_grid: a month",
    "room_grid: scroll a week", "open up-to-date database", "seed (bookings/s)",
}


def bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontdesk", "bench", *args],
                          capture_output=True, text=True, timeout=300)


def test_bench_runs_on_a_tiny_dataset_and_the_answers_agree(tmp_path):
    db = tmp_path / "bench.db"
    done = bench("--db", str(db), *TINY, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    rows = {row["operation"]: row for row in report["operations"]}
    assert set(rows) == OPERATIONS
    assert all(row["mismatches"] == 0 for row in rows.values())
    assert all(row["runs"] >= 8 for name, row in rows.items() if not name.startswith("seed"))
    assert report["seed_bookings_per_s"] > 0
    # The bench's own bookings are removed again: the dataset stays the size it was seeded at,
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM bookings").fetchone()[0] == 600
        # and so are the rooms it put out of order to compare rooms_left with them.
        assert conn.execute("SELECT count(*) FROM room_blocks").fetchone()[0] == 0

    again = bench("--db", str(db), *TINY)  # the table, on the database it made before
    assert again.returncode == 0, again.stderr
    assert "Reusing the benchmark database" in again.stderr
    assert "rooms_left (hotel, 7 nights)" in again.stdout
    assert "MISMATCH" not in again.stdout


def test_a_disagreement_is_counted_and_shown():
    from frontdesk.bench import Op, render_table, run_op

    async def api(p: int) -> int:
        return p

    row = asyncio.run(run_op(Op("echo", api, lambda p: p if p < 2 else -p, [0, 1, 2, 3]), 1))
    assert (row.runs, row.mismatches) == (4, 2)
    assert "MISMATCH x2" in render_table([row])
