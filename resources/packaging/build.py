#!/usr/bin/env python3
"""Build frontdesk for a reception PC: the PyInstaller bundle, then the Debian package.

    python resources/packaging/build.py

from a checkout, in the virtual environment that has frontdesk and PyInstaller installed
(`pip install -e ".[package]"`), gives

    dist/frontdesk/                       the one-folder bundle (runs from anywhere)
    dist/frontdesk_<version>_<arch>.deb   the package: /opt/frontdesk, /usr/bin/frontdesk, the menu
                                          entry, icons and AppStream metadata

Before packaging it runs the bundle's `--version` and `selftest`. Options:

    --version V        Debian version (default: $FRONTDESK_BUILD_VERSION, else <version>-1)
    --bundle DIR       package this bundle instead of building one (e.g. a modified copy)
    --skip-bundle      reuse dist/frontdesk from an earlier build
    --no-deb           build and check the bundle only
    --no-check         do not run the bundle before packaging it
    --compression C    xz (default, smallest), zstd, gzip or none ($FRONTDESK_DEB_COMPRESSION)
    --dist DIR, --work DIR   output and scratch folders (default dist/ and build/)
    --clean            empty PyInstaller's cache first

Only Linux makes a .deb; on Windows and macOS use the recipes in windows/ and macos/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LINUX = HERE / "linux"
SPEC = HERE / "frontdesk.spec"
RESOURCES = ROOT / "resources"

VERSION_ENV = "FRONTDESK_BUILD_VERSION"
COMPRESSION_ENV = "FRONTDESK_DEB_COMPRESSION"
DEBIAN_VERSION = re.compile(r"^(\d+:)?\d[A-Za-z0-9.+~]*(-[A-Za-z0-9.+~]+)?$")

# The system libraries the bundle links to, by soname, and the Debian/Ubuntu package of each
# (names as in Debian 12 and Ubuntu 22.04). The bundle carries everything else. A library
# missing here fails the build, so a new dependency cannot slip into the package unnoticed.
SONAME_PACKAGES = {
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6", "librt.so.1": "libc6", "ld-linux-x86-64.so.2": "libc6",
    "libutil.so.1": "libc6", "libresolv.so.2": "libc6", "libcrypt.so.1": "libcrypt1",
    "libz.so.1": "zlib1g", "libzstd.so.1": "libzstd1",
    "libgcc_s.so.1": "libgcc-s1", "libstdc++.so.6": "libstdc++6",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0", "libgio-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libpng16.so.16": "libpng16-16", "libexpat.so.1": "libexpat1",
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1", "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1", "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0", "libwayland-egl.so.1": "libwayland-egl1",
}
ICON_SIZES = (16, 32, 48, 256)


class BuildError(Exception):
    pass


def say(text: str) -> None:
    print(f"build: {text}", flush=True)


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, text=True, capture_output=True, **kwargs)
    if done.returncode != 0:
        raise BuildError(f"{' '.join(map(str, args))} failed ({done.returncode}):\n"
                         f"{done.stdout[-4000:]}{done.stderr[-4000:]}")
    return done


def app_version() -> str:
    text = (ROOT / "frontdesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not match:
        raise BuildError("no __version__ in frontdesk/__init__.py")
    return match.group(1)


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# -- the bundle -------------------------------------------------------------------------------

def build_bundle(dist: Path, work: Path, clean: bool) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise BuildError("PyInstaller is not installed in this Python: "
                         "pip install -e \".[package]\"") from exc
    args = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(dist), "--workpath", str(work / "pyinstaller"), str(SPEC)]
    if clean:
        args.insert(3, "--clean")
    started = time.perf_counter()
    run(args, cwd=ROOT)
    bundle = dist / "frontdesk"
    say(f"bundle {bundle} ({mb(size_of(bundle))}) built in "
        f"{time.perf_counter() - started:.0f} s")
    return bundle


def check_bundle(bundle: Path) -> None:
    """The bundle runs: --version, and the selftest (offscreen when there is no display)."""
    # On Windows frontdesk.exe is the windowed program, which cannot print: use the console one.
    program = bundle / ("frontdesk-cli.exe" if os.name == "nt" else "frontdesk")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FRONTDESK_DB")}
    version = run([str(program), "--version"], env=env, timeout=120).stdout.strip()
    say(f"{program} --version: {version}")
    done = subprocess.run([str(program), "selftest"], env=env, text=True, capture_output=True,
                          timeout=180)
    verdict = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "(no output)"
    if done.returncode != 0:
        raise BuildError(f"the bundle's selftest failed:\n{verdict}\n{done.stderr[-4000:]}")
    say(verdict)


# -- what the bundle needs from the system ----------------------------------------------------

def elf_files(bundle: Path) -> list[Path]:
    out = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def objdump(path: Path, flag: str) -> str:
    return run(["objdump", flag, str(path)]).stdout


def external_needs(bundle: Path) -> dict[str, list[str]]:
    """Sonames the bundle's ELF files link to and do not carry: {soname: [files]}."""
    carried = {p.name for p in bundle.rglob("*")}
    needs: dict[str, list[str]] = {}
    for path in elf_files(bundle):
        for line in objdump(path, "-p").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "NEEDED" and parts[1] not in carried:
                needs.setdefault(parts[1], []).append(str(path.relative_to(bundle)))
    return needs


