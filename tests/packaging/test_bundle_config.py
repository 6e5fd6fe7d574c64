"""Fast checks of what the slow packaging checks rely on (those run in make package-check)."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.packaging.modules import PACKAGING, ROOT, load

smoke = load("smoke")


def spec_set(name: str) -> set[str]:
    """A set literal assigned to ``name`` in packaging/assessor.spec."""
    tree = ast.parse((PACKAGING / "assessor.spec").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, set)
            return value
    raise AssertionError(f"{name} is not assigned in assessor.spec")


def test_the_bundle_keeps_every_qt_module_the_front_end_imports() -> None:
    imported = set()
    for path in (ROOT / "ui").rglob("*.py"):
        imported |= set(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text("utf-8")))
    kept = spec_set("QT_KEEP")
    assert imported <= kept, (
        f"ui imports {sorted(imported - kept)}, which packaging/assessor.spec excludes from the "
        "bundle: add them to QT_KEEP"
    )


def test_the_bundle_starts_where_the_console_script_does() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    module, function = scripts["assessor"].split(":")
    entry = ast.parse((PACKAGING / "entry.py").read_text("utf-8"))
    imports = {
        (node.module, alias.name)
        for node in entry.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert (module, function) in imports, (
        f"packaging/entry.py must call {module}.{function}, as the console script does"
    )


def test_the_smoke_assessment_is_a_valid_exchange_file(tmp_path: Path) -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "assessor", "questionnaires", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    bundled = [q for q in json.loads(listed.stdout) if q["id"] in smoke.BUNDLED_QUESTIONNAIRES]
    exchange = tmp_path / "check.json"
    exchange.write_text(json.dumps(smoke.exchange_file(bundled)), "utf-8")
    scored = subprocess.run(
        [sys.executable, "-m", "assessor", "score", str(exchange), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert scored.returncode == 0, scored.stderr
    assert set(json.loads(scored.stdout)["questionnaires"]) == set(smoke.BUNDLED_QUESTIONNAIRES)


def test_the_smoke_test_finds_commands_in_the_help() -> None:
    help_text = "Usage: assessor\n\nOptions:\n  --demo  x\n\nCommands:\n  demo  Create\n  list  L\n"
    assert smoke.has_command(help_text, "demo")
    assert not smoke.has_command(help_text.replace("  demo  Create\n", ""), "demo")


def _questionnaire_includes() -> list[str]:
    """The ``includes`` of ``collect_data_files("questionnaires", ...)`` in assessor.spec."""
    tree = ast.parse((PACKAGING / "assessor.spec").read_text("utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "collect_data_files"
            and node.args
            and ast.literal_eval(node.args[0]) == "questionnaires"
        ):
            for keyword in node.keywords:
                if keyword.arg == "includes":
                    value = ast.literal_eval(keyword.value)
                    assert isinstance(value, list)
                    return value
    raise AssertionError("assessor.spec does not collect the questionnaires' data files")


def test_the_bundle_ships_every_questionnaire_file_and_the_archive() -> None:
    """PyInstaller globs each include pattern from the package folder, so a pattern like
    ``*.toml`` does not reach questionnaires/archive/: the spec must name the archive too."""
    folder = ROOT / "questionnaires"
    collected = {path for pattern in _questionnaire_includes() for path in folder.glob(pattern)}
    wanted = {path for pattern in ("**/*.toml", "**/*.json") for path in folder.glob(pattern)}
    archived = set(folder.glob("archive/*.toml"))

    assert archived, "questionnaires/archive/ holds the earlier versions"
    assert sorted(p.relative_to(folder).as_posix() for p in wanted - collected) == []


def test_the_wheel_check_requires_the_archive() -> None:
    required = set(load("check_wheel").REQUIRED)
    archived = {
        path.relative_to(ROOT).as_posix() for path in (ROOT / "questionnaires").rglob("*.toml")
    }

    assert any("/archive/" in name for name in archived)
    assert archived <= required


def test_the_bundle_check_opens_a_respondent_file_with_the_development_install(
    tmp_path: Path,
) -> None:
    check_bundle = load("check_bundle")
    program = tmp_path / "assessor"  # stands in for the bundle's executable
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m assessor "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()

    check_bundle.check_respondent_file(program, [], work)

    (written,) = work.glob("*.assessor")
    assert written.name == "Packaging-Check-Ltd-2026-Q3-Zoë-Check.assessor"
