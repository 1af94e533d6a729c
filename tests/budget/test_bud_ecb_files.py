"""ECB files as users save them: the ECB's zip, a file that is not text, a history file
that ends years before the visit."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest

from app.domain.validation import Invalid
from app.services.budget_report import visit_budget
from app.services.ecb_rates import OldRates, decode_ecb, import_ecb_rates, read_ecb_file

DAILY = (
    "Date, USD, JPY, BGN, NOK, PLN, SEK, \n"
    "31 March 2014, 1.3788, 142.42, 1.9558, 8.2550, 4.1719, 8.9483, \n"
)
HIST_2014 = (
    "Date,USD,NOK,PLN,SEK,\n"
    "2014-04-01,1.3794,8.2615,4.1790,8.9515,\n"
    "2014-03-31,1.3788,8.2550,4.1719,8.9483,\n"
)


def zipped(tmp_path, name: str, text: str):
    path = tmp_path / (name.replace(".csv", ".zip"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, text)
    return path


def test_the_ecbs_own_zip_is_read(demo, tmp_path) -> None:
    path = zipped(tmp_path, "eurofxref.csv", DAILY)
    result = import_ecb_rates(demo, "DEMO-BERGEN-2014", read_ecb_file(path))
    assert result.day == dt.date(2014, 3, 31)
    assert (result.rates, result.kept) == ([], ["NOK"])  # the plan keeps its rate
    result = import_ecb_rates(demo, "DEMO-BERGEN-2014", read_ecb_file(path), reprice=True)
    assert result.rates == [("NOK", D("8.2550"), False)]


def test_a_file_that_is_not_text_gets_a_sentence_not_a_codec_error(tmp_path) -> None:
    with pytest.raises(Invalid) as caught:
        decode_ecb(b"\x89PNG\r\n\x1a\n\xe0\xff\x00")
    assert "codec" not in str(caught.value) and "ECB" in str(caught.value)
    with pytest.raises(Invalid, match="zip"):
        decode_ecb(b"PK\x03\x04 broken")
    empty = tmp_path / "other.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(Invalid, match="CSV"):
        read_ecb_file(empty)


def test_a_rate_years_older_than_the_visit_is_refused_and_nothing_changes(demo) -> None:
    before = [(r.currency, r.per_base) for r in visit_budget(demo, "DEMO-POLAND-2023").rates]
    with pytest.raises(OldRates) as caught:
        import_ecb_rates(demo, "DEMO-POLAND-2023", HIST_2014)
    assert caught.value.latest == dt.date(2014, 4, 1)
    assert "2014-04-01" in str(caught.value)
    assert [
        (r.currency, r.per_base) for r in visit_budget(demo, "DEMO-POLAND-2023").rates
    ] == before
    # Named on purpose, the old day is taken (a plan made with the rates one has).
    result = import_ecb_rates(
        demo, "DEMO-POLAND-2023", HIST_2014, day=dt.date(2014, 4, 1), reprice=True
    )
    assert result.day == dt.date(2014, 4, 1)
    assert dict((c, r) for c, r, _n in result.rates)["PLN"] == D("4.1790")


def test_a_weekend_before_the_visit_is_within_the_week_and_said(demo) -> None:
    hist = "Date,NOK,\n2014-03-28,8.2830,\n2014-03-20,8.3000,\n"
    result = import_ecb_rates(demo, "DEMO-BERGEN-2014", hist, day=dt.date(2014, 3, 30))
    assert result.day == dt.date(2014, 3, 28)
    assert "03/28/2014" in (result.note or "")
    with pytest.raises(OldRates):
        import_ecb_rates(demo, "DEMO-BERGEN-2014", hist, day=dt.date(2014, 4, 5))


def test_the_command_line_reads_the_zip_and_refuses_old_rates(cli, demo, db_path, tmp_path) -> None:
    path = zipped(tmp_path, "eurofxref-hist.csv", HIST_2014)
    run = cli("--db", db_path, "rates", "import", "DEMO-POLAND-2023", path)
    assert run.code == 2 and run.err.count("\n") == 1
    assert "2014-04-01" in run.err and "4.1790" not in run.out
    run = cli("--db", db_path, "rates", "import", "DEMO-BERGEN-2014", path, "--date", "2014-04-01")
    assert run.code == 0 and "The plan keeps its rates for NOK" in run.out
    run = cli(
        "--db",
        db_path,
        "rates",
        "import",
        "DEMO-BERGEN-2014",
        path,
        "--date",
        "2014-04-01",
        "--reprice",
    )
    assert run.code == 0 and "Rates of 2014-04-01 set: NOK 8.2615" in run.out
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\xe0\xff\x00\x10")
    run = cli("--db", db_path, "rates", "import", "DEMO-BERGEN-2014", binary)
    assert run.code == 2 and "photo.csv" in run.err and "codec" not in run.err


def test_budget_on_the_command_line_heads_each_group(cli, demo, db_path) -> None:
    out = cli("--db", db_path, "budget", "DEMO-BERGEN-2014").out.splitlines()
    heads = [line.split()[0] for line in out if line and not line.startswith(" ")]
    assert heads[1:] == ["By", "By", "Eligibility", "Total"]
    sources = out.index("By funding source")
    assert "LPS pašu līdzekļi" in "\n".join(out[sources:])
    assert "LPS pašu līdzekļi" not in "\n".join(out[:sources])
    data = json.loads(cli("--db", db_path, "budget", "DEMO-BERGEN-2014", "--json").out)
    shown = out[-1].split()[-3]  # "€11,864.03": money as the window writes it
    assert data["total"]["planned"] == shown.replace("€", "").replace(",", "")


def test_put_rates_sets_a_visits_rates_exactly_in_one_step(demo) -> None:
    """What undo and redo of an import use: an added rate goes, a removed one comes back as
    its own row, a changed one gets its values; the rest stays as it is."""
    from app.services.budget import create_exchange_rate, delete_exchange_rate
    from app.services.ecb_rates import put_rates, rate_values
    from app.services.visits import find_visit

    visit_id = find_visit(demo, "DEMO-BERGEN-2014").id
    before = rate_values(demo, visit_id)
    sek = create_exchange_rate(demo, visit_id, currency="SEK", per_base="11.2")
    delete_exchange_rate(demo, sek.id)
    put_rates(demo, visit_id, {**before, ("plan", "SEK", None): (D("11.3"), None, "bank")})
    with demo.read() as session:
        from db.models import ExchangeRate

        revived = session.get(ExchangeRate, sek.id)
        assert (revived.deleted_at, str(revived.per_base), revived.source) == (None, "11.3", "bank")
    put_rates(demo, visit_id, before)
    assert rate_values(demo, visit_id) == before


def test_a_rate_written_with_a_decimal_comma_is_refused_naming_the_line(demo) -> None:
    """ "11,5" split into two cells used to make NOK 11 (and shift every later rate)."""
    before = [(r.currency, r.per_base) for r in visit_budget(demo, "DEMO-BERGEN-2014").rates]
    text = "Date, USD, NOK, \n31 March 2014, 1.3788, 8.2550, \n28 March 2014, 1.3759, 11,5, \n"
    with pytest.raises(Invalid) as caught:
        import_ecb_rates(demo, "DEMO-BERGEN-2014", text)
    message = str(caught.value)
    assert "line 3" in message and "decimal point" in message
    assert [
        (r.currency, r.per_base) for r in visit_budget(demo, "DEMO-BERGEN-2014").rates
    ] == before
    short = "Date,USD,NOK,\n2014-03-31,1.3788,\n"
    with pytest.raises(Invalid, match="line 2 has 2 values for the 3 columns"):
        import_ecb_rates(demo, "DEMO-BERGEN-2014", short)


def test_the_history_file_stores_the_days_the_payments_need(demo, tmp_path) -> None:
    """Bergen's payments are dated in April 2014: each converts at the ECB rate published
    the working day before its date; the plan keeps 8.2550."""
    from app.services.budget_report import visit_budget
    from app.services.ecb_rates import put_rates, rate_values
    from app.services.visits import find_visit

    b = visit_budget(demo, "DEMO-BERGEN-2014")
    days = sorted(
        {
            o.line.actual_date
            for o in b.totals.lines
            if o.line.actual_date and (o.line.actual_currency or o.line.currency) == "NOK"
        }
    )
    assert days, "the demo visit pays in NOK"
    rows = ["Date,NOK,"]
    start = min(days) - dt.timedelta(days=10)
    rates = {}
    for n in range((max(days) - start).days + 1):
        day = start + dt.timedelta(days=n)
        if day.weekday() < 5:
            rates[day] = D("8.2000") + D(n) / 1000
            rows.append(f"{day.isoformat()},{rates[day]},")
    history = "\n".join(rows) + "\n"
    visit_id = find_visit(demo, "DEMO-BERGEN-2014").id
    before = rate_values(demo, visit_id)
    result = import_ecb_rates(demo, "DEMO-BERGEN-2014", history, day=start)
    assert result.kept == ["NOK"] and result.dated >= 1
    with demo.write() as s:  # the project takes the default rule
        from db.models import Project

        s.query(Project).filter(Project.code == "LV07/DSF/2014/05").one().rate_rule = None
    after = visit_budget(demo, "DEMO-BERGEN-2014")
    assert after.totals.overall.planned == b.totals.overall.planned  # the plan never moves
    from app.domain.rates import ecb_rate_day

    for out in after.totals.lines:
        line = out.line
        if line.actual_date and (line.actual_currency or line.currency) == "NOK":
            wanted = ecb_rate_day(line.actual_date)
            assert out.rate.date == max(d for d in rates if d <= wanted)
            assert out.rate.per_base == rates[out.rate.date]
            assert out.actual == (line.actual_amount / out.rate.per_base).quantize(
                D("0.01"), rounding=ROUND_HALF_UP
            )
    assert after.totals.overall.exchange == sum(
        (o.exchange for o in after.totals.lines if o.exchange is not None), D(0)
    )
    assert after.totals.overall.exchange != 0
    import openpyxl
    from pypdf import PdfReader

    from app.documents.budget_pdf import write_budget_pdf
    from app.documents.budget_text import money
    from app.documents.budget_xlsx import write_budget_xlsx

    out = tmp_path / "b.xlsx"
    rows = {
        r[0]: r
        for r in openpyxl.load_workbook(write_budget_xlsx(after, out, "en"), data_only=True)[
            "Summary"
        ].iter_rows(values_only=True)
        if r[0]
    }
    assert D(str(rows["Exchange difference"][3])) == after.totals.overall.exchange
    pdf = " ".join(
        p.extract_text()
        for p in PdfReader(str(write_budget_pdf(after, tmp_path / "b.pdf", "en"))).pages
    )
    assert money(after.totals.overall.exchange, "EUR", "en") in " ".join(pdf.split())
    put_rates(demo, visit_id, before)  # the undo takes the stored days away again
    assert rate_values(demo, visit_id) == before


def test_a_stale_daily_file_is_refused_without_a_date_too(demo) -> None:
    """A daily file of 31 March 2014 for a visit of January 2023: taken silently before."""
    with pytest.raises(OldRates) as caught:
        import_ecb_rates(demo, "DEMO-POLAND-2023", DAILY.replace("PLN", "PLN"))
    assert caught.value.latest == dt.date(2014, 3, 31)
