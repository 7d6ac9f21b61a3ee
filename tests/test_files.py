"""Formula-safe cells and atomic saves, shared by every export."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gluteutils.files import (
    FORMULA_TRIGGERS,
    atomic_write_bytes,
    neutralise_cell,
    restore_cell,
)


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x")',
        "+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "\n=1",
        "\uff1d1",
        "\uff0b1",
        "\uff0d1",
        "\uff20x",
    ],
)
def test_formula_triggers_get_an_apostrophe(text: str) -> None:
    assert neutralise_cell(text) == "'" + text
    assert restore_cell(neutralise_cell(text)) == text


@pytest.mark.parametrize("text", ["left knee", "", "Zoë", "'quoted", "a=b", "3 sets"])
def test_harmless_text_is_left_alone(text: str) -> None:
    assert neutralise_cell(text) == text
    assert restore_cell(text) == text


def test_text_already_protected_round_trips() -> None:
    assert restore_cell(neutralise_cell("'=1")) == "'=1"
    assert neutralise_cell("'=1") == "''=1"


def test_every_trigger_is_covered() -> None:
    assert {"=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20"} <= set(
        FORMULA_TRIGGERS
    )


@given(st.text())
def test_restore_undoes_neutralise(text: str) -> None:
    safe = neutralise_cell(text)
    assert restore_cell(safe) == text
    body = safe.lstrip("'")
    assert not safe or safe[0] not in FORMULA_TRIGGERS or not body


def test_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    target.write_bytes(b"old")
    assert atomic_write_bytes(target, b"new") == target
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_failing_replace_leaves_the_old_file_whole(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "plan.csv"
    target.write_bytes(b"old")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_bytes(tmp_path / "nowhere" / "plan.csv", b"x")


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "training_log.csv"
    target.write_bytes(b"old")
    target.chmod(0o644)
    atomic_write_bytes(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    atomic_write_bytes(target, b"newer")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_file_deleted_while_it_is_written_is_written_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another program removes the file after a check for it and before its
    # permissions are read: the write goes on as for a new file.
    target = tmp_path / "training_log.csv"
    monkeypatch.setattr(Path, "exists", lambda self: True)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


@pytest.fixture
def umask_027():
    """Run a test under umask 027 (group may read, others nothing), then restore it."""
    old = os.umask(0o027)
    yield
    os.umask(old)


@pytest.mark.usefixtures("umask_027")
def test_a_new_file_gets_the_permissions_open_would_give(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    atomic_write_bytes(target, b"new")
    with (tmp_path / "opened.csv").open("wb") as stream:
        stream.write(b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.stat().st_mode == (tmp_path / "opened.csv").stat().st_mode


@pytest.mark.usefixtures("umask_027")
def test_mode_sets_a_new_files_permissions_but_not_an_existing_ones(tmp_path: Path) -> None:
    target = tmp_path / "copy.csv"
    atomic_write_bytes(target, b"new", mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o644)
    atomic_write_bytes(target, b"newer", mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.parametrize("existing", [True, False])
def test_new_contents_of_a_private_file_are_never_readable_by_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    target = tmp_path / "training_log.csv"
    if existing:
        target.write_bytes(b"old")
        target.chmod(0o600)
    seen: list[int] = []
    real_open = os.open

    def watching(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        handle = real_open(path, flags, mode)
        seen.append(stat.S_IMODE(os.fstat(handle).st_mode))  # as created, before any chmod
        return handle

    monkeypatch.setattr(os, "open", watching)
    atomic_write_bytes(target, b"private", mode=None if existing else 0o600)
    assert seen == [0o600]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["training_log.csv"]
