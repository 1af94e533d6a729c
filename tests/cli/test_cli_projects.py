"""``studyvisit projects list|add|edit`` as a script sees them: the fields typed as a person
types them (decimal comma, Latvian dates), one line naming the option when refused, nothing
changed then."""

from __future__ import annotations

import json

from app.services import projects, visits

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
CODE = "4.3-24/NFI/INP-002"


def test_add_list_and_edit_a_project(cli, db, db_path, tmp_path):
    logo = tmp_path / "eez logo.png"
    logo.write_bytes(PNG)
    run = cli(
        "--db",
        db_path,
        "projects",
        "add",
        CODE,
        "--title",
        "Pašvaldību sadarbība",
        "--funder",
        "EEA Grants",
        "--start",
        "01.01.2021",
        "--end",
        "2024-04-30",
        "--grant-rate",
        "85,5 %",
        "--logo",
        logo,
        "--acknowledgement",
        "Projekts tiek īstenots ar <EEZ> & Norvēģijas finansējumu 🙂",
    )
    assert (run.code, run.err) == (0, "") and CODE in run.out
    saved = projects.find_project(db, CODE)
    assert str(saved.grant_rate) == "85.5" and saved.logo == PNG
    assert saved.logo_mime == "image/png" and saved.period_start.isoformat() == "2021-01-01"
    assert saved.acknowledgement.endswith("finansējumu 🙂")
    for n in range(2):
        visits.create_visit(
            db,
            code=f"V{n}",
            title="T",
            timezone="Europe/Riga",
            start_date="2024-02-11",
            end_date="2024-02-12",
            project_id=saved.id,
        )
    cli("--db", db_path, "projects", "add", "A-0")

    run = cli("--db", db_path, "projects", "list")
    lines = run.out.splitlines()
    assert lines[0].split() == ["Code", "Period", "Awarded", "Visits", "Title"]
    assert lines[1].startswith(CODE) and lines[2].startswith("A-0")
    assert "2021-01-01 – 2024-04-30" in lines[1] and lines[1].endswith("Pašvaldību sadarbība")
    listed = json.loads(cli("--db", db_path, "projects", "list", "--json").out)
    assert [(p["code"], p["visits"], p["grant_rate"]) for p in listed] == [
        (CODE, 2, "85.5"),
        ("A-0", 0, None),
    ]

    run = cli(
        "--db",
        db_path,
        "projects",
        "edit",
        CODE,
        "--code",
        "LV07-1",
        "--title",
        "",
        "--no-logo",
        "--programme",
        "Vietējā attīstība",
    )
    assert run.code == 0, run.err
    changed = projects.find_project(db, "LV07-1")
    assert (changed.id, changed.title, changed.logo, changed.programme) == (
        saved.id,
        None,
        None,
        "Vietējā attīstība",
    )
    assert projects.find_project(db, CODE) is None


def test_bad_input_is_one_line_naming_the_option_and_changes_nothing(cli, db, db_path, tmp_path):
    cli("--db", db_path, "projects", "add", CODE, "--grant-rate", "85")
    not_image = tmp_path / "logo.png"
    not_image.write_text("<svg/>")
    cases = [
        (("add", CODE), CODE),
        (("add", "X", "--grant-rate", "150"), "--grant-rate"),
        (("add", "X", "--grant-rate", "daudz"), "--grant-rate"),
        (("add", "X", "--start", "2024-05-01", "--end", "30.04.2024"), "--end"),
        (("add", "X", "--logo", not_image), "is not a PNG or JPEG image"),
        (("add", "X", "--logo", tmp_path / "missing.png"), "--logo"),
        (("add", "   "), "CODE"),
        (("edit", "NOPE", "--title", "x"), "NOPE"),
        (("edit", CODE), "--title"),
        (("edit", CODE, "--grant-rate", "-1"), "--grant-rate"),
    ]
    for argv, named in cases:
        run = cli("--db", db_path, "projects", *argv)
        assert run.code == 2, argv
        assert run.err.count("\n") == 1 and named in run.err, (argv, run.err)
        assert "Traceback" not in run.err and "SELECT" not in run.err
    assert [(p.code, str(p.grant_rate)) for p in projects.list_projects(db)] == [(CODE, "85")]


def test_an_empty_database_says_how_to_add_a_project(cli, db_path):
    run = cli("--db", db_path, "projects", "list")
    assert run.code == 0 and "studyvisit projects add" in run.out
