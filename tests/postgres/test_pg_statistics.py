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
    return {f.key: [(b.key, b.value, len(b.visit_ids)) for b in f.bars]
            for f in statistics(db).figures}


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
        return ([v.code for v in found.visits], [f.text for f in found.lessons],
                [f.text for f in found.contacts], found.counts)

    assert seen(pg) == seen(demo_db)
