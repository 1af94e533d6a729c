"""The calendar file as other programs read it: vobject and Mozilla's ical.js (Thunderbird).

Each event's start and end are read by a parser this project did not write and compared, as
instants, with what ``zoneinfo`` says the wall time in its zone means. The visit crosses
the night the clocks change (28 March 2027), has a 14:00 meeting in Oslo on either side of
it and flights between Riga and Oslo, so an hour off anywhere shows.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar, Event

from app.documents.calendar import build_calendar
from app.documents.vtimezone import add_timezones
from tests.documents.conftest import import_doc

UTC = dt.UTC
HERE = Path(__file__).parent
TOOLS = HERE.parents[1] / "tools" / "test-tools"  # ignored by git
ICALJS_VERSION = "2.2.1"


def crossing_visit() -> dict[str, Any]:
    """A week in Oslo over the change to summer time, with a line break in its title."""
    return {
        "format": "studyvisit/1",
        "visit": {
            "code": "T-OSLO-DST",
            "title": "Pieredzes vizīte\nOslo; Bergen, \\ 2027",
            "status": "confirmed",
            "destination": {"country": "NO", "city": "Oslo", "timezone": "Europe/Oslo"},
            "start_date": "2027-03-25",
            "end_date": "2027-04-01",
            "languages": ["lv", "en"],
        },
        "organisations": [{"key": "o1", "name": "Latvijas Pašvaldību savienība", "country": "LV"}],
        "people": [
            {
                "key": "p1",
                "given_name": "Līga",
                "family_name": "Šņore",
                "organisation": "o1",
                "role": "head",
                "status": "confirmed",
            },
            {
                "key": "p2",
                "given_name": "Ēriks",
                "family_name": "Čakste",
                "organisation": "o1",
                "role": "delegate",
                "status": "confirmed",
            },
        ],
        "programme": [
            {
                "key": "i-winter",
                "starts": "2027-03-26T14:00",
                "ends": "2027-03-26T15:30",
                "kind": "meeting",
                "title": "Vestland fylkeskommune",
                "attendees": "all",
                "confirmed": True,
            },
            {
                "key": "i-summer",
                "starts": "2027-03-30T14:00",
                "ends": "2027-03-30T15:30",
                "kind": "meeting",
                "title": "Oslo kommune",
                "attendees": "all",
                "confirmed": False,
            },
            {
                "key": "i-riga",
                "starts": "2027-04-01T18:00",
                "ends": "2027-04-01T19:00",
                "timezone": "Europe/Riga",
                "kind": "meal",
                "title": "Vakariņas Rīgā",
                "attendees": "all",
                "confirmed": True,
            },
        ],
        "travel": [
            {
                "key": "t-out",
                "mode": "flight",
                "carrier": "airBaltic",
                "number": "BT 151",
                "booking_ref": "Q4RT7L",
                "from": {"place": "Rīga", "timezone": "Europe/Riga", "at": "2027-03-25T08:05"},
                "to": {"place": "Oslo", "timezone": "Europe/Oslo", "at": "2027-03-25T09:15"},
                "passengers": ["p1", "p2"],
            },
            {
                "key": "t-back",
                "mode": "flight",
                "carrier": "airBaltic",
                "number": "BT 152",
                "booking_ref": "Q4RT7L",
                "from": {"place": "Oslo", "timezone": "Europe/Oslo", "at": "2027-04-01T10:00"},
                "to": {"place": "Rīga", "timezone": "Europe/Riga", "at": "2027-04-01T13:00"},
                "passengers": ["p1"],
            },
        ],
        "stays": [
            {
                "key": "s1",
                "name": "Thon Hotel Opera",
                "address": "Dronningens gate 41",
                "check_in": "2027-03-25",
                "check_out": "2027-04-01",
                "rooms": [{"label": "301", "type": "single", "occupants": ["p1"]}],
            },
        ],
    }


# What each event must mean: (start, end) as instants, from zoneinfo.
def _at(text: str, zone: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


EXPECTED = {
    "i-winter": (_at("2027-03-26T14:00", "Europe/Oslo"), _at("2027-03-26T15:30", "Europe/Oslo")),
    "i-summer": (_at("2027-03-30T14:00", "Europe/Oslo"), _at("2027-03-30T15:30", "Europe/Oslo")),
    "i-riga": (_at("2027-04-01T18:00", "Europe/Riga"), _at("2027-04-01T19:00", "Europe/Riga")),
    "t-out": (_at("2027-03-25T08:05", "Europe/Riga"), _at("2027-03-25T09:15", "Europe/Oslo")),
    "t-back": (_at("2027-04-01T10:00", "Europe/Oslo"), _at("2027-04-01T13:00", "Europe/Riga")),
}


@pytest.fixture
def crossing_ics(db, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The whole visit's calendar, and each event's UID by the key of the file."""
    import_doc(db, crossing_visit())
    path = build_calendar(db, "T-OSLO-DST", tmp_path / "oslo.ics", lang="en")
    cal = Calendar.from_ical(path.read_bytes())
    uids = {}
    for event in cal.walk("VEVENT"):
        summary = str(event["SUMMARY"])
        for key, word in (
            ("i-winter", "Vestland"),
            ("i-summer", "Oslo kommune"),
            ("i-riga", "Rīgā"),
            ("t-out", "BT 151"),
            ("t-back", "BT 152"),
            ("s1", "Thon"),
        ):
            if word in summary:
                uids[key] = str(event["UID"])
    assert set(uids) == {*EXPECTED, "s1"}
    return path, uids


