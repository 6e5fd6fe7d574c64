"""install.sh, run on a folder laid out as the bundle is (packaging/build_linux.sh), into a
private prefix: the desktop entry starts the installed app with the file, the respondent-file
type is registered, and --uninstall leaves nothing behind."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.modules import PACKAGING, ROOT

APP_ID = "io.github.assessor.Assessor"
LINUX = PACKAGING / "linux"


def _unpacked(folder: Path) -> Path:
    """A stand-in for the unpacked tarball: the desktop files where build_linux.sh puts them."""
    bundle = folder / "assessor"
    share = bundle / "share"
    placed = {
        LINUX / f"{APP_ID}.desktop": share / "applications" / f"{APP_ID}.desktop",
        LINUX / f"{APP_ID}.metainfo.xml": share / "metainfo" / f"{APP_ID}.metainfo.xml",
        LINUX / f"{APP_ID}.mime.xml": share / "mime" / "packages" / f"{APP_ID}.xml",
        ROOT / "ui" / "icons" / "assessor.svg": share
        / "icons/hicolor/scalable/apps"
        / f"{APP_ID}.svg",
        PACKAGING / "icons" / "assessor-48.png": share
        / "icons/hicolor/48x48/apps"
        / f"{APP_ID}.png",
        LINUX / "install.sh": bundle / "install.sh",
    }
    for source, target in placed.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    build = (PACKAGING / "build_linux.sh").read_text("utf-8")
    for target in placed.values():  # the layout above is the one build_linux.sh makes
        relative = target.relative_to(bundle)
        if relative.parts[0] == "share" and "icons" not in relative.parts:
            wanted = str(relative).replace(APP_ID, "${app_id}")
            assert f'"$share/{wanted.removeprefix("share/")}"' in build, wanted
    program = bundle / "assessor"
    program.write_text("#!/bin/sh\necho assessor 0.0\n", encoding="utf-8")
    program.chmod(0o755)
    return bundle


def test_install_registers_the_file_type_and_uninstall_leaves_nothing(tmp_path: Path) -> None:
    bundle = _unpacked(tmp_path / "unpacked")
    prefix = tmp_path / "prefix"
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path / "home")}

    subprocess.run(
        [str(bundle / "install.sh"), "--prefix", str(prefix)],
        env=env,
        check=True,
        capture_output=True,
    )

    desktop = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(desktop, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Exec"] == f'"{prefix}/lib/assessor/assessor" %f'
    assert entry["MimeType"] == "application/x-assessor;"
    assert (prefix / "share" / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    if validator := shutil.which("desktop-file-validate"):
        result = subprocess.run([validator, str(desktop)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    if shutil.which("update-mime-database"):
        assert (prefix / "share" / "mime" / "application" / "x-assessor.xml").is_file()
    if shutil.which("update-desktop-database"):
        index = (prefix / "share" / "applications" / "mimeinfo.cache").read_text("utf-8")
        assert f"application/x-assessor={APP_ID}.desktop;" in index

    subprocess.run(
        [str(prefix / "lib" / "assessor" / "install.sh"), "--prefix", str(prefix), "--uninstall"],
        env=env,
        check=True,
        capture_output=True,
    )

    left = [str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file() or p.is_symlink()]
    assert left == []


def test_uninstall_keeps_the_mime_types_of_other_apps(tmp_path: Path) -> None:
    if not shutil.which("update-mime-database"):
        pytest.skip("update-mime-database is not installed (apt-get install shared-mime-info)")
    bundle = _unpacked(tmp_path / "unpacked")
    prefix = tmp_path / "prefix"
    other = prefix / "share" / "mime" / "packages" / "other-app.xml"
    other.parent.mkdir(parents=True)
    other.write_text(
        '<?xml version="1.0"?>\n<mime-info xmlns="http://www.freedesktop.org/standards/'
        'shared-mime-info"><mime-type type="application/x-other"><glob pattern="*.other"/>'
        "</mime-type></mime-info>\n",
        encoding="utf-8",
    )
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path / "home")}
    install = [str(bundle / "install.sh"), "--prefix", str(prefix)]
    subprocess.run(install, env=env, check=True, capture_output=True)
    subprocess.run([*install, "--uninstall"], env=env, check=True, capture_output=True)

    assert other.is_file()
    assert (prefix / "share" / "mime" / "application" / "x-other.xml").is_file()
    assert not (prefix / "share" / "mime" / "application" / "x-assessor.xml").exists()
