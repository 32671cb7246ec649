"""The installer, end to end: build the bundle and the .deb, install it, run it, upgrade it with a
second build that brings a new migration, check the first build's database migrates, remove it.

Slow (about a minute: one PyInstaller build per session), so marked `installer`; skip it locally
with `pytest -m "not installer"`. Without PyInstaller or dpkg it is skipped, except in CI
(CI=true), where a missing tool is a failure.

As root, the package is installed with dpkg itself into a scratch root (`dpkg --root`, with the
maintainer scripts run outside a chroot as DPKG_ROOT allows), so install, upgrade, remove and
purge are dpkg's own. As another user it is unpacked with `dpkg-deb -x` instead.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from frontdesk import __version__

pytestmark = pytest.mark.installer

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "resources" / "packaging" / "build.py"
PROBE = "installer_probe"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
MAX_INSTALLED_MB = 150


def need(condition: bool, reason: str) -> None:
    if not condition:
        if IN_CI:
            pytest.fail(f"{reason} (CI=true: the installer test must run in CI)")
        pytest.skip(reason)


def run(args: list[str | Path], *, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          timeout=kwargs.pop("timeout", 600), **kwargs)
    if check:
        assert done.returncode == 0, (f"{' '.join(map(str, args))} -> {done.returncode}\n"
                                      f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    from frontdesk.db.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


# An index, not a table: a database is frontdesk's when it holds exactly its revision's tables,
# and at head those are the models' (which this build's models do not change).
PROBE_MIGRATION = '''"""installer test: a revision only the second build has

Revision ID: {probe}
Revises: {head}
"""
import sqlalchemy as sa
from alembic import op

revision = "{probe}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_{probe}", "guests", ["full_name", "id"])


def downgrade() -> None:
    op.drop_index("ix_{probe}", "guests")
'''


@dataclass(frozen=True)
class Packages:
    first: Path  # the build of this checkout
    second: Path  # the same bundle with one more migration, a higher version
    head: str
    first_version: str
    second_version: str


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    """Build once per session; the second package reuses the bundle (no second PyInstaller run)."""
    need(sys.platform.startswith("linux"), "the .deb is built on Linux only")
    need(importlib.util.find_spec("PyInstaller") is not None,
         'PyInstaller is not installed (pip install -e ".[package]")')
    for tool in ("dpkg-deb", "dpkg", "objdump"):
        need(shutil.which(tool) is not None, f"{tool} is not installed")
    work = tmp_path_factory.mktemp("installer")
    dist = work / "dist"
    first_version, second_version = f"{__version__}-1", f"{__version__}-2"
    # zstd: dpkg-deb takes about 1 s instead of 40 s with xz; the contents are the same.
    common = ["--dist", dist, "--work", work / "build", "--compression", "zstd"]
    env = {k: v for k, v in os.environ.items() if k not in ("FRONTDESK_BUILD_VERSION",)}
    run([sys.executable, BUILD, *common, "--version", first_version], cwd=ROOT, env=env,
        timeout=900)
    head = head_revision()
    bundle2 = work / "bundle2"
    shutil.copytree(dist / "frontdesk", bundle2, symlinks=True)
    versions = bundle2 / "_internal" / "frontdesk" / "migrations" / "versions"
    assert (versions / next(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
            ).exists(), "the migrations are not where script_location() looks"
    (versions / f"9999_{PROBE}.py").write_text(PROBE_MIGRATION.format(probe=PROBE, head=head))
    run([sys.executable, BUILD, *common, "--bundle", bundle2, "--no-check",
         "--version", second_version], cwd=ROOT, env=env)
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    return Packages(first=dist / f"frontdesk_{first_version}_{arch}.deb",
                    second=dist / f"frontdesk_{second_version}_{arch}.deb", head=head,
                    first_version=first_version, second_version=second_version)


class Root:
    """A scratch root to install into: dpkg --root as root, dpkg-deb -x otherwise."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.with_dpkg = os.geteuid() == 0
        admin = path / "var" / "lib" / "dpkg"
        for sub in ("info", "updates", "triggers"):
            (admin / sub).mkdir(parents=True, exist_ok=True)
        for name in ("status", "available"):
            (admin / name).touch()
        self.installed: Path | None = None

    def dpkg(self, *args: str | Path) -> subprocess.CompletedProcess:
        # The libraries the package depends on are the host's (checked in the build), so the
        # empty scratch database cannot satisfy them: --force-depends.
        return run(["dpkg", f"--root={self.path}", "--force-script-chrootless",
                    "--force-depends", "--log=/dev/null", *args])

    def install(self, deb: Path) -> None:
        if self.with_dpkg:
            self.dpkg("--install", deb)
        else:
            if self.installed is not None:
                self._remove_files(self.installed)
            run(["dpkg-deb", "--extract", deb, self.path])
        self.installed = deb

    def remove(self, purge: bool = False) -> None:
        if self.with_dpkg:
            self.dpkg("--purge" if purge else "--remove", "frontdesk")
        elif self.installed is not None:
            self._remove_files(self.installed)
        self.installed = None

    def status(self) -> str:
        if not self.with_dpkg:
            return "installed" if self.installed else "not-installed"
        done = run(["dpkg-query", f"--admindir={self.path}/var/lib/dpkg", "-W",
                    "-f=${Version} ${db:Status-Status}", "frontdesk"], check=False)
        return done.stdout.strip() or "not-installed"

    def _remove_files(self, deb: Path) -> None:
        names = run(["dpkg-deb", "--contents", deb]).stdout.splitlines()
        paths = [self.path / line.split()[5].removeprefix("./") for line in names]
        for p in sorted(paths, key=lambda q: len(q.parts), reverse=True):
            if p.is_symlink() or p.is_file():
                p.unlink()
            elif p.is_dir() and not any(p.iterdir()) and p != self.path:
                p.rmdir()

    def program(self) -> Path:
        return self.path / "usr" / "bin" / "frontdesk"


