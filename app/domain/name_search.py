"""Finding an organisation or a person by any name they go by, and telling when a new entry
looks like one already in the directory.

An organisation is known by its name as written, its own-language name, its English name
and its abbreviation ("NTNU" for "Norges teknisk-naturvitenskapelige universitet"); a person
by the full name in either order. Matching ignores case and diacritics (the folding of
``app.domain.text``), and every typed word must occur, in any order, so "berzins
janis" finds "Jānis Bērziņš". Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from app.domain.text import fold

SEPARATOR = "\x1f"  # between the names of one entry, so a typed word never spans two
_WORDS = re.compile(r"[^\W_]+")
_BRACKETED = re.compile(r"\(([^()]*)\)")
# short joining words an abbreviation leaves out ("Universitetet i Bergen" → UiB or UB)
_JOINERS = frozenset(
    {
        "un",
        "and",
        "of",
        "for",
        "the",
        "i",
        "og",
        "des",
        "de",
        "der",
        "und",
        "fur",
        "a",
        "w",
        "z",
        "ir",
        "ja",
        "en",
        "et",
        "la",
        "le",
    }
)
SIMILAR = 0.86  # SequenceMatcher ratio from which two folded names are "the same" to a reader


def words(text: str) -> list[str]:
    """The folded words (hyphens split words: "teknisk-naturvitenskapelige" is two)."""
    return _WORDS.findall(fold(text))


def abbreviations(name: str) -> set[str]:
    """What an organisation's name is likely abbreviated to: the initials of its words, with
    and without the joining words, and any abbreviation written in brackets in it."""
    found = {fold(part.strip()) for part in _BRACKETED.findall(name) if part.strip()}
    plain = _BRACKETED.sub(" ", name)
    all_words = words(plain)
    if len(all_words) >= 2:
        found.add("".join(w[0] for w in all_words))
        kept = [w for w in all_words if w not in _JOINERS]
        if len(kept) >= 2:
            found.add("".join(w[0] for w in kept))
    return {a for a in found if a}


def haystack(names: Iterable[str | None], *, abbreviate: bool = True) -> str:
    """The text a search looks in: every name folded, and their abbreviations."""
    parts: list[str] = []
    for name in names:
        if not name or not name.strip():
            continue
        parts.append(" ".join(fold(name).split()))
        if abbreviate:
            parts.extend(sorted(abbreviations(name)))
    return SEPARATOR.join(parts)


def organisation_haystack(
    name: str | None,
    name_original: str | None = None,
    name_en: str | None = None,
    city: str | None = None,
) -> str:
    return haystack([name, name_original, name_en]) + SEPARATOR + fold(city or "")


def person_haystack(given_name: str | None, family_name: str | None, *others: str | None) -> str:
    """A person by "given family" and "family given", and any other text (e-mail,
    organisation) the search should also find them by."""
    given, family = (given_name or "").strip(), (family_name or "").strip()
    names = [f"{given} {family}", f"{family} {given}", *others]
    return haystack(names, abbreviate=False)


def matches(needle: str, hay: str) -> bool:
    """Every typed word occurs in one of the names (case and diacritics ignored)."""
    return all(word in hay for word in fold(needle).split())  # no word holds SEPARATOR


def _plain(text: str) -> str:
    return " ".join(words(text))


def looks_like(new_names: Sequence[str | None], old_names: Sequence[str | None]) -> bool:
    """Whether a new entry could well be one already there: a name the same but for case,
    accents and punctuation, one name the abbreviation of the other, one name contained in
    the other (a whole word or more), or names spelled almost alike."""
    new = [n for n in new_names if n and n.strip()]
    old = [n for n in old_names if n and n.strip()]
    for a in new:
        plain_a, abbrev_a = _plain(a), abbreviations(a)
        for b in old:
            plain_b = _plain(b)
            if not plain_a or not plain_b:
                continue
            if plain_a == plain_b:
                return True
            if plain_a.replace(" ", "") in abbreviations(b) or plain_b.replace(" ", "") in abbrev_a:
                return True
            shorter, longer = sorted((plain_a, plain_b), key=len)
            if len(shorter) >= 4 and f" {shorter} " in f" {longer} ":
                return True
            alike = SequenceMatcher(None, plain_a, plain_b)
            if (
                alike.real_quick_ratio() >= SIMILAR
                and alike.quick_ratio() >= SIMILAR
                and alike.ratio() >= SIMILAR
            ):  # the cheap upper bounds first
                return True
    return False
