"""Check the PyInstaller bundle and its tarball (``make package-check``, after ``make package``).

1. the bundle holds the questionnaires, their schema, the fonts and the Qt plugins the app needs,
   and none of the big Qt modules it does not;
2. every shared library in it finds its dependencies (in the bundle, or in the small set a Linux
   desktop always provides);
3. the app starts offscreen, paints its main window and quits (``ASSESSOR_EXIT_AFTER_PAINT``);
4. the app opens a respondent file (``assessor FILE.assessor``, as a file manager starts it):
   ``assessor invite`` writes one, and the app imports it and starts its walk-through;
5. the command line lists the questionnaires, stores an assessment and renders a PDF report;
6. the tarball unpacks to the same folder, and its ``install.sh`` installs into a private prefix
   a working ``assessor`` with a valid desktop entry and the respondent-file type, and
   uninstalls it again.

Steps 3 to 5 run with no network (``unshare -n``) where the machine allows it, from a temporary
folder, with a minimal environment and a private HOME and data folder.

    python packaging/check_bundle.py [--bundle dist/assessor] [--tarball FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from smoke import (
    CheckFailed,
    cli_smoke,
    main_guard,
    network_isolation,
    private_env,
    relative,
    run,
    step,
)

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.assessor.Assessor"

#: Files the app cannot work without, relative to the bundle's _internal folder.
REQUIRED = (
    "questionnaires/four_freedoms.toml",
    "questionnaires/role_clarity.toml",
    "questionnaires/collaboration.toml",
    "questionnaires/schema.json",
    # The archived earlier versions, needed to read old exchange files.
    *(
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "questionnaires" / "archive").glob("*.toml"))
    ),
    "assessor/fonts/DejaVuSans.ttf",
    "assessor/fonts/DejaVuSans-Bold.ttf",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/QtPdfWidgets.abi3.so",
    "PySide6/QtSvgWidgets.abi3.so",
    "PySide6/QtPrintSupport.abi3.so",
    "PySide6/QtNetwork.abi3.so",
)
#: Qt modules that must stay out: each would add tens of megabytes for nothing.
UNWANTED = re.compile(
    r"libQt6(WebEngine|3D|Quick|Qml|Multimedia|Charts|DataVisualization|Bluetooth)"
)
#: Libraries a bundle must not carry but may use from the host (PyInstaller leaves them out on
#: purpose: Wayland's client libraries come with the compositor). Missing here is not a fault.
HOST_PROVIDED = re.compile(r"libwayland-(client|cursor|egl|server)\.so")
#: Where each library missing from the build machine comes from (Debian/Ubuntu package names).
BUILD_HINTS = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
}
#: How long the app may take to show its window (it takes about a second; a slow CI box more).
START_TIMEOUT = 60


def check_contents(internal: Path) -> None:
    missing = [name for name in REQUIRED if not (internal / name).is_file()]
    if not (internal.parent / "LICENSE").is_file():
        missing.append("LICENSE (at the top of the bundle)")
    if missing:
        raise CheckFailed("the bundle lacks: " + ", ".join(missing))
    unwanted = sorted({path.name for path in internal.rglob("*") if UNWANTED.search(path.name)})
    if unwanted:
        raise CheckFailed("the bundle carries Qt modules it should exclude: " + ", ".join(unwanted))
    dangling = [
        relative(path) for path in internal.rglob("*") if path.is_symlink() and not path.exists()
    ]
    if dangling:
        raise CheckFailed("dangling links in the bundle: " + ", ".join(dangling))


def check_libraries(internal: Path) -> int:
    """Run ldd on every shared library, as the bootloader would find them; returns how many."""
    ldd = shutil.which("ldd")
    if ldd is None:
        raise CheckFailed("ldd is needed for the library audit")
    # The bootloader puts _internal on the library path; Qt's own libraries use $ORIGIN.
    env = {"LD_LIBRARY_PATH": str(internal), "PATH": "/usr/bin:/bin"}
    libraries = sorted(
        path
        for path in internal.rglob("*.so*")
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF"
    )
    problems: dict[str, set[str]] = {}
    for library in libraries:
        output = subprocess.run(
            [ldd, str(library)], env=env, capture_output=True, text=True, check=False
        ).stdout
        for line in output.splitlines():
            if "not found" in line:
                name = line.split("=>")[0].strip()
                if not HOST_PROVIDED.match(name):
                    problems.setdefault(name, set()).add(relative(library))
    if problems:
        lines = []
        for name, users in sorted(problems.items()):
            hint = BUILD_HINTS.get(name)
            fix = f" (install {hint} on the build machine and rebuild)" if hint else ""
            lines.append(f"{name}{fix}, needed by {', '.join(sorted(users)[:3])}")
        raise CheckFailed("libraries not found:\n  " + "\n  ".join(lines))
    return len(libraries)


def check_start(executable: Path, isolate: list[str], work: Path) -> float:
    """Start the app offscreen; returns the seconds to its first painted window."""
    env = private_env(work / "home", {"ASSESSOR_EXIT_AFTER_PAINT": "1"})
    started = time.perf_counter()
    result = run([*isolate, str(executable)], env, work, timeout=START_TIMEOUT)
    wall = time.perf_counter() - started
    painted = re.search(r"^first-paint ([0-9.]+)$", result.stdout, re.MULTILINE)
    if painted is None:
        raise CheckFailed(
            f"the app quit without painting its window\nstdout:\n{result.stdout}\n"
            f"stderr:\n{result.stderr}"
        )
    print(f"   first paint after {float(painted.group(1)):.2f} s (process wall time {wall:.2f} s)")
    return wall


def check_respondent_file(executable: Path, isolate: list[str], work: Path) -> None:
    """Invite someone with the bundle's command line, then open the file in the bundled app."""
    inviter = private_env(work / "inviter")
    invited = run(
        [
            *isolate,
            str(executable),
            "invite",
            "--org",
            "Packaging Check Ltd",
            "--period",
            "2026-Q3",
            "--name",
            "Zoë Check",
            "--role",
            "sales",
            "--by",
            "The check",
            "-o",
            str(work),
        ],
        inviter,
        work,
    )
    respondent_file = work / "Packaging-Check-Ltd-2026-Q3-Zoë-Check.assessor"
    if not respondent_file.is_file():
        raise CheckFailed(f"assessor invite did not write {respondent_file.name}: {invited.stdout}")
    respondent = private_env(work / "respondent", {"ASSESSOR_EXIT_AFTER_PAINT": "1"})
    result = run(
        [*isolate, str(executable), str(respondent_file)], respondent, work, timeout=START_TIMEOUT
    )
    opened = re.search(r"^respondent-file (\d+) (\w+) (\d+)$", result.stdout, re.MULTILINE)
    if opened is None or opened.group(2) != "walkthrough" or int(opened.group(3)) < 1:
        raise CheckFailed(
            f"the app did not open the respondent file at its walk-through\nstdout:\n"
            f"{result.stdout}\nstderr:\n{result.stderr}"
        )
    listed = json.loads(run([*isolate, str(executable), "list", "--json"], respondent, work).stdout)
    names = [(entry["respondent"], entry["role"], entry["status"]) for entry in listed]
    if names != [("Zoë Check", "sales", "draft")]:
        raise CheckFailed(f"after opening the respondent file the database holds {names}")
    print(f"   {respondent_file.name}: walk-through of {opened.group(3)} questions, draft stored")


