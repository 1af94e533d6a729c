"""The itinerary on the phone: one self-contained, offline HTML page per person taking part.

Each page is read back with Python's own HTML parser (not the code that wrote it) to check
that nothing is fetched from outside (fonts, scripts, styles, images), that it is small,
and that a delegate sees their own part of the visit in the venue's local time.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from app.documents.phone import build_phone
from tests.documents.conftest import hostile_visit, import_doc

KS = "DEMO-KS-NORWAY-2023"
BERGEN = "DEMO-BERGEN-2014"
RESOURCE_TAGS = {
    "img",
    "link",
    "iframe",
    "object",
    "embed",
    "audio",
    "video",
    "source",
    "track",
    "frame",
    "base",
    "picture",
    "svg",
}
ALLOWED_LINKS = ("tel:", "mailto:", "#", "https://www.openstreetmap.org/search?query=")


class Page(HTMLParser):
    """What a browser would see of a page: tags, links, headings and the visible text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._in: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] in ("script", "style"):
            return
        self.text.append(data)
        heading = next((t for t in reversed(self._in) if re.fullmatch(r"h[1-6]", t)), None)
        if heading and data.strip():
            self.headings.append((heading, data.strip()))

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())

    def hrefs(self) -> list[str]:
        return [a["href"] or "" for tag, a in self.tags if tag == "a" and "href" in a]


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def test_each_person_taking_part_gets_one_small_page_that_fetches_nothing(
    demo_db, tmp_path: Path
) -> None:
    folder = build_phone(demo_db, BERGEN, tmp_path / "phone", lang="lv")
    files = sorted(folder.iterdir())
    assert len(files) == 10  # the ten people taking part in the Bergen visit
    assert all(f.suffix == ".html" for f in files)  # and nothing else in the folder
    for file in files:
        source = file.read_text(encoding="utf-8")
        assert len(source.encode()) <= 200_000, file.name
        page = Page(source)
        for tag, attrs in page.tags:
            assert tag not in RESOURCE_TAGS, (file.name, tag)
            assert "src" not in attrs, (file.name, tag)
            assert not any(k.startswith("on") for k in attrs), (file.name, tag)
        assert "url(" not in source and "@import" not in source
        for href in page.hrefs():
            assert href.startswith(ALLOWED_LINKS), (file.name, href)
        html_tag = next(a for t, a in page.tags if t == "html")
        assert html_tag["lang"] == "lv"
        assert [h for h in page.headings if h[0] == "h1"], file.name
        assert any(t == "meta" and a.get("name") == "viewport" for t, a in page.tags)


def test_a_delegate_leaving_early_sees_only_her_days_flight_and_room(
    demo_db, tmp_path: Path
) -> None:
    folder = build_phone(demo_db, KS, tmp_path / "p", lang="lv", person="Agnese Rozīte")
    (file,) = folder.iterdir()
    page = read(file)
    words = page.words
    assert "Agnese Rozīte" in words
    assert "Jūs piedalāties no 7. līdz 9. martam." in words
    assert "Oslo rātsnams" in words  # her own track …
    assert "Mentoru apmācība" not in words  # … not the mentors' training at the same time
    assert "Noslēguma vakariņas" not in words
    assert "18:30" in words and "13:40" not in words  # her own flight home on the 9th
    assert "617" in words and "611" not in words  # her room
    days = [
        text
        for tag, text in page.headings
        if tag == "h2" and re.match(r"\w+diena, \d+\. marts", text)
    ]
    assert days == ["Otrdiena, 7. marts", "Trešdiena, 8. marts", "Ceturtdiena, 9. marts"]
    assert "Laiki norādīti vietējā laikā (Europe/Oslo)." in words
    # the hotel's dates inside a sentence: no heading's capital, the Latvian cases
    assert re.search(
        r"Reģistrēšanās \w+dien, \d+\. martā, izrakstīšanās \w+dien, \d+\. martā", words
    )


def test_hotel_dates_in_bokmal_are_written_inside_the_sentence(demo_db, tmp_path: Path) -> None:
    folder = build_phone(demo_db, KS, tmp_path / "p", lang="nb", person="Agnese Rozīte")
    words = read(next(folder.iterdir())).words
    found = re.search(r"Innsjekking (\w+) \d+\. mars, utsjekking (\w+) \d+\. mars", words)
    assert found, words
    assert found.group(1).islower() and found.group(2).islower()  # "tirsdag", not "Tirsdag"


def test_english_page_and_a_flight_across_zones_in_each_zone(demo_db, tmp_path: Path) -> None:
    folder = build_phone(demo_db, BERGEN, tmp_path / "p", lang="en", person="Gints Kalniņš")
    page = read(next(folder.iterdir()))
    words = page.words
    assert "Personal itinerary" in words and "Wednesday 2 April" in words
    assert "Departs 09:05 (Europe/Riga), arrives 10:35 (Europe/Oslo), local times." in words
    assert "Show to the driver" in words and "Radisson Blu Royal Hotel" in words
    # the phone numbers can be tapped: digits and a plus only
    tels = [h for h in page.hrefs() if h.startswith("tel:")]
    assert tels and all(re.fullmatch(r"tel:\+?\d{3,}", t) for t in tels)
    assert "tel:+4755239140" in tels


def test_hostile_text_stays_text_and_the_booking_code_is_the_travellers_own(
    db, tmp_path: Path
) -> None:
    doc = hostile_visit()
    doc["travel"][0]["booking_ref"] = "ZX9Q7A"
    doc["travel"][0]["passengers"] = ["p-ozola"]
    code = import_doc(db, doc)
    folder = build_phone(db, code, tmp_path / "p", lang="lv")
    pages = {f.name: f.read_text(encoding="utf-8") for f in folder.iterdir()}
    assert len(pages) == 2  # the declined delegate gets no page
    ozola = next(v for k, v in pages.items() if k.startswith("Ozola"))
    berzins = next(v for k, v in pages.items() if k.startswith("Bērziņš"))
    assert "ZX9Q7A" in ozola and "ZX9Q7A" not in berzins
    for source in pages.values():
        page = Page(source)
        assert not [t for t, _a in page.tags if t in ("b", "font", "img", "i")]
        assert "<b>Rīga & ‹Jūrmala></b>" in page.words
        assert "LV9988776" not in source and "PA1122334" not in source  # ID documents never
    ozola_page = Page(ozola)
    assert "tel:+4777000000" in ozola_page.hrefs()  # the host's contact
    assert "tel:+4722542280" in ozola_page.hrefs()  # the embassy
    assert "13:00–15:00" in ozola_page.words  # Tromsø time, as the programme says


def test_command_line_writes_one_page_per_person_into_the_folder(
    cli, demo_template: Path, tmp_path: Path
) -> None:
    demo_path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, demo_path)
    out = tmp_path / "tel"
    run = cli("--db", demo_path, "export", "phone", KS, "--out", out, "--lang", "en")
    assert run.code == 0, run.err
    assert len(list(out.glob("*.html"))) == len(list(out.iterdir())) >= 5
    one = cli(
        "--db",
        demo_path,
        "export",
        "phone",
        KS,
        "--out",
        tmp_path / "one",
        "--person",
        "Agnese Rozīte",
    )
    assert one.code == 0, one.err
    assert [f.name for f in (tmp_path / "one").iterdir()] == [
        "Rozīte_Agnese_" + f.name.split("_")[-1] for f in (tmp_path / "one").iterdir()
    ]