def user_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "FRONTDESK_DB",
                        "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
           and not k.startswith("XDG_")}
    env["HOME"] = str(home)
    return env


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                for t in ("hotels", "rooms", "guests", "bookings")}
    finally:
        conn.close()


def revision(db: Path) -> str:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_the_package_holds_what_a_reception_pc_needs(packages):
    info = run(["dpkg-deb", "--field", packages.first]).stdout
    fields = dict(line.split(": ", 1) for line in info.splitlines() if ": " in line
                  and not line.startswith(" "))
    assert fields["Package"] == "frontdesk"
    assert fields["Version"] == packages.first_version
    depends = {d.split()[0] for d in fields["Depends"].split(", ")}
    # What Qt's X11 plugin and QtGui link to (the build checks every library it links to).
    assert {"libc6", "libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libegl1",
            "libfontconfig1", "libdbus-1-3"} <= depends
    assert int(fields["Installed-Size"]) * 1024 < MAX_INSTALLED_MB * 1_000_000  # KiB

    listing = run(["dpkg-deb", "--contents", packages.first]).stdout.splitlines()
    paths = {line.split()[5].removeprefix(".") for line in listing}
    links = {line.split()[5].removeprefix("."): line.split()[-1]
             for line in listing if line.startswith("l")}
    for wanted in ("/opt/frontdesk/frontdesk", "/usr/share/applications/frontdesk.desktop",
                   "/usr/share/metainfo/frontdesk.metainfo.xml",
                   "/usr/share/icons/hicolor/48x48/apps/frontdesk.png",
                   "/usr/share/icons/hicolor/scalable/apps/frontdesk.svg",
                   "/opt/frontdesk/_internal/frontdesk/migrations/env.py",
                   "/opt/frontdesk/_internal/frontdesk/resources/frontdesk.svg"):
        assert wanted in paths, wanted
    assert links["/usr/bin/frontdesk"] == "../../opt/frontdesk/frontdesk"
    # Only the Qt frontdesk uses: no translations, QML, WebEngine, network or GTK theme.
    unwanted = ("translations/", "libQt6Qml", "libQt6Quick", "libQt6WebEngine",
                "libQt6Network", "libQt6Pdf", "libqgtk3", "__pycache__", "libgtk", "libX11.so")
    assert not [p for p in paths if any(u in p for u in unwanted)]
    assert all(line.split()[1] == "root/root" for line in listing)


