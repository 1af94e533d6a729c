"""``studyvisit import participants``: the same checks as the window, on the command line."""

from __future__ import annotations

from pathlib import Path

from app.cli import main
from app.services.people import list_participations
from tests.ui.test_ui_participants import BAD, GOOD


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def test_problems_are_printed_by_line_and_nothing_is_saved(
    capsys, db, db_path, visit, tmp_path: Path
):
    path = tmp_path / "saraksts.csv"
    path.write_text(BAD, encoding="utf-8")
    code, _out, err = run(capsys, "--db", db_path, "import", "participants", "LPS-BERGEN", path)
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == f"{path}: line 3: E-pasts: is not a valid e-mail address: ilze@bad"
    assert "Nothing was imported" in lines[-1]
    assert len(list_participations(db, visit.id)) == 2


def test_a_clean_list_is_imported(capsys, db, db_path, visit, tmp_path: Path):
    path = tmp_path / "saraksts.csv"
    path.write_text(GOOD, encoding="utf-8")
    code, out, _err = run(capsys, "--db", db_path, "import", "participants", "LPS-BERGEN", path)
    assert code == 0
    assert "Imported 2 participants into LPS-BERGEN (2 new in the directory)" in out
    assert len(list_participations(db, visit.id)) == 4


def test_map_names_a_column_the_headers_do_not(capsys, db, db_path, visit, tmp_path: Path):
    path = tmp_path / "list.csv"
    path.write_text("Who,Mail\nJānis Ozols,janis@example.lv\n", encoding="utf-8")
    code, _out, err = run(capsys, "--db", db_path, "import", "participants", "LPS-BERGEN", path)
    assert code == 2 and "full name" in err
    code, _out, _err = run(
        capsys,
        "--db",
        db_path,
        "import",
        "participants",
        "LPS-BERGEN",
        path,
        "--map",
        "1=name",
        "--map",
        "Mail=email",
    )
    assert code == 0
    code, _out, err = run(
        capsys, "--db", db_path, "import", "participants", "LPS-BERGEN", path, "--map", "9=name"
    )
    assert code == 2 and "no column 9" in err


def test_a_missing_file_or_visit_is_one_line(capsys, db_path, visit, tmp_path: Path):
    code, _out, err = run(
        capsys, "--db", db_path, "import", "participants", "LPS-BERGEN", tmp_path / "nav.csv"
    )
    assert code == 2 and len(err.splitlines()) == 1
    path = tmp_path / "list.csv"
    path.write_text(GOOD, encoding="utf-8")
    code, _out, err = run(capsys, "--db", db_path, "import", "participants", "NAV", path)
    assert code == 2 and "NAV" in err


def test_the_help_names_every_field_the_import_knows():
    from app.cli_participants import FIELD_NAMES
    from app.interchange.participants import FIELDS

    assert tuple(FIELDS) == FIELD_NAMES
