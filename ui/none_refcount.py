"""Keep ``None`` and ``True`` alive under PySide6 6.12 on Python 3.11 (docs/pitfalls.md).

Measured here: every call of a Qt method that returns nothing (``QLabel.setText``,
``QTableWidget.setItem``, ``QTableWidgetItem.setFlags``, ``QListWidget.addItems`` …) takes
one reference from ``None`` without having given one, and every ``Signal.emit`` takes one
from ``True`` (what it returns). They start with a few thousand references, so a plain
script aborts after about 5 300 ``setText`` calls ("Fatal Python error: none_dealloc") or
about 1 000 emitted signals ("bool_dealloc"); a participant list of 10 000 lines aborted the
import dialog while it filled its preview, and a long session of the window would abort at
some later moment.

Python 3.12 made these objects immortal (PEP 683), which hides the defect there. On an
older Python, when a short probe finds the leak, their counts are raised by 2**40 once:
more than any session can take away, and they are never freed anyway.
"""

from __future__ import annotations

import sys

_PROBE_CALLS = 64


def leaks_none() -> bool:
    """Whether a Qt method returning nothing takes a reference from ``None`` here."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    return sys.getrefcount(None) - before <= -_PROBE_CALLS // 2


def leaks_true() -> bool:
    """Whether emitting a Qt signal takes a reference from ``True`` here."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        said = Signal(str)

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.said.emit("probe")
    return sys.getrefcount(True) - before <= -_PROBE_CALLS // 2


def keep_none_alive() -> bool:
    """Raise the reference counts of ``None``, ``True`` and ``False`` out of reach when a
    leak is found; whether one was. A no-op on Python 3.12+, where they are immortal."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not (leaks_none() or leaks_true()):
        return False
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40  # ob_refcnt first
    return True
