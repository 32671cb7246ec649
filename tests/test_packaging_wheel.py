"""An installed wheel finds its own migrations: build it, install it into a folder, and open a new
database from outside the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from frontdesk.db.migrate import alembic_config

ROOT = Path(__file__).resolve().parents[1]

CHECK = textwrap.dedent("""
    import asyncio, json, sys
    from pathlib import Path

    import frontdesk
    from frontdesk import open_desk
    from frontdesk.db.migrate import script_location


    async def main():
        async with open_desk(Path("installed.db")) as desk:
            hotel = await desk.add_hotel("Birch", "Kazan", 3)
            # Every module of frontdesk that ran, and where it was loaded from.
            loaded = {name: getattr(module, "__file__", None)
                      for name, module in sys.modules.items()
                      if name == "frontdesk" or name.startswith("frontdesk.")}
            return {"file": frontdesk.__file__, "migrations": str(script_location()),
                    "loaded": loaded,
                    "before": desk.migration.before, "after": desk.migration.after,
                    "hotel": (await desk.get_hotel(hotel.id)).name}


    print(json.dumps(asyncio.run(main())))
""")


def can_build_without_isolation() -> bool:
    """pyproject asks for setuptools>=69 and wheel; use the venv's only if they are there."""
    try:
        setuptools = metadata.version("setuptools")
        metadata.version("wheel")
    except metadata.PackageNotFoundError:
        return False
    return int(setuptools.split(".")[0]) >= 69


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    return done


@pytest.mark.slow
def test_an_installed_wheel_migrates_a_new_database(tmp_path):
    wheels, site, source = tmp_path / "wheels", tmp_path / "site", tmp_path / "source"
    # Build from a copy: setuptools writes build/ and *.egg-info next to the sources, and stale
    # files in a build/ folder of the checkout would end up in later wheels.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "*.db", "*.db-*",
        ".venv", "venv"))
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(source)]
    if can_build_without_isolation():
        build.insert(5, "--no-build-isolation")
    run(build)
    (wheel,) = wheels.glob("frontdesk-*.whl")
    # Every package of the checkout ships (pyproject lists them by hand).
    packages = {path.parent.relative_to(ROOT).as_posix()
                for path in (ROOT / "frontdesk").rglob("__init__.py")}
    with zipfile.ZipFile(wheel) as built:
        shipped = {Path(name).parent.as_posix() for name in built.namelist()
                   if name.endswith("/__init__.py")}
    assert packages - shipped == set()
    run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(wheel)])

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("FRONTDESK_DB", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)  # ahead of the venv's editable install of the checkout
    done = run([sys.executable, "-c", CHECK], cwd=work, env=env)
    found = json.loads(done.stdout.strip().splitlines()[-1])

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert Path(found["file"]).is_relative_to(site)
    # Not one module from the checkout (the venv's editable install would hide a missing one).
    assert {name: file for name, file in found["loaded"].items()
            if file is not None and not Path(file).is_relative_to(site)} == {}
    assert Path(found["migrations"]).is_relative_to(site)
    assert (found["before"], found["after"], found["hotel"]) == (None, head, "Birch")
    assert (work / "installed.db").exists()
