"""English articles put "the" before an organisation's name that needs one ("a delegation
from the Latvian Association of …"), not before a municipality's ("from Kuldīga
Municipality"); the Latvian article, which has no articles, is unchanged."""

from __future__ import annotations

import datetime as dt

import pytest

from app.documents.article import article_text as _article_text
from app.documents.article import needs_the
from app.services import directory, visits


def article_text(*args, **kwargs):
    """The generated article (the demo visits also have one their coordinator wrote)."""
    return _article_text(*args, generated=True, **kwargs)


@pytest.mark.parametrize(
    ("name", "the"),
    [
        ("Latvian Association of Local and Regional Governments", True),
        ("Latvian Association", True),
        ("Norwegian Association of Local and Regional Authorities (KS)", True),
        ("University of Bergen", True),
        ("Ministry of Environmental Protection and Regional Development", True),
        ("European Commission", True),
        ("Nordic Council of Ministers", True),
        ("National Centre for Education", True),
        ("State Regional Development Agency", True),
        ("Centre for Public Policy PROVIDUS", True),
        ("Kuldīga Municipality", False),
        ("Daugavpils City Council", False),
        ("Latgale Planning Region", False),
        ("Bergen kommune", False),
        ("Latvijas Pašvaldību savienība", False),
        ("KS", False),
        ("The Nordic Council", False),  # has its own
        ("", False),
    ],
)
def test_which_names_take_the(name, the):
    assert needs_the(name) is the


def _visit_from(db, code: str, name_lv: str, name_en: str | None, kind: str = "study_visit"):
    org = directory.create_organisation(db, name=name_lv, country="LV", name_en=name_en)
    visits.create_visit(
        db,
        code=code,
        title="Vizīte uz Bergenu",
        kind=kind,
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        organiser_id=org.id,
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )


def test_a_delegation_from_the_association_but_from_a_municipality(db):
    _visit_from(
        db,
        "LPS",
        "Latvijas Pašvaldību savienība",
        "Latvian Association of Local and Regional Governments",
    )
    _visit_from(db, "KULD", "Kuldīgas novada pašvaldība", "Kuldīga Municipality")
    assert (
        "From 6 to 9 April 2026, a delegation from the Latvian Association of Local and "
        "Regional Governments went on a study visit to Bergen (Norway)."
    ) in article_text(db, "LPS", "en", "md")
    assert (
        "From 6 to 9 April 2026, a delegation from Kuldīga Municipality went on a study "
        "visit to Bergen (Norway)."
    ) in article_text(db, "KULD", "en", "md")
    # Latvian: the genitive, no article
    assert (
        "No 2026. gada 6. līdz 9. aprīlim Latvijas Pašvaldību savienības delegācija devās "
        "pieredzes apmaiņas braucienā uz Bergenu (Norvēģijā)."
    ) in article_text(db, "LPS", "lv", "md")
    assert "Kuldīgas novada pašvaldības delegācija devās" in article_text(db, "KULD", "lv", "md")


def test_a_name_without_english_stays_bare(db):
    _visit_from(db, "BEZ-EN", "Latvijas Pašvaldību savienība", None)
    assert "a delegation from Latvijas Pašvaldību savienība went" in article_text(
        db, "BEZ-EN", "en", "md"
    )


def test_the_bergen_demo_in_both_languages(demo_db):
    en = article_text(demo_db, "DEMO-BERGEN-2014", "en", "html")
    assert (
        "a delegation from the Latvian Association of Local and Regional Governments "
        "(10 participants)" in en
    )
    lv = article_text(demo_db, "DEMO-BERGEN-2014", "lv", "md")
    assert "Latvijas Pašvaldību savienības delegācija (10 dalībnieki)" in lv
