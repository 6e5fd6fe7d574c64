"""The benchmark scripts still import and run: each on tiny sizes, with no timing asserted.

Every ``bench_*.py`` is imported (a renamed API fails here, not on the day someone runs
``make benchmarks``) and its ``main`` run as small as it goes, checking that it prints the
verdict line of every budget it measures. ``run_all.py``, behind ``make benchmarks``, is run
on two stand-in scripts: one that prints a verdict and one that crashes.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from assessor.diagnosis.answers import exclusive_clash
from assessor.diagnosis.findings import diagnose
from tests.benchmarks import run_all
from tests.benchmarks.timing import PREFIX, Verdict, is_over, verdict
from tests.helpers.answer_sets import bundled_definitions

HERE = Path(__file__).resolve().parent
#: A verdict line: label, figure and unit, budget, within or OVER, and perhaps a note.
SHAPE = re.compile(
    rf"^{PREFIX}  \S.*?  +\d+(\.\d+)?(x| \S+)  budget [\d.]+(x| \S+)  (within|OVER)(  \(.+\))?$"
)

#: bench_storage's arguments for a tiny run (no kill test: the suite runs it in test_kill.py).
TINY_STORAGE = ["--saves", "5", "--assessments", "40", "--organisations", "4", "--runs", "1"]
TINY_STORAGE += ["--kill-rounds", "0"]

#: Each script's smallest run, and how many verdicts it prints (one per budget it measures).
SMOKE: dict[str, tuple[Callable[[ModuleType], object], int]] = {
    "bench_comparison": (lambda module: module.main(runs=1, warm_up=False), 2),
    "bench_hostile_inputs": (
        lambda module: module.main(runs=1, broken=200, unknown=2_000),
        4,
    ),
    "bench_import": (lambda module: module.main(megabytes=0.02), 2),
    "bench_pages": (lambda module: module.main(paper=("a4",), every_period=False), 3),
    "bench_report": (lambda module: module.main(runs=1, warm_up=False), 3),
    "bench_scoring": (lambda module: module.main(count=3, repeats=1, pin=False), 1),
    "bench_startup": (lambda module: module.main(runs=1, warm_up=False), 2),
    "bench_storage": (lambda module: module.main(TINY_STORAGE), 5),
}


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"tests.benchmarks.{name}")


def test_every_benchmark_script_has_a_smoke_run() -> None:
    assert sorted(path.stem for path in HERE.glob("bench_*.py")) == sorted(SMOKE)


@pytest.mark.parametrize("name", sorted(SMOKE))
def test_each_benchmark_runs_small_and_prints_its_verdicts(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    smoke, verdicts = SMOKE[name]
    smoke(_module(name))
    printed = capsys.readouterr().out.splitlines()
    lines = [line for line in printed if line.startswith(PREFIX + " ")]
    assert len(lines) == verdicts, printed
    for line in lines:
        assert SHAPE.match(line), line


def test_random_answers_obey_exclusive_options() -> None:
    scoring = _module("bench_scoring")
    definitions = bundled_definitions()
    raw = scoring.build_raw_assessments(definitions, 100)
    parsed = scoring.parse_all(definitions, raw)  # make_answer raises AnswerError on a clash
    exclusive_alone = several_ticked = 0
    for answers in parsed:
        diagnose(definitions, answers)
        for qid, by_item in answers.items():
            for item_id, answer in by_item.items():
                item = definitions[qid].item(item_id)
                if item.kind != "multi" or answer.dont_know:
                    continue
                assert isinstance(answer.value, tuple)
                assert exclusive_clash(item, answer.value) is None
                exclusive = {o.id for o in item.options if o.exclusive}
                if answer.value and set(answer.value) <= exclusive:
                    exclusive_alone += 1
                if len(answer.value) > 1:
                    several_ticked += 1
    # Still varied: exclusive options ticked alone, and other options ticked together.
    assert exclusive_alone > 0 and several_ticked > 0


def test_verdict_lines_share_one_shape(capsys: pytest.CaptureFixture[str]) -> None:
    under = verdict("answer saved median", 1.9, 5, "ms")
    over = verdict("comparison", 57.21, 50, "ms", note="(33.4x one diagnose())")
    ratio = verdict("first paint / bare window's", 1.5, 1.5, "x", at_most=True)
    strict = Verdict("diagnose", 1.0, 1.0, "s")
    printed = capsys.readouterr().out.splitlines()
    assert printed == [under.line(), over.line(), ratio.line()]
    assert under.line() == (
        f"{PREFIX}  answer saved median{' ' * 31}     1.90 ms  budget 5 ms  within"
    )
    assert over.line().endswith("57.2 ms  budget 50 ms  OVER  (33.4x one diagnose())")
    assert ratio.line().endswith("1.50x  budget 1.5x  within")
    assert (under.within, over.within, ratio.within, strict.within) == (True, False, True, False)
    assert [is_over(v.line()) for v in (under, over, ratio, strict)] == [False, True, False, True]
    # The figures end in the same column whatever the label.
    assert under.line().index("  budget") == over.line().index("  budget")
    assert all(SHAPE.match(v.line()) for v in (under, over, ratio, strict))


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def test_run_all_goes_past_a_crash_and_fails_only_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _script(tmp_path, "bench_good.py", f"print({Verdict('x', 7, 5, 'ms').line()!r})\n")
    silent = _script(tmp_path, "bench_silent.py", "print('no budget here')\n")
    broken = _script(tmp_path, "bench_broken.py", "raise SystemExit('AnswerError: clash')\n")

    assert run_all.main([str(broken), str(good)]) == 1
    out = capsys.readouterr().out
    summary = out[out.index("=== summary") :]
    assert "bench_broken.py (exit 1, CRASHED" in summary
    assert "| AnswerError: clash" in summary
    assert Verdict("x", 7, 5, "ms").line() in summary  # the script after the crash still ran
    assert "2 scripts, 1 verdicts (1 OVER), 1 crashed: bench_broken.py" in summary

    assert run_all.main([str(good)]) == 0  # an OVER budget is no failure
    assert run_all.main([str(silent)]) == 1
    assert "no verdict from bench_silent.py" in capsys.readouterr().out


def test_run_all_finds_every_benchmark() -> None:
    assert [path.stem for path in run_all.scripts()] == sorted(SMOKE)
