"""Arabic and Hebrew text in the order and shapes a PDF page must draw them.

ReportLab draws a string's characters left to right, one glyph each: an Arabic name came
out with its letters reversed and unjoined (each in its isolated form), Hebrew reversed.
Word, LibreOffice, calendar clients and the window shape and order text themselves, so
only the PDF builders need this. ``arabic-reshaper`` picks each Arabic letter's joined form
(initial, medial, final: the presentation forms DejaVu Sans draws) and ``python-bidi``
(the Unicode Bidirectional Algorithm, UAX #9) puts each line into visual order; both are
small, well-kept libraries, and no shaping engine is needed for these scripts. ReportLab's
own shaping needs ``rlbidi``, which is not published for this platform.

Each line is laid out left to right as the documents are (``base_dir="L"``): a line
beginning with an Arabic name is not turned into a right-to-left line, which put its
Latvian words first and moved a bracket or ``<`` to the other end.

A line is reordered as a whole before the paragraph wraps it, so a right-to-left text
longer than its column wraps with its first words on the lower line; names, titles and
places (what delegations bring in these scripts) fit a line.
"""

from __future__ import annotations

import unicodedata

import arabic_reshaper
from bidi import get_display

_RIGHT_TO_LEFT = frozenset({"R", "AL"})
_reshaper = arabic_reshaper.ArabicReshaper({"delete_harakat": False})


def _has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in text)


def visual_order(text: str) -> str:
    """``text`` with each line holding Arabic or Hebrew letters joined and in visual
    order; any other text is returned unchanged (at once for plain ASCII)."""
    if text.isascii() or not _has_right_to_left(text):
        return text
    return "\n".join(
        get_display(_reshaper.reshape(line), base_dir="L") if _has_right_to_left(line) else line
        for line in text.split("\n")
    )
