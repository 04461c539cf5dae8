"""Build the site strictly into a fresh folder and swap it in as site/ only when the build succeeds.

A failed build (bad data, a broken link) leaves the previous site/ exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Build into a temporary folder beside site/, then replace site/ with it in two renames.
def publish(project: Path = ROOT, target: Path | None = None) -> int:
    target = target or project / "site"
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)]
    result = subprocess.run(command, cwd=project)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"The build failed; {target.name}/ was left as it was.", file=sys.stderr)
        return result.returncode
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built into {target}/.")
    return 0


if __name__ == "__main__":
    sys.exit(publish())
