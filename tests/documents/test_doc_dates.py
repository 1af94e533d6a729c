"""Every document says when it was prepared, and its PDF creation date is the real one;
both are fixed only by SOURCE_DATE_EPOCH, for reproducible output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from app.documents.lists import build_rooming
from app.documents.programme import build_programme
from tests.documents.conftest import pdf_pages, squash

BERGEN = "DEMO-BERGEN-2014"


def test_a_document_carries_the_day_and_time_it_was_made(
    demo_db, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    out = build_programme(demo_db, BERGEN, tmp_path / "p.pdf", lang="lv")
    after = dt.datetime.now(dt.UTC)
    made = PdfReader(str(out)).metadata.creation_date
    assert made is not None and before - dt.timedelta(seconds=1) <= made <= after
    today = dt.date.today().strftime("%d.%m.%Y")
    pages = [squash(p) for p in pdf_pages(out)]
    assert all(f"Sagatavots {today} · " in p for p in pages)


def test_source_date_epoch_makes_the_bytes_reproducible(
    demo_db, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023, 22:13 UTC
    first = build_rooming(demo_db, BERGEN, tmp_path / "a.pdf", lang="en").read_bytes()
    second = build_rooming(demo_db, BERGEN, tmp_path / "b.pdf", lang="en").read_bytes()
    assert first == second
    reader = PdfReader(str(tmp_path / "a.pdf"))
    assert reader.metadata.creation_date == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    assert "Prepared 14 Nov 2023 · Page 1 of" in squash(reader.pages[0].extract_text())


def test_norwegian_footer_is_norwegian(demo_db, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = build_programme(demo_db, BERGEN, tmp_path / "nb.pdf", lang="nb")
    assert "Utarbeidet 14.11.2023 · Side 1 av" in squash(pdf_pages(out)[0])
