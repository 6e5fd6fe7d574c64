"""Benchmark: import an exchange file of many assessments, against scoring the same file.

Budgets (DESIGN.md §8): ``assessor import`` of a file of N assessments takes at most 1.5x the
time ``assessor score`` needs for the same file (both read, check and score every assessment;
import also stores them), and its peak memory stays under 300 MB for a 60 MB file.

The file (60 MB by default, just under the 64 MB an exchange file may have) holds complete,
random but valid assessments (the answers of ``bench_scoring``) of 50 organisations. Each
command runs once, as its own process, in a temporary data folder; the peak memory is the
process's maximum resident set size as the kernel reports it (Linux, macOS).

Run: .venv/bin/python tests/benchmarks/bench_import.py [MEGABYTES] (about 90 s for 60 MB on the
2-core development machine, most of it the import)
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assessor.exchange.exchange_file import FORMAT, FORMAT_VERSION  # noqa: E402
from assessor.files.inputs import EXCHANGE, MB  # noqa: E402
from tests.benchmarks.bench_scoring import build_raw_assessments  # noqa: E402
from tests.benchmarks.timing import verdict  # noqa: E402
from tests.helpers.answer_sets import bundled_definitions  # noqa: E402

MEGABYTES = 60.0
RATIO_BUDGET = 1.5
MEMORY_BUDGET_MB = 300.0
ROLES = ("ceo", "marketing", "sales", "other")
ORGANISATIONS = 50
#: How many assessments are drawn first to learn the size of one.
SAMPLE = 20


def records(count: int) -> list[dict[str, Any]]:
    """``count`` exchange-file records of complete assessments, every one different."""
    definitions = bundled_definitions()
    versions = {qid: q.version for qid, q in definitions.items()}
    rng = random.Random(18)
    result = []
    for n, answers in enumerate(build_raw_assessments(definitions, count)):
        year, quarter = divmod(n // (ORGANISATIONS * len(ROLES)), 4)
        result.append(
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "organisation": f"Organisation {n % ORGANISATIONS:02d}",
                "unit": "",
                "respondent": {"name": f"Person {n}", "role": ROLES[n % len(ROLES)]},
                "period": f"{2000 + year % 100}-Q{quarter + 1}",
                "status": "complete",
                "questionnaires": versions,
                "answers": answers,
            }
        )
    return result


def _text(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def write_exchange_file(path: Path, megabytes: float) -> int:
    """Write an exchange file of about ``megabytes`` (never over the limit); its assessments."""
    target = min(megabytes * MB, EXCHANGE.limit - MB)
    one = len(_text(records(SAMPLE)).encode()) / SAMPLE
    count = max(1, int(target / one))
    path.write_text(_text(records(count)), encoding="utf-8")
    return count


def write_in_child(path: Path, megabytes: float) -> int:
    """:func:`write_exchange_file` in a child process; its assessments.

    The records take hundreds of megabytes while they are made. Made in this process they would
    stay in its memory, and a command it then starts would inherit that peak: Linux counts the
    memory of the process that forked into a child's maximum resident set size.
    """
    made = subprocess.run(
        [sys.executable, __file__, "--write", str(path), str(megabytes)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(made.stdout)


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``command`` to its end; its wall seconds and peak resident memory in MB."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        with subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors
        ) as process:
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        said = errors.read().decode(errors="replace").strip()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[2:])} failed ({process.returncode}): {said}")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = usage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)
    return seconds, peak


def main(megabytes: float = MEGABYTES) -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory(prefix="assessor-bench-") as name:
        folder = Path(name)
        home = folder / "home"
        home.mkdir(mode=0o700)
        env = {**os.environ, "ASSESSOR_HOME": str(home), "ASSESSOR_DB": str(home / "a.db")}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        exchange = folder / "assessments.json"
        start = time.perf_counter()
        count = write_in_child(exchange, megabytes)
        size = exchange.stat().st_size / MB
        print(f"wrote {count:,} assessments ({size:.1f} MB) in {time.perf_counter() - start:.1f} s")
        assessor = [sys.executable, "-m", "assessor"]
        scored, score_peak = measure([*assessor, "score", str(exchange)], env)
        imported, import_peak = measure([*assessor, "import", str(exchange)], env)
    print(
        f"assessor score: {scored:.1f} s, peak {score_peak:.0f} MB; "
        f"assessor import: {imported:.1f} s, peak {import_peak:.0f} MB"
    )
    verdict(
        f"import / score, same {size:.0f} MB file",
        imported / scored,
        RATIO_BUDGET,
        "x",
        at_most=True,
        note=f"({imported:.1f} s / {scored:.1f} s, {count:,} assessments)",
    )
    verdict(f"import peak memory, {size:.0f} MB file", import_peak, MEMORY_BUDGET_MB, "MB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:  # the child of write_in_child
        print(write_exchange_file(Path(sys.argv[2]), float(sys.argv[3])))
    else:
        main(float(sys.argv[1]) if len(sys.argv) > 1 else MEGABYTES)
