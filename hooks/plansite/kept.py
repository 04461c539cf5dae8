"""Files kept in `.cache/` for later builds (the checked catalogue, the search index's files).

Each kind of kept file has a folder of its own and is named by the hash of its inputs; only
the newest is kept, and it is written whole or not at all, so that a build stopped halfway
or two builds at once never leave a file another build would read half-written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


# Write `content` as `kept`, whole or not at all, and drop the older files of its kind;
# a read-only checkout keeps nothing and builds all the same.
def keep_only(kept: Path, content: bytes) -> None:
    """Write `content` to `kept` atomically and remove the other `*<suffix>` files of its folder; OSError is ignored."""
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=kept.parent, suffix=".tmp", delete=False) as file:
            partial = Path(file.name)
            file.write(content)
        try:
            os.replace(partial, kept)
        finally:
            partial.unlink(missing_ok=True)
        for old in kept.parent.glob(f"*{kept.suffix}"):
            if old != kept:
                old.unlink(missing_ok=True)
    except OSError:
        pass
