"""The Linux desktop entry, AppStream metadata and the respondent-file MIME type: valid, and
consistent with each other and with the code."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ElementTree

import pytest

from tests.packaging.modules import PACKAGING, ROOT

APP_ID = "io.github.assessor.Assessor"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
MIME = PACKAGING / "linux" / f"{APP_ID}.mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def tool(name: str, package: str) -> str:
    """The validator's path; skipped when it is missing, except in CI where that is a failure."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install {package})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_validate_accepts_the_desktop_entry() -> None:
    validator = tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_appstreamcli_validate_accepts_the_metainfo() -> None:
    validator = tool("appstreamcli", "appstream")
    result = subprocess.run(
        [validator, "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Only informational notes are tolerated (such as <developer>, unknown to AppStream < 1.0).
    problems = [line for line in result.stdout.splitlines() if line.startswith(("E:", "W:"))]
    assert not problems, result.stdout


def test_desktop_entry_metainfo_icons_and_console_script_agree() -> None:
    entry = desktop_entry()
    component = ElementTree.parse(METAINFO).getroot()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]

    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "assessor %f"  # a file manager passes the respondent file
    assert entry["Exec"].split()[0] == component.findtext("provides/binary") == "assessor"
    assert "assessor" in project["scripts"]
    assert component.findtext("project_license") == project["license"]


def test_the_newest_release_in_the_metainfo_is_the_project_version() -> None:
    component = ElementTree.parse(METAINFO).getroot()
    releases = component.findall("releases/release")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == project["version"], (
        "add a <release> for the new version at the top of the metainfo's <releases>"
    )


def test_xmllint_accepts_the_mime_definition() -> None:
    xmllint = tool("xmllint", "libxml2-utils")
    result = subprocess.run(
        [xmllint, "--noout", str(MIME)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_the_mime_type_matches_respondent_files_the_entry_and_the_metainfo() -> None:
    from assessor.exchange.respondent_file import MEDIA_TYPE, SUFFIX

    mime_types = ElementTree.parse(MIME).getroot().findall(f"{MIME_NS}mime-type")
    assert [m.get("type") for m in mime_types] == [MEDIA_TYPE]
    (mime_type,) = mime_types
    assert [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")] == [f"*{SUFFIX}"]
    assert mime_type.find(f"{MIME_NS}icon").get("name") == APP_ID  # type: ignore[union-attr]
    assert desktop_entry()["MimeType"] == f"{MEDIA_TYPE};"
    component = ElementTree.parse(METAINFO).getroot()
    assert [m.text for m in component.findall("provides/mediatype")] == [MEDIA_TYPE]


def test_the_metainfo_shows_the_readmes_screenshots() -> None:
    tree = ElementTree.parse(METAINFO)
    images = [image.text or "" for image in tree.getroot().iter("image")]
    readme = (ROOT / "README.md").read_text("utf-8")

    assert len(images) >= 3
    for url in images:
        name = url.rsplit("/", 1)[-1]
        assert url.endswith(f"/docs/screenshots/{name}")
        assert (ROOT / "docs" / "screenshots" / name).is_file(), name
        assert f"docs/screenshots/{name}" in readme, name
