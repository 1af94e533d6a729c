"""The program ships no allowance rates (issue 12, part 3): a new user's tab says why and
what to do, the rate dialog saves a template with Latvian headers, and the annex filled in
as a finance officer writes it (country names, decimal commas, 29.10.2027 dates) imports."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.domain.validation import Invalid
from app.services.allowances import (
    allowance_plan,
    allowance_rates_template,
    has_allowance_rates,
    import_allowance_rates,
)
from tests.budget.norway_visit import CODE, norway_visit

FILLED = (
    "Valsts;Dienas naudas norma (EUR);Naktsmītnes izdevumu norma (EUR);"
    "Spēkā no;Tiesiskais pamats\r\n"
    "Norvēģija;70,00;160,00;01.11.2011;MK noteikumi Nr. 969, 1. pielikums\r\n"
    "Zviedrija;64,00;130,00;01.11.2011;MK noteikumi Nr. 969, 1. pielikums\r\n"
    "norway;80,00;170,00;29.10.2027.;grozījumi\r\n"
)


def test_an_empty_table_is_explained_then_the_filled_template_imports(db) -> None:
    norway_visit(db, rates="")
    assert not has_allowance_rates(db)
    plan = allowance_plan(db, CODE)
    assert plan.no_rate_table and plan.total == D("0.00")
    assert allowance_rates_template() == (
        "Valsts;Dienas naudas norma (EUR);Naktsmītnes izdevumu norma (EUR);Spēkā no;"
        "Tiesiskais pamats\r\n"
    )
    assert import_allowance_rates(db, FILLED) == (3, 0)
    assert has_allowance_rates(db)
    plan = allowance_plan(db, CODE)
    assert not plan.no_rate_table
    # 27–28 October at 70,00, from the 29th at 80,00 (the third row, "norway"): 300,00 each
    assert plan.total == D("3900.00")
    assert {t.rate.source for t in plan.travellers} == {"MK noteikumi Nr. 969, 1. pielikums"}


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            "Norvēgia;70;;01.11.2011;x",
            "line 2: country: is not an ISO 3166 country code such as NO or LV: Norvēgia",
        ),
        ("NO;70;;31.02.2011;x", "line 2: valid_from: "),
    ],
)
def test_a_bad_row_is_named_and_nothing_imported(db, row, problem) -> None:
    with pytest.raises(Invalid) as caught:
        import_allowance_rates(db, allowance_rates_template() + row + "\r\n")
    assert str(caught.value).startswith(problem)
    assert not has_allowance_rates(db)


def test_the_dialog_saves_the_template_excel_reads(qtbot, db, tmp_path) -> None:
    from ui.context import Context
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    dialog = AllowanceRatesDialog(Context(db))
    qtbot.addWidget(dialog)
    path = tmp_path / "dienas-naudas-likmes.csv"
    dialog.save_template(str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfValsts;")  # the BOM: Excel then reads ā, ņ
    assert "Naktsmītnes" in data.decode("utf-8-sig")
    path.write_bytes(data + FILLED.split("\r\n", 1)[1].encode("utf-8"))
    dialog.import_csv(str(path))
    assert dialog.status.text() == "Allowance rates: 3 added, 0 updated."
    assert dialog.model.rowCount() == 3


def test_the_command_line_writes_the_same_template_and_imports_it(
    cli, db, db_path, tmp_path
) -> None:
    norway_visit(db, rates="")
    path = tmp_path / "likmes.csv"
    run = cli("--db", db_path, "allowances", "template", path)
    assert run.code == 0 and "studyvisit allowances import" in run.out
    assert path.read_bytes() == allowance_rates_template().encode("utf-8-sig")
    path.write_text(FILLED, encoding="utf-8-sig")
    assert "3 added, 0 updated" in cli("--db", db_path, "allowances", "import", path).out
    run = cli("--db", db_path, "allowances", "calc", CODE)
    assert run.code == 0 and "Total: 3900.00 EUR" in run.out
    bad = cli("--db", db_path, "allowances", "template", tmp_path / "nav" / "x.csv")
    assert bad.code == 2 and "cannot write the file" in bad.err
