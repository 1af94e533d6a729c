"""A restore that fails midway (here: the copy of the database it replaces cannot be
written, the backups folder being a file) is told in one sentence of this program's own,
as a failed backup is: no "[Errno 20]" and no path of a half-written copy; the database
keeps its data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from db.models import Visit


def test_a_restore_that_cannot_keep_the_replaced_database_says_so_plainly(
    cli, db, db_path, tmp_path
):
    with db.write() as s:
        s.add(
            Visit(
                code="KEEP",
                title="Vizīte",
                timezone="Europe/Riga",
                start_date=dt.date(2024, 4, 2),
                end_date=dt.date(2024, 4, 5),
            )
        )
    backup = tmp_path / "monday.db"
    assert cli("--db", db_path, "backup", "--out", backup).code == 0
    (db_path.parent / "backups").write_text("not a folder")  # the copy cannot be made

    run = cli("--db", db_path, "restore", backup)
    assert run.code == 2 and run.err.count("\n") == 1, run.err
    assert "Errno" not in run.err and ".part" not in run.err, run.err
    assert "restore failed" in run.err and "details are in" in run.err, run.err
    with db.read() as s:
        assert list(s.scalars(select(Visit.code))) == ["KEEP"]