def check_tarball(tarball: Path, isolate: list[str], work: Path) -> None:
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
        tops = {name.split("/", 1)[0] for name in names}
        if tops != {"assessor"}:
            raise CheckFailed(
                f"{tarball.name}: should unpack to one folder, assessor/ (has {tops})"
            )
        expected = {
            "assessor/assessor",
            "assessor/install.sh",
            f"assessor/share/applications/{APP_ID}.desktop",
            f"assessor/share/metainfo/{APP_ID}.metainfo.xml",
            f"assessor/share/mime/packages/{APP_ID}.xml",
            f"assessor/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
            f"assessor/share/icons/hicolor/256x256/apps/{APP_ID}.png",
        }
        if missing := expected - set(names):
            raise CheckFailed(f"{tarball.name} lacks: {', '.join(sorted(missing))}")
        archive.extractall(work / "unpacked", filter="tar")
    print(f"   {len(names)} entries, {tarball.stat().st_size / 2**20:.0f} MiB")

    prefix = work / "prefix"
    env = private_env(work / "home")
    install = work / "unpacked" / "assessor" / "install.sh"
    run([str(install), "--prefix", str(prefix)], env, work)
    launcher = prefix / "bin" / "assessor"
    desktop = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    for path in (
        launcher,
        desktop,
        prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml",
        prefix / "share" / "mime" / "packages" / f"{APP_ID}.xml",
    ):
        if not path.exists():
            raise CheckFailed(f"install.sh did not install {path.relative_to(prefix)}")
    exec_line = next(line for line in desktop.read_text().splitlines() if line.startswith("Exec="))
    if str(prefix / "lib" / "assessor" / "assessor") not in exec_line:
        raise CheckFailed(
            f"the installed desktop entry does not start the installed app: {exec_line}"
        )
    if validator := shutil.which("desktop-file-validate"):
        run([validator, str(desktop)], env, work)
    version = run([*isolate, str(launcher), "--version"], env, work).stdout.strip()
    print(f"   installed in a private prefix; {relative(launcher)} --version: {version}")
    run([str(install), "--prefix", str(prefix), "--uninstall"], env, work)
    leftovers = [
        relative(path) for path in prefix.rglob("*") if path.is_file() or path.is_symlink()
    ]
    if leftovers:
        raise CheckFailed("install.sh --uninstall left: " + ", ".join(leftovers))


