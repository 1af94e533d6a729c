"""Which directory contact a written "contact gained" is about, if it is plainly one.

The visit file carries contacts gained as text ("Ingrid Haugland, Hordaland fylkeskommune –
klasteri"). On import a text is linked to a directory contact when it starts with that
contact's name (or is the name), compared without case and diacritics, and no other live
contact's name fits as well; a text that fits none or several stays unlinked, since a wrong
link is worse than none. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.text import fold as text_fold


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: ``Bjørg  Aune`` → ``bjørg aune``.

    (ø, æ and ł have no combining mark and stay as they are, on both sides alike.)
    """
    return text_fold(" ".join(text.split()))


def names_start(text: str, name: str) -> bool:
    """``text`` is ``name`` or starts with it followed by something that is not a letter."""
    folded, wanted = fold(text), fold(name)
    if not wanted or not folded.startswith(wanted):
        return False
    rest = folded[len(wanted) :]
    return not rest or not rest[0].isalnum()


def match_contact(text: str, contacts: Iterable[tuple[int, str]]) -> int | None:
    """The id of the one contact whose name starts ``text``; None for none or several."""
    found = {contact_id for contact_id, name in contacts if names_start(text, name)}
    return found.pop() if len(found) == 1 else None
