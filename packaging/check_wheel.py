"""Check the wheel (``make wheel-check``; part of ``make test`` and so of CI).

1. build the wheel with ``python -m build --wheel`` into a temporary folder;
2. its file list has the questionnaires (and the outcome metrics), their JSON Schemas and the
   report fonts;
3. installed with pip in a fresh venv (dependencies from the package index or pip's cache), the
   ``assessor`` console script lists the questionnaires, stores an assessment and renders a
   PDF report, with a private data folder and none of the developer venv on any path.

    python packaging/check_wheel.py [--wheel FILE] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from smoke import CheckFailed, cli_smoke, main_guard, network_isolation, private_env, run, step

ROOT = Path(__file__).resolve().parent.parent
#: Data files the wheel must carry (besides the code); font and questionnaire names are checked
#: against the source tree, so a new file that the build leaves out is caught too.
#: The archived earlier versions (questionnaires/archive/) are needed to read old exchange files.
REQUIRED = (
    *(
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "questionnaires").rglob("*.toml"))
    ),
    "questionnaires/schema.json",
    "questionnaires/outcomes.schema.json",
    *(f"assessor/fonts/{path.name}" for path in sorted((ROOT / "assessor" / "fonts").iterdir())),
)


def build_wheel(outdir: Path) -> Path:
    """Build the project's wheel into ``outdir`` and return its path."""
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CheckFailed(f"python -m build failed:\n{result.stdout}\n{result.stderr}")
    wheels = sorted(outdir.glob("assessor-*.whl"))
    if len(wheels) != 1:
        raise CheckFailed(f"expected one wheel in {outdir}, found {[w.name for w in wheels]}")
    return wheels[0]


def check_wheel_files(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise CheckFailed(f"{wheel.name} lacks: {', '.join(missing)}")
    strays = sorted(name for name in names if name.startswith(("tests/", "packaging/")))
    if strays:
        raise CheckFailed(f"{wheel.name} carries files that are not part of the app: {strays[:5]}")
    size = wheel.stat().st_size // 1024
    print(f"   {wheel.name}: {len(names)} files, {size} KiB, data files present")


def install_fresh(wheel: Path, venv: Path) -> Path:
    """Create a fresh venv, install the wheel into it, return its ``assessor`` script."""
    run([sys.executable, "-m", "venv", str(venv)], {"PATH": "/usr/bin:/bin"}, venv.parent)
    python = venv / "bin" / "python"
    # pip needs the caller's environment for its configuration (index, proxy, cache).
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}
    }
    run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        env,
        venv.parent,
        timeout=900,
    )
    script = venv / "bin" / "assessor"
    if not script.is_file():
        raise CheckFailed(f"the wheel installed no console script at {script}")
    return script


def check(wheel: Path | None, keep: bool) -> None:
    total = time.perf_counter()
    temporary = Path(tempfile.mkdtemp(prefix="assessor-wheel-check-"))
    try:
        if wheel is None:
            with step("python -m build --wheel"):
                wheel = build_wheel(temporary / "dist")
        with step("the wheel carries the questionnaires (archive too), schema.json, the fonts"):
            check_wheel_files(wheel)
        with step("pip install into a fresh venv"):
            script = install_fresh(wheel, temporary / "venv")
        # The smoke test runs from an empty folder, so the source tree cannot be imported, and
        # with no network where the machine allows it (pip needed it, the app never does).
        isolate = network_isolation()
        cli_smoke([*isolate, str(script)], private_env(temporary / "home"), temporary / "work")
    finally:
        if keep:
            print(f"kept {temporary}")
        else:
            shutil.rmtree(temporary, ignore_errors=True)
    print(f"wheel-check passed in {time.perf_counter() - total:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="check this wheel instead of building one")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    return main_guard(lambda: check(args.wheel, args.keep))


if __name__ == "__main__":
    sys.exit(main())
