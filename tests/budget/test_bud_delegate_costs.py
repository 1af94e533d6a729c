"""Cost per delegate and per sending organisation, and a statement per organisation, in the
budget PDF and spreadsheet: the Bergen visit after each traveller's daily allowance was
written as a line of their own (10 people taking part from six member organisations and
one interpreter with none; Ķekava's delegate declined and is not counted)."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest

from app.documents.budget_pdf import write_budget_pdf
from app.documents.budget_xlsx import write_budget_xlsx
from app.services.allowances import allowance_plan, import_allowance_rates, write_allowance_lines
from app.services.budget_report import visit_budget
from app.services.statistics import Filters, per_head, statistics
from tests.budget.conftest import pdf_text
from tests.conftest import cents

RATES = "country,daily,accommodation_cap,valid_from,source\nNO,70,160,2011-11-01,test table\n"
BERGEN = "DEMO-BERGEN-2014"


@pytest.fixture
def bergen_people(bergen):
    import_allowance_rates(bergen, RATES)
    write_allowance_lines(bergen, allowance_plan(bergen, BERGEN))
    return bergen


def test_each_organisation_pays_its_people_and_its_share_of_the_rest(bergen_people) -> None:
    b = visit_budget(bergen_people, BERGEN)
    costs = b.delegate_costs
    assert costs.people == 10
    names = {o.organisation: o for o in costs.organisations}
    assert "Ķekavas novada dome" not in names  # its delegate declined
    lps = names["Latvijas Pašvaldību savienība"]
    assert sorted(lps.people) == ["Gints Kalniņš", "Ligita Pudža", "Līga Eglīte", "Māris Ozoliņš"]
    # Four allowances of their own (4 × 70 € planned; 1 720 € paid as a group, 172 € each).
    assert (lps.own.planned, lps.own.actual) == (D("1120.00"), D("688.00"))
    # Common costs: 10 144,03 € planned and 10 028,01 € paid, shared by head to the cent.
    assert (costs.common.planned, costs.common.actual) == (D("10144.03"), D("10028.01"))
    assert (lps.common.planned, lps.common.actual) == (D("4057.61"), D("4011.21"))
    assert sum(o.common.planned for o in costs.organisations) == costs.common.planned
    assert sum(o.total.actual for o in costs.organisations) == b.totals.overall.actual
    assert sum(o.total.planned for o in costs.organisations) == b.totals.overall.planned
    assert names[None].people == ["Ilze Kalva"]  # the interpreter, no organisation
    # One rule with the statistics: the total over the people, half up to cents.
    assert costs.per_delegate(actual=True) == per_head(D("11748.01"), 10) == D("1174.80")
    figure = statistics(bergen_people, Filters(2014, 2014)).figure("cost_per_delegate")
    assert figure.bars[0].value == per_head(figure.bars[0].numerator, figure.bars[0].denominator)
    assert costs.share(lps, actual=True) == D("40.00")


def test_the_latvian_pdf_prints_the_table_and_a_statement_per_organisation(
    bergen_people, tmp_path
) -> None:
    b = visit_budget(bergen_people, BERGEN)
    text = pdf_text(write_budget_pdf(b, tmp_path / "lv.pdf", "lv"))
    assert "Izmaksas uz vienu delegātu un pa nosūtītājām organizācijām" in text
    assert (
        "Dalībnieku skaits: 10; izmaksas uz vienu delegātu: plānotās 1 294,40 €, "
        "faktiskās 1 174,80 €."
    ) in text
    assert "Latvijas Pašvaldību savienība 4 5 177,61 € 4 699,21 € 40,00 % 1 174,80 €" in text
    assert "Kopā 10 12 944,03 € 11 748,01 € 1 174,80 €" in text
    assert "Pārskats par katru nosūtītāju organizāciju" in text
    assert "Delegāti: Gints Kalniņš, Līga Eglīte, Ligita Pudža, Māris Ozoliņš" in text
    assert (
        "Savas pozīcijas (piesaistītas tās dalībniekiem) 1 120,00 € 688,00 € "
        "Daļa no kopējām izmaksām (4 no 10 dalībniekiem) 4 057,61 € 4 011,21 € "
        "Kopā 5 177,61 € 4 699,21 €"
    ) in text
    assert "(bez organizācijas)" in text and "Ķekavas" not in text


def test_the_english_spreadsheet_adds_up_by_organisation_with_formulas(
    bergen_people, tmp_path
) -> None:
    b = visit_budget(bergen_people, BERGEN)
    text = pdf_text(write_budget_pdf(b, tmp_path / "en.pdf", "en"))
    assert (
        "People taking part: 10; cost per delegate: planned €1,294.40, actual €1,174.80."
    ) in text
    assert "Share of the common costs (1 of 10 people) €1,014.41 €1,002.80" in text
    path = write_budget_xlsx(b, tmp_path / "en.xlsx", "en")
    ws = openpyxl.load_workbook(path)["By sending organisation"]
    values = openpyxl.load_workbook(path, data_only=True)["By sending organisation"]
    rows = {r[0].value: r for r in ws.iter_rows() if r[0].value}
    lps = rows["Latvijas Pašvaldību savienība"]
    n = lps[0].row
    assert [c.value for c in lps[7:13]] == [
        f"=D{n}+F{n}",
        f"=E{n}+G{n}",
        f'=IF(H$9=0,"",H{n}/H$9)',
        f'=IF(I$9=0,"",I{n}/I$9)',
        f"=ROUND(H{n}/B{n},2)",
        f"=ROUND(I{n}/B{n},2)",
    ]
    assert lps[9].number_format == "0.00%" and lps[7].number_format == '#,##0.00\\ "EUR"'
    cached = {r[0]: r for r in values.iter_rows(values_only=True) if r[0]}
    total = cached["Total"]
    assert total[1] == 10 and cents(total[7]) == D("12944.03") and cents(total[8]) == D("11748.01")
    assert cents(total[12]) == D("1174.80")
    assert cents(cached["Latvijas Pašvaldību savienība"][8]) == D("4699.21")
    assert rows["Total"][1].value == "=SUM(B2:B8)"


def test_the_project_adds_its_visits_up_per_sending_organisation(demo, tmp_path) -> None:
    """The Polish (PLN) and Norwegian (NOK) visits of one EEA Grants project, in euros:
    each visit split by its own people, the parts added up per organisation."""
    from app.documents.budget_pdf import write_project_pdf
    from app.documents.budget_xlsx import write_project_xlsx
    from app.services.budget_report import project_budget

    p = project_budget(demo, "EEZ-LOCALDEV-2021/LPS-01")
    costs = p.delegate_costs
    assert costs.people == sum(len(v.budget.delegates) for v in p.visits) == 20
    assert sum(o.total.planned for o in costs.organisations) == p.overall.planned
    assert sum(o.total.actual for o in costs.organisations) == p.overall.actual
    lps = next(o for o in costs.organisations if o.organisation == "Latvijas Pašvaldību savienība")
    assert len(lps.people) == 4
    assert lps.per_delegate(actual=True) == per_head(lps.total.actual, 4)
    text = pdf_text(write_project_pdf(p, tmp_path / "p.pdf", "lv"))
    assert (
        "Dalībnieku skaits: 20; izmaksas uz vienu delegātu: plānotās 955,10 €, "
        "faktiskās 950,84 €." in text
    )
    path = write_project_xlsx(p, tmp_path / "p.xlsx", "en")
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames[-1] == "By sending organisation"
    total = next(
        r for r in wb["By sending organisation"].iter_rows(values_only=True) if r[0] == "Total"
    )
    assert (total[1], cents(total[8])) == (20, p.overall.actual)
