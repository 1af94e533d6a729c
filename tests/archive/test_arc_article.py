"""The website article: the seed articles' lead in correct Latvian cases, the institutions,
themes, results, funding and author; English when asked; user text cannot become markup."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from app.documents.article import article_text as _article_text
from app.domain.latvian import city_forms, country_locative, date_lead, genitive
from app.services import visits


def article_text(*args, **kwargs):
    """The generated article (these demo visits also have one their coordinator wrote)."""
    return _article_text(*args, generated=True, **kwargs)


def test_bergen_article_in_latvian_reads_like_the_seed(demo_db):
    text = article_text(demo_db, "DEMO-BERGEN-2014", "lv", "md")
    assert text.startswith("# LPS valdes pieredzes apmaiņas vizīte Bergenā\n")
    assert (
        "No 2014. gada 2. līdz 5. aprīlim Latvijas Pašvaldību savienības delegācija "
        "(10 dalībnieki) devās pieredzes apmaiņas braucienā uz Bergenu (Norvēģijā)."
    ) in text
    assert "## Apmeklētās institūcijas" in text
    assert "- BIR – starppašvaldību atkritumu apsaimniekošanas uzņēmums" in text
    assert "- Latvijas Pašvaldību savienība\n" not in text  # the organiser is not "visited"
    assert "## Tēmas" in text and "- klasteri" in text
    assert "Saņemti BIR tarifu aprēķina principi" in text
    assert "*Pieredzes apmaiņas braucienu finansiāli atbalstīja Norvēģijas" in text
    assert text.rstrip().endswith(
        "Ligita Pudža  \nLPS padomniece ārējo sakaru jautājumos  \nLatvijas Pašvaldību savienība"
    )


def test_english_article(demo_db):
    text = article_text(demo_db, "DEMO-BERGEN-2014", "en", "html")
    assert "<h1>LALRG Board study visit to Bergen</h1>" in text
    assert (
        "From 2 to 5 April 2014, a delegation from the Latvian Association of Local and "
        "Regional Governments (10 participants) went on a study visit to Bergen (Norway)."
    ) in text
    assert "<h2>Institutions visited</h2>" in text and "<li>University of Bergen</li>" in text
    assert "The visit was funded by" in text


@pytest.mark.parametrize(
    ("code", "lead"),
    [
        (
            "DEMO-TRONDELAG-2015",
            "No 2015. gada 19. līdz 23. oktobrim Latgales plānošanas reģiona "
            "delegācija (11 dalībnieki) devās pieredzes apmaiņas braucienā uz "
            "Trondheimu (Norvēģijā).",
        ),
        ("DEMO-POLAND-2023", "uz Katovici (Polijā)."),
        (
            "DEMO-POZNAN-2013",
            "Daugavpils pilsētas domes delegācija (5 dalībnieki) piedalījās konferencē",
        ),
        # at a line's start "2015." would begin a numbered list: "2015\." keeps it text
        ("DEMO-SEMINARS-2015", "2015\\. gada 11. februārī Rīgā notika seminārs"),
    ],
)
def test_leads_of_the_other_demo_visits(demo_db, code, lead):
    assert lead in article_text(demo_db, code, "lv", "md")


def test_case_forms():
    assert city_forms("Bergen")[1:] == ("Bergenu", "Bergenā")
    assert city_forms("Poznań")[1:] == ("Poznaņu", "Poznaņā")
    assert city_forms("Oslo")[1:] == ("Oslo", "Oslo")
    assert city_forms("Aalborg")[1:] == ("Aalborgu", "Aalborgā")  # fallback: a consonant
    assert city_forms("Jelgava")[1:] == ("Jelgavu", "Jelgavā")
    assert city_forms("Cēsis")[1:] == ("Cēsīm", "Cēsīs")
    assert country_locative("NO", "Norvēģija") == "Norvēģijā"
    assert country_locative("NL", "Nīderlande") == "Nīderlandē"
    assert genitive("Ogres novada dome") == "Ogres novada domes"
    assert genitive("LPS") == "LPS"
    assert (
        date_lead(dt.date(2014, 3, 30), dt.date(2014, 4, 2))
        == "No 2014. gada 30. marta līdz 2. aprīlim"
    )
    assert (
        date_lead(dt.date(2014, 12, 30), dt.date(2015, 1, 2))
        == "No 2014. gada 30. decembra līdz 2015. gada 2. janvārim"
    )


HOSTILE = "<script>alert(1)</script> & *bold* [link](x) # 1. `code`"


def test_hostile_text_is_text_in_both_formats(demo_db):
    visit = visits.find_visit(demo_db, "DEMO-POLAND-2023")
    visits.update_visit(
        demo_db, visit.id, visit.version, title=HOSTILE, purpose=HOSTILE, translations=None
    )
    html = article_text(demo_db, "DEMO-POLAND-2023", "lv", "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    md = article_text(demo_db, "DEMO-POLAND-2023", "lv", "md")
    assert (
        "# \\<script\\>alert(1)\\</script\\> \\& \\*bold\\* \\[link\\](x) \\# 1. \\`code\\`"
    ) in md


def test_cli_export_article(cli, demo_template, tmp_path):
    path = tmp_path / "d.db"
    shutil.copyfile(demo_template, path)
    out = tmp_path / "bergen.html"
    run = cli("--db", path, "export", "article", "DEMO-BERGEN-2014", "--out", out)
    assert run.code == 0, run.err
    assert out.read_text(encoding="utf-8").startswith('<article lang="lv">')
    run = cli("--db", path, "export", "article", "DEMO-BERGEN-2014", "--out", tmp_path / "a.pdf")
    assert run.code == 2 and ".md" in run.err and not (tmp_path / "a.pdf").exists()
    run = cli("--db", path, "export", "article", "NAV-TĀDAS", "--out", tmp_path / "a.md")
    assert run.code == 2 and run.err.count("\n") == 1


def test_hosted_delegation_lead_in_both_languages(db):
    from app.services import directory

    lps = directory.create_organisation(
        db,
        name="Latvijas Pašvaldību savienība",
        country="LV",
        name_en="Latvian Association of Local and Regional Governments",
    )
    visits.create_visit(
        db,
        code="KS-RIGA",
        title="KS delegācija Latvijā",
        kind="hosted_delegation",
        direction="incoming",
        country="LV",
        city="Rīga",
        timezone="Europe/Riga",
        organiser_id=lps.id,
        start_date=dt.date(2026, 5, 30),
        end_date=dt.date(2026, 6, 2),
    )
    assert (
        "No 2026. gada 30. maija līdz 2. jūnijam Latvijas Pašvaldību savienība Rīgā uzņēma "
        "pieredzes apmaiņas vizīti “KS delegācija Latvijā”."
    ) in article_text(db, "KS-RIGA", "lv", "md")
    assert (
        "From 30 May to 2 June 2026, the Latvian Association of Local and Regional "
        "Governments hosted the study visit “KS delegācija Latvijā” in Rīga."
    ) in article_text(db, "KS-RIGA", "en", "md")


def test_a_visit_without_organiser_has_a_lowercase_delegation_mid_sentence(db):
    visits.create_visit(
        db,
        code="BEZ-RĪKOTĀJA",
        title="Vizīte uz Bergenu",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )
    text = article_text(db, "BEZ-RĪKOTĀJA", "lv", "md")
    assert (
        "No 2026. gada 6. līdz 9. aprīlim delegācija devās pieredzes apmaiņas braucienā uz "
        "Bergenu (Norvēģijā)."
    ) in text
    assert (
        "From 6 to 9 April 2026, a delegation went on a study visit to Bergen (Norway)."
    ) in article_text(db, "BEZ-RĪKOTĀJA", "en", "md")


def test_the_purpose_is_a_sentence_in_both_languages(demo_db):
    lv = article_text(demo_db, "DEMO-BERGEN-2014", "lv", "md")
    assert "\nBrauciena mērķis: iepazīt Hordalannes reģiona un Bergenas aglomerācijas" in lv
    en = article_text(demo_db, "DEMO-BERGEN-2014", "en", "html")
    assert "<p>The purpose of the visit: to learn from Hordaland county" in en
    seminar = article_text(demo_db, "DEMO-SEMINARS-2015", "lv", "md")
    assert "\nSemināra mērķis: atskatīties uz iepriekšējām" in seminar


def test_a_purpose_starting_with_an_abbreviation_keeps_its_capitals(db):
    visits.create_visit(
        db,
        code="LPS-OSLO",
        title="Vizīte uz Oslo",
        country="NO",
        city="Oslo",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
        purpose="LPS pieredzes apmaiņa par tarifiem",
        translations={"en": {"purpose": "Learning about tariffs"}},
    )
    assert "Brauciena mērķis: LPS pieredzes apmaiņa par tarifiem." in article_text(
        db, "LPS-OSLO", "lv", "md"
    )
    assert "The purpose of the visit: learning about tariffs." in article_text(
        db, "LPS-OSLO", "en", "md"
    )


def test_english_article_keeps_latvian_names_the_data_has_no_english_for(demo_db):
    """The project's funder and the topics exist only as written (no English field in the
    data): the English article prints them as they are rather than inventing translations;
    the institutions, which have English names, are in English."""
    en = article_text(demo_db, "DEMO-BERGEN-2014", "en", "md")
    assert "## Themes" in en and "- klasteri" in en
    assert "<li>University of Bergen</li>" in article_text(
        demo_db, "DEMO-BERGEN-2014", "en", "html"
    )


def test_a_purpose_starting_with_a_name_keeps_its_capital(db):
    """Only a verb or an article is lowered after the colon: a place name never is."""
    visits.create_visit(
        db,
        code="NO-NAME",
        title="Vizīte uz Bergenu",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
        purpose="Norvēģijas pašvaldību pieredze atkritumu apsaimniekošanā",
        translations={"en": {"purpose": "Bergen's experience of waste tariffs"}},
    )
    assert "Brauciena mērķis: Norvēģijas pašvaldību pieredze" in article_text(
        db, "NO-NAME", "lv", "md"
    )
    assert "The purpose of the visit: Bergen's experience of waste tariffs." in article_text(
        db, "NO-NAME", "en", "md"
    )