def _vobject_read(text: str) -> Any:
    """The calendar as a fresh vobject reads it: vobject keeps the first VTIMEZONE of each
    TZID it ever parsed and would read this file with another test's zones."""
    tzids = getattr(vobject.icalendar, "__tzidMap")
    utc = tzids["UTC"]
    tzids.clear()
    tzids["UTC"] = utc
    return vobject.readOne(text)


def _vobject_events(path: Path) -> dict[str, Any]:
    cal = _vobject_read(path.read_text(encoding="utf-8"))
    return {ev.uid.value: ev for ev in cal.vevent_list}


def test_vobject_reads_every_event_at_its_real_instant(crossing_ics) -> None:
    path, uids = crossing_ics
    events = _vobject_events(path)
    for key, (starts, ends) in EXPECTED.items():
        event = events[uids[key]]
        assert event.dtstart.value.astimezone(UTC) == starts, key
        assert event.dtend.value.astimezone(UTC) == ends, key
    # the meeting at 14:00 Oslo is 13:00 UTC in winter and 12:00 UTC in summer
    assert EXPECTED["i-winter"][0].hour == 13 and EXPECTED["i-summer"][0].hour == 12
    stay = events[uids["s1"]]
    assert stay.dtstart.value == dt.date(2027, 3, 25)
    assert stay.dtend.value == dt.date(2027, 4, 2)  # check-out day shown, DTEND exclusive


