"""What the user typed into the archive's search box, as an FTS5 query that fits Latvian.

SQLite's tokenizer folds case and diacritics but has no stemming, and Latvian inflects
nearly every word: a coordinator who types "tarifs" wants the lesson that says "vienotu
tarifu". So each word loses its inflectional ending (longest first, keeping a stem of at
least four letters) and becomes a prefix query: ``tarifs`` → ``tarif*`` finds tarifu,
tarifi, tarifiem. Words in double quotes stay a phrase of whole words ("vienotu tarifu").
Short words (KS, BIR, ES) and numbers must match whole, or ``ks*`` would find every word
starting with those letters. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Inflectional endings of Latvian nouns and adjectives (and English plurals), written
# without diacritics because words are folded first. Longest first: "iem" before "em".
ENDINGS: tuple[str, ...] = tuple(sorted(
    {"ajiem", "ajam", "ajai", "ajos", "ajas", "iem", "ais", "aja", "aji", "ies",
     "am", "em", "im", "um", "os", "as", "es", "is", "us", "ai", "ei",
     "s", "a", "e", "i", "u", "o", "y"},
    key=lambda e: (-len(e), e),
))
MIN_STEM = 4
MIN_PREFIX_WORD = 4  # shorter words (KS, BIR, LPS) match as whole words

_WORD = re.compile(r"[^\W_]+")  # letters and digits: what the FTS5 tokenizer keeps


def fold(text: str) -> str:
    """Lower case without diacritics: "Trondelāgā" → "trondelaga", "Ķekava" → "kekava"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """The folded word without its ending, if a stem of ``MIN_STEM`` letters remains."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


@dataclass(frozen=True)
class Term:
    """One thing every hit must contain: a word (as a stem or whole) or a quoted phrase."""

    words: tuple[str, ...]
    phrase: bool = False

    @property
    def prefix(self) -> bool:
        if self.phrase or len(self.words) != 1:
            return False
        word = self.words[0]
        return not word.isdigit() and len(word) >= MIN_PREFIX_WORD

    def fts(self) -> str:
        """This term in FTS5 syntax; every token is quoted, so no user text is an operator."""
        if self.prefix:
            return f'"{stem(self.words[0])}"*'
        return '"' + " ".join(self.words) + '"'


def parse(query: str) -> list[Term]:
    """The terms of a query: quoted phrases and single words, in the order typed."""
    terms: list[Term] = []
    parts = query.split('"')
    for index, part in enumerate(parts):
        words = [w for raw in _WORD.findall(part) for w in _WORD.findall(fold(raw))]
        if not words:
            continue
        if index % 2 == 1:  # inside quotes (an unclosed quote runs to the end)
            terms.append(Term(tuple(words), phrase=True))
        else:
            terms.extend(Term((w,)) for w in words)
    return terms


def all_of(terms: list[Term]) -> str:
    """FTS5: rows containing every term."""
    return " AND ".join(t.fts() for t in terms)


def any_of(terms: list[Term]) -> str:
    """FTS5: rows containing at least one term (ranked by how many and how well)."""
    return " OR ".join(t.fts() for t in terms)


def matches(term: Term, folded_text: str) -> bool:
    """The same rule in Python (the PostgreSQL path): does folded text contain the term?"""
    words = _WORD.findall(folded_text)
    if term.prefix:
        start = stem(term.words[0])
        return any(w.startswith(start) for w in words)
    n = len(term.words)
    return any(tuple(words[i:i + n]) == term.words for i in range(len(words) - n + 1))
