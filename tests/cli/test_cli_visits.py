"""``visits list``, ``export visit`` and ``import visit`` as a script sees them: exit codes,
one-line messages naming what is wrong, UTF-8 JSON with Latvian letters as letters."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from db.models import Visit


def add_visit(
    db,
    code: str = "LPS-BERGEN",
    title: str = "LPS valde Bergenā",
    city: str = "Bergen",
    country: str = "NO",
) -> None:
    with db.write() as s:
        s.add(
            Visit(
                code=code,
                title=title,
                timezone="Europe/Oslo",
                city=city,
                country=country,
                start_date=dt.date(2024, 4, 2),
                end_date=dt.date(2024, 4, 5),
                status="completed",
            )
        )


def visit_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(Visit.id)))


def test_empty_database_says_how_to_get_visits(cli, db_path):
    run = cli("--db", db_path, "visits", "list")
    assert run.code == 0
    assert "studyvisit demo" in run.out


def test_visits_list_is_an_aligned_table(cli, db, db_path):
    add_visit(db)
    add_visit(db, code="SEM", title="Seminārs Rīgā", city="Rīga", country="LV")
    run = cli("--db", db_path, "visits", "list")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0].split() == ["Code", "Dates", "Status", "Title"]
    title_column = lines[0].index("Title")
    assert {line[title_column:] for line in lines[1:]} == {"LPS valde Bergenā", "Seminārs Rīgā"}
    assert "2024-04-02 – 2024-04-05" in lines[1]


def test_visits_list_json_is_utf8_with_letters_unescaped(capsysbinary, db, db_path):
    from app.cli import main

    add_visit(db, code="RĪGA-1", title="Pieredzes apmaiņa Trondelāgā", city="Rīga", country="LV")
    assert main(["--db", str(db_path), "visits", "list", "--json"]) == 0
    raw = capsysbinary.readouterr().out
    assert "Trondelāgā".encode() in raw and b"\\u" not in raw
    data = json.loads(raw.decode("utf-8"))
    assert data == [
        {
            "id": data[0]["id"],
            "code": "RĪGA-1",
            "title": "Pieredzes apmaiņa Trondelāgā",
            "kind": "study_visit",
            "status": "completed",
            "start_date": "2024-04-02",
            "end_date": "2024-04-05",
            "country": "LV",
            "city": "Rīga",
            "participants": 0,
        }
    ]


def test_unknown_visit_is_one_line_exit_2_and_writes_nothing(cli, db_path, tmp_path):
    out = tmp_path / "x.json"
    run = cli("--db", db_path, "export", "visit", "NO-SUCH", "--out", out)
    assert run.code == 2
    assert run.err.count("\n") == 1 and "NO-SUCH" in run.err
    assert not out.exists()


def test_unknown_command_and_missing_argument_exit_2(cli, db_path):
    run = cli("--db", db_path, "visits", "lst")
    assert run.code == 2 and run.err.count("\n") == 1 and "lst" in run.err
    run = cli("--db", db_path, "export", "visit", "X")
    assert run.code == 2 and run.err.count("\n") == 1 and "--out" in run.err
    run = cli("--db", db_path, "import", "visit", "a.json", "--replace", "--as", "B")
    assert run.code == 2 and run.err.count("\n") == 1


def test_missing_import_file_exit_2_names_the_file(cli, db_path, tmp_path):
    missing = tmp_path / "nav.json"
    run = cli("--db", db_path, "import", "visit", missing)
    assert run.code == 2
    assert run.err.count("\n") == 1 and str(missing) in run.err


def test_export_then_import_as_new_code(cli, db, db_path, tmp_path):
    add_visit(db)
    out = tmp_path / "bergen.json"
    run = cli("--db", db_path, "export", "visit", "LPS-BERGEN", "--out", out)
    assert run.code == 0 and run.err == ""
    text = out.read_text(encoding="utf-8")
    assert json.loads(text)["visit"]["code"] == "LPS-BERGEN"
    assert "Bergenā" in text

    run = cli("--db", db_path, "import", "visit", out, "--as", "LPS-BERGEN-2")
    assert run.code == 0, run.err
    assert "LPS-BERGEN-2" in run.out
    codes = {v["code"] for v in json.loads(cli("--db", db_path, "visits", "list", "--json").out)}
    assert codes == {"LPS-BERGEN", "LPS-BERGEN-2"}


def test_import_of_an_existing_code_without_replace_changes_nothing(cli, db, db_path, tmp_path):
    add_visit(db)
    out = tmp_path / "bergen.json"
    assert cli("--db", db_path, "export", "visit", "LPS-BERGEN", "--out", out).code == 0
    run = cli("--db", db_path, "import", "visit", out)
    assert run.code == 2 and run.err.count("\n") == 1
    assert visit_count(db) == 1


def test_broken_visit_file_names_the_json_path_and_imports_nothing(cli, db, db_path, tmp_path):
    add_visit(db)
    out = tmp_path / "bergen.json"
    assert cli("--db", db_path, "export", "visit", "LPS-BERGEN", "--out", out).code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data["visit"]["end_date"] = "2024-02-30"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = cli("--db", db_path, "import", "visit", out, "--as", "OTHER")
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert "visit.end_date" in run.err and str(out) in run.err
    assert visit_count(db) == 1


def test_file_that_is_not_json_exit_2(cli, db, db_path, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "studyvisit/1",', encoding="utf-8")
    run = cli("--db", db_path, "import", "visit", bad)
    assert run.code == 2 and run.err.count("\n") == 1
    bad.write_bytes(b"\xff\xfe{}")
    run = cli("--db", db_path, "import", "visit", bad)
    assert run.code == 2 and "UTF-8" in run.err
    assert visit_count(db) == 0


def test_sensitive_fields_leave_only_when_asked(cli, db, db_path, tmp_path):
    from db.models import Participation, Person

    add_visit(db)
    with db.write() as s:
        person = Person(
            given_name="Ilze",
            family_name="Ozoliņa",
            id_document="LV1234567",
            date_of_birth=dt.date(1980, 5, 17),
        )
        s.add(person)
        s.flush()
        visit = s.scalars(select(Visit)).one()
        s.add(Participation(visit_id=visit.id, person_id=person.id, status="confirmed"))
    plain, full = tmp_path / "plain.json", tmp_path / "full.json"
    assert cli("--db", db_path, "export", "visit", "LPS-BERGEN", "--out", plain).code == 0
    assert (
        cli(
            "--db", db_path, "export", "visit", "LPS-BERGEN", "--out", full, "--include-sensitive"
        ).code
        == 0
    )
    assert "Ozoliņa" in plain.read_text(encoding="utf-8")
    assert "LV1234567" not in plain.read_text(encoding="utf-8")
    assert "1980-05-17" not in plain.read_text(encoding="utf-8")
    assert "LV1234567" in full.read_text(encoding="utf-8")
    assert "1980-05-17" in full.read_text(encoding="utf-8")


def test_replace_updates_the_visit_with_the_same_code(cli, db, db_path, tmp_path):
    add_visit(db)
    out = tmp_path / "bergen.json"
    assert cli("--db", db_path, "export", "visit", "LPS-BERGEN", "--out", out).code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data["visit"]["title"] = "LPS valde Bergenā (precizēts)"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = cli("--db", db_path, "import", "visit", out, "--replace")
    assert run.code == 0, run.err
    listed = json.loads(cli("--db", db_path, "visits", "list", "--json").out)
    assert [(v["code"], v["title"]) for v in listed] == [
        ("LPS-BERGEN", "LPS valde Bergenā (precizēts)")
    ]


def test_import_warnings_go_to_stderr_and_the_import_succeeds(cli, db, db_path, tmp_path):
    add_visit(db)
    out = tmp_path / "bergen.json"
    assert cli("--db", db_path, "export", "visit", "LPS-BERGEN", "--out", out).code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data["made_by"] = "another tool"  # unknown fields are ignored with a warning
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = cli("--db", db_path, "import", "visit", out, "--as", "COPY")
    assert run.code == 0
    assert any(line.startswith("warning: ") and "made_by" in line for line in run.err.splitlines())
    assert visit_count(db) == 2