def glibc_floor(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any file of the bundle asks for."""
    found = {(2, 17)}
    for path in elf_files(bundle):
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", objdump(path, "-T")):
            found.add((int(major), int(minor)))
    major, minor = max(found)
    return f"{major}.{minor}"


def debian_depends(bundle: Path) -> list[str]:
    needs = external_needs(bundle)
    unknown = {name: files for name, files in needs.items() if name not in SONAME_PACKAGES}
    if unknown:
        lines = [f"  {name} (needed by {', '.join(files[:3])})" for name, files in unknown.items()]
        raise BuildError("the bundle links to system libraries that no package in SONAME_PACKAGES "
                         "(resources/packaging/build.py) provides; add them, or leave out what "
                         "needs them:\n" + "\n".join(lines))
    packages = sorted({SONAME_PACKAGES[name] for name in needs} - {"libc6"})
    return [f"libc6 (>= {glibc_floor(bundle)})", *packages]


# -- the Debian package -----------------------------------------------------------------------

def architecture() -> str:
    return run(["dpkg", "--print-architecture"]).stdout.strip()


def release_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
            else dt.datetime.now(dt.UTC))
    return when.date().isoformat()


def normalize_modes(tree: Path) -> None:
    """Folders 755, programs and libraries 755, everything else 644 (whatever the umask was)."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def installed_size_kib(tree: Path) -> int:
    total = 0
    for path in tree.rglob("*"):
        if path.relative_to(tree).parts[0] == "DEBIAN":
            continue
        total += -(-path.lstat().st_size // 1024) if path.is_file() and not path.is_symlink() \
            else 1
    return total


def stage_tree(bundle: Path, stage: Path, version: str, arch: str, depends: list[str]) -> None:
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / "opt" / "frontdesk"
    shutil.copytree(bundle, opt, symlinks=True)
    for cache in list(opt.rglob("__pycache__")):
        shutil.rmtree(cache)

    usr = stage / "usr"
    (usr / "bin").mkdir(parents=True)
    # Relative, so that the package also works unpacked into another root (CI, dpkg --root).
    (usr / "bin" / "frontdesk").symlink_to("../../opt/frontdesk/frontdesk")

    apps = usr / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy2(LINUX / "frontdesk.desktop", apps / "frontdesk.desktop")
    metainfo = usr / "share" / "metainfo"
    metainfo.mkdir(parents=True)
    upstream = version.split(":")[-1].rsplit("-", 1)[0]
    text = (LINUX / "frontdesk.metainfo.xml").read_text(encoding="utf-8")
    text = text.replace("@VERSION@", upstream).replace("@DATE@", release_date())
    (metainfo / "frontdesk.metainfo.xml").write_text(text, encoding="utf-8")
    icons = usr / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        folder = icons / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(RESOURCES / f"frontdesk-{size}.png", folder / "frontdesk.png")
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(RESOURCES / "frontdesk.svg", icons / "scalable" / "apps" / "frontdesk.svg")
    doc = usr / "share" / "doc" / "frontdesk"
    doc.mkdir(parents=True)
    shutil.copy2(LINUX / "copyright", doc / "copyright")

    normalize_modes(stage)
    debian = stage / "DEBIAN"
    debian.mkdir()
    control = (LINUX / "debian" / "control.in").read_text(encoding="utf-8")
    fields = {"@VERSION@": version, "@ARCH@": arch, "@DEPENDS@": ", ".join(depends),
              "@INSTALLED_SIZE@": str(installed_size_kib(stage))}
    for key, value in fields.items():
        control = control.replace(key, value)
    (debian / "control").write_text(control, encoding="utf-8")
    sums = []
    for path in sorted(stage.rglob("*")):
        rel = path.relative_to(stage)
        if rel.parts[0] != "DEBIAN" and path.is_file() and not path.is_symlink():
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {rel.as_posix()}\n")
    (debian / "md5sums").write_text("".join(sums), encoding="utf-8")
    # No maintainer scripts: dpkg's triggers refresh the menu and icon caches, and removal takes
    # away exactly the files listed above, never anything in a home folder.
    normalize_modes(debian)


def build_deb(bundle: Path, dist: Path, work: Path, version: str, compression: str) -> Path:
    if shutil.which("dpkg-deb") is None:
        raise BuildError("dpkg-deb is not installed (Debian/Ubuntu: apt-get install dpkg)")
    arch = architecture()
    depends = debian_depends(bundle)
    stage = work / "deb" / f"frontdesk_{version}_{arch}"
    stage_tree(bundle, stage, version, arch, depends)
    dist.mkdir(parents=True, exist_ok=True)
    deb = dist / f"frontdesk_{version.split(':')[-1]}_{arch}.deb"
    started = time.perf_counter()
    run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(stage), str(deb)])
    installed = installed_size_kib(stage)
    say(f"package {deb}: {mb(deb.stat().st_size)}, installs {mb(installed * 1024)} "
        f"(Installed-Size {installed} KiB); dpkg-deb took {time.perf_counter() - started:.0f} s")
    say(f"Depends: {', '.join(depends)}")
    return deb


