"""The post-visit summary PDF as its reader sees it (text extracted with pypdf): cover with
the funder's acknowledgement, purpose, facts, programme with outcomes, results, lessons,
follow-ups, photos with captions, budget totals; in Latvian and English; user text printed
as typed."""

from __future__ import annotations

import shutil

from PIL import Image
from pypdf import PdfReader

from app.documents.summary_pdf import write_summary
from app.services import programme, reports, visits
from app.services.photos import attach_photo


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def photo_file(path, size=(1200, 800)):
    Image.linear_gradient("L").resize(size).convert("RGB").save(path, "JPEG")
    return path


def test_latvian_summary_holds_every_part(demo_db, tmp_path):
    visit = visits.find_visit(demo_db, "DEMO-BERGEN-2014")
    attach_photo(demo_db, visit.id, photo_file(tmp_path / "a.jpg"), caption="Brigenes krastmala")
    out = tmp_path / "bergen.pdf"
    write_summary(demo_db, "DEMO-BERGEN-2014", out, "lv")
    text = flat(pdf_text(out))
    for expected in (
        "Kopsavilkums pēc vizītes",
        "LPS valdes pieredzes apmaiņas vizīte Bergenā",
        "2014. gada 2.–5. aprīlis",
        "Pieredzes apmaiņas braucienu finansiāli atbalstīja Norvēģijas finanšu instrumenta",
        "Mērķis",
        "Iepazīt Hordalannes reģiona",
        "Dalībnieki",
        "Latvijas Pašvaldību savienība: 4",
        "BIR – starppašvaldību atkritumu apsaimniekošanas uzņēmums",
        "vienots tarifs visā apkalpes teritorijā",  # an outcome
        "Saņemti BIR tarifu aprēķina principi",  # a result
        "Klasteru koordināciju finansē publiskais sektors",  # a lesson
        "Nosūtīt pateicības vēstules uzņēmējiem",
        "15.04.2014",
        "Izpildīta",  # follow-up
        "Brigenes krastmala",  # photo caption
        "11 864,03 €",
        "11 748,77 €",  # budget planned, actual
        "1. lappuse no",
    ):
        assert expected in text, expected
    # one organisation a line (a newline in Latvian text is a break, not a missing glyph)
    raw = pdf_text(out)
    assert "\ufffd" not in raw
    assert any(
        line.strip().startswith("Latvijas Pašvaldību savienība: 4") for line in raw.splitlines()
    )
    assert (
        len(PdfReader(out).pages[-1].images) + sum(len(p.images) for p in PdfReader(out).pages[:-1])
        == 1
    )


def test_english_summary(demo_db, tmp_path):
    out = tmp_path / "bergen-en.pdf"
    write_summary(demo_db, "DEMO-BERGEN-2014", out, "en")
    text = flat(pdf_text(out))
    for expected in (
        "Post-visit summary",
        "LALRG Board study visit to Bergen",
        "2–5 April 2014",
        "Purpose",
        "Institutions met",
        "University of Bergen",
        "The programme as it happened",
        "Follow-up actions",
        "Done",
        "Budget",
        "€11,864.03",
        "Page 1 of",
    ):
        assert expected in text, expected


def test_hostile_text_is_printed_as_typed(demo_db, tmp_path):
    hostile = "Rīga & ‹Jūrmala> <b>treknraksts</b> <font size=40>liels</font>"
    visit = visits.find_visit(demo_db, "DEMO-POLAND-2023")
    visits.update_visit(demo_db, visit.id, visit.version, purpose=hostile)
    report = reports.report_for_visit(demo_db, visit.id)
    reports.update_report(demo_db, report.id, report.version, summary=hostile, results=[hostile])
    reports.create_report_contact(demo_db, report.id, text=hostile)
    reports.create_follow_up(demo_db, report.id, action=hostile, owner="<img src='/x'/>")
    item = programme.list_programme(demo_db, visit.id)[1]
    programme.update_programme_item(demo_db, item.id, item.version, outcome=hostile * 30)
    out = tmp_path / "hostile.pdf"
    write_summary(demo_db, "DEMO-POLAND-2023", out, "lv")
    text = flat(pdf_text(out))
    assert text.count("Rīga & ‹Jūrmala> <b>treknraksts</b> <font size=40>liels</font>") >= 4
    assert "<img src='/x'/>" in text


def test_a_visit_without_report_or_budget_still_prints(db, tmp_path):
    import datetime as dt

    visits.create_visit(
        db,
        code="TUKŠA",
        title="Vizīte bez atskaites",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 5, 4),
        end_date=dt.date(2026, 5, 6),
        country="NO",
        city="Bergen",
    )
    out = tmp_path / "empty.pdf"
    write_summary(db, "TUKŠA", out, "lv")
    assert "Vizīte bez atskaites" in flat(pdf_text(out))


