"""Released versions and "what changed" notices, as a coordinator uses them.

The story: the Oslo programme (KS visit, March 2023) is released and sent. Then a partner
sends an updated visit file (``import visit --replace``): the Oslo city hall meeting moves
an hour, the mentors' training is cancelled, a meeting in Lillestrøm is added, Agnese's
flight home changes and so does her room. Each delegate and host gets a notice of what
changed for them alone, in their language; calendars carry a SEQUENCE that grows with
each release, and the booklet's footer names its version.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.domain.changes import for_person
from app.interchange.visit_file import export_visit, import_visit
from app.services.releases import release, releases
from tests.documents.conftest import pdf_pages, squash

KS = "DEMO-KS-NORWAY-2023"


def by_title(doc: dict[str, Any], start: str) -> dict[str, Any]:
    return next(i for i in doc["programme"] if i["title"].startswith(start))


def person_key(doc: dict[str, Any], name: str) -> str:
    return next(p["key"] for p in doc["people"] if f"{p['given_name']} {p['family_name']}" == name)


def partner_update(db) -> None:  # type: ignore[no-untyped-def]
    """The updated file a partner sends back, read with --replace."""
    doc = json.loads(export_visit(db, KS))
    hall = by_title(doc, "Oslo rātsnams")
    hall["starts"], hall["ends"] = "2023-03-09T14:00", "2023-03-09T15:30"
    doc["programme"].remove(by_title(doc, "Mentoru apmācība"))
    lillestrom = by_title(doc, "Lillestrēmas pieredze")
    doc["programme"].append(
        {
            "key": "new-viken-meeting",
            "starts": "2023-03-08T16:30",
            "ends": "2023-03-08T17:30",
            "timezone": "Europe/Oslo",
            "kind": "meeting",
            "title": "Tikšanās ar Vikenas reģionu",
            "host": lillestrom["host"],
            "venue": "Lillestrøm rådhus",
            "attendees": "all",
        }
    )
    flight = next(leg for leg in doc["travel"] if leg.get("number") == "BT 154")
    flight["number"] = "BT 156"
    flight["from"]["at"], flight["to"]["at"] = "2023-03-09T19:30", "2023-03-09T21:20"
    for stay in doc["stays"]:
        for room in stay["rooms"]:
            if room["label"] == "617":
                room["label"] = "618"
    import_visit(db, json.dumps(doc, ensure_ascii=False), replace=True)


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "visits.db"
    shutil.copyfile(demo_template, path)
    return path


def test_a_notice_for_each_reader_with_only_their_changes(cli, demo_path, tmp_path) -> None:
    from db.engine import Database

    assert (
        cli("--db", demo_path, "programme", "release", KS, "--note", "sent to the delegation").code
        == 0
    )
    db = Database(f"sqlite:///{demo_path}")
    try:
        partner_update(db)
        assert [r.number for r in releases(db, KS)] == [1]  # the release survived --replace
    finally:
        db.dispose()
    out = tmp_path / "changes.pdf"
    run = cli("--db", demo_path, "export", "changes", KS, "--since", "1", "--out", out)
    assert run.code == 0, run.err
    pages = [squash(p) for p in pdf_pages(out)]
    readers = [
        p.split("Kas ir mainījies ")[-1][:25]
        if "Kas ir mainījies" in p
        else p.split("Hva er endret ")[-1][:25]
        if "Hva er endret" in p
        else p.split("What has changed ")[-1][:25]
        for p in pages
    ]
    # eleven people taking part (Gatis Lapsa cancelled): everyone has the new meeting;
    # three hosts have a change; the ministry and the association have none
    assert len(pages) == 11 + 3, readers
    agnese = next(p for p in pages if "Agnese Rozīte" in p.split("LPS")[0][:60])
    assert "Pārcelts: Oslo rātsnams" in agnese
    assert (  # inside the sentence the day is not a heading ("tagad Ceturtdiena, 9. marts")
        "tagad ceturtdien, 9. martā, 14:00–15:30 (Europe/Oslo); bija ceturtdien, "
        "9. martā, 13:00" in agnese
    )
    assert "Jauns: Tikšanās ar Vikenas reģionu" in agnese
    assert "Brauciens mainīts: Lidojums" in agnese and "BT 156" in agnese
    assert "Jūsu numurs ir mainīts" in agnese and "618" in agnese
    assert "Mentoru apmācība" not in agnese  # not her track
    grava = next(p for p in pages if "Artūrs Grava" in p[:60])
    assert "Atcelts: Mentoru apmācība" in grava
    assert "Oslo rātsnams" not in grava and "numurs" not in grava
    oslo = next(p for p in pages if "Oslo kommune" in p[:60])
    assert "Flyttet: " in oslo and "Endringer siden versjon 1" in oslo
    assert "nå torsdag 9. mars, 14:00–15:30" in oslo
    ks = next(p for p in pages if "KS – Kommunesektorens organisasjon" in p[:80])
    assert "Avlyst: " in ks
    assert not any("Kommunal- og distriktsdepartementet" in p[:80] for p in pages)


def test_one_delegate_or_one_host_and_a_reader_without_changes(cli, demo_path, tmp_path) -> None:
    from db.engine import Database

    db = Database(f"sqlite:///{demo_path}")
    try:
        release(db, KS)
        partner_update(db)
    finally:
        db.dispose()
    one = tmp_path / "agnese.pdf"
    assert (
        cli(
            "--db",
            demo_path,
            "export",
            "changes",
            KS,
            "--since",
            "1",
            "--out",
            one,
            "--person",
            "Agnese Rozīte",
            "--lang",
            "en",
        ).code
        == 0
    )
    (page,) = [squash(p) for p in pdf_pages(one)]
    assert "Moved: " in page and "Your room has changed" in page
    host = tmp_path / "ministry.pdf"
    assert (
        cli(
            "--db",
            demo_path,
            "export",
            "changes",
            KS,
            "--since",
            "1",
            "--out",
            host,
            "--host",
            "kommunal- og distriktsdepartementet",
        ).code
        == 0
    )
    (page,) = [squash(p) for p in pdf_pages(host)]
    assert "Ingenting er endret for deg siden den versjonen." in page
    missing = cli(
        "--db", demo_path, "export", "changes", KS, "--since", "7", "--out", tmp_path / "x.pdf"
    )
    assert missing.code == 2 and "no released version 7" in missing.err
    assert not (tmp_path / "x.pdf").exists()


def test_calendars_carry_the_release_as_sequence_and_the_booklet_names_it(
    cli, demo_path, tmp_path
) -> None:
    from icalendar import Calendar

    def sequences() -> set[int]:
        out = tmp_path / "v.ics"
        assert cli("--db", demo_path, "export", "ics", KS, "--out", out).code == 0
        cal = Calendar.from_ical(out.read_bytes())
        return {int(e.get("sequence", -1)) for e in cal.walk("VEVENT")}

    assert sequences() == {0}
    cli("--db", demo_path, "programme", "release", KS)
    cli("--db", demo_path, "programme", "release", KS)
    assert sequences() == {2}
    booklet = tmp_path / "p.pdf"
    assert cli("--db", demo_path, "export", "programme", KS, "--out", booklet).code == 0
    assert "Versija 2 · Mācību vizīte uz Norvēģiju" in squash(pdf_pages(booklet)[1])


def test_an_attendee_added_or_removed_sees_new_or_cancelled() -> None:
    def doc(attendees: Any) -> dict[str, Any]:
        return {
            "visit": {"start_date": "2024-04-02", "end_date": "2024-04-04"},
            "people": [
                {"key": "a", "status": "confirmed"},
                {"key": "b", "status": "confirmed", "departs": "2024-04-02"},
            ],
            "programme": [
                {
                    "key": "i",
                    "title": "Workshop",
                    "starts": "2024-04-03T09:00",
                    "ends": "2024-04-03T10:00",
                    "timezone": "Europe/Oslo",
                    "attendees": attendees,
                }
            ],
        }

    assert [c.kind for c in for_person(doc(["a"]), doc(["b"]), "a")] == ["cancelled"]
    assert [c.kind for c in for_person(doc(["a"]), doc(["a", "b"]), "b")] == ["new"]
    # "all" on a day after someone leaves is not theirs: moving it says nothing to them
    moved = doc("all")
    moved["programme"][0]["starts"] = "2024-04-03T11:00"
    assert for_person(doc("all"), moved, "b") == []
    assert [c.kind for c in for_person(doc("all"), moved, "a")] == ["moved"]
