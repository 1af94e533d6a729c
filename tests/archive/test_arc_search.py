"""Archive search as a coordinator uses it: Latvian words in any case form, with or without
diacritics, phrases in quotes, the right visit first, filters that narrow."""

from __future__ import annotations

import pytest

from app.domain.validation import Invalid
from app.services.archive import MARK_CLOSE, MARK_OPEN, Filters, facets, search


def codes(hits):
    return [h.code for h in hits]


def marked_words(hit):
    return [part.split(MARK_CLOSE)[0] for part in hit.snippet.split(MARK_OPEN)[1:]]


def test_nominative_finds_other_case_forms(demo_db):
    hits = search(demo_db, "tarifs")  # the lesson says "vienotu tarifu"
    assert hits and set(codes(hits)) == {"DEMO-BERGEN-2014"}
    lesson = next(h for h in hits if h.where == "lesson")
    assert "tarifu" in marked_words(lesson)


def test_missing_diacritics_and_another_case_still_match(demo_db):
    hits = search(demo_db, "Trondelaga")
    assert codes(hits)[0] == "DEMO-TRONDELAG-2015"
    assert {"DEMO-TRONDELAG-2015"} == set(codes(hits))
    words = {w for h in hits for w in marked_words(h)}
    assert {"Trondelāgu", "Trondelāgas"} <= words


def test_dative_plural_finds_genitive(demo_db):
    found = {w.casefold() for h in search(demo_db, "pašvaldībām") for w in marked_words(h)}
    assert {"pašvaldību", "pašvaldības"} <= found


def test_quoted_words_are_a_phrase_in_that_order(demo_db):
    hits = search(demo_db, '"vienotu tarifu"')
    assert [(h.code, h.where) for h in hits] == [("DEMO-BERGEN-2014", "lesson")]
    assert marked_words(hits[0]) == ["vienotu tarifu"]
    assert search(demo_db, '"tarifu vienotu"') == []


def test_short_words_match_whole_words_only(demo_db):
    hits = search(demo_db, "BIR")
    assert hits and set(codes(hits)) == {"DEMO-BERGEN-2014"}
    assert all(w.casefold() == "bir" for h in hits for w in marked_words(h))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("atkritumu uzņēmums", "DEMO-BERGEN-2014"),
        ("waste company", "DEMO-BERGEN-2014"),
        ("publiskās konsultācijas", "DEMO-POZNAN-2013"),
        ("metropole sabiedriskais transports", "DEMO-POLAND-2023"),
        ("darba devēju padomes", "DEMO-TRONDELAG-2015"),
        ("izlīdzināšana", "DEMO-KS-NORWAY-2023"),
        ("Brocēni", "DEMO-SEMINARS-2015"),
    ],
)
def test_the_right_visit_comes_first(demo_db, query, expected):
    hits = search(demo_db, query)
    assert hits, query
    assert hits[0].code == expected


def test_words_spread_over_a_visits_texts_still_find_it(demo_db):
    # "Trondheim" is the destination city; "vakuuma" only in a Bergen programme item:
    # no single text has both, so nothing should come; but Bergen + vakuuma do meet.
    assert search(demo_db, "Trondheim vakuuma") == []
    hits = search(demo_db, "Bergen vakuuma")
    assert hits and set(codes(hits)) == {"DEMO-BERGEN-2014"}


def test_programme_hits_name_their_item(demo_db):
    hits = search(demo_db, "vakuuma")
    item = next(h for h in hits if h.where == "programme")
    assert item.item_id is not None
    assert item.item.startswith("BIR:")


