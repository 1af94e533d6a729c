"""Property: export → import → export is byte-identical, and hostile text survives exactly."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from visit_sample import dump, sample

from app.interchange.visit_file import export_visit, import_visit
from db.engine import Database

HOSTILE = [
    "<b>",
    "&amp;",
    "&",
    "<font size=40>",
    "\n",
    "\t",
    "😀",
    "👩🏽‍💼",
    "שלום",
    "مرحبا",
    "\u202e",
    "ā č ē ģ ī ķ ļ ņ š ū ž",
    "Ø Å æ",
    "'",
    '"',
    "\\",
    "{}",
    "%s",
    "\u2028",
]

chars = st.characters(blacklist_categories=("Cc", "Cs"))
fragment = st.one_of(st.text(chars, min_size=1, max_size=12), st.sampled_from(HOSTILE))
one_line = (
    st.lists(fragment, min_size=1, max_size=8)
    .map("".join)
    .map(lambda s: s[:300])
    .filter(lambda s: s.strip() != "")
)
long_text = st.one_of(one_line, st.builds(lambda w, t: w + " " + t, st.just("ž" * 1000), one_line))


_codes = itertools.count()


@pytest.fixture(scope="module")
def two_databases(template_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """Two databases for the whole module (each example imports under a new code), so the
    engines' statement caches stay warm."""
    folder = tmp_path_factory.mktemp("roundtrip")
    dbs = []
    for name in ("a.db", "b.db"):
        shutil.copyfile(template_db, folder / name)
        dbs.append(Database(f"sqlite:///{folder / name}"))
    yield dbs
    for database in dbs:
        database.dispose()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=one_line,
    purpose=long_text,
    org=one_line,
    given_name=one_line,
    item_title=one_line,
    description=long_text,
    venue=one_line,
    lesson=long_text,
    track=st.one_of(st.none(), one_line),
)
def test_round_trip_with_hostile_text(
    two_databases, title, purpose, org, given_name, item_title, description, venue, lesson, track
):
    doc = sample()
    doc["visit"]["title"] = title
    doc["visit"]["purpose"] = purpose
    doc["organisations"][1]["name"] = org
    doc["people"][0]["given_name"] = given_name
    doc["programme"][0].update(title=item_title, description=description, venue=venue, track=track)
    doc["report"]["lessons"][0]["text"] = lesson
    code = f"T-{next(_codes)}"
    doc["visit"]["code"] = code
    # The databases live for the module: keep earlier examples' directory rows from matching.
    doc["people"][0]["email"] = f"ilze.{code}@example.lv"
    doc["organisations"][1]["name_original"] = f"BIR {code}"
    first_db, second_db = two_databases
    import_visit(first_db, dump(doc))
    first = export_visit(first_db, code)
    import_visit(second_db, first)
    assert export_visit(second_db, code) == first
    out = json.loads(first)
    assert out["visit"]["title"] == title
    assert out["visit"]["purpose"] == purpose
    item = next(i for i in out["programme"] if i["title"] == item_title)
    assert item["description"] == description and item["venue"] == venue
    assert item.get("track") == track
    assert any(p["given_name"] == given_name for p in out["people"])
    assert out["report"]["lessons"][0]["text"] == lesson
