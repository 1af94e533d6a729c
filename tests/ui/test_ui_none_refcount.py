"""Many Qt calls in one session do not abort the program (ui/none_refcount.py).

Under PySide6 6.12 on Python 3.11 each Qt method returning nothing takes a reference from
``None``, each emitted signal one from ``True``; a few thousand calls aborted the
interpreter. Each case runs in its own process,
since the failure is an abort, not an exception.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CALLS = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
class Sender(QObject):
    said = Signal(int, int)
sender = Sender()
for done in range(20000):
    sender.said.emit(done, 20000)
app = QApplication([])
table = QTableWidget(3000, 10)
for row in range(3000):
    for column in range(10):
        table.setItem(row, column, QTableWidgetItem("Bērziņš"))
junk = [dict(a=None) for _ in range(100000)]
del junk
print("survived")
"""


def run(prelude: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", prelude + CALLS],
        cwd=ROOT,
        text=True,
        capture_output=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_signals_and_table_cells_by_the_ten_thousand_once_the_ui_package_is_loaded():
    done = run("import ui\n")
    assert done.returncode == 0 and "survived" in done.stdout, done.stderr[-500:]


def test_the_guard_is_needed_here_or_the_defect_is_gone():
    """Without ``import ui`` the same calls abort where the defect exists; where it does
    not (a fixed PySide6, Python 3.12+), the guard says it did nothing."""
    from ui.none_refcount import leaks_none, leaks_true

    bare = run("")
    if leaks_none() or leaks_true():
        assert bare.returncode != 0 and "_dealloc" in bare.stderr
    else:
        assert bare.returncode == 0