def test_zones_are_yearly_rules_not_date_lists(crossing_ics) -> None:
    path, _uids = crossing_ics
    raw = path.read_text(encoding="utf-8")
    assert "RDATE" not in raw and "only works" not in raw
    cal = Calendar.from_ical(raw.encode())
    for tz in cal.walk("VTIMEZONE"):
        rules = [
            str(part["RRULE"].to_ical(), "ascii") for part in tz.subcomponents if "RRULE" in part
        ]
        assert sorted(rules) == [
            "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
            "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        ], tz["TZID"]
    assert raw.index("BEGIN:VTIMEZONE") < raw.index("BEGIN:VEVENT")


def test_title_with_a_line_break_names_the_calendar_on_one_line(crossing_ics) -> None:
    path, _uids = crossing_ics
    cal = _vobject_read(path.read_text(encoding="utf-8"))
    assert cal.contents["x-wr-calname"][0].value == "Pieredzes vizīte Oslo; Bergen, \\ 2027"


def test_unconfirmed_meeting_is_tentative_and_booking_codes_stay_personal(
    db, crossing_ics, tmp_path: Path
) -> None:
    path, uids = crossing_ics
    events = _vobject_events(path)
    assert events[uids["i-summer"]].status.value == "TENTATIVE"
    assert events[uids["i-winter"]].status.value == "CONFIRMED"
    assert "Q4RT7L" not in path.read_text(encoding="utf-8")
    mine = build_calendar(db, "T-OSLO-DST", tmp_path / "liga.ics", lang="lv", person="liga snore")
    text = mine.read_text(encoding="utf-8")
    assert "Q4RT7L" in text
    cal = _vobject_read(text)
    assert cal.contents["x-wr-calname"][0].value.endswith("Līga Šņore")
    summaries = {ev.summary.value for ev in cal.vevent_list}
    assert any("Thon Hotel Opera" in s for s in summaries)
    his = Calendar.from_ical(
        build_calendar(
            db, "T-OSLO-DST", tmp_path / "e.ics", lang="lv", person="CAKSTE eriks"
        ).read_bytes()
    )
    his_summaries = [str(e["SUMMARY"]) for e in his.walk("VEVENT")]
    assert not any("Thon" in s for s in his_summaries)  # no room booked for him
    assert not any("BT 152" in s for s in his_summaries)


def test_a_zone_is_written_alike_for_any_visit_since_2001() -> None:
    from app.documents.vtimezone import vtimezone

    early = vtimezone("Europe/Oslo", dt.date(2001, 5, 1), dt.date(2001, 5, 3)).to_ical()
    late = vtimezone("Europe/Oslo", dt.date(2027, 5, 1), dt.date(2027, 5, 3)).to_ical()
    assert early == late
    assert early.count(b"BEGIN:") == 4  # the zone, its opening and two yearly rules


@pytest.fixture(scope="session")
def icaljs() -> Path:
    """A folder holding Mozilla's ical.js, installed with npm on first use (not in git)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node is not installed: ical.js cannot run")
    if not (TOOLS / "node_modules" / "ical.js" / "package.json").is_file():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--prefix",
                str(TOOLS),
                f"ical.js@{ICALJS_VERSION}",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return TOOLS


def _icaljs_events(folder: Path, path: Path) -> dict[str, dict[str, str]]:
    done = subprocess.run(
        ["node", str(HERE / "clients" / "ical_instants.cjs"), str(folder), str(path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return {e["uid"]: e for e in json.loads(done.stdout)}


def _iso(instant: dt.datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def test_icaljs_reads_every_event_at_its_real_instant(crossing_ics, icaljs: Path) -> None:
    path, uids = crossing_ics
    events = _icaljs_events(icaljs, path)
    for key, (starts, ends) in EXPECTED.items():
        event = events[uids[key]]
        assert (event["start"], event["end"]) == (_iso(starts), _iso(ends)), key
    assert events[uids["i-summer"]]["status"] == "TENTATIVE"
    assert (events[uids["s1"]]["start"], events[uids["s1"]]["end"]) == ("2027-03-25", "2027-04-02")


# Zones whose rules differ: another weekday rule, the southern hemisphere, no summer time,
# rules that changed within the years (Moscow 2011 and 2014, Istanbul 2016, São Paulo 2019),
# a fixed-date rule (Tehran until 2022) and a half-hour zone.
ZONES = [
    ("America/New_York", 2024, 2026),
    ("Australia/Sydney", 2025, 2027),
    ("Asia/Tokyo", 2026, 2027),
    ("Europe/Moscow", 2010, 2015),
    ("Europe/Istanbul", 2015, 2017),
    ("America/Sao_Paulo", 2017, 2020),
    ("Asia/Tehran", 2020, 2023),
    ("Australia/Adelaide", 2026, 2027),
    ("Europe/Riga", 1999, 2002),
    ("Europe/Oslo", 2013, 2027),
]


def _zone_calendar(*zones: tuple[str, int, int]) -> tuple[bytes, dict[str, dt.datetime]]:
    """Events at 14:00 local every nine days through the years, and what each one means."""
    cal = Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    expected = {}
    for tzid, first, last in zones:
        zone = ZoneInfo(tzid)
        day = dt.date(first, 1, 3)
        while day.year <= last:
            starts = dt.datetime.combine(day, dt.time(14, 0), zone)
            event = Event()
            uid = f"{tzid}-{day}@test"
            event.add("uid", uid)
            event.add("dtstamp", dt.datetime(2026, 1, 1, tzinfo=UTC))
            event.add("dtstart", starts)
            event.add("dtend", starts + dt.timedelta(hours=1))
            cal.add_component(event)
            expected[uid] = starts.astimezone(UTC)
            day += dt.timedelta(days=9)
    add_timezones(cal)
    return cal.to_ical(), expected


@pytest.mark.parametrize(("tzid", "first", "last"), ZONES)
def test_vobject_agrees_with_zoneinfo_in_other_zones(
    tmp_path: Path, tzid: str, first: int, last: int
) -> None:
    data, expected = _zone_calendar((tzid, first, last))
    assert b"RDATE" not in data
    cal = _vobject_read(data.decode())
    wrong = [
        (ev.uid.value, ev.dtstart.value)
        for ev in cal.vevent_list
        if ev.dtstart.value.astimezone(UTC) != expected[ev.uid.value]
    ]
    assert wrong == []


def test_icaljs_agrees_with_zoneinfo_in_other_zones(tmp_path: Path, icaljs: Path) -> None:
    data, expected = _zone_calendar(*ZONES)
    path = tmp_path / "zones.ics"
    path.write_bytes(data)
    events = _icaljs_events(icaljs, path)
    assert len(events) == len(expected)
    wrong = [(uid, e["start"]) for uid, e in events.items() if e["start"] != _iso(expected[uid])]
    assert wrong == []
