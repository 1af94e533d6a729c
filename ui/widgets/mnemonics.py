"""Alt+letter keys: no letter twice in one form, in whichever language the window speaks.

Each label, button and group box names its letter with "&" in its (translated) text. Two
texts of one form naming the same letter make Alt+letter cycle between them instead of
acting, and the Latvian and English wordings clash in different places ("&Statuss" and
"&Sākas"). So, once a form is built, ``assign`` keeps the first text's letter and gives
each later clashing text another letter of its own words (a word's first letter first),
as KDE's accelerator manager does; a text with no free letter loses its "&".
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget

_MARK = re.compile(r"&([^&\s])")


def letter(text: str) -> str | None:
    """The Alt+letter a text names (lower case), or None."""
    found = _MARK.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _texts(root: QWidget) -> list[tuple[QWidget, str]]:
    out: list[tuple[QWidget, str]] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        if text and letter(text) is not None:
            out.append((widget, text))
    return out


def texts(root: QWidget) -> list[str]:
    """The texts with an Alt+letter in ``root`` (shown or to be shown with it)."""
    return [text for _widget, text in _texts(root)]


def _set(widget: QWidget, text: str) -> None:
    if isinstance(widget, QGroupBox):
        widget.setTitle(text)
    else:
        widget.setText(text)  # type: ignore[attr-defined]


def _candidates(plain: str) -> list[int]:
    """Positions in ``plain`` worth a mnemonic: each word's first letter, then the rest."""
    starts = [m.start() for m in re.finditer(r"\b\w", plain) if plain[m.start()].isalnum()]
    rest = [i for i, ch in enumerate(plain) if ch.isalnum() and i not in starts]
    return starts + rest


def assign(root: QWidget) -> None:
    """Give every text of ``root`` a letter no other text of it has."""
    used: set[str] = set()
    clashing: list[tuple[QWidget, str]] = []
    for widget, text in _texts(root):
        mark = letter(text)
        if mark in used:
            clashing.append((widget, text))
        elif mark is not None:
            used.add(mark)
    for widget, text in clashing:
        plain = _MARK.sub(r"\1", text.replace("&&", "\0")).replace("\0", "&&")
        for position in _candidates(plain):
            choice = plain[position].lower()
            if choice not in used:
                used.add(choice)
                _set(widget, plain[:position] + "&" + plain[position:])
                break
        else:
            _set(widget, plain)


class _OnFirstShow(QObject):
    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            assign(watched)
            self.deleteLater()
        return False


def keep_unique(form: QWidget) -> None:
    """Assign the letters of ``form`` when it is first shown (once it is fully built)."""
    form.installEventFilter(_OnFirstShow(form))
