"""Builders for storage tests and benchmarks: questionnaires, filled assessments, digests, and
the child processes of the kill and concurrency tests.

The child processes are started with the ``fork`` method, so they start in milliseconds and
need nothing pickled; the parent holds no open database connection when it forks.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest

from assessor.diagnosis.answers import Answer, make_answer, without_clash
from assessor.questionnaire.catalogue import BUNDLED, Catalogue, bundled_files, load_files
from assessor.questionnaire.loading import parse_questionnaire
from assessor.questionnaire.model import Item, Questionnaire
from assessor.storage import Store
from tests.helpers.questionnaires import ROLES_TOML, mutate

FORK = multiprocessing.get_context("fork")


@cache
def bundled() -> tuple[Questionnaire, ...]:
    """The bundled questionnaires, in the catalogue's order."""
    catalogue = Catalogue()
    load_files(catalogue, bundled_files(), BUNDLED)
    return tuple(catalogue)


def first_scored() -> Questionnaire:
    """The first scored bundled questionnaire (the organisation profile, unscored, comes
    first in the catalogue's order)."""
    return next(q for q in bundled() if not q.is_profile)


def mini(version: int = 1, title: str = "Mini") -> Questionnaire:
    """The minimal test questionnaire, at a given version and title."""
    text = mutate('title = "Mini"', f'title = "{title}"')
    text = mutate("version = 1", f"version = {version}", text)
    return parse_questionnaire(text.encode("utf-8"), "mini.toml")


def asked_by_role() -> Questionnaire:
    """The test questionnaire ``roles`` whose items are asked of different roles (ROLES_TOML)."""
    text = ROLES_TOML.replace('id = "mini"', 'id = "roles"', 1).replace("Mini", "Roles", 1)
    return parse_questionnaire(text.encode("utf-8"), "roles.toml")


def sample_value(item: Item, n: int) -> Any:
    """A valid value for ``item`` that varies with ``n``."""
    options = [option.id for option in item.options]
    if item.kind == "agreement":
        return n % 5 + 1
    if item.kind in ("frequency", "choice"):
        return options[n % len(options)]
    if item.kind == "multi":
        return without_clash(item, options[: n % len(options) + 1])
    if item.kind == "checklist":
        return {option: (n + index) % 2 == 0 for index, option in enumerate(options)}
    if item.kind == "number":
        low = item.min if item.min is not None else 0
        high = item.max if item.max is not None else 100
        return low + (n % 7) * (high - low) / 6
    return f"free text {n} – ünïcode ✓"


def fill(
    store: Store, assessment_id: int, questionnaires: Sequence[Questionnaire], seed: int = 0
) -> None:
    """Answer every item (some "don't know", some with notes) through ``save_answer``."""
    for q_index, questionnaire in enumerate(questionnaires):
        for index, item in enumerate(questionnaire.items):
            n = seed + 7 * q_index + index
            if item.scored and n % 9 == 4:
                answer = make_answer(questionnaire, item.id, dont_know=True, note="not sure")
            else:
                note = f'evidence {n}, with "quotes" and <b>markup</b>' if n % 4 == 0 else ""
                answer = make_answer(questionnaire, item.id, sample_value(item, n), note=note)
            store.save_answer(assessment_id, questionnaire.id, item.id, answer)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a folder refuse new files, or a file refuse changes, for the duration.

    With ``chmod`` for an ordinary user; with the immutable attribute (``chattr +i``) when the
    tests run as root, because root ignores permissions. Skips the test when neither works.
    """
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode:
        pytest.skip("running as root without chattr +i: cannot make a read-only file or folder")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def quick_check_ok(path: Path) -> bool:
    """True when ``PRAGMA quick_check`` says ok, through a fresh read-only connection."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        connection.close()


# --- the kill test ---------------------------------------------------------------------------


def _targets() -> list[tuple[str, str]]:
    """Every (questionnaire id, item id) of the bundled questionnaires."""
    return [(q.id, item.id) for q in bundled() for item in q.items]


def _saver(db_path: Path, assessment_id: int, start: int, acks: Connection) -> None:
    """Child: save answers in a loop, acknowledging each save (after its commit) on ``acks``."""
    targets = _targets()
    store = Store.open(db_path)
    n = start
    while True:
        questionnaire_id, item_id = targets[n % len(targets)]
        store.save_answer(
            assessment_id, questionnaire_id, item_id, Answer(dont_know=True, note=str(n))
        )
        acks.send_bytes(n.to_bytes(8, "little"))
        n += 1


