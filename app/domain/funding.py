"""Whether a funding source is a grant or the organisation's own money, from its words.

A visit file written before its optional ``grant`` field, and databases from before the
grant marker, have no marker; both get it from this one rule, which the
schema migration 0004 copies (``db/`` does not import ``app/``). A source is a grant unless
its key or name says it is own or public-budget money: "own funds", "LPS pašu līdzekļi",
"Valsts budžeta līdzfinansējums", "pašvaldības budžets". The user can change the marker.
Pure functions, no I/O.
"""

from __future__ import annotations

import re

from app.domain.text import fold

# Folded (lower case, no diacritics) word starts that say "not a grant".
OWN_FUNDS_WORDS: tuple[str, ...] = (
    "own",
    "self",
    "pasu",
    "pasa",
    "pasvaldib",
    "budzet",
    "budget",
    "lidzfinans",
    "co-financ",
    "cofinanc",
    "co-fund",
    "cofund",
    "egen",
    "wlasn",
)
_WORD = re.compile(r"[\w-]+")


def says_own_funds(text: str | None) -> bool:
    """True when a word of ``text`` starts like one of ``OWN_FUNDS_WORDS``."""
    if not text:
        return False
    return any(word.startswith(OWN_FUNDS_WORDS) for word in _WORD.findall(fold(text)))


def is_grant_source(key: str | None, name: str | None) -> bool:
    """A grant unless the key or the name says own funds (see the module's docstring)."""
    return not (says_own_funds(key) or says_own_funds(name))
