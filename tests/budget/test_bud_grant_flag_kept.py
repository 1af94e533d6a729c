"""A funding source's grant marker is the user's: the name's rule ("Valsts budžeta
līdzfinansējums" is public co-financing, not a grant) decides only when a source is created
without one. A tester renamed that source and it silently became a grant."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.budget import (
    create_funding_source,
    delete_funding_source,
    list_funding_sources,
    restore_funding_source,
    update_funding_source,
)
from app.services.budget_report import visit_budget
from app.services.visits import duplicate_visit

POLAND = "DEMO-POLAND-2023"
STATE = "Valsts budžeta līdzfinansējums"


@pytest.fixture
def poland(demo) -> int:
    return visit_budget(demo, POLAND).visit_id


def flags(db, visit_id: int) -> dict[str, bool]:
    return {s.name: s.is_grant for s in list_funding_sources(db, visit_id)}


def test_the_name_decides_only_on_create(demo, poland):
    own = create_funding_source(demo, poland, name="Pašvaldības budžets", share="5")
    grant = create_funding_source(demo, poland, name="Interreg grants", share="5")
    assert (own.is_grant, grant.is_grant) == (False, True)


def test_renaming_keeps_the_stored_marker_both_ways(demo, poland):
    state = next(s for s in list_funding_sources(demo, poland) if s.name == STATE)
    assert state.is_grant is False
    update_funding_source(demo, state.id, None, name="Valsts atbalsts")  # a grant's name
    update_funding_source(demo, state.id, None, name="Valsts atbalsts 2", is_grant=None)
    assert flags(demo, poland)["Valsts atbalsts 2"] is False
    # and a grant the user named like own funds stays a grant
    grant = next(s for s in list_funding_sources(demo, poland) if s.is_grant)
    update_funding_source(demo, grant.id, None, name="EEZ līdzfinansējums")
    assert flags(demo, poland)["EEZ līdzfinansējums"] is True


def test_an_explicit_marker_still_changes_it(demo, poland):
    state = next(s for s in list_funding_sources(demo, poland) if s.name == STATE)
    update_funding_source(demo, state.id, None, name="Valsts atbalsts", is_grant=True)
    assert flags(demo, poland)["Valsts atbalsts"] is True
    update_funding_source(demo, state.id, None, is_grant=False)
    assert flags(demo, poland)["Valsts atbalsts"] is False


def test_a_deleted_source_comes_back_with_its_marker(demo, poland):
    state = next(s for s in list_funding_sources(demo, poland) if s.name == STATE)
    update_funding_source(demo, state.id, None, name="Valsts atbalsts")
    delete_funding_source(demo, state.id)
    assert restore_funding_source(demo, state.id).is_grant is False


def test_a_duplicated_visit_keeps_each_source_s_marker(demo, poland):
    state = next(s for s in list_funding_sources(demo, poland) if s.name == STATE)
    update_funding_source(demo, state.id, None, name="Valsts atbalsts")
    copy = duplicate_visit(demo, poland, "POLAND-2027", dt.date(2027, 5, 3))
    assert flags(demo, copy.id) == flags(demo, poland)
    assert False in flags(demo, copy.id).values()