def test_filters_narrow_by_country_year_topic_and_institution(demo_db):
    everywhere = set(codes(search(demo_db, "sadarbība")))
    assert {"DEMO-BERGEN-2014", "DEMO-POLAND-2023", "DEMO-SEMINARS-2015"} <= everywhere
    assert (
        set(codes(search(demo_db, "sadarbība", Filters(country="pl"))))
        == {"DEMO-POLAND-2023", "DEMO-POZNAN-2013"} & everywhere
    )
    assert set(codes(search(demo_db, "sadarbība", Filters(year=2015)))) == {
        "DEMO-SEMINARS-2015",
        "DEMO-TRONDELAG-2015",
    }
    # Topics match whatever the case and diacritics typed.
    assert set(codes(search(demo_db, "sadarbība", Filters(topic="KLASTERI")))) == {
        "DEMO-BERGEN-2014"
    }
    assert set(codes(search(demo_db, "sadarbība", Filters(institution="BIR")))) == {
        "DEMO-BERGEN-2014"
    }
    assert search(demo_db, "sadarbība", Filters(institution="Nav tādas iestādes")) == []


def test_filters_alone_list_the_visits_newest_first(demo_db):
    assert codes(search(demo_db, "", Filters(country="NO"))) == [
        "DEMO-KS-NORWAY-2023",
        "DEMO-TRONDELAG-2015",
        "DEMO-BERGEN-2014",
    ]


def test_facets_offer_what_the_visits_have(demo_db):
    f = facets(demo_db)
    assert f.countries == ["LV", "NO", "PL"]
    assert f.years == [2023, 2015, 2014, 2013]
    assert "klasteri" in f.topics and "tarifi" in f.topics  # a lesson's topic too
    assert any(name.startswith("BIR") for _id, name in f.institutions)


@pytest.mark.parametrize(
    "query",
    [
        "NEAR(a b)",
        "tarif* OR -x",
        '"x',
        "a:b AND (",
        "col:x",
        "^start",
        "'; DROP TABLE visit; --",
        "tarifs*",
    ],
)
def test_search_syntax_in_the_query_is_just_text(demo_db, query):
    search(demo_db, query)  # no error from FTS5 for any of these


def test_a_query_without_words_is_refused(demo_db):
    with pytest.raises(Invalid, match="word"):
        search(demo_db, " ?! ")


def test_snippet_html_escapes_user_text(demo_db):
    from app.services import programme
    from app.services.archive import search as find

    item = next(h for h in find(demo_db, "vakuuma") if h.where == "programme")
    current = programme.get_programme_item(demo_db, item.item_id)
    programme.update_programme_item(
        demo_db, item.item_id, current.version, outcome="<img src=x> & zīmolsBIR «Skaidrs»"
    )
    hit = next(h for h in find(demo_db, "zīmolsBIR") if h.where == "programme")
    assert "&lt;img src=x&gt; &amp; <b>zīmolsBIR</b>" in hit.html()
    assert "<img src=x> & [zīmolsBIR]" in hit.marked("[", "]")


def test_hits_grouped_by_visit_keep_the_best_visit_first(demo_db):
    from app.services.archive import by_visit

    hits = search(demo_db, "sadarbība")
    groups = by_visit(hits)
    assert [first.code for first, _all in groups] == list(dict.fromkeys(codes(hits)))
    assert sum(len(found) for _first, found in groups) == len(hits)
    assert all({h.code for h in found} == {first.code} for first, found in groups)


def test_filters_give_the_same_hits_by_visit_tokens_or_by_visit_lookup(demo_db, monkeypatch):
    import app.services.archive as archive

    cases = [
        ("sadarbība", Filters(country="PL")),
        ("sadarbība", Filters(topic="klasteri")),
        ("pašvaldību", Filters(year=2015)),
        ("KS", Filters(institution="BIR")),
    ]
    by_tokens = [
        [(h.code, h.where, h.item_id, h.snippet) for h in search(demo_db, q, f)] for q, f in cases
    ]
    monkeypatch.setattr(archive, "FEW_VISITS", 0)  # every match's visit looked up instead
    by_lookup = [
        [(h.code, h.where, h.item_id, h.snippet) for h in search(demo_db, q, f)] for q, f in cases
    ]
    # The same hits; their order may differ a little (the tokens take part in BM25).
    assert [set(x) for x in by_tokens] == [set(x) for x in by_lookup] and all(by_tokens[:3])
    assert not any("zzv" in h[3] for found in by_tokens for h in found)
