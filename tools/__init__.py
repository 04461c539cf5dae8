"""The project's tools, run from the repository as `python -m tools.<name>`.

`plansite` lives in `hooks/`, where MkDocs finds it beside the hook scripts (MkDocs puts a
hook's folder on the import path). The tools use the same package, so this is the one
place outside MkDocs that puts `hooks/` on the import path; no tool does it again.
"""

import sys
from pathlib import Path

HOOKS = str(Path(__file__).resolve().parent.parent / "hooks")
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)
