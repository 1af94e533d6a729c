"""Experience offered while planning (issue 18): what earlier visits hold about a new
visit's hosts, city and topics, and the warning for the same host on the same topic within
three years — checked against a small region worked out by hand.

======  ==========  ========  ======================================  =================
visit   starts      city      met / topics                            expected
======  ==========  ========  ======================================  =================
OLD     2014-04-02  Bergen    BIR (outcome) / atkritumu apsaimn.       earlier, no warning
RECENT  2024-05-06  Oslo      BIR, KS / Atkritumu apsaimn., klasteri   earlier, warning
OTHER   2024-09-01  Rīga      — / tarifi; a lesson tagged "Tarifi"     its lesson only
LAT     2020-03-03  Liepāja   — ; a lesson "pašvaldību sadarbība"      its lesson only
CANC    2025-01-10  Bergen    BIR, cancelled                          nothing
LATER   2027-01-10  Bergen    BIR, after the new visit                nothing
NEW     2026-04-06  bergen    BIR + LPS (the organiser itself)        the subject
======  ==========  ========  ======================================  =================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from app.services import directory, programme, reports, visits
from app.services.experience import experience, experience_for_visit, subject_of


def _visit(db, code, start, end, city, topics, **more):
    return visits.create_visit(
        db,
        code=code,
        title=f"Vizīte {code}",
        timezone="Europe/Oslo",
        start_date=start,
        end_date=end,
        city=city,
        topics=topics,
        **more,
    )


def _meet(db, visit, host, day, outcome=None):
    return programme.create_programme_item(
        db,
        visit.id,
        starts=f"{day}T10:00",
        ends=f"{day}T11:00",
        timezone="Europe/Oslo",
        title="Tikšanās",
        host_id=host.id,
        outcome=outcome,
    )


@pytest.fixture
def region(db):
    lps = directory.create_organisation(db, name="Latvijas Pašvaldību savienība")
    bir = directory.create_organisation(db, name="BIR AS", city="Bergen")
    ks = directory.create_organisation(db, name="KS", city="Oslo")
    ingrid = directory.create_contact(db, bir.id, name="Ingrid Haugland")
    r = {"bir": bir, "ks": ks, "lps": lps}

    old = _visit(db, "OLD", "2014-04-02", "2014-04-05", "Bergen", ["atkritumu apsaimniekošana"])
    r["outcome"] = _meet(db, old, bir, "2014-04-03", outcome="Vienots tarifs visā reģionā")
    report = reports.create_report(db, old.id)
    r["lesson"] = reports.create_lesson(
        db, report.id, text="Kopīgs uzņēmums samazina izmaksas", topics=["atkritumi"]
    )
    r["contact"] = reports.create_report_contact(
        db, report.id, text="Ingrid, BIR", contact_id=ingrid.id
    )
    r["open"] = reports.create_follow_up(
        db, report.id, action="Tarifu aprēķins", status="open", owner="Dace"
    )
    reports.create_follow_up(db, report.id, action="Līgumu paraugi", status="done")

    recent = _visit(
        db, "RECENT", "2024-05-06", "2024-05-08", "Oslo", ["Atkritumu apsaimniekošana", "klasteri"]
    )
    _meet(db, recent, bir, "2024-05-06")
    _meet(db, recent, ks, "2024-05-07", outcome="")

    other = _visit(db, "OTHER", "2024-09-01", "2024-09-01", "Rīga", ["tarifi"])
    report = reports.create_report(db, other.id)
    r["topic_lesson"] = reports.create_lesson(
        db, report.id, text="Tarifu metodika", topics=["Tarifi"]
    )
    reports.create_lesson(db, report.id, text="Nekas kopīgs", topics=["sports"])
    lat = _visit(db, "LAT", "2020-03-03", "2020-03-03", "Liepāja", [])
    report = reports.create_report(db, lat.id)
    r["escaped_lesson"] = reports.create_lesson(
        db, report.id, text="Sadarbība", topics=["pašvaldību sadarbība"]
    )

    canc = _visit(
        db,
        "CANC",
        "2025-01-10",
        "2025-01-11",
        "Bergen",
        ["atkritumu apsaimniekošana"],
        status="cancelled",
    )
    _meet(db, canc, bir, "2025-01-10", outcome="Atcelts")
    later = _visit(db, "LATER", "2027-01-10", "2027-01-11", "Bergen", ["atkritumu apsaimniekošana"])
    _meet(db, later, bir, "2027-01-10")

    new = _visit(
        db,
        "NEW",
        "2026-04-06",
        "2026-04-09",
        " bergen ",
        ["atkritumu apsaimniekošana", "tarifi", "Pašvaldību sadarbība"],
        organiser_id=lps.id,
    )
    _meet(db, new, bir, "2026-04-07")
    _meet(db, new, lps, "2026-04-09")  # the region's own debrief: not a host
    r.update(old=old, recent=recent, other=other, lat=lat, new=new)
    return r


def test_subject_is_the_programme_hosts_city_and_topics(db, region):
    subject = subject_of(db, region["new"].id)
    assert subject.host_ids == (region["bir"].id,)
    assert subject.city == "bergen" and subject.start.isoformat() == "2026-04-06"


def test_earlier_visits_to_the_host_or_city_newest_first(db, region):
    found = experience_for_visit(db, region["new"].id)
    assert [v.code for v in found.visits] == ["RECENT", "OLD"]
    recent, old = found.visits
    assert recent.hosts == ("BIR AS",) and not recent.same_city
    assert old.same_city and old.hosts == ("BIR AS",)


def test_the_same_host_on_the_same_topic_within_three_years_warns(db, region):
    found = experience_for_visit(db, region["new"].id)
    assert [(w.host, w.topic, w.visit_code) for w in found.warnings] == [
        ("BIR AS", "atkritumu apsaimniekošana", "RECENT")
    ]
    assert "BIR AS was visited on “atkritumu apsaimniekošana”" in found.warnings[0].text
    # planned for mid-2028 instead: RECENT is too old then, LATER (2027) is the repeat
    moved = replace(subject_of(db, region["new"].id), start=dt.date(2028, 6, 1))
    assert [w.visit_code for w in experience(db, moved).warnings] == ["LATER"]


def test_lessons_contacts_follow_ups_and_outcomes(db, region):
    found = experience_for_visit(db, region["new"].id)
    # the earlier visits' lessons first, then those of any visit on the same topics
    # ("Tarifi" as tagged, "pašvaldību sadarbība" stored with JSON escapes)
    assert [f.row_id for f in found.lessons] == [
        region["lesson"].id,
        region["topic_lesson"].id,
        region["escaped_lesson"].id,
    ]
    assert found.lessons[1].extra == "Tarifi"
    assert [(f.place, f.visit_code, f.text) for f in found.contacts] == [
        ("contacts", "OLD", "Ingrid, BIR")
    ]
    assert [(f.row_id, f.extra) for f in found.follow_ups] == [(region["open"].id, "Dace")]
    assert [(f.place, f.row_id, f.text, f.extra) for f in found.outcomes] == [
        ("outcome", region["outcome"].id, "Vienots tarifs visā reģionā", "BIR AS")
    ]
    assert found.counts == {
        "visits": 2,
        "lessons": 3,
        "contacts": 1,
        "follow_ups": 1,
        "outcomes": 1,
    }


def test_a_contact_met_at_the_host_on_another_visit_counts(db, region):
    """A contact gained in Rīga with someone from BIR is knowledge about BIR too."""
    ingrid = directory.list_contacts(db, region["bir"].id)[0]
    report = reports.report_for_visit(db, region["other"].id)
    reports.create_report_contact(db, report.id, text="Ingrid again", contact_id=ingrid.id)
    found = experience_for_visit(db, region["new"].id)
    assert [f.text for f in found.contacts] == ["Ingrid again", "Ingrid, BIR"]


def test_nothing_named_nothing_offered(db):
    bare = visits.create_visit(
        db,
        code="BARE",
        title="Tukša",
        timezone="Europe/Riga",
        start_date="2026-01-01",
        end_date="2026-01-01",
    )
    found = experience_for_visit(db, bare.id)
    assert found.empty and found.subject.empty


def test_deleted_rows_are_not_offered(db, region):
    reports.delete_lesson(db, region["lesson"].id)
    visits.delete_visit(db, region["recent"].id)
    found = experience_for_visit(db, region["new"].id)
    assert [v.code for v in found.visits] == ["OLD"] and found.warnings == []
    assert region["lesson"].id not in [f.row_id for f in found.lessons]


def test_an_answer_is_kept_until_anyone_commits(db, region):
    """The same question with nothing committed since is answered without asking the
    database; a saved change (a lesson added to the earlier visit) is seen at once."""
    from sqlalchemy import event

    from app.services.experience import experience

    subject = subject_of(db, region["new"].id)
    first = experience(db, subject)
    asked = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: asked.append(1))
    assert experience(db, subject) is first and asked == []
    assert experience(db, subject, kept=False) is not first and asked  # the bench's way
    reports.create_lesson(db, region["lesson"].report_id, text="Vēl viena atziņa")
    again = experience(db, subject)
    assert again is not first
    assert "Vēl viena atziņa" in [f.text for f in again.lessons]


def test_a_contact_gained_both_ways_once_and_same_day_visits_by_code(db, region):
    """A contact gained on an earlier visit with someone at the host is found both ways
    (the visit, the host) and counted once; two visits on the same day stand by code, as
    Python sorts text; a short list still counts every lesson there is."""
    ingrid = directory.list_contacts(db, region["bir"].id)[0]
    twin = _visit(db, "OLD-b", "2014-04-02", "2014-04-03", "Bergen", [])
    _meet(db, twin, region["bir"], "2014-04-02")
    report = reports.create_report(db, twin.id)
    reports.create_report_contact(db, report.id, text="Ingrid, twice", contact_id=ingrid.id)
    wide = _visit(db, "OLD-Ā", "2014-04-02", "2014-04-02", "Oslo", [])
    _meet(db, wide, region["bir"], "2014-04-02")
    found = experience_for_visit(db, region["new"].id)
    assert [v.code for v in found.visits] == ["RECENT", "OLD", "OLD-b", "OLD-Ā"]
    assert [f.text for f in found.contacts] == ["Ingrid, BIR", "Ingrid, twice"]
    assert found.counts["contacts"] == 2
    short = experience(db, subject_of(db, region["new"].id), limit=1)
    assert [f.row_id for f in short.lessons] == [region["lesson"].id]
    assert short.counts["lessons"] == 3 and short.counts["contacts"] == 2
    assert len(short.contacts) == 1 and len(short.visits) == 1


def test_the_subject_as_it_will_be_once_a_host_is_saved(db, region):
    """Asked while a host is being chosen for an item: the subject the save will make."""
    new = region["new"]
    ks, bir, lps = region["ks"], region["bir"], region["lps"]
    item = _meet(db, new, bir, "2026-04-09")  # a second meeting with BIR, fourth day
    assert subject_of(db, new.id, item_host=(item.id, ks.id)).host_ids == tuple(
        sorted((bir.id, ks.id))
    )  # BIR still met on the first day
    first = programme.list_programme(db, new.id)[0]
    assert subject_of(db, new.id, item_host=(first.id, None)).host_ids == (bir.id,)
    assert subject_of(db, new.id, item_host=(item.id, lps.id)).host_ids == (bir.id,)
    programme.update_programme_item(db, item.id, None, host_id=ks.id)
    assert subject_of(db, new.id) == subject_of(db, new.id, item_host=(item.id, ks.id))


def test_a_colleagues_commit_is_asked_again(db, db_path, region):
    """The kept answer holds only while nobody commits: a colleague's save through
    another connection to the same file is read at the next question."""
    from app.services.experience import kept_experience
    from db.engine import Database

    subject = subject_of(db, region["new"].id)
    first = experience(db, subject)
    assert kept_experience(db, subject) is first
    colleague = Database(f"sqlite:///{db_path}")
    try:
        reports.create_lesson(colleague, region["lesson"].report_id, text="No kolēģes")
    finally:
        colleague.dispose()
    assert kept_experience(db, subject) is None
    assert "No kolēģes" in [f.text for f in experience(db, subject).lessons]


def test_lessons_on_the_topics_counted_ahead_give_the_same_answer(db, db_path, region):
    """Counted while the host list is open, the lessons on the topics are taken from
    that count at the choice — the same answer — and not once anyone committed since."""
    from app.services import experience_queries
    from app.services.experience import _KEPT
    from db.engine import Database

    subject = subject_of(db, region["new"].id)
    used = []
    kept = experience_queries._kept_on_topics

    def spy(*args):
        used.append(kept(*args))
        return used[-1]

    experience_queries._kept_on_topics = spy
    try:
        for limit in (1, 12):  # the earlier visits' lessons fill the list, or not
            plain = experience(db, subject, limit=limit, kept=False)
            experience_queries.count_on_topics(db, subject)
            _KEPT.clear()
            assert experience(db, subject, limit=limit) == plain
        # the kept count used (the plain asks keep none): two lessons on the topics
        assert [n for n in used if n is not None] == [2, 2]
        colleague = Database(f"sqlite:///{db_path}")
        try:  # a colleague's lesson on the topic, committed after the count
            report = reports.report_for_visit(colleague, region["other"].id)
            reports.create_lesson(colleague, report.id, text="Vēl par tarifiem", topics=["tarifi"])
        finally:
            colleague.dispose()
        _KEPT.clear()
        after = experience(db, subject, limit=1)
        assert used[-1] is None and after.counts["lessons"] == 4
    finally:
        experience_queries._kept_on_topics = kept
