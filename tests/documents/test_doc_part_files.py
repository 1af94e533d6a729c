"""The ``.name.part`` a document is written to before it takes its name.

A killed export leaves ``.budget.pdf.part`` in the user's folder; the next export of that
same name clears it first (only that exact file: never another ``.part`` nor what a
leftover link points at), and a failed export removes its own ``.part``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.documents.common import write_atomically


def _write_pdf(path: str) -> None:
    Path(path).write_bytes(b"%PDF-1.4 new budget")


def test_a_stale_part_of_the_same_name_is_cleared_before_the_next_export(tmp_path) -> None:
    target = tmp_path / "budžets LPS_2027_NO.pdf"
    stale = tmp_path / ".budžets LPS_2027_NO.pdf.part"
    other = tmp_path / ".cits.pdf.part"  # another export's leftover: not ours to judge
    stale.write_bytes(b"half a PDF from the export that was killed")
    stale.chmod(0o444)
    other.write_bytes(b"someone else's")
    assert write_atomically(target, _write_pdf) == target
    assert target.read_bytes() == b"%PDF-1.4 new budget"
    assert not stale.exists() and other.read_bytes() == b"someone else's"


def test_a_stale_part_that_is_a_link_is_removed_not_written_through(tmp_path) -> None:
    """Writing through a leftover link would overwrite the file it points at and leave
    the link under the document's name."""
    elsewhere = tmp_path / "kept" / "ligums.pdf"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(b"a signed contract")
    target = tmp_path / "b.pdf"
    (tmp_path / ".b.pdf.part").symlink_to(elsewhere)
    write_atomically(target, _write_pdf)
    assert elsewhere.read_bytes() == b"a signed contract"
    assert not target.is_symlink() and target.read_bytes() == b"%PDF-1.4 new budget"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.pdf", "kept"]


def test_a_folder_of_that_name_is_not_ours_and_is_left_alone(tmp_path) -> None:
    folder = tmp_path / ".b.pdf.part"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OSError):
        write_atomically(tmp_path / "b.pdf", _write_pdf)
    assert (folder / "inside.txt").read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "b.pdf").exists()


def test_a_failed_export_removes_its_part_and_keeps_the_old_file(tmp_path) -> None:
    target = tmp_path / "b.xlsx"
    target.write_bytes(b"the export of last week")

    def fails(path: str) -> None:
        Path(path).write_bytes(b"half")
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_atomically(target, fails)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx"]
    assert target.read_bytes() == b"the export of last week"


def test_a_text_export_clears_its_stale_part_and_a_failed_one_leaves_none(
    tmp_path, monkeypatch
) -> None:
    from app import cli

    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("keep", encoding="utf-8")
    (tmp_path / ".list.csv.part").symlink_to(elsewhere)
    cli.write_text_atomically(str(tmp_path / "list.csv"), "vārds;uzvārds\n")
    assert elsewhere.read_text(encoding="utf-8") == "keep"
    assert (tmp_path / "list.csv").read_text(encoding="utf-8") == "vārds;uzvārds\n"
    assert not (tmp_path / "list.csv").is_symlink()

    def full(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli.os, "replace", full)
    with pytest.raises(cli.UsageError):
        cli.write_text_atomically(str(tmp_path / "list.csv"), "cits\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.csv", "list.csv"]
