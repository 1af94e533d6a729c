"""A worker still running when the program ends is waited for: Qt aborts the program
when a running QThread is destroyed (the side panel asks again just after a host is
saved; a window closed at that moment ended with "Aborted" and a core dump)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = """
import time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.workers import JobWorker
done = []
worker = JobWorker(lambda progress, cancel: (time.sleep(0.3), done.append(1)), "waiting")
worker.start()
print("ended with a worker running", flush=True)
"""


def test_the_program_ends_cleanly_with_a_worker_running():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    ended = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env, timeout=60
    )
    assert ended.returncode == 0, ended.stderr[-500:]
    assert "ended with a worker running" in ended.stdout
    assert "Destroyed while thread" not in ended.stderr