# -- the command ------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", default=os.environ.get(VERSION_ENV) or None,
                        help=f"Debian version (default ${VERSION_ENV}, else <version>-1)")
    parser.add_argument("--bundle", type=Path, help="package this bundle folder")
    parser.add_argument("--skip-bundle", action="store_true", help="reuse DIST/frontdesk")
    parser.add_argument("--no-deb", action="store_true", help="build the bundle only")
    parser.add_argument("--no-check", action="store_true", help="do not run the bundle")
    parser.add_argument("--compression", choices=("xz", "zstd", "gzip", "none"),
                        default=os.environ.get(COMPRESSION_ENV) or "xz")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    version = args.version or f"{app_version()}-1"
    if not DEBIAN_VERSION.match(version):
        print(f"build: {version!r} is not a Debian version (e.g. 0.1.0-1)", file=sys.stderr)
        return 2
    dist, work = args.dist.resolve(), args.work.resolve()
    started = time.perf_counter()
    try:
        if args.bundle:
            bundle = args.bundle.resolve()
        elif args.skip_bundle:
            bundle = dist / "frontdesk"
        else:
            bundle = build_bundle(dist, work, args.clean)
        if not (bundle / "frontdesk").exists() and not (bundle / "frontdesk.exe").exists():
            raise BuildError(f"{bundle} is not a frontdesk bundle (no frontdesk program in it)")
        if not args.no_check:
            check_bundle(bundle)
        if not args.no_deb:
            if not sys.platform.startswith("linux"):
                raise BuildError("a .deb is made on Linux only; see resources/packaging/windows "
                                 "and resources/packaging/macos for the other platforms")
            build_deb(bundle, dist, work, version, args.compression)
    except BuildError as exc:
        print(f"build: FAILED: {exc}", file=sys.stderr)
        return 1
    say(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
