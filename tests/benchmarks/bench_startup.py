"""Benchmark: time from process start to the main window's first paint and to the list of
assessments, against a bare window.

Both are measured in the same run, alternating, each as a fresh process: the app (``assessor``
with ``ASSESSOR_EXIT_AFTER_PAINT=1``, on a database with a few assessments) and a bare PySide6
script that shows an empty QMainWindow. Budgets (DESIGN.md §8): the app's first paint within
1.5x the bare window's, and Home painted with the list of assessments ("content ready") within
2x. "All loaded" (the store, the questionnaires and every page ready) has no budget.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=True)
    found = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("first-paint", "content-ready", "all-loaded"):
            found[name] = float(value)
    return found


def main(runs: int) -> None:
    """Print the medians and the ratio."""
    home = Path(tempfile.mkdtemp(prefix="assessor-bench-"))
    env = {**os.environ, "ASSESSOR_HOME": str(home), "ASSESSOR_EXIT_AFTER_PAINT": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("ASSESSOR_DB", None)
    # A few assessments, as on a real machine, so the home list has something to show.
    seed = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from assessor.storage.store import Store\n"
        "from docs.make_screenshots import seed\n"
        "with Store.open() as store: seed(store)\n"
    )
    subprocess.run([sys.executable, "-c", seed], env=env, check=True, cwd=ROOT)
    app = [sys.executable, "-m", "assessor"]
    bare = [sys.executable, "-c", BARE.format(root=str(ROOT))]
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
    ratio = paint_median / bare_median
    ready_ratio = ready_median / bare_median
    print(
        f"bare PySide6 window, first paint:      median {bare_median * 1000:7.1f} ms ({runs} runs)"
    )
    print(f"Assessor main window, first paint:     median {paint_median * 1000:7.1f} ms")
    print(f"Assessor Home painted with its list:   median {ready_median * 1000:7.1f} ms")
    print(f"Assessor every page loaded:            median {loaded_median * 1000:7.1f} ms")
    verdict = "OK" if ratio <= BUDGET else "OVER"
    print(f"first-paint ratio: {ratio:.2f} (budget {BUDGET}) {verdict}")
    verdict = "OK" if ready_ratio <= CONTENT_BUDGET else "OVER"
    print(f"content-ready ratio: {ready_ratio:.2f} (budget {CONTENT_BUDGET}) {verdict}")
    print(f"all-loaded ratio: {loaded_median / bare_median:.2f} (no budget; for information)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
