"""``studyvisit export programme|delegates|ics|attendance|rooming|passengers`` end to end."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.documents.conftest import pdf_text, squash


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A database file with the demo visits, as a user's --db would name it."""
    path = tmp_path / "visits.db"
    shutil.copyfile(demo_template, path)
    return path


@pytest.mark.parametrize("what", ["programme", "delegates", "attendance", "rooming", "passengers"])
def test_each_pdf_export_writes_a_pdf(cli, demo_path: Path, tmp_path: Path, what) -> None:
    out = tmp_path / f"{what}.pdf"
    run = cli("--db", demo_path, "export", what, "DEMO-BERGEN-2014", "--out", out, "--lang", "en")
    assert run.code == 0, run.err
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in run.out
    fonts = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all("Roboto" in f.split()[0] and f.split()[-5] == "yes" for f in fonts)


def test_programme_defaults_to_the_visits_first_language(cli, demo_path, tmp_path) -> None:
    out = tmp_path / "p.pdf"
    assert cli("--db", demo_path, "export", "programme", "DEMO-BERGEN-2014", "--out", out).code == 0
    assert "Trešdiena, 2. aprīlis" in squash(pdf_text(out))


def test_ics_for_one_person(cli, demo_path, tmp_path) -> None:
    out = tmp_path / "r.ics"
    run = cli(
        "--db",
        demo_path,
        "export",
        "ics",
        "DEMO-KS-NORWAY-2023",
        "--out",
        out,
        "--person",
        "Agnese Rozīte",
    )
    assert run.code == 0, run.err
    assert out.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("export", "programme", "NO-SUCH", "--out", "{tmp}/x.pdf"), "NO-SUCH"),
        (
            (
                "export",
                "delegates",
                "DEMO-BERGEN-2014",
                "--out",
                "{tmp}/x.pdf",
                "--person",
                "Nobody Here",
            ),
            "Nobody Here",
        ),
        (("export", "programme", "DEMO-BERGEN-2014", "--out", "{tmp}/missing/x.pdf"), "missing"),
        (("export", "programme", "DEMO-BERGEN-2014", "--out", "{tmp}/x.pdf", "--lang", "de"), "de"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, demo_path, tmp_path, args, says) -> None:
    run = cli("--db", demo_path, *[a.format(tmp=tmp_path) for a in args])
    assert run.code == 2
    assert says in run.err and len(run.err.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_every_command_line_document_has_a_builder_with_the_common_signature() -> None:
    import inspect

    from app.cli_documents import DOCUMENTS as NAMES
    from app.documents import DOCUMENTS, builder

    assert tuple(DOCUMENTS) == NAMES
    for name in NAMES:
        params = inspect.signature(builder(name)).parameters
        assert list(params)[:3] == ["db", "visit_ref", "out_path"]
        for option in ("lang", "person", "progress", "cancel"):
            assert option in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def test_delegates_split_writes_a_folder_of_files(cli, demo_path, tmp_path) -> None:
    folder = tmp_path / "itineraries"
    run = cli(
        "--db",
        demo_path,
        "export",
        "delegates",
        "DEMO-BERGEN-2014",
        "--out",
        folder,
        "--split",
        "--lang",
        "en",
    )
    assert run.code == 0, run.err
    assert len(list(folder.glob("*.pdf"))) == 10 and str(folder) in run.out


def test_default_file_names_are_safe_and_say_what_they_hold() -> None:
    from app.documents import default_file_name

    assert (
        default_file_name("programme", "DEMO-BERGEN-2014", "lv")
        == "DEMO-BERGEN-2014-programme-lv.pdf"
    )
    assert default_file_name("ics", "V/1", None, "Agnese Rozīte") == "V_1-ics-Agnese_Rozīte.ics"
