"""Statistics and the experience panel on PostgreSQL give what they give on SQLite (issue
18): the same figures from the demo visits, the same earlier visits and warning."""

from __future__ import annotations

import pytest

pytest.importorskip("pgserver")
pytest.importorskip("psycopg")

from app.demo import load_demo
from app.services.experience import experience_for_visit
from app.services.statistics import statistics
from app.services.visits import find_visit


def _figures(db):
    return {
        f.key: [(b.key, b.value, len(b.visit_ids)) for b in f.bars] for f in statistics(db).figures
    }


def test_the_same_figures_on_both(pg, demo_db):
    load_demo(pg)
    on_pg, on_sqlite = _figures(pg), _figures(demo_db)
    # organisations and hosts are keyed by their ids, which differ between the databases
    for key in ("delegates_by_organisation", "top_hosts"):
        on_pg[key] = sorted(v for _k, v, _n in on_pg.pop(key))
        on_sqlite[key] = sorted(v for _k, v, _n in on_sqlite.pop(key))
    assert on_pg == on_sqlite


def test_the_same_experience_on_both(pg, demo_db):
    load_demo(pg)

    def seen(db):
        found = experience_for_visit(db, find_visit(db, "DEMO-KS-NORWAY-2023").id)
        return (
            [v.code for v in found.visits],
            [f.text for f in found.lessons],
            [f.text for f in found.contacts],
            found.counts,
        )

    assert seen(pg) == seen(demo_db)


def test_kept_figures_hold_until_someone_commits(pg):
    """The data version on PostgreSQL: the kept facts hold while nothing is committed
    (reads do not move it), and another connection's commit drops them."""
    import psycopg

    from app.services.statistics import facts_of, kept_facts
    from app.services.visits import create_visit

    create_visit(
        pg,
        code="A",
        title="A",
        timezone="Europe/Riga",
        start_date="2027-01-04",
        end_date="2027-01-05",
        country="NO",
    )
    facts = facts_of(pg)
    assert [v.code for v in facts.visits] == ["A"]
    statistics(pg)
    assert kept_facts(pg) is facts  # reading is not a change
    plain = pg.url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain) as other:  # another office's client
        other.execute("UPDATE visit SET country = 'PL'")
    assert kept_facts(pg) is None
    assert [v.country for v in facts_of(pg).visits] == ["PL"]


def test_a_nok_visit_costs_the_same_on_both(pg, db):
    from money_cases import nok_visit, taking_part

    def cost(database):
        visit_id, _grant, _own = nok_visit(database)
        taking_part(database, visit_id)
        bar = statistics(database).figure("cost_per_delegate").bar("2027")
        return bar.value, bar.numerator

    assert cost(pg) == cost(db)
