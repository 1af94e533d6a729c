"""Personal itineraries: each person sees only their own part of the visit."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.documents.itinerary import build_itineraries
from app.services.base import NotFound
from tests.documents.conftest import pdf_pages, pdf_text, squash

KS = "DEMO-KS-NORWAY-2023"


def test_someone_leaving_early_sees_only_their_own_days_flights_and_room(
    demo_db, tmp_path: Path
) -> None:
    out = build_itineraries(demo_db, KS, tmp_path / "r.pdf", lang="lv", person="Agnese Rozīte")
    text = squash(pdf_text(out))
    assert "Agnese Rozīte" in text
    assert "Jūs piedalāties no 7. līdz 9. martam." in text
    # her own track, not the mentors' training at the same time
    assert "Oslo rātsnams" in text
    assert "Mentoru apmācība" not in text
    # not the closing dinner she is not listed for, nothing of the last day
    assert "Noslēguma vakariņas" not in text
    assert "Piektdiena, 10. marts" not in text
    # her own way home on the 9th, not the group's flight on the 10th
    assert "18:30" in text
    assert "13:40" not in text
    # her room, in the hotel she stays in
    assert "617" in text and "611" not in text


def test_a_shared_room_names_the_roommate(demo_db, tmp_path: Path) -> None:
    out = build_itineraries(demo_db, KS, tmp_path / "l.pdf", lang="en", person="kristīne liepa")
    text = squash(pdf_text(out))
    assert "612 (twin, with Dace Ziediņa)" in text
    assert "You take part from 7 to 10 March." in text
    assert "Mentoru" not in text


def test_booklet_has_a_new_page_per_person_and_only_people_taking_part(
    demo_db, tmp_path: Path
) -> None:
    out = build_itineraries(demo_db, KS, tmp_path / "all.pdf", lang="en")
    pages = pdf_pages(out)
    firsts = [squash(page) for page in pages if page.lstrip().startswith("Personal itinerary")]
    assert len(firsts) == 11  # twelve people, one cancelled
    assert not any("Gatis Lapsa" in page for page in pages)
    assert (
        sum(
            "Agnese Rozīte" in page.split("\n")[1]
            for page in pages
            if page.startswith("Personal itinerary")
        )
        == 1
    )


def test_split_writes_one_file_per_person(demo_db, tmp_path: Path) -> None:
    folder = build_itineraries(demo_db, KS, tmp_path / "each", lang="nb", split=True)
    files = sorted(folder.iterdir())
    assert len(files) == 11
    rozite = next(f for f in files if f.name.startswith("Rozīte"))
    text = squash(pdf_text(rozite))
    assert "Personlig reiseplan" in text and "Du deltar fra 7. til 9. mars." in text


def test_an_unknown_or_declined_person_is_refused(demo_db, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="Gatis Lapsa"):
        build_itineraries(demo_db, KS, tmp_path / "x.pdf", person="Gatis Lapsa")
    assert not (tmp_path / "x.pdf").exists()


def test_progress_counts_people_and_cancel_stops(demo_db, tmp_path: Path) -> None:
    from app.documents.common import Cancelled

    seen: list[tuple[int, int]] = []
    build_itineraries(demo_db, KS, tmp_path / "a.pdf", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (12, 12) and len(seen) >= 12
    calls = iter(range(100))
    with pytest.raises(Cancelled):
        build_itineraries(demo_db, KS, tmp_path / "b.pdf", cancel=lambda: next(calls) > 3)
    assert not (tmp_path / "b.pdf").exists()


def test_each_page_footer_names_the_person_it_belongs_to(demo_db, tmp_path: Path) -> None:
    out = build_itineraries(demo_db, KS, tmp_path / "all.pdf", lang="en")
    owner, runs = None, []
    for page in pdf_pages(out):
        lines = page.strip().splitlines()
        if lines[0] == "Personal itinerary":
            owner = lines[1]
            runs.append([])
        assert owner is not None and lines[-2].startswith(f"{owner} · "), lines[-2]
        runs[-1].append(lines[-1].split(" · ")[-1])  # after "Prepared …"
    # each person's pages are numbered on their own: the booklet is handed out cut up
    assert len(runs) == 11
    for run in runs:
        assert run == [f"Page {n} of {len(run)}" for n in range(1, len(run) + 1)]


@pytest.mark.parametrize(
    ("lang", "kind"), [("lv", "Personīgais maršruts"), ("nb", "Personlig reiseplan")]
)
def test_one_persons_itinerary_names_them_once_in_the_footer(
    demo_db, tmp_path: Path, lang: str, kind: str
) -> None:
    """The footer of a file for one person said "Gints Kalniņš · <visit> · Gints Kalniņš"."""
    out = build_itineraries(
        demo_db, "DEMO-BERGEN-2014", tmp_path / "g.pdf", lang=lang, person="Gints Kalniņš"
    )
    for page in pdf_pages(out):
        footer = page.strip().splitlines()[-2]
        assert footer.startswith("Gints Kalniņš · ") and footer.endswith(f" · {kind}"), footer
        assert footer.count("Gints Kalniņš") == 1, footer


def test_cancel_is_heard_while_the_pages_are_laid_out(demo_db, tmp_path: Path) -> None:
    from app.documents.common import Cancelled

    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 20  # after the 12 people, during the layout of the pages

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        build_itineraries(demo_db, KS, folder / "c.pdf", cancel=cancel)
    assert len(asked) == 21
    assert list(folder.iterdir()) == []


def test_booklet_of_everyone_starts_each_person_on_an_odd_page(
    demo_db, tmp_path: Path, cli
) -> None:
    """For double-sided printing cut up per person: a blank back page where one is needed."""

    def starts(path: Path) -> list[int]:
        return [
            number
            for number, page in enumerate(pdf_pages(path), start=1)
            if page.strip().startswith("Personal itinerary")
        ]

    out = build_itineraries(demo_db, KS, tmp_path / "all.pdf", lang="en")
    first = starts(out)
    assert len(first) == 11 and all(number % 2 == 1 for number in first)
    pages = pdf_pages(out)
    blank = [
        n
        for n in range(1, len(pages) + 1)
        if n + 1 in first
        and n % 2 == 0
        and not pages[n - 1].strip().splitlines()[0].startswith(("Personal", "Wed", "Thu", "Fri"))
    ]
    assert blank  # some people's parts are an odd number of pages long
    plain = build_itineraries(demo_db, KS, tmp_path / "plain.pdf", lang="en", odd_pages=False)
    assert len(pdf_pages(plain)) < len(pages)
    assert any(number % 2 == 0 for number in starts(plain))
    done = cli(
        "--db",
        tmp_path / "demo.db",
        "export",
        "delegates",
        KS,
        "--out",
        tmp_path / "cli.pdf",
        "--no-odd-pages",
        "--lang",
        "en",
    )  # as ``plain``
    assert done.code == 0, done.err
    assert len(pdf_pages(tmp_path / "cli.pdf")) == len(pdf_pages(plain))