def test_menu_entry_and_appstream_metadata(packages, tmp_path):
    run(["dpkg-deb", "--extract", packages.first, tmp_path])
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(tmp_path / "usr/share/applications/frontdesk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert (desktop["Type"], desktop["Exec"], desktop["Icon"]) == ("Application", "frontdesk",
                                                                   "frontdesk")
    assert desktop["Terminal"] == "false" and "Office" in desktop["Categories"].split(";")
    metainfo = tmp_path / "usr/share/metainfo/frontdesk.metainfo.xml"
    text = metainfo.read_text(encoding="utf-8")
    assert f'<release version="{__version__}"' in text and "@" not in text
    if shutil.which("appstreamcli"):
        # The id is not reverse-DNS on purpose (it names the desktop file and the program).
        run(["appstreamcli", "validate", "--no-net",
             "--override=cid-desktopapp-is-not-rdns=info", metainfo])
    if shutil.which("desktop-file-validate"):
        run(["desktop-file-validate", tmp_path / "usr/share/applications/frontdesk.desktop"])


def test_install_run_upgrade_and_remove(packages, tmp_path):
    root = Root(tmp_path / "root")
    home = tmp_path / "home"
    home.mkdir()
    env = user_env(home)
    data = home / ".local" / "share" / "frontdesk"
    database = data / "frontdesk.db"

    # 1. Install the first build; the command on the PATH runs from anywhere.
    root.install(packages.first)
    if root.with_dpkg:
        assert root.status() == f"{packages.first_version} installed"
    program = root.program()
    assert run([program, "--version"], env=env, cwd=home).stdout.strip() == \
        f"frontdesk {__version__}"
    selftest = run([program, "selftest"], env=env, cwd=home).stdout.splitlines()
    assert len(selftest) == 1 and selftest[0].startswith(
        f"frontdesk selftest: OK (migrated to {packages.head}, "), selftest
    assert not data.exists(), "the selftest wrote into the user's data folder"

    # 2. The hotel works with it: its own database in the data folder, with data in it.
    run([program, "seed", "--hotels", "3", "--room-types", "6", "--guests", "40",
         "--bookings", "120"], env=env, cwd=home)
    assert revision(database) == packages.head
    before = counts(database)
    assert before["bookings"] > 0

    # 3. The second build is installed over the first: the database is backed up and migrated.
    root.install(packages.second)
    if root.with_dpkg:
        assert root.status() == f"{packages.second_version} installed"
    migrated = run([program, "migrate"], env=env, cwd=home).stdout
    assert f"upgraded from schema revision {packages.head} to {PROBE}" in migrated, migrated
    assert revision(database) == PROBE
    assert counts(database) == before
    backups = list(data.glob(f"frontdesk.backup-{packages.head}-*.db"))
    assert len(backups) == 1 and revision(backups[0]) == packages.head
    assert counts(backups[0]) == before
    again = run([program, "migrate"], env=env, cwd=home).stdout
    assert "is up to date" in again
    selftest = run([program, "selftest"], env=env, cwd=home).stdout.strip()
    assert selftest.startswith(f"frontdesk selftest: OK (migrated to {PROBE}, "), selftest

    # 4. Removing (and purging) the program leaves the hotel's data where it was.
    kept = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    root.remove()
    assert not program.exists() and not program.is_symlink()
    assert not (root.path / "opt" / "frontdesk").exists()
    assert not (root.path / "usr/share/applications/frontdesk.desktop").exists()
    if root.with_dpkg:
        assert root.status() in ("not-installed", "config-files")
        root.remove(purge=True)
        assert root.status() == "not-installed"
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == kept
