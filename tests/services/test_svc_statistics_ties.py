"""The "most visited" lists break ties in Latvian alphabetical order (issue 18).

Hosts and topics counted the same stand in the order a Latvian reader expects —
Ā with A, Č a letter of its own after C — and the tenth place goes to the name that
order puts first, not to the one whose code point is smallest.
"""

from __future__ import annotations

from app.services import directory, programme, visits
from app.services.statistics import statistics

# one visit each: all tied; eleven, so one is left out of the top ten
NAMES = [
    "Zilupe",
    "Čaka",
    "Cēsis",
    "Ādaži",
    "Dagda",
    "Ērgļi",
    "Ogre",
    "Šķibe",
    "Sigulda",
    "Aizpute",
    "Žagarkalns",
]
LATVIAN_ORDER = [
    "Ādaži",
    "Aizpute",
    "Cēsis",
    "Čaka",
    "Dagda",
    "Ērgļi",
    "Ogre",
    "Sigulda",
    "Šķibe",
    "Zilupe",
]  # Žagarkalns, after Z, is the one not shown


def _visit_at(db, n: int, host_name: str) -> None:
    host = directory.create_organisation(db, name=host_name, country="LV")
    visit = visits.create_visit(
        db,
        code=f"V-{n}",
        title=f"Vizīte {n}",
        timezone="Europe/Riga",
        start_date="2024-05-06",
        end_date="2024-05-09",
        country="LV",
        topics=[host_name],
    )
    programme.create_programme_item(
        db,
        visit.id,
        starts="2024-05-09T10:00",  # the fourth day
        ends="2024-05-09T11:00",
        timezone="Europe/Riga",
        title="Tikšanās",
        host_id=host.id,
    )


def test_tied_hosts_and_topics_stand_in_latvian_order(db):
    for n, name in enumerate(NAMES):
        _visit_at(db, n, name)
    st = statistics(db)
    for key in ("top_hosts", "top_topics"):
        figure = st.figure(key)
        assert [b.label for b in figure.bars] == LATVIAN_ORDER, key
        assert "1 more not shown" in figure.note
