"""The command-line smoke test shared by the bundle check and the wheel check.

Given a way to run ``assessor`` (the bundle's executable or a fresh venv's console script), it
lists the questionnaires, stores an assessment (``assessor demo`` when the command exists, else an
exchange file written here and imported), renders its report and parses the PDF back. Everything
happens in a private data folder; nothing of the user's is read or written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BUNDLED_QUESTIONNAIRES = ("four-freedoms", "role-clarity", "collaboration")
ORGANISATION = "Packaging Check Ltd"
#: Non-Latin text in a note proves the embedded font reaches the PDF.
NOTE = "Checked by the packaging smoke test: Zoë, Łódź, Ελλάδα, Москва"


class CheckFailed(Exception):
    """A check did not pass; the message says which and why."""


@contextmanager
def step(title: str) -> Iterator[None]:
    """Print a step's title, then its duration (or that it failed)."""
    print(f"-- {title}", flush=True)
    started = time.perf_counter()
    try:
        yield
    except Exception:
        print(f"   FAILED after {time.perf_counter() - started:.1f} s", flush=True)
        raise
    print(f"   ok ({time.perf_counter() - started:.1f} s)", flush=True)


def network_isolation() -> list[str]:
    """``["unshare", "-n"]`` when this machine can run a process with no network, else ``[]``."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, check=False)
    return [unshare, "-n"] if probe.returncode == 0 else []


def private_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A minimal environment: a private data folder and HOME, and nothing from a developer venv.

    Without PYTHONPATH, VIRTUAL_ENV and the venv on PATH, the program under test can only run
    on what it carries (the bundle) or what its own installation provides (the wheel).
    """
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "ASSESSOR_HOME": str(home / "assessor-data"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(home / "runtime"),
    }
    (home / "runtime").mkdir(mode=0o700, exist_ok=True)
    env.update(extra or {})
    return env


