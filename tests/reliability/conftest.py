"""Storage that misbehaves for real: a small file system that fills up, a file nobody (not
even root) may change. Both need root (mount, chattr); the tests skip without it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[int], Path]]:
    """``small_disk(kib)``: a folder on a fresh tmpfs of that size."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small file system")
    mounted: list[Path] = []

    def make(kib: int) -> Path:
        folder = tmp_path / f"disk{len(mounted)}"
        folder.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(folder)],
            capture_output=True,
        )
        if done.returncode != 0:
            pytest.skip("cannot mount a tmpfs here")
        mounted.append(folder)
        return folder

    yield make
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the disk holding ``folder`` until at most ``leave`` bytes are free."""
    filler = folder / "filler.bin"
    with open(filler, "ab") as fh:
        while True:
            free = shutil.disk_usage(folder).free
            if free <= leave:
                break
            try:
                fh.write(b"\0" * min(4096, free - leave))
                fh.flush()
            except OSError:
                break


@pytest.fixture
def immutable() -> Iterator[Callable[[Path], None]]:
    """``immutable(path)``: the file can be read but not changed, even by root."""
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        pytest.skip("needs root and chattr")
    marked: list[Path] = []

    def make(path: Path) -> None:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("this file system has no immutable attribute")
        marked.append(path)

    yield make
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=False)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write into, not even root (a read-only bind mount): a USB stick
    with its write lock on, a share mounted read-only."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a folder read-only")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "budget.pdf").write_bytes(b"last week's export")
    folder = tmp_path / "read-only"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(inner), str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot bind-mount a folder read-only here")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)
