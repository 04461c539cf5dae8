"""The PDF step of `make publish` (tools/pdf.py), timed for `make bench`.

It renders every plan's PDF edition, in every language, from the benchmark's snapshot of
the project, in a fresh process as `make publish` runs it, and reports its wall time and
the PDFs' sizes.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


# Time the PDF step on `project` (a copy of the project: its .cache/pdf/ is written);
# put the result in report["pdf"] and a line in the report's notes.
def pdf_step(report: dict[str, Any], project: Path, env: dict[str, str]) -> dict[str, Any]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "tools.pdf", str(project)], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = round(time.perf_counter() - started, 2)
    pdfs = {path.name: path.stat().st_size for path in sorted((project / ".cache" / "pdf").glob("*.pdf"))}
    entry = {"ok": result.returncode == 0, "wall_s": wall, "pdfs": pdfs, "total_bytes": sum(pdfs.values())}
    if result.returncode != 0:
        entry["error"] = result.stderr[-2000:]
    report["pdf"] = entry
    sizes = ", ".join(f"{name} {size / 1024:.0f} KB" for name, size in pdfs.items())
    note = f"PDF step of make publish (tools/pdf.py, WeasyPrint): {len(pdfs)} PDFs in {wall} s ({sizes})" if entry["ok"] else f"PDF step of make publish failed after {wall} s: {entry['error'][-300:]}"
    report.setdefault("notes", []).append(note)
    return entry

