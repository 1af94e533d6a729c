"""Finding organisations and people by any of their names, and telling look-alikes."""

from __future__ import annotations

import pytest

from app.domain.name_search import (
    abbreviations,
    looks_like,
    matches,
    organisation_haystack,
    person_haystack,
)

NTNU = organisation_haystack(
    "Norvēģijas Zinātnes un tehnoloģiju universitāte (NTNU)",
    "Norges teknisk-naturvitenskapelige universitet",
    "Norwegian University of Science and Technology",
    "Trondheim",
)


@pytest.mark.parametrize(
    "typed",
    [
        "ntnu",
        "NTNU",
        "norvegijas",
        "zinatnes universitate",
        "teknisk",
        "Norwegian University",
        "science technology",
        "trondheim",
        "  Ntnu  ",
        "univ trond",
    ],
)
def test_an_organisation_is_found_by_each_of_its_names(typed):
    assert matches(typed, NTNU)


@pytest.mark.parametrize("typed", ["uib", "bergen universitet", "nsu"])
def test_what_does_not_belong_is_not_found(typed):
    assert not matches(typed, NTNU)


def test_abbreviations_from_the_initials_with_and_without_joining_words():
    assert "ntnu" in abbreviations("Norges teknisk-naturvitenskapelige universitet")
    assert {"uib", "ub"} <= abbreviations("Universitetet i Bergen")
    assert "vpr" in abbreviations("Vidzemes plānošanas reģions")
    assert abbreviations("Trøndelag") == set()
    assert abbreviations("<b>&amp;</b> (") == {"bab"}  # hostile text: letters only, no error


def test_a_person_by_full_name_either_way_round_without_accents():
    hay = person_haystack("Jānis", "Bērziņš", "janis.berzins@vidzeme.lv")
    for typed in ("berzins janis", "Jānis Bērziņš", "JANIS", "berz", "vidzeme.lv"):
        assert matches(typed, hay), typed
    assert not matches("anna", hay)


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (("NTNU",), ("Norges teknisk-naturvitenskapelige universitet",)),
        (
            ("Norvegijas zinatnes un tehnologiju universitate",),
            ("Norvēģijas Zinātnes un tehnoloģiju universitāte (NTNU)",),
        ),
        (("Trondheim kommune",), ("Trondheims kommune",)),
        (("Vidzemes plānošanas reģions",), ("VIDZEMES PLĀNOŠANAS REĢIONS",)),
        (("Trøndelag fylkeskommune",), ("Trøndelag fylkeskommune, Steinkjer",)),
        (("Jānis Bērziņš",), ("Janis Berzins",)),
    ],
)
def test_look_alikes(new, old):
    assert looks_like(new, old)


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (("Bergen kommune",), ("Oslo kommune",)),
        (("Jānis Bērziņš",), ("Jānis Kalniņš",)),
        (("Anna Čakste",), ("Ilze Ozola",)),
        (("NSU",), ("Norges teknisk-naturvitenskapelige universitet",)),
        (("",), ("Rīga",)),
    ],
)
def test_different_entries_are_not_look_alikes(new, old):
    assert not looks_like(new, old)
