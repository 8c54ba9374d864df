"""The frozen app and its installers: built, installed into a clean root, and self-tested."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from hostconsole import __version__
from tests.conftest import PROJECT_ROOT

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle and the .deb, built by the same script releases use."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "packaging" / "build.py"),
            "bundle",
            "deb",
            "--fast",
            "--out",
            str(out),
        ],
        check=True,
        timeout=900,
        cwd=PROJECT_ROOT,
    )
    return out


def self_test(program: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOSTCONSOLE_")}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must choose offscreen by itself
    env.pop("DISPLAY", None)
    return subprocess.run(
        [str(program), "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_the_bundle_is_trimmed_and_passes_its_self_test(built: Path) -> None:
    bundle = built / "hostconsole"
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 1_000_000
    assert size_mb < 170  # decimal MB, symlinks counted once (the figure is in bench)
    names = " ".join(p.name for p in files)
    assert "Qt6Qml" not in names and "libQt6Quick" not in names and "libgtk-3" not in names
    assert (
        bundle / "_internal" / "hostconsole" / "_resources" / "i18n" / "hostconsole_zh_CN.qm"
    ).is_file()
    result = self_test(bundle / "hostconsole")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("OK")
    # A real Secret Service round trip from the frozen app (GNOME Keyring under D-Bus).
    assert "keyring: SecretService Keyring, secret round trip ok" in result.stdout


def test_the_deb_installs_into_a_clean_root_and_runs(built: Path, tmp_path: Path) -> None:
    package = built / f"hostconsole_{__version__}_{_arch()}.deb"
    fields = subprocess.run(
        ["dpkg-deb", "--field", str(package)], capture_output=True, text=True, check=True
    ).stdout
    assert "Package: hostconsole" in fields
    assert f"Version: {__version__}" in fields
    assert "libgl1" in fields and "libegl1" in fields
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(package)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/hostconsole/hostconsole",
        "./usr/bin/hostconsole -> /opt/hostconsole/hostconsole",
        "./usr/share/applications/hostconsole.desktop",
        "./usr/share/icons/hicolor/256x256/apps/hostconsole.png",
    ):
        assert path in listing, path
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "--extract", str(package), str(root)], check=True)
    result = self_test(root / "opt" / "hostconsole" / "hostconsole")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("OK")
    desktop = (root / "usr/share/applications/hostconsole.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=直播中控台" in desktop


def test_the_windows_installer_script_compiles(tmp_path: Path) -> None:
    payload = tmp_path / "payload"
    payload.mkdir()
    (payload / "hostconsole.exe").write_bytes(b"stand-in payload: the script is what is tested")
    out = tmp_path / "out"
    subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "packaging" / "build.py"),
            "nsis",
            "--nsis-payload",
            str(payload),
            "--out",
            str(out),
        ],
        check=True,
        timeout=300,
        cwd=PROJECT_ROOT,
    )
    installer = out / f"HostConsole-{__version__}-setup.exe"
    assert installer.read_bytes()[:2] == b"MZ"


def _arch() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_installer_assets_are_consistent() -> None:
    nsi = (PROJECT_ROOT / "packaging" / "windows" / "hostconsole.nsi").read_text(encoding="utf-8")
    for needed in (
        'MUI_LANGUAGE "SimpChinese"',
        'MUI_LANGUAGE "English"',
        "WriteUninstaller",
        "RequestExecutionLevel admin",
        "UninstallString",
        "CreateShortcut",
    ):
        assert needed in nsi
    assert shutil.which("makensis"), "nsis is installed by scripts/test"
