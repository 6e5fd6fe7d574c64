"""The kill test: a child process saving answers is SIGKILLed at a random moment, 200 times.

Each acknowledged save (the child reports it on a pipe only after ``save_answer`` returned, so
after the commit) must be found on reopening, and ``PRAGMA quick_check`` must say ok. The
benchmark script runs the same rounds with ``--kill-rounds 2000``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.storage import kill_rounds

ROUNDS = 200


@pytest.mark.slow
def test_no_acknowledged_answer_is_lost_when_the_process_is_killed(db_path: Path) -> None:
    report = kill_rounds(db_path, ROUNDS, seed=20261123)
    assert report.rounds == ROUNDS
    assert report.acknowledged > ROUNDS  # the child did save, round after round