def _stored_sequence(store: Store, assessment_id: int) -> dict[tuple[str, str], int]:
    stored = store.get_assessment(assessment_id).assessment
    return {
        (qid, item_id): int(answer.note)
        for qid, by_item in stored.answers.items()
        for item_id, answer in by_item.items()
    }


@dataclass
class KillReport:
    """What the kill rounds did."""

    rounds: int = 0
    acknowledged: int = 0
    #: rounds in which the save in flight at the kill had committed without its ack
    unacknowledged_commits: int = 0


def kill_rounds(db_path: Path, rounds: int, seed: int = 0, max_acks: int = 40) -> KillReport:
    """Run the kill test: each round a child saves in a loop and is SIGKILLed at random.

    After each kill the database is reopened: every acknowledged save must be there (or be
    overwritten by a later save of the same item) and quick_check must say ok. Raises
    AssertionError at the first loss.
    """
    rng = random.Random(seed)
    targets = _targets()
    with Store.open(db_path) as store:
        assessment_id = store.create_assessment(
            "Kill Test Ltd", "Kim", "ceo", "2026-Q1", questionnaires=bundled()
        ).id
    report = KillReport()
    next_n = 0
    for _ in range(rounds):
        reader, writer = FORK.Pipe(duplex=False)
        child = FORK.Process(target=_saver, args=(db_path, assessment_id, next_n, writer))
        child.start()
        writer.close()
        wanted = rng.randint(0, max_acks)
        acked: list[int] = []
        with contextlib.suppress(EOFError):
            while len(acked) < wanted and reader.poll(10):
                acked.append(int.from_bytes(reader.recv_bytes(), "little"))
            reader.poll(rng.random() * 0.003)  # a random extra moment, waiting on the pipe
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL, f"the saver failed (exit {child.exitcode})"
        while True:  # acknowledgements still in the pipe count too
            try:
                acked.append(int.from_bytes(reader.recv_bytes(), "little"))
            except EOFError:
                break
        reader.close()
        assert quick_check_ok(db_path), f"quick_check failed after round {report.rounds}"
        with Store.open(db_path) as store:
            stored = _stored_sequence(store, assessment_id)
        last = acked[-1] if acked else next_n - 1
        for n in acked:
            key = targets[n % len(targets)]
            assert stored.get(key, -1) >= n, f"acknowledged save {n} of {key} was lost"
        newest = max(stored.values(), default=-1)
        assert newest <= last + 1, f"save {newest} appeared but only {last} was started"
        report.unacknowledged_commits += newest == last + 1
        report.rounds += 1
        report.acknowledged += len(acked)
        next_n = max(newest, last) + 1
    return report


# --- two writers at once -----------------------------------------------------------------------


def _writer(db_path: Path, assessment_id: int, saves: int, go: Any, done: Connection) -> None:
    """Child: wait for the start signal, then save ``saves`` answers as fast as possible."""
    questionnaire = first_scored()
    items = [item for item in questionnaire.items if item.scored]
    store = Store.open(db_path)
    go.wait()
    for n in range(saves):
        item = items[n % len(items)]
        answer = make_answer(questionnaire, item.id, sample_value(item, n), note=f"{n}")
        store.save_answer(assessment_id, questionnaire.id, item.id, answer)
    store.close()
    done.send(saves)


def run_two_writers(db_path: Path, assessment_ids: Sequence[int], saves: int) -> list[int]:
    """Two processes answer their own assessment in the same file at the same time."""
    go = FORK.Event()
    pipes = [FORK.Pipe(duplex=False) for _ in assessment_ids]
    children = [
        FORK.Process(target=_writer, args=(db_path, assessment_id, saves, go, writer))
        for assessment_id, (_, writer) in zip(assessment_ids, pipes, strict=True)
    ]
    for child in children:
        child.start()
    for _, writer in pipes:
        writer.close()
    go.set()
    counts = [int(reader.recv()) for reader, _ in pipes]
    for child in children:
        child.join()
        assert child.exitcode == 0
    return counts
