"""The bounded reader: regular files only, never more than the limit, whatever fstat says."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.files.inputs import InputError, InputKind, check_input, read_input, size_text

TINY = InputKind("a tiny file", 10)


def test_a_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_bytes(b"0123456789")

    assert read_input(path, TINY) == b"0123456789"
    assert check_input(path, TINY) == 10


def test_a_file_whose_size_says_nothing_is_still_cut_at_the_limit() -> None:
    # /proc files are regular files that report a size of 0 and then give more.
    path = Path("/proc/self/environ")
    if not path.exists():
        pytest.skip("no /proc here")

    with pytest.raises(InputError) as caught:
        read_input(path, TINY, "environ")

    assert caught.value.lines == (
        "environ: grew past the 10 bytes limit for a tiny file while it was read "
        "(nothing was used)",
    )


def test_the_name_given_is_the_name_shown(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_input(tmp_path / "absent", TINY, "shown.toml")

    assert caught.value.lines == ("shown.toml: cannot be read: No such file or directory",)


@pytest.mark.parametrize(
    ("size", "text"),
    [(1, "1 byte"), (812, "812 bytes"), (3 * 1024 * 1024 // 2, "1.5 MB"), (16 << 30, "16 GB")],
)
def test_sizes_read_as_people_say_them(size: int, text: str) -> None:
    assert size_text(size) == text
