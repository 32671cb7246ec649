"""`frontdesk selftest` from the checkout: one verdict line, exit 0, and the user's files alone.

The installed program runs the same command in tests/test_installer.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from frontdesk.ui.selftest import use_offscreen_if_no_display

ROOT = Path(__file__).resolve().parents[1]
OK_LINE = re.compile(
    r"^frontdesk selftest: OK \(migrated to (?P<revision>\S+), window shown at [\d.]+ s, "
    r"booking (?P<booking>\d+) made and cancelled, closed cleanly\) in [\d.]+ s$")


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    from frontdesk.db.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under `folder`: (size, mtime, content)."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A user with a home of their own, no display and no Qt platform chosen."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "FRONTDESK_DB",
                        "PYTHONPATH", "FRONTDESK_SELFTEST_TIMEOUT")
           and not k.startswith("XDG_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CONFIG_HOME=str(home / ".config"), **extra)
    return env


def selftest(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "frontdesk", *args, "selftest"], env=env,
                          cwd=cwd, capture_output=True, text=True, timeout=180)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A user who already has a database, a backup, a log and window settings."""
    home = tmp_path / "home"
    data = home / ".local" / "share" / "frontdesk"
    data.mkdir(parents=True)
    (data / "frontdesk.db").write_bytes(b"SQLite format 3\x00 the hotel's own bookings")
    (data / "frontdesk.backup-0001-20260101-000000.db").write_bytes(b"an old backup")
    (data / "frontdesk.log").write_text("yesterday's log\n")
    config = home / ".config" / "frontdesk"
    config.mkdir(parents=True)
    (config / "frontdesk.conf").write_text("[window]\nview=3\n")
    return home


def test_selftest_passes_offscreen_and_leaves_the_users_files_alone(home, tmp_path):
    before = snapshot(home)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    their_db = tmp_path / "their.db"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = user_env(home, FRONTDESK_DB=str(their_db), TMPDIR=str(scratch))

    done = selftest(env, "--db", str(tmp_path / "named.db"), cwd=elsewhere)

    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(lines) == 1, done.stdout
    match = OK_LINE.match(lines[0])
    assert match, lines[0]
    assert match["revision"] == head_revision()
    assert match["booking"] == "1"  # a fresh database, not the user's
    # Nothing of the user's changed, and nothing was added to their home or the folders named.
    assert snapshot(home) == before
    assert not their_db.exists() and not (tmp_path / "named.db").exists()
    assert list(elsewhere.iterdir()) == []
    assert list(scratch.iterdir()) == []  # its temporary folder is gone


def test_a_timeout_is_a_one_line_failure(home, tmp_path):
    env = user_env(home, FRONTDESK_SELFTEST_TIMEOUT="0.05")
    done = selftest(env, cwd=tmp_path)
    assert done.returncode == 1
    [line] = done.stdout.splitlines()
    assert line.startswith("frontdesk selftest: FAILED: timed out after 0.05 s while "), line


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 displays are Linux's")
def test_an_unreachable_display_is_a_verdict_not_a_crash(home, tmp_path):
    # Qt itself aborts the process when DISPLAY names no X server; the selftest asks first.
    env = user_env(home, DISPLAY=":93")
    done = selftest(env, cwd=tmp_path)
    assert done.returncode == 1
    [line] = done.stdout.splitlines()
    assert line.startswith("frontdesk selftest: FAILED: "), line
    assert "DISPLAY" in line or "libraries" in line, line


@pytest.mark.parametrize(("env", "platform", "expected"), [
    ({}, "linux", "offscreen"),
    ({"DISPLAY": ":0"}, "linux", None),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", "xcb"),
    ({}, "win32", None),
    ({}, "darwin", None),
])
def test_offscreen_only_when_there_is_no_display(env, platform, expected):
    env = dict(env)
    use_offscreen_if_no_display(env, platform)
    assert env.get("QT_QPA_PLATFORM") == expected