def run(
    command: Sequence[str],
    env: Mapping[str, str],
    cwd: Path,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run a command; a non-zero status or a timeout is a failure showing its output."""
    try:
        result = subprocess.run(
            list(command),
            env=dict(env),
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise CheckFailed(f"{' '.join(command)}: no answer within {timeout:.0f} s") from error
    if result.returncode != 0:
        raise CheckFailed(
            f"{' '.join(command)}: exit status {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return result


def exchange_file(questionnaires: list[dict[str, Any]]) -> dict[str, Any]:
    """A complete assessment answering every item of the given questionnaire definitions.

    The answers vary (agreement 2–5, options in turn, a number inside its range, one "don't know"
    per questionnaire) so the report has scores, bands and findings to show.
    """
    answers: dict[str, dict[str, Any]] = {}
    for questionnaire in questionnaires:
        given: dict[str, Any] = {}
        for index, item in enumerate(questionnaire["items"]):
            options = [option["id"] for option in item.get("options") or []]
            kind = item["kind"]
            answer: dict[str, Any]
            if index == 1 and kind != "text":
                answer = {"dont_know": True, "note": NOTE}
            elif kind == "agreement":
                answer = {"value": 2 + index % 4}
            elif kind in ("frequency", "choice") and options:
                answer = {"value": options[index % len(options)]}
            elif kind == "multi" and options:
                answer = {"value": options[:1]}
            elif kind == "number":
                low, high = item.get("min", 0), item.get("max", 100)
                answer = {"value": (low + high) // 2}
            elif kind == "text":
                answer = {"value": NOTE}
            else:
                answer = {"dont_know": True}
            given[item["id"]] = answer
        answers[questionnaire["id"]] = given
    return {
        "format": "assessor.assessment",
        "format_version": 1,
        "organisation": ORGANISATION,
        "respondent": {"name": "Zoë Check", "role": "ceo"},
        "period": "2026-Q3",
        "status": "complete",
        "questionnaires": {q["id"]: q["version"] for q in questionnaires},
        "answers": answers,
    }


def has_command(help_text: str, name: str) -> bool:
    """Whether ``assessor --help`` lists the command ``name``."""
    commands = help_text.split("Commands:", 1)[-1]
    return any(line.split()[:1] == [name] for line in commands.splitlines())


def check_pdf(path: Path) -> int:
    """Check that ``path`` is a PDF with text on its pages; returns the page count."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        raise CheckFailed(f"{path}: does not start with %PDF")
    try:
        from pypdf import PdfReader
    except ImportError as error:  # the dev venv has it (the test extra)
        raise CheckFailed(
            "pypdf is needed to check the report: pip install -e '.[test]'"
        ) from error
    reader = PdfReader(path)
    pages = len(reader.pages)
    if pages < 1:
        raise CheckFailed(f"{path}: the PDF has no pages")
    if not reader.pages[0].extract_text().strip():
        raise CheckFailed(f"{path}: the first page has no text")
    return pages


def cli_smoke(assessor: Sequence[str], env: Mapping[str, str], workdir: Path) -> None:
    """List the questionnaires, store an assessment, render its report and check the PDF."""
    workdir.mkdir(parents=True, exist_ok=True)

    with step("assessor --version"):
        print("   " + run([*assessor, "--version"], env, workdir).stdout.strip())

    with step("assessor questionnaires --json lists the bundled questionnaires"):
        listed = json.loads(run([*assessor, "questionnaires", "--json"], env, workdir).stdout)
        ids = [questionnaire["id"] for questionnaire in listed]
        missing = [qid for qid in BUNDLED_QUESTIONNAIRES if qid not in ids]
        if missing:
            raise CheckFailed(f"questionnaires missing: {missing} (listed: {ids})")
        bundled = [q for q in listed if q["id"] in BUNDLED_QUESTIONNAIRES]
        print(f"   {', '.join(ids)}")

    help_text = run([*assessor, "--help"], env, workdir).stdout
    if has_command(help_text, "demo"):
        with step("assessor demo creates demo data"):
            print(
                "   " + run([*assessor, "demo"], env, workdir).stdout.strip().replace("\n", "\n   ")
            )
    else:
        with step("assessor import of a generated exchange file (no demo command yet)"):
            exchange = workdir / "check-assessment.json"
            exchange.write_text(json.dumps(exchange_file(bundled), ensure_ascii=False), "utf-8")
            print("   " + run([*assessor, "import", str(exchange)], env, workdir).stdout.strip())

    if has_command(help_text, "outcomes") and has_command(help_text, "demo"):
        with step("assessor outcomes show --json reads the bundled outcome metrics"):
            shown = run(
                [*assessor, "outcomes", "show", "--org", "Demo: Harbour Tools Ltd", "--json"],
                env,
                workdir,
            ).stdout
            values = json.loads(shown)
            periods = {value["period"] for value in values}
            if len(periods) < 6 or not all(value.get("unit") is not None for value in values):
                raise CheckFailed(f"assessor outcomes show: {len(values)} values, {periods}")
            print(f"   {len(values)} outcome values over {len(periods)} periods")

    with step("assessor list --json"):
        stored = json.loads(run([*assessor, "list", "--json"], env, workdir).stdout)
        if not stored:
            raise CheckFailed("assessor list --json: no assessments stored")
        complete = [entry for entry in stored if entry.get("status") == "complete"] or stored
        chosen = complete[0]
        print(f"   {len(stored)} stored; reporting #{chosen['id']} ({chosen['organisation']})")

    with step("assessor report renders a PDF"):
        pdf = workdir / "report.pdf"
        run([*assessor, "report", str(chosen["id"]), "-o", str(pdf)], env, workdir)
        pages = check_pdf(pdf)
        print(f"   {pdf.name}: {pages} pages, {pdf.stat().st_size // 1024} KiB")


def main_guard(function: Callable[[], None]) -> int:
    """Run a check's main function: a failed check prints its reason and returns status 1."""
    try:
        function()
    except CheckFailed as failure:
        print(f"CHECK FAILED: {failure}", file=sys.stderr)
        return 1
    return 0


def relative(path: Path) -> str:
    """``path`` relative to the working directory when it is below it (for shorter messages)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return os.fspath(path)
