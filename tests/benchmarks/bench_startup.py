"""Benchmark: time from process start to the main window's first paint and to the list of
assessments, against a bare window.

Both are measured in the same run, alternating, each as a fresh process: the app (``assessor``
with ``ASSESSOR_EXIT_AFTER_PAINT=1``, on a database with a few assessments) and a bare PySide6
script that shows an empty QMainWindow. Budgets (DESIGN.md §8): the app's first paint within
1.5x the bare window's, and Home painted with the list of assessments ("content ready") within
2x. "All loaded" (the store, the questionnaires and every page ready) has no budget.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_startup.py [RUNS]
(about 10 s with the default 7 runs). The process clock the starts are read from
(``ui.app.process_age``) ticks in steps of 10 ms, so the medians are multiples of 10 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.timing import verdict  # noqa: E402

RUNS = 7
BUDGET = 1.5
CONTENT_BUDGET = 2.0

BARE = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
sys.path.insert(0, {root!r})
from ui.app import process_age

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first-paint {{process_age():.4f}}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("Bare")
window.resize(1040, 760)
probe = Probe(window)
window.installEventFilter(probe)
window.show()
app.exec()
"""


def timings(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``command``; the seconds since its start that it printed, by name."""
    done = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    found = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("first-paint", "content-ready", "all-loaded"):
            found[name] = float(value)
    return found


def environment(home: Path) -> dict[str, str]:
    """The environment of every measured process: a private data folder, quit after paint."""
    env = {**os.environ, "ASSESSOR_HOME": str(home), "ASSESSOR_EXIT_AFTER_PAINT": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("ASSESSOR_DB", None)
    return env


def seed_database(env: dict[str, str]) -> None:
    """A few assessments, as on a real machine, so the home list has something to show."""
    seed = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from assessor.storage.store import Store\n"
        "from docs.make_screenshots import seed\n"
        "with Store.open() as store: seed(store)\n"
    )
    subprocess.run([sys.executable, "-c", seed], env=env, check=True, cwd=ROOT)


def main(runs: int = RUNS, *, warm_up: bool = True) -> None:
    """Print the medians and the ratios (``warm_up`` off only for the smoke test)."""
    with tempfile.TemporaryDirectory(prefix="assessor-bench-") as folder:
        env = environment(Path(folder))
        seed_database(env)
        app = [sys.executable, "-m", "assessor"]
        bare = [sys.executable, "-c", BARE.format(root=str(ROOT))]
        if warm_up:
            timings(app, env)  # warm the file cache for both
            timings(bare, env)
        app_paint, app_ready, app_loaded, bare_paint = [], [], [], []
        for _ in range(runs):
            measured = timings(app, env)
            app_paint.append(measured["first-paint"])
            app_ready.append(measured["content-ready"])
            app_loaded.append(measured["all-loaded"])
            bare_paint.append(timings(bare, env)["first-paint"])
    bare_median = statistics.median(bare_paint)
    paint_median = statistics.median(app_paint)
    ready_median = statistics.median(app_ready)
    loaded_median = statistics.median(app_loaded)
    print(f"medians of {runs} starts each, in seconds since the process started:")
    print(f"  bare PySide6 window, first paint:     {bare_median * 1000:7.1f} ms")
    print(f"  Assessor main window, first paint:    {paint_median * 1000:7.1f} ms")
    print(f"  Assessor Home painted with its list:  {ready_median * 1000:7.1f} ms")
    print(f"  Assessor every page loaded:           {loaded_median * 1000:7.1f} ms")
    print(f"  every page loaded / bare window: {loaded_median / bare_median:.2f}x (no budget)")
    verdict(
        "first paint / bare window's",
        paint_median / bare_median,
        BUDGET,
        "x",
        at_most=True,
        note=f"({paint_median * 1000:.0f} ms / {bare_median * 1000:.0f} ms)",
    )
    verdict(
        "Home with its list painted / bare window's",
        ready_median / bare_median,
        CONTENT_BUDGET,
        "x",
        at_most=True,
        note=f"({ready_median * 1000:.0f} ms / {bare_median * 1000:.0f} ms)",
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)
