"""The calendar file: events in their own zones, with VTIMEZONE blocks Outlook needs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from app.documents.calendar import build_calendar

BERGEN = "DEMO-BERGEN-2014"


def _read(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_every_item_and_leg_is_an_event_in_its_own_zone(demo_db, tmp_path: Path) -> None:
    cal = _read(build_calendar(demo_db, BERGEN, tmp_path / "b.ics", lang="en"))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 20 + 4 + 1  # items, journeys, the hotel stay
    zones = {tz["TZID"] for tz in cal.walk("VTIMEZONE")}
    assert zones == {"Europe/Riga", "Europe/Oslo"}
    flight = next(e for e in events if "BT 165" in str(e["SUMMARY"]))
    starts, ends = flight.decoded("DTSTART"), flight.decoded("DTEND")
    assert starts == dt.datetime(2014, 4, 2, 9, 5, tzinfo=ZoneInfo("Europe/Riga"))
    assert ends == dt.datetime(2014, 4, 2, 10, 35, tzinfo=ZoneInfo("Europe/Oslo"))
    assert str(starts.tzinfo) == "Europe/Riga" and str(ends.tzinfo) == "Europe/Oslo"
    meeting = next(e for e in events if "cluster policy" in str(e["SUMMARY"]))
    assert meeting.decoded("DTSTART").hour == 13
    assert "Agnes Mowinckels gate 5" in str(meeting["LOCATION"])
    assert "Hordaland County Council" in str(meeting["DESCRIPTION"])
    raw = (tmp_path / "b.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Oslo:20140402T133000" in raw
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert "K7QX2M" not in raw  # the booking code: only in a traveller's own calendar


def test_a_person_gets_only_their_part(demo_db, tmp_path: Path) -> None:
    cal = _read(
        build_calendar(
            demo_db, "DEMO-KS-NORWAY-2023", tmp_path / "r.ics", lang="lv", person="Agnese Rozīte"
        )
    )
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert any("Oslo rātsnams" in s for s in summaries)
    assert not any("Mentoru apmācība" in s for s in summaries)
    assert not any("Noslēguma vakariņas" in s for s in summaries)
    assert sum("Lidojums" in s for s in summaries) == 2
