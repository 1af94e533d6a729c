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
from dataclasses import dataclass
from functools import cached_property, lru_cache

from app.domain.text import fold

# Inflectional endings of Latvian nouns and adjectives (and English plurals), written
# without diacritics because words are folded first. Longest first: "iem" before "em".
ENDINGS: tuple[str, ...] = tuple(
    sorted(
        {
            "ajiem",
            "ajam",
            "ajai",
            "ajos",
            "ajas",
            "iem",
            "ais",
            "aja",
            "aji",
            "ies",
            "am",
            "em",
            "im",
            "um",
            "os",
            "as",
            "es",
            "is",
            "us",
            "ai",
            "ei",
            "s",
            "a",
            "e",
            "i",
            "u",
            "o",
            "y",
        },
        key=lambda e: (-len(e), e),
    )
)
MIN_STEM = 4
MIN_PREFIX_WORD = 4  # shorter words (KS, BIR, LPS) match as whole words
# The index keeps prefix indexes of 5 to 8 letters (migration 0002): a longer stem is cut to
# 8 letters so that its query reads one prefix list instead of merging every word that
# starts with it — the difference between 15 ms and 60 ms for a common word in 10,000
# visits. Eight letters still tell Latvian words apart ("pasvaldi" is pašvaldība).
MAX_PREFIX = 8

_WORD = re.compile(r"[^\W_]+")  # letters and digits: what the FTS5 tokenizer keeps


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

    @cached_property
    def prefix(self) -> bool:
        if self.phrase or len(self.words) != 1:
            return False
        word = self.words[0]
        return not word.isdigit() and len(word) >= MIN_PREFIX_WORD

    @cached_property
    def start(self) -> str:
        """What a prefix term's words start with: the stem, at most ``MAX_PREFIX`` letters."""
        return stem(self.words[0])[:MAX_PREFIX]

    def fts(self) -> str:
        """This term in FTS5 syntax; every token is quoted, so no user text is an operator."""
        if self.prefix:
            return f'"{self.start}"*'
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
        start = term.start
        return any(w.startswith(start) for w in words)
    n = len(term.words)
    return any(tuple(words[i : i + n]) == term.words for i in range(len(words) - n + 1))


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return fold(word)


def _spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _fold_word(m.group())) for m in _WORD.finditer(text)]


def hit_words(terms: list[Term], words: list[str]) -> set[int]:
    """Indexes of the words (folded) that some term matches; a phrase marks all its words."""
    hits: set[int] = set()
    for term in terms:
        if term.prefix:
            start = term.start
            hits.update(i for i, w in enumerate(words) if w.startswith(start))
            continue
        n = len(term.words)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == term.words:
                hits.update(range(i, i + n))
    return hits


def snippet(
    texts: list[str],
    terms: list[Term],
    *,
    size: int = 18,
    open_: str = "[",
    close: str = "]",
    ellipsis: str = "…",
) -> str:
    """The best window of ``size`` words among ``texts``, matched words between the marks.

    Best: the window with the most matched words (the earliest of equals); a text that
    matches nothing gives its beginning. Runs of matched words share one pair of marks.
    """
    best: tuple[int, int, str, list[tuple[int, int, str]], set[int], int] | None = None
    for order, text in enumerate(texts):
        spans = _spans(text or "")
        if not spans:
            continue
        hits = hit_words(terms, [s[2] for s in spans])
        # Words matched up to each position, so a window's count is one subtraction.
        upto = [0]
        for i in range(len(spans)):
            upto.append(upto[-1] + (i in hits))
        for first in [0] if not hits else sorted(hits):
            start = max(0, min(first - 2, len(spans) - size))
            count = upto[min(len(spans), start + size)] - upto[start]
            key = (count, -order)
            if best is None or key > (best[0], -best[5]):
                best = (count, start, text, spans, hits, order)
    if best is None:
        return ""
    _count, start, text, spans, hits, _order = best
    end = min(len(spans), start + size)
    out = [ellipsis] if start > 0 else []
    pos = 0 if start == 0 else spans[start][0]
    i = start
    while i < end:
        s, e, _w = spans[i]
        out.append(text[pos:s])
        if i in hits:
            j = i
            while j + 1 < end and j + 1 in hits:
                j += 1
            out.append(open_ + text[s : spans[j][1]] + close)
            pos = spans[j][1]
            i = j + 1
        else:
            out.append(text[s:e])
            pos = e
            i += 1
    tail = text[pos:] if end == len(spans) else ""
    out.append(tail.rstrip() if end == len(spans) else ellipsis)
    return " ".join("".join(out).split())
