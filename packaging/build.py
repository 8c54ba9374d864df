"""Build what this machine can: the frozen bundle, the .deb, the Windows installer script.

    python packaging/build.py [bundle] [deb] [nsis] [--nsis-payload DIR] [--out DIR]

Used by scripts/package, the test suite and the release workflow. On Linux the NSIS step
compiles the Windows installer around the Linux bundle only to prove the script compiles.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hostconsole import __version__  # noqa: E402

DIST = ROOT / "dist"
BUILD = ROOT / "build"
# The frozen app carries Qt, glib and X libraries; the GPU stack comes from the system.
DEB_DEPENDS = ", ".join(
    (
        "libgl1",
        "libegl1",
        "libfontconfig1",
        "libxkbcommon0",
        "libxkbcommon-x11-0",
        "libdbus-1-3",
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libxcb-shape0",
    )
)


def run(command: list[str], **options: object) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, **options)  # type: ignore[call-overload]


def bundle(out: Path) -> Path:
    """The PyInstaller one-folder bundle, smoke-tested before anything is packaged from it."""
    BUILD.mkdir(exist_ok=True)
    if sys.platform.startswith("win"):
        (BUILD / "version_info.txt").write_text(_windows_version_info(), encoding="utf-8")
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(out),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(ROOT / "packaging" / "hostconsole.spec"),
        ],
        cwd=ROOT,
    )
    folder = out / "hostconsole"
    shutil.copy(ROOT / "LICENSE", folder / "LICENSE.txt")
    return folder


def deb(folder: Path, out: Path, fast: bool = False) -> Path:
    """A .deb: the bundle in /opt/hostconsole, /usr/bin links, a .desktop file and the icon."""
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    root = BUILD / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    (root / "DEBIAN").mkdir(parents=True)
    shutil.copytree(folder, root / "opt" / "hostconsole", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    for name in ("hostconsole",):
        os.symlink(f"/opt/hostconsole/{name}", root / "usr" / "bin" / name)
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / "hostconsole.desktop", applications)
    icons = root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "icons" / "hostconsole.png", icons / "hostconsole.png")
    size_kb = (
        sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    )
    (root / "DEBIAN" / "control").write_text(
        f"Package: hostconsole\nVersion: {__version__}\nSection: video\nPriority: optional\n"
        f"Architecture: {arch}\nInstalled-Size: {size_kb}\nDepends: {DEB_DEPENDS}\n"
        "Maintainer: Host Console developers <hostconsole@users.noreply.example>\n"
        "Homepage: https://hostconsole.example\n"
        "Description: run a live-commerce livestream from one window\n"
        " Host Console joins a timed run sheet, a live voucher counter fed by the sales\n"
        " platform, and OBS Studio control (scenes, overlays, studio mode) in one console,\n"
        " with a presenter view in Simplified Chinese and English.\n",
        encoding="utf-8",
    )
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"hostconsole_{__version__}_{arch}.deb"
    # xz for releases; the test suite's --fast gzip build is five times quicker.
    compression = ["-Zgzip", "-z1"] if fast else ["-Zxz"]
    run(["dpkg-deb", "--root-owner-group", *compression, "--build", str(root), str(target)])
    return target


def nsis(payload: Path, out: Path) -> Path:
    """Compile the Windows installer script with warnings as errors."""
    out.mkdir(parents=True, exist_ok=True)
    if not (payload / "LICENSE.txt").exists():
        shutil.copy(ROOT / "LICENSE", payload / "LICENSE.txt")
    target = out / f"HostConsole-{__version__}-setup.exe"
    run(
        [
            "makensis",
            "-WX",
            "-V2",
            f"-DVERSION={__version__}",
            f"-DSOURCE={payload}",
            f"-DOUTFILE={target}",
            str(ROOT / "packaging" / "windows" / "hostconsole.nsi"),
        ]
    )
    return target


def _windows_version_info() -> str:
    parts = ([*__version__.split("."), "0", "0", "0"])[:4]
    numbers = ", ".join(str(int(p)) for p in parts)
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({numbers}), prodvers=({numbers})),
  kids=[StringFileInfo([StringTable('040904B0', [
    StringStruct('CompanyName', 'Host Console'), StringStruct('FileDescription', 'Host Console'),
    StringStruct('FileVersion', '{__version__}'), StringStruct('ProductName', 'Host Console'),
    StringStruct('ProductVersion', '{__version__}'),
    StringStruct('LegalCopyright', 'GNU GPL v3 or later')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200, 2052, 1200])])])
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("steps", nargs="*", default=["bundle", "deb", "nsis"])
    parser.add_argument("--out", type=Path, default=DIST)
    parser.add_argument("--nsis-payload", type=Path, help="folder to pack (default: the bundle)")
    parser.add_argument("--fast", action="store_true", help="quick compression (tests)")
    args = parser.parse_args()
    folder = args.out / "hostconsole"
    if "bundle" in args.steps:
        folder = bundle(args.out)
        print(f"bundle: {folder}")
    if "deb" in args.steps:
        print(f"deb: {deb(folder, args.out, fast=args.fast)}")
    if "nsis" in args.steps:
        print(f"installer: {nsis(args.nsis_payload or folder, args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