def check(bundle: Path, tarball: Path | None) -> None:
    executable = bundle / "assessor"
    internal = bundle / "_internal"
    if not executable.is_file():
        raise CheckFailed(f"{relative(executable)} does not exist: run make package first")
    total = time.perf_counter()
    isolate = network_isolation()
    print(
        "network: none (each run under unshare -n)"
        if isolate
        else "network: not isolated (unshare -n is not allowed here); the app opens no connection"
    )
    size = sum(path.lstat().st_size for path in bundle.rglob("*") if not path.is_dir())
    print(f"bundle: {relative(bundle)}, {size / 2**20:.0f} MiB")

    with tempfile.TemporaryDirectory(prefix="assessor-package-check-") as temporary:
        work = Path(temporary)
        with step("bundle contents: data, fonts, Qt plugins; no unused Qt modules"):
            check_contents(internal)
        with step("every bundled library finds its dependencies"):
            print(f"   {check_libraries(internal)} libraries audited")
        with step("the app starts offscreen, paints its main window and quits"):
            check_start(executable, isolate, work)
        with step("the app opens a respondent file written by assessor invite"):
            (work / "respondent-file").mkdir()
            check_respondent_file(executable, isolate, work / "respondent-file")
        cli_smoke([*isolate, str(executable)], private_env(work / "cli-home"), work / "cli")
        if tarball is not None:
            with step(f"{tarball.name}: contents, install.sh install and uninstall"):
                check_tarball(tarball, isolate, work / "tarball")
    print(f"package-check passed in {time.perf_counter() - total:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "assessor")
    parser.add_argument("--tarball", type=Path, help="the tarball to check as well")
    args = parser.parse_args()
    return main_guard(lambda: check(args.bundle.resolve(), args.tarball))


if __name__ == "__main__":
    sys.exit(main())
