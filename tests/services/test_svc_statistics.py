"""Figures across visits (issue 18), each worked out by hand on a small known database.

The database: four visits that count and one cancelled visit that must not.

======  ====  ==  =======  ===========================  ==============================
visit   year  cc  project  people taking part            cost in EUR (grant part)
======  ====  ==  =======  ===========================  ==============================
BRG     2022  NO  P-1      2 from Ogre, 1 from Tukums    290 paid grant + 200 planned own
                           (+1 declined, +1 cancelled)   = 490.00 (grant 290.00)
POZ     2023  PL  —        2 from Ogre                   1000 NOK / 11.5 = 86.96 (grant 0)
TRD     2023  NO  P-1      1 from Tukums (base NOK)      1150 NOK × 0.087 EUR = 100.05
                                                          (all grant)
OSL     2023  NO  —        nobody                        NOK base without an EUR rate:
                                                          no cost
CANC    2023  NO  P-1      3 from Ogre                   cancelled: left out everywhere
======  ====  ==  =======  ===========================  ==============================
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.services import budget, directory, people, programme, projects, reports, visits
from app.services.statistics import Filters, compute, load_facts, statistics


def _person(db, name: str, org) -> int:
    return people.create_person(
        db, given_name=name, family_name="Bērziņš", organisation_id=org.id if org else None
    ).id


def _visit(db, code: str, start: str, end: str, country: str, **more):
    return visits.create_visit(
        db,
        code=code,
        title=f"Vizīte {code}",
        timezone="Europe/Oslo",
        start_date=start,
        end_date=end,
        country=country,
        **more,
    )


def _meeting(db, visit_id: int, day: str, host) -> None:
    programme.create_programme_item(
        db,
        visit_id,
        starts=f"{day}T10:00",
        ends=f"{day}T11:00",
        timezone="Europe/Oslo",
        title="Tikšanās",
        host_id=host.id,
    )


@pytest.fixture
def known(db):
    ogre = directory.create_organisation(db, name="Ogres novada pašvaldība", country="LV")
    tukums = directory.create_organisation(db, name="Tukuma novada pašvaldība", country="LV")
    bir = directory.create_organisation(db, name="BIR AS", country="NO", city="Bergen")
    ks = directory.create_organisation(db, name="KS", country="NO", city="Oslo")
    project = projects.create_project(db, code="P-1", grant_rate="85")
    ids = {}

    brg = _visit(
        db,
        "BRG",
        "2022-04-02",
        "2022-04-05",
        "NO",
        project_id=project.id,
        topics=["Klasteri", "tarifi"],
    )
    ids["BRG"] = brg.id
    for name, org, status in (
        ("Anna", ogre, "attended"),
        ("Jānis", ogre, "confirmed"),
        ("Līga", tukums, "invited"),
        ("Gints", tukums, "declined"),
        ("Ilze", ogre, "cancelled"),
    ):
        people.add_participant(
            db,
            brg.id,
            _person(db, name, org),
            status=status,
            role="head" if name == "Anna" else "delegate",
        )
    grant = budget.create_funding_source(db, brg.id, name="EEZ grants", is_grant=True)
    own = budget.create_funding_source(db, brg.id, name="Pašu līdzekļi", is_grant=False)
    budget.create_budget_line(
        db,
        brg.id,
        category="travel",
        quantity="3",
        unit_price="100",
        currency="EUR",
        actual_amount="290",
        funding_source_id=grant.id,
    )
    budget.create_budget_line(
        db,
        brg.id,
        category="accommodation",
        quantity="2",
        unit_price="100",
        currency="EUR",
        funding_source_id=own.id,
    )
    _meeting(db, brg.id, "2022-04-02", bir)
    _meeting(db, brg.id, "2022-04-03", bir)
    _meeting(db, brg.id, "2022-04-04", ks)
    report = reports.create_report(db, brg.id)
    reports.create_follow_up(db, report.id, action="Līgumu paraugi", status="done")
    reports.create_follow_up(db, report.id, action="Tarifu aprēķins", status="open")

    poz = _visit(db, "POZ", "2023-11-13", "2023-11-14", "PL", topics=["klasteri"])
    ids["POZ"] = poz.id
    for name in ("Kārlis", "Dace"):
        people.add_participant(db, poz.id, _person(db, name, ogre), status="confirmed")
    budget.create_exchange_rate(db, poz.id, currency="NOK", per_base="11.5")
    budget.create_budget_line(
        db, poz.id, category="venue", quantity="1", unit_price="1000", currency="NOK"
    )
    _meeting(db, poz.id, "2023-11-13", bir)
    report = reports.create_report(db, poz.id)
    for status in ("done", "done", "dropped"):
        reports.create_follow_up(db, report.id, action="Darbība", status=status)

    trd = _visit(
        db,
        "TRD",
        "2023-05-08",
        "2023-05-10",
        "NO",
        project_id=project.id,
        base_currency="NOK",
        topics=["Izglītība"],
    )
    ids["TRD"] = trd.id
    people.add_participant(
        db, trd.id, _person(db, "Māris", tukums), status="attended", role="interpreter"
    )
    budget.create_exchange_rate(db, trd.id, currency="EUR", per_base="0.087")
    source = budget.create_funding_source(db, trd.id, name="EEZ grants", is_grant=True)
    budget.create_budget_line(
        db,
        trd.id,
        category="travel",
        quantity="1",
        unit_price="1150",
        currency="NOK",
        funding_source_id=source.id,
    )

    osl = _visit(
        db, "OSL", "2023-02-01", "2023-02-01", "NO", base_currency="NOK", topics=["klasteri"]
    )
    ids["OSL"] = osl.id
    budget.create_budget_line(
        db, osl.id, category="venue", quantity="1", unit_price="500", currency="NOK"
    )
    _meeting(db, osl.id, "2023-02-01", ks)

    canc = _visit(
        db,
        "CANC",
        "2023-06-01",
        "2023-06-02",
        "NO",
        project_id=project.id,
        status="cancelled",
        topics=["klasteri"],
    )
    for name in ("Edgars", "Zaiga", "Uldis"):
        people.add_participant(db, canc.id, _person(db, name, ogre), status="confirmed")
    budget.create_budget_line(
        db, canc.id, category="travel", quantity="1", unit_price="9999", currency="EUR"
    )
    _meeting(db, canc.id, "2023-06-01", bir)
    ids["CANC"] = canc.id
    ids.update(ogre=ogre.id, tukums=tukums.id, bir=bir.id, ks=ks.id)
    return ids


def _values(figure) -> dict[str, Decimal]:
    return {bar.key: bar.value for bar in figure.bars}


def _visits(figure, key: str) -> set[int]:
    bar = figure.bar(key)
    assert bar is not None, key
    return set(bar.visit_ids)


def test_visits_per_year_and_country(db, known):
    st = statistics(db)
    # oldest first: BRG 2022-04, OSL 2023-02, TRD 2023-05, POZ 2023-11
    assert st.visit_ids == tuple(known[c] for c in ("BRG", "OSL", "TRD", "POZ"))
    per_year = st.figure("visits_per_year")
    assert _values(per_year) == {"2022": 1, "2023": 3}
    assert _visits(per_year, "2023") == {known["POZ"], known["TRD"], known["OSL"]}
    by_country = st.figure("visits_by_country")
    assert _values(by_country) == {"NO": 3, "PL": 1}
    assert [b.key for b in by_country.bars] == ["NO", "PL"]  # most first
    assert by_country.bars[0].label == "Norway"
    assert _visits(by_country, "PL") == {known["POZ"]}


def test_delegates_per_year_and_organisation(db, known):
    st = statistics(db)
    # BRG: Anna, Jānis, Līga (invited counts; declined and cancelled not) = 3
    # 2023: POZ 2 + TRD 1 + OSL 0 = 3 (the cancelled visit's 3 are not counted)
    assert _values(st.figure("delegates_per_year")) == {"2022": 3, "2023": 3}
    assert _visits(st.figure("delegates_per_year"), "2023") == {known["POZ"], known["TRD"]}
    orgs = st.figure("delegates_by_organisation")
    # Ogre: 2 (BRG) + 2 (POZ); Tukums: 1 (BRG, Līga) + 1 (TRD)
    assert _values(orgs) == {str(known["ogre"]): 4, str(known["tukums"]): 2}
    assert orgs.bars[0].label == "Ogres novada pašvaldība"
    assert _visits(orgs, str(known["tukums"])) == {known["BRG"], known["TRD"]}


def test_cost_per_delegate_and_per_day(db, known):
    st = statistics(db)
    per_delegate = st.figure("cost_per_delegate")
    # 2022: 490.00 / 3 = 163.333 → 163.33
    # 2023: (86.96 + 100.05) / (2 + 1) = 187.01 / 3 = 62.336… → 62.34; OSL has no cost
    assert _values(per_delegate) == {"2022": Decimal("163.33"), "2023": Decimal("62.34")}
    bar = per_delegate.bar("2023")
    assert (bar.numerator, bar.denominator) == (Decimal("187.01"), 3)
    assert set(bar.visit_ids) == {known["POZ"], known["TRD"]}
    assert "1 visit without a cost in EUR" in per_delegate.note
    per_day = st.figure("cost_per_day")
    # 2022: 490.00 / 4 days; 2023: 187.01 / (2 + 3) days (OSL without cost is not counted)
    assert _values(per_day) == {"2022": Decimal("122.50"), "2023": Decimal("37.40")}
    facts = {v.code: v for v in load_facts(db).visits}
    assert facts["BRG"].cost == Decimal("490.00") and facts["POZ"].cost == Decimal("86.96")
    assert facts["TRD"].cost == Decimal("100.05") and facts["OSL"].cost is None
    assert "CANC" not in facts


def test_grant_share(db, known):
    share = statistics(db).figure("grant_share")
    # 2022: 290 / 490 = 59.18 %; 2023: 100.05 / 187.01 = 53.50 %
    assert _values(share) == {"2022": Decimal("59.18"), "2023": Decimal("53.50")}
    # all years: 390.05 / 677.01 = 57.61 %
    assert "57.61 %" in share.note


def test_hosts_topics_and_follow_ups(db, known):
    st = statistics(db)
    hosts = st.figure("top_hosts")
    # BIR: BRG (two meetings, one visit) + POZ = 2; KS: BRG + OSL = 2; the cancelled not
    assert _values(hosts) == {str(known["bir"]): 2, str(known["ks"]): 2}
    assert [b.label for b in hosts.bars] == ["BIR AS", "KS"]  # ties by name
    topics = st.figure("top_topics")
    # "Klasteri" and "klasteri" are one topic: BRG, POZ, OSL
    assert _values(topics) == {"klasteri": 3, "tarifi": 1, "izglītība": 1}
    assert topics.bar("klasteri").label == "klasteri"  # the more common spelling
    assert _visits(topics, "klasteri") == {known["BRG"], known["POZ"], known["OSL"]}
    follow = st.figure("follow_ups")
    assert _values(follow) == {"done": 3, "open": 1, "dropped": 1}
    assert _visits(follow, "open") == {known["BRG"]}


def test_filters_year_project_country(db, known):
    facts = load_facts(db)
    only_2023 = compute(facts, Filters(year_from=2023, year_to=2023))
    assert _values(only_2023.figure("visits_per_year")) == {"2023": 3}
    project = compute(facts, Filters(project="p-1"))
    assert set(project.visit_ids) == {known["BRG"], known["TRD"]}
    assert _values(project.figure("cost_per_delegate")) == {
        "2022": Decimal("163.33"),
        "2023": Decimal("100.05"),
    }
    poland = compute(facts, Filters(country="pl"))
    assert poland.visit_ids == (known["POZ"],)
    assert _values(poland.figure("delegates_by_organisation")) == {str(known["ogre"]): 2}
    nothing = compute(facts, Filters(year_from=2030, year_to=2031))
    assert nothing.visit_ids == ()
    assert _values(nothing.figure("visits_per_year")) == {"2030": 0, "2031": 0}
    assert nothing.figure("cost_per_delegate").bars == ()


def test_a_deleted_visit_and_deleted_rows_do_not_count(db, known):
    visits.delete_visit(db, known["POZ"])
    own_line = budget.list_budget_lines(db, known["BRG"])[1]
    budget.delete_budget_line(db, own_line.id)
    st = statistics(db)
    assert _values(st.figure("visits_by_country")) == {"NO": 3}
    assert _values(st.figure("follow_ups")) == {"done": 1, "open": 1}
    # BRG's cost is its paid grant line alone now: 290.00 / 3 people
    assert st.figure("cost_per_delegate").bar("2022").value == Decimal("96.67")
    assert st.figure("grant_share").bar("2022").value == Decimal("100.00")


def test_latvian_labels(db, known):
    from app.i18n import set_language

    set_language("lv")
    st = statistics(db)
    assert st.figure("visits_by_country").bars[0].label == "Norvēģija"
    assert st.figure("visits_per_year").title == "Vizītes pa gadiem"


def test_the_facts_are_kept_until_anyone_commits(db, known):
    """Kept while nothing is committed (reading is not a change); a change saved by this
    program or by another connection to the file drops them."""
    import sqlite3

    from app.services.statistics import facts_of, kept_facts

    facts = facts_of(db)
    statistics(db)
    assert kept_facts(db) is facts
    visits.update_visit(db, known["POZ"], None, country="LT")
    assert kept_facts(db) is None
    assert {v.country for v in facts_of(db).visits} == {"NO", "LT"}
    assert kept_facts(db) is not None
    other = sqlite3.connect(db.path)  # another program on the same file
    with other:
        other.execute("UPDATE visit SET country = 'EE' WHERE code = 'POZ'")
    other.close()
    assert kept_facts(db) is None
    assert "EE" in {v.country for v in facts_of(db).visits}


def test_a_deleted_person_and_one_without_organisation(db, known):
    """A person deleted from the directory is not counted; one without an organisation
    is counted under "(no organisation)"."""
    nobody = _person(db, "Rūta", None)
    people.add_participant(db, known["POZ"], nobody, status="confirmed")
    gone = _person(db, "Pēteris", None)
    people.add_participant(db, known["POZ"], gone, status="confirmed")
    people.delete_person(db, gone)
    st = statistics(db)
    assert _values(st.figure("delegates_per_year")) == {"2022": 3, "2023": 4}
    orgs = st.figure("delegates_by_organisation")
    assert _values(orgs) == {str(known["ogre"]): 4, str(known["tukums"]): 2, "": 1}
    assert orgs.bar("").label == "(no organisation)"