def test_cli_export_summary(cli, demo_template, tmp_path):
    path = tmp_path / "d.db"
    shutil.copyfile(demo_template, path)
    out = tmp_path / "s.pdf"
    run = cli(
        "--db", path, "export", "summary", "DEMO-TRONDELAG-2015", "--out", out, "--lang", "en"
    )
    assert run.code == 0, run.err
    assert PdfReader(out).pages and out.read_bytes()[:4] == b"%PDF"
    run = cli("--db", path, "export", "summary", "NAV", "--out", tmp_path / "x.pdf")
    assert run.code == 2 and not (tmp_path / "x.pdf").exists()


def test_a_linked_contact_gained_names_its_institution(demo_db, tmp_path):
    """A contact linked to the directory gets its institution when the text lacks it; a
    text that names it already, or an unlinked one, is printed as written."""
    from app.services import directory

    visit = visits.find_visit(demo_db, "DEMO-BERGEN-2014")
    report = reports.report_for_visit(demo_db, visit.id)
    ingrid = next(c for c in report.contacts if c.text.startswith("Ingrid Haugland"))
    reports.create_report_contact(
        demo_db, report.id, text="Ingrid H.", contact_id=ingrid.contact_id
    )
    reports.create_report_contact(demo_db, report.id, text="Per Olsen")
    org = directory.get_contact(demo_db, ingrid.contact_id).organisation.name
    out = tmp_path / "contacts.pdf"
    write_summary(demo_db, "DEMO-BERGEN-2014", out, "en")
    text = flat(pdf_text(out))
    assert f"Ingrid H. ({org})" in text
    assert f"{ingrid.text} (" not in text and ingrid.text in text
    assert "Per Olsen" in text and "Per Olsen (" not in text
    # "Solveig Brekke, KS – …": KS is the short name in brackets of her institution's name.
    assert "reģionālais birojs" in text and "reģionālais birojs (" not in text


def _pages(path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(path).pages]


def _page_of(pages: list[str], text: str) -> int:
    return next(n for n, page in enumerate(pages) if text in page)


def test_a_tables_heading_is_never_left_alone_at_the_foot_of_a_page(demo_db, tmp_path):
    """More results push the follow-ups down the page, one line at a time; around the place
    where their table starts on the next page, the heading goes with it every time."""
    visit = visits.find_visit(demo_db, "DEMO-BERGEN-2014")
    base = list(reports.report_for_visit(demo_db, visit.id).results)
    heading, first_row = "Turpmākās darbības", "Nosūtīt pateicības vēstules uzņēmējiem"
    out = tmp_path / "pushed.pdf"

    def pages_with(extra: int) -> list[str]:
        report = reports.report_for_visit(demo_db, visit.id)
        reports.update_report(
            demo_db,
            report.id,
            report.version,
            results=base + [f"Papildu rezultāts {i}" for i in range(extra)],
        )
        write_summary(demo_db, "DEMO-BERGEN-2014", out, "lv")
        return _pages(out)

    start = _page_of(pages_with(0), first_row)
    low, high = 0, 60
    assert _page_of(pages_with(high), first_row) > start  # a page's worth of lines
    while high - low > 1:  # the fewest extra lines that move the table to the next page
        middle = (low + high) // 2
        if _page_of(pages_with(middle), first_row) > start:
            high = middle
        else:
            low = middle
    for extra in range(high - 2, high + 4):
        pages = pages_with(extra)
        assert _page_of(pages, heading) == _page_of(pages, first_row), extra


def test_summary_under_its_own_heading_and_the_budget_says_variance(demo_db, tmp_path):
    out = tmp_path / "bergen.pdf"
    write_summary(demo_db, "DEMO-BERGEN-2014", out, "lv")
    text = flat(pdf_text(out))
    summary = text.index("LPS valdes delegācija (10 dalībnieki) četrās dienās")
    assert text.rindex("Kopsavilkums", 0, summary) < summary
    # the results' heading follows the summary, no longer stands above it
    assert text.index("Rezultāti un atziņas") > summary
    assert "Novirze" in text and "Starpība" not in text  # the budget tab's word


def test_english_cover_keeps_the_funders_own_acknowledgement(demo_db, tmp_path):
    """The project has no English acknowledgement (the data model holds one text): the
    English cover prints the funder's Latvian wording rather than leaving it out."""
    out = tmp_path / "bergen-en.pdf"
    write_summary(demo_db, "DEMO-BERGEN-2014", out, "en")
    cover = _pages(out)[0]
    assert "Post-visit summary" in cover
    assert "finansiāli atbalstīja Norvēģijas finanšu instrumenta" in cover
    assert "Variance" in flat(pdf_text(out)) and "Difference" not in flat(pdf_text(out))
