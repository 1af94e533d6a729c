"""The search without FTS5 (the PostgreSQL path) follows the same rules: run here on the
SQLite demo database, it finds what the index finds for the tolerance and phrase cases."""

from __future__ import annotations

import pytest

from app.domain.search_query import parse
from app.services.archive import Filters, search
from app.services.archive_scan import scan


def places(hits):
    return {(h.code, h.where, h.item_id) for h in hits}


@pytest.mark.parametrize(
    "query",
    [
        "tarifs",
        "Trondelaga",
        '"vienotu tarifu"',
        "BIR",
        "pašvaldībām",
        "waste company",
        "publiskās konsultācijas",
    ],
)
def test_scan_finds_what_the_index_finds(demo_db, query):
    indexed = search(demo_db, query, limit=500)
    scanned = scan(demo_db, parse(query), Filters(), limit=500)
    if len(parse(query)) == 1:
        assert places(scanned) == places(indexed)
    else:  # the index adds visits whose texts hold the words between them
        assert places(scanned) <= places(indexed)
    assert scanned[0].code == indexed[0].code


def test_scan_filters_and_snippets(demo_db):
    hits = scan(demo_db, parse("sadarbība"), Filters(country="PL", year=2023), limit=50)
    assert {h.code for h in hits} == {"DEMO-POLAND-2023"}
    assert all("\x02" in h.snippet for h in hits)
    topic = scan(demo_db, parse("sadarbība"), Filters(topic="KLASTERI"), limit=50)
    assert {h.code for h in topic} == {"DEMO-BERGEN-2014"}
    assert [h.code for h in scan(demo_db, [], Filters(country="NO"), limit=50)] == [
        "DEMO-KS-NORWAY-2023",
        "DEMO-TRONDELAG-2015",
        "DEMO-BERGEN-2014",
    ]


def test_contacts_gained_are_found_by_the_index_and_the_scan_as_they_change(demo_db):
    """The index follows report_contact rows through their own triggers: added, edited,
    in the bin and back; the scan (PostgreSQL's path) reads the same rows."""
    from app.services import reports, visits

    def found(query: str) -> tuple[set[str], set[str]]:
        return (
            {h.code for h in search(demo_db, query)},
            {h.code for h in scan(demo_db, parse(query), Filters(), limit=50)},
        )

    assert found("Torsvik") == ({"DEMO-BERGEN-2014"}, {"DEMO-BERGEN-2014"})
    report = reports.report_for_visit(demo_db, visits.find_visit(demo_db, "DEMO-POZNAN-2013").id)
    entry = reports.create_report_contact(demo_db, report.id, text="Zbigniew Brzęczyszczykiewicz")
    assert found("Brzeczyszczykiewicz") == ({"DEMO-POZNAN-2013"}, {"DEMO-POZNAN-2013"})
    entry = reports.update_report_contact(demo_db, entry.id, entry.version, text="Wojciech Ząb")
    assert found("Brzeczyszczykiewicz") == (set(), set())
    assert found("Wojciech") == ({"DEMO-POZNAN-2013"}, {"DEMO-POZNAN-2013"})
    reports.delete_report_contact(demo_db, entry.id)
    assert found("Wojciech") == (set(), set())
    reports.restore_report_contact(demo_db, entry.id)
    assert found("Wojciech") == ({"DEMO-POZNAN-2013"}, {"DEMO-POZNAN-2013"})
