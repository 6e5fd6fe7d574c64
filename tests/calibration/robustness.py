"""Robustness of the diagnosis: how many high-severity findings flip when one answer moves a step.

Run from the project folder with ``.venv/bin/python tests/calibration/robustness.py`` (or
``-m tests.calibration.robustness``); ``--verbose`` lists every flip. For every calibration
organisation it moves every single answer one step (agreement ±1; the neighbouring option of a
frequency item on its scale; the next option up or down in score order for a choice item; one
tick added or removed on a multi-select, an exclusive option going alone; one option of a
checklist answered the other way, made unknown, or when unknown answered yes or no; the middle of
the neighbouring range of a number; "don't know" (except on a checklist, where it is every option
unknown), free text and the organisation profile stay as they are), diagnoses the changed
answers and counts the single-step changes after which at least one high-severity finding fires
that did not, or no longer fires. A diagnosis that turns
on one step of one answer is one a board should not rely on, so the figure should stay small.

Choice options are listed in a neutral order on purpose (a respondent must not read the scoring
from the order), so the option listed next to an answer may be its opposite. ``--listed``
moves choice answers to the option listed next instead; that figure counts such jumps too.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assessor.diagnosis.answers import Answer
    from tests.calibration.organisations import Organisation


def _bootstrap() -> None:
    root = Path(__file__).resolve().parents[2]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))


def _high(
    organisation: Organisation, answers: Mapping[str, Mapping[str, Answer]] | None = None
) -> frozenset[str]:
    """The high-severity findings that fire for the organisation (or for ``answers``)."""
    diagnosis = organisation.diagnose(answers)
    return frozenset(r.finding.id for r in diagnosis.fired if r.finding.severity == "high")


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f} %" if whole else "n/a"


def main(argv: list[str] | None = None) -> int:
    """Print the flips per organisation and in total; exit status 0."""
    _bootstrap()
    from tests.calibration.organisations import load_all, single_steps

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every flip")
    parser.add_argument(
        "--listed", action="store_true", help="choice answers move in listed, not score, order"
    )
    args = parser.parse_args(argv)

    total_steps = total_flips = 0
    by_finding: Counter[str] = Counter()
    by_kind_steps: Counter[str] = Counter()
    by_kind_flips: Counter[str] = Counter()
    organisations = load_all()
    width = max([len("organisation"), *(len(o.name) for o in organisations)])
    print(f"{'organisation':<{width}}  {'role':<9}  {'flips':<24}  high-severity findings")
    for organisation in organisations:
        base = _high(organisation)
        steps = flips = 0
        details: list[str] = []
        for questionnaire_id, item_id, value, answers in single_steps(organisation, args.listed):
            steps += 1
            kind = organisation.definitions[questionnaire_id].item(item_id).kind
            by_kind_steps[kind] += 1
            moved = _high(organisation, answers)
            if moved != base:
                flips += 1
                by_kind_flips[kind] += 1
                changed = sorted([f"+{f}" for f in moved - base] + [f"-{f}" for f in base - moved])
                by_finding.update(f[1:] for f in changed)
                old = organisation.assessment.answers[questionnaire_id][item_id].value
                details.append(
                    f"    {questionnaire_id}/{item_id}: {old!r} -> {value!r}: {', '.join(changed)}"
                )
        total_steps += steps
        total_flips += flips
        shown = ", ".join(sorted(base)) or "none"
        figure = f"{flips} of {steps:,} ({_percent(flips, steps)})"
        print(f"{organisation.name:<{width}}  {organisation.role:<9}  {figure:<24}  {shown}")
        if args.verbose:
            print("\n".join(details))
    print(
        f"flips: {total_flips:,} of {total_steps:,} single-step changes "
        f"({_percent(total_flips, total_steps)}) across {len(organisations)} organisations"
        + (" (choice answers moved in listed order)" if args.listed else "")
    )
    print(
        "by kind of item: "
        + ", ".join(
            f"{kind} {by_kind_flips[kind]} of {n:,}" for kind, n in sorted(by_kind_steps.items())
        )
    )
    if by_finding:
        print("by finding: " + ", ".join(f"{f} {n}" for f, n in by_finding.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
