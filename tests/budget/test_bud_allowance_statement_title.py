"""The allowance statement names the visit by its title in the statement's language, as the
budget and summary PDFs do (a tester's English statement showed the Latvian title)."""

from __future__ import annotations

from app.documents.allowance_statement import write_allowance_statement
from app.services.allowances import allowance_plan, import_allowance_rates
from tests.budget.conftest import pdf_text

POLAND = "DEMO-POLAND-2023"
RATES = "country,daily,accommodation_cap,valid_from,source\nPL,65,120,2011-11-01,test table\n"


def test_the_english_statement_has_the_english_title_the_latvian_one_the_latvian(demo, tmp_path):
    import_allowance_rates(demo, RATES)
    plan = allowance_plan(demo, POLAND)
    traveller = next(t for t in plan.travellers if t.allowance is not None)
    english = pdf_text(write_allowance_statement(plan, traveller, tmp_path / "en.pdf", "en"))
    assert "Visit DEMO-POLAND-2023 — Study visit to Poland: the GZM Metropolis" in english
    assert "Mācību vizīte" not in english
    latvian = pdf_text(write_allowance_statement(plan, traveller, tmp_path / "lv.pdf", "lv"))
    assert "DEMO-POLAND-2023 — Mācību vizīte uz Poliju" in latvian
    assert "Study visit to Poland" not in latvian


def test_a_visit_without_an_english_title_keeps_its_own(demo, tmp_path):
    import_allowance_rates(demo, RATES)
    plan = allowance_plan(demo, POLAND)
    plan.translations = None  # as a visit entered in Latvian only
    traveller = next(t for t in plan.travellers if t.allowance is not None)
    english = pdf_text(write_allowance_statement(plan, traveller, tmp_path / "en.pdf", "en"))
    assert "DEMO-POLAND-2023 — Mācību vizīte uz Poliju" in english
