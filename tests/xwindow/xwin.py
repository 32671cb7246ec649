"""Drive the real frontdesk window on a virtual X display, as a person would: Xvfb, a window
manager, keys and text sent by xdotool, screenshots by ImageMagick's `import`.

Nothing here talks to Qt: the window only sees key presses from the X server, exactly like a
receptionist's keyboard. What the window saved is read back from the SQLite file, read-only.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
TOOLS = ("Xvfb", "xdotool", "openbox")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def wait_for(what: str, probe: Callable[[], T | None], timeout: float = 20.0) -> T:
    """Poll `probe` until it returns something truthy; fail naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


class Display:
    """An Xvfb display with openbox on it; `app()` starts frontdesk there."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.shots = workdir / "shots"
        self.shots.mkdir(parents=True, exist_ok=True)
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not report a display number"
        self.env = {**os.environ, "DISPLAY": f":{number}"}
        self.env.pop("QT_QPA_PLATFORM", None)
        self.wm = subprocess.Popen(["openbox"], env=self.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = workdir / "app.log"

    # -- the application ----------------------------------------------------------------------

    def app(self, *args: str, env: dict[str, str] | None = None) -> None:
        app_env = {**self.env, "QT_QPA_PLATFORM": "xcb", **(env or {})}
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", "frontdesk", *args],
                                         env=app_env, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=subprocess.STDOUT, cwd=self.workdir)
        self.wait_active("frontdesk", timeout=60)

    def app_log(self) -> str:
        return self.log.read_text(errors="replace")

    def quit(self, timeout: float = 20) -> int:
        assert self.proc is not None
        self.keys("ctrl+q")
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError(f"frontdesk did not quit on Ctrl+Q\n{self.app_log()}") from None

    def close(self) -> None:
        for proc in (self.proc, self.wm, self.xvfb):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()

    # -- X --------------------------------------------------------------------------------------

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=30)
        return done.stdout.strip()

    def active_title(self) -> str:
        return self.xdotool("getactivewindow", "getwindowname")

    def wait_active(self, title: str, timeout: float = 20, shoot: bool = True) -> str:
        """Wait until the window with the keyboard focus is `title`: its title starts with it, or
        for the main window ("frontdesk") ends with it ("Hotel Aurora — frontdesk")."""
        def probe() -> str | None:
            now = self.active_title()
            return now if now.startswith(title) or now.endswith(f"— {title}") else None
        try:
            return wait_for(f"the window '{title}' to have the focus", probe, timeout)
        except AssertionError:
            if not shoot:
                raise
            self.shot(f"timeout-{title[:20].replace(' ', '_')}")
            raise AssertionError(f"'{title}' never had the focus; the focus is on "
                                 f"'{self.active_title()}'.\n{self.app_log()}") from None

    def open(self, keys: str, title: str, tries: int = 5) -> None:
        """Press `keys` until the window titled `title` has the focus (the first presses may
        come while the database is still opening, as a quick receptionist's would)."""
        for _ in range(tries - 1):
            self.keys(keys)
            try:
                self.wait_active(title, timeout=3, shoot=False)
                return
            except AssertionError:
                continue
        self.keys(keys)
        self.wait_active(title)

    def keys(self, *keys: str, pause: float = 0.15) -> None:
        for key in keys:
            self.xdotool("key", "--clearmodifiers", key)
            time.sleep(pause)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "20", text)
        time.sleep(0.15)

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        if shutil.which("import"):
            subprocess.run(["import", "-window", "root", str(path)], env=self.env,
                           capture_output=True, timeout=30)
        return path


@contextmanager
def display(workdir: Path) -> Iterator[Display]:
    screen = Display(workdir)
    try:
        yield screen
    finally:
        screen.close()


def rows(db: Path, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Read the database the window writes, read-only (WAL lets it read while the app runs)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return con.execute(sql, params).fetchall()


def wait_row(db: Path, what: str, sql: str, params: Sequence[Any] = (),
             timeout: float = 20) -> tuple[Any, ...]:
    def probe() -> tuple[Any, ...] | None:
        try:
            found = rows(db, sql, params)
        except sqlite3.OperationalError:  # not created yet, or mid-migration
            return None
        return found[0] if found else None
    return wait_for(what, probe, timeout)
