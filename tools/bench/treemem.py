"""The memory of a build's whole process tree at once, sampled from /proc while it runs.

wait4's peak RSS is that of the largest single process the build ran (Linux keeps the
maximum, not the sum): MkDocs and the Pagefind process it feeds run side by side, and
what the machine needs is their sum. A thread reads the RSS of the build's process and
of all its descendants every 0.1 s and keeps the largest sum, what made it up, and each
process's own peak (Pagefind runs once per language, one after the other).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

PROC = Path("/proc")
INTERVAL_S = 0.1


class TreeMemory:
    """Samples the RSS of process `pid` and its descendants until stop(); Linux only (else no figures)."""

    # Start sampling `pid` at once.
    def __init__(self, pid: int):
        self.pid = pid
        self.peak_bytes = 0
        self.at_peak: dict[str, int] = {}  # process name -> its RSS when the sum peaked
        self.processes: dict[int, tuple[str, int]] = {}  # pid -> (name, its own peak RSS), in order of first sight
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-memory", daemon=True)
        self.available = (PROC / str(pid) / "status").exists()
        if self.available:
            self._thread.start()

    # Stop sampling; the figures, or None where /proc cannot be read.
    def stop(self) -> dict[str, Any] | None:
        """Stop sampling and return the peak of the sum, its parts, and each process's peak."""
        self._stop.set()
        if not self.available:
            return None
        self._thread.join()
        return {
            "peak_bytes": self.peak_bytes,
            "at_peak_bytes": dict(sorted(self.at_peak.items(), key=lambda item: -item[1])),
            "processes": [{"pid": pid, "name": name, "peak_bytes": peak} for pid, (name, peak) in self.processes.items()],
        }

    # In the thread: one sample every INTERVAL_S until stopped or the process has gone.
    def _run(self) -> None:
        while not self._stop.wait(INTERVAL_S):
            if not self._sample():
                return

    # One sample of the tree; False once the root process has gone.
    def _sample(self) -> bool:
        tree = _descendants(self.pid)
        if not tree:
            return False
        total, parts = 0, {}
        for pid in tree:
            found = _rss(pid)
            if found is None:
                continue
            name, rss = found
            total += rss
            parts[name] = parts.get(name, 0) + rss
            seen = self.processes.get(pid, (name, 0))
            self.processes[pid] = (name, max(seen[1], rss))
        if total > self.peak_bytes:
            self.peak_bytes, self.at_peak = total, parts
        return True


# `pid` and every process under it (none if it has gone).
def _descendants(pid: int) -> list[int]:
    if not (PROC / str(pid)).exists():
        return []
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            children = (PROC / str(current) / "task" / str(current) / "children").read_text()
        except OSError:
            continue
        stack += [int(child) for child in children.split()]
    return found


# A process's name and resident memory in bytes, or None if it has gone.
def _rss(pid: int) -> tuple[str, int] | None:
    try:
        status = (PROC / str(pid) / "status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    if "VmRSS" not in fields:
        return None  # a zombie
    return fields["Name"].strip(), int(fields["VmRSS"].split()[0]) * 1024
