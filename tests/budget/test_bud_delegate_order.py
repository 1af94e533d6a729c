"""The statement per sending organisation lists them in Latvian alphabetical order, as the
window and every other document do (``app.domain.text.sort_key``): Ādaži with the A's, Č
after C — not after Z, where code-point order put every name starting with Ā, Č, Ē or Š."""

from __future__ import annotations

import datetime as dt

from app.services.delegate_costs import load_delegates
from db.models import Organisation, Participation, Person, Visit


def test_organisations_and_people_in_latvian_order(db) -> None:
    people = [
        ("Zilupes novads", "Ēriks", "Zariņš"),
        ("Ādažu novada dome", "Anna", "Ābele"),
        ("Čakstes biedrība", "Edgars", "Cers"),
        ("Cēsu novads", "Ilze", "Liepa"),
        ("Aizputes novads", "Jānis", "Ozols"),
        ("Bauskas novads", "Pēteris", "Kalns"),
        ("Ādažu novada dome", "Ēvalds", "Bērziņš"),
        ("Ādažu novada dome", "Fricis", "Auziņš"),
    ]
    with db.write() as s:
        visit = Visit(
            code="ORDER",
            title="Secība",
            timezone="Europe/Riga",
            start_date=dt.date(2027, 4, 6),
            end_date=dt.date(2027, 4, 9),
        )
        s.add(visit)
        orgs: dict[str, Organisation] = {}
        for org, given, family in people:
            if org not in orgs:
                orgs[org] = Organisation(name=org)
                s.add(orgs[org])
            person = Person(given_name=given, family_name=family, organisation=orgs[org])
            s.add(person)
            s.flush()
            s.add(Participation(visit_id=visit.id, person_id=person.id, status="confirmed"))
        s.flush()
        found = load_delegates(s, visit.id)
    assert [(d.organisation, d.name) for d in found] == [
        ("Ādažu novada dome", "Anna Ābele"),
        ("Ādažu novada dome", "Ēvalds Bērziņš"),
        ("Ādažu novada dome", "Fricis Auziņš"),
        ("Aizputes novads", "Jānis Ozols"),
        ("Bauskas novads", "Pēteris Kalns"),
        ("Cēsu novads", "Ilze Liepa"),
        ("Čakstes biedrība", "Edgars Cers"),
        ("Zilupes novads", "Ēriks Zariņš"),
    ]
