"""Budget tests: the per-test database (``db``, at ``db_path``) with the demo visits loaded,
so that the command line can be pointed at the same file."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo(db):
    from app.demo import load_demo

    load_demo(db)
    return db


def pdf_text(path) -> str:
    """The PDF's text as one line of words (Babel's no-break spaces read as spaces)."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(text.replace("\xa0", " ").split())


# ECB-style reference rates for NOK (units per euro) on the publication days around the
# Bergen visit, as a history file carries them (newest first). Test figures in the range
# of spring 2014, not copied from the ECB.
BERGEN_NOK = {
    "2014-04-11": "8.2910",
    "2014-04-10": "8.2785",
    "2014-04-09": "8.2650",
    "2014-04-08": "8.2540",
    "2014-04-07": "8.2605",
    "2014-04-04": "8.2580",
    "2014-04-03": "8.2475",
    "2014-04-02": "8.2390",
    "2014-04-01": "8.2615",
    "2014-03-31": "8.2550",
    "2014-03-28": "8.2760",
    "2014-03-27": "8.2890",
    "2014-03-26": "8.3015",
    "2014-03-25": "8.3120",
    "2014-03-24": "8.3290",
    "2014-03-21": "8.3340",
    "2014-03-20": "8.3410",
    "2014-03-19": "8.3265",
    "2014-03-18": "8.3180",
    "2014-03-17": "8.3055",
}


@pytest.fixture
def bergen(demo):
    """The demo Bergen visit as a finance officer checks it: the plan at 8.2550 NOK per
    euro, each NOK payment (3 to 11 April, after the visit too) at the ECB rate in force at
    the start of its day under the project's default rule, seven sending organisations."""
    from app.services.ecb_rates import import_ecb_rates
    from db.models import Project

    history = "Date,USD,NOK,\n" + "".join(
        f"{day},1.3800,{rate},\n" for day, rate in BERGEN_NOK.items()
    )
    import datetime as dt

    import_ecb_rates(demo, "DEMO-BERGEN-2014", history, day=dt.date(2014, 3, 17))
    with demo.write() as s:
        s.query(Project).filter(Project.code == "LV07/DSF/2014/05").one().rate_rule = None
    return demo
