"""Timing a bench's child processes: each run's wall time, start to end, and the CPU time it
used (a shared machine's load stretches wall time, not the work done)."""

from __future__ import annotations

import resource
import subprocess
import time


def child_cpu() -> float:
    """CPU seconds (user and system) of every child process that has ended so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_runs(argv: list[str], env: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each of ``runs`` runs of ``argv`` (its output kept from the
    screen); a run that fails stops the bench with what it wrote to standard error."""
    walls, cpus = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), child_cpu()
        result = subprocess.run(argv, env=env, capture_output=True, text=True)
        walls.append(time.perf_counter() - started)
        cpus.append(child_cpu() - started_cpu)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(argv[1:])} failed: {result.stderr.strip()}")
    return walls, cpus
