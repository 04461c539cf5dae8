"""One strict build in its own process, as `mkdocs build --strict` runs it, timed from inside.

    python -m tools.bench.driver PROJECT SITE RESULT.json [--profile FILE.prof]

Without --profile it times every MkDocs event handled by code under PROJECT/hooks/ (the
hook timer, by event and handler: `on_post_page: search.on_post_page`); with it, the whole build runs under cProfile (MkDocs' event loop untouched).
RESULT.json gets the outcome, the in-process time, the peak memory of this process and
of its largest child (Pagefind), the hook timer's figures, and where the search index's
last step went (IndexTailTimer).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable


class HookTimer:
    """Wall time of every MkDocs event handled by code under hooks/, and of importing the hook scripts.

    The events are the only ways into hooks code besides the import, and they do not
    nest, so the sum is the hooks' time with nothing counted twice.
    """

    # Time code under `hooks_dir` only.
    def __init__(self, hooks_dir: Path):
        self.prefix = str(hooks_dir.resolve()) + os.sep
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.depth = 0

    # Whether an event handler's code lives under hooks/.
    def is_hook(self, method: Callable) -> bool:
        """Whether `method`'s code is in a file under the hooks folder."""
        code = getattr(getattr(method, "__func__", method), "__code__", None)
        return code is not None and os.path.abspath(code.co_filename).startswith(self.prefix)

    # A handler as the report names it: its hook script and function (site.on_post_page), as
    # three scripts have an on_post_page and their times are different work.
    @staticmethod
    def handler_name(method: Callable) -> str:
        """`script.function` of an event handler (the script's file name without .py)."""
        code = getattr(getattr(method, "__func__", method), "__code__", None)
        script = Path(code.co_filename).stem if code is not None else "?"
        return f"{script}.{getattr(method, '__name__', '?')}"

    # Count one timed call.
    def add(self, key: str, seconds: float) -> None:
        """Add one call of `seconds` to `key`."""
        self.seconds[key] += seconds
        self.calls[key] += 1

    # Replace MkDocs' event loop and hook loader with timed copies.
    def install(self) -> None:
        """Patch MkDocs 1.6's `PluginCollection.run_event` and `Hooks._load_hook` to time hooks code."""
        from mkdocs import plugins
        from mkdocs.config import config_options

        plugins.PluginCollection.run_event = self._run_event()
        load_hook = config_options.Hooks._load_hook

        # MkDocs' hook loader, timed: the import of a hook script is hooks time too.
        def timed_load_hook(option, name, path):
            started = time.perf_counter()
            try:
                return load_hook(option, name, path)
            finally:
                self.add("import of the hook scripts", time.perf_counter() - started)

        config_options.Hooks._load_hook = timed_load_hook

    # PluginCollection.run_event as in MkDocs 1.6, timing the handlers from hooks/.
    def _run_event(self) -> Callable:
        timer = self

        # Each handler in turn, as MkDocs does; the outermost hooks handler timed.
        def run_event(self, name, item=None, **kwargs):
            pass_item = item is not None
            for method in self.events[name]:
                self._current_plugin = self._event_origins.get(method, "<unknown>")
                timed = timer.depth == 0 and timer.is_hook(method)
                if timed:
                    timer.depth += 1
                    started = time.perf_counter()
                try:
                    result = method(item, **kwargs) if pass_item else method(**kwargs)
                finally:
                    if timed:
                        timer.depth -= 1
                        timer.add(f"on_{name}: {timer.handler_name(method)}", time.perf_counter() - started)
                if result is not None:
                    item = result
            self._current_plugin = None
            return item

        return run_event


class IndexTailTimer:
    """Where the search index's last step goes, inside plansite.searchindex's SearchIndex.finish.

    "pages": waiting for Pagefind to take the pages still queued; "parts": waiting for each
    part's files (the last language's part is built only once its pages are all in; the
    earlier parts' files are written meanwhile); "write": writing the files. The floor
    table tells Pagefind's share of the build's end from the disk's with these.
    """

    MODULE = "plansite.searchindex"

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.inside = False

    # Time finish() and, inside it, the waits and the writes; False where the project has no such index.
    def install(self) -> bool:
        """Patch the project's SearchIndex.finish, ._wait and _write_files (once its hooks are imported)."""
        module = sys.modules.get(self.MODULE)
        index = getattr(module, "SearchIndex", None)
        if index is None or not all(hasattr(owner, name) for owner, name in ((index, "finish"), (index, "_wait"), (module, "_write_files"))):
            return False
        finish, wait, write = index.finish, index._wait, module._write_files
        timer = self

        # The whole last step.
        def timed_finish(self, *args, **kwargs):
            timer.inside, started = True, time.perf_counter()
            try:
                return finish(self, *args, **kwargs)
            finally:
                timer.inside = False
                timer.seconds["finish"] += time.perf_counter() - started

        # A wait for an answer: a page's, or a part's files.
        def timed_wait(self, message_id):
            started = time.perf_counter()
            answer = wait(self, message_id)
            if timer.inside:
                timer.seconds["parts" if answer.get("type") == "GetFiles" else "pages"] += time.perf_counter() - started
            return answer

        # Writing files of the index.
        def timed_write(*args, **kwargs):
            started = time.perf_counter()
            try:
                return write(*args, **kwargs)
            finally:
                timer.seconds["write"] += time.perf_counter() - started

        index.finish, index._wait, module._write_files = timed_finish, timed_wait, timed_write
        return True


# Build once, strictly, and say how it went; errors are recorded, never raised.
def build_once(project: Path, site: Path, profile: Path | None) -> dict[str, Any]:
    """Run `build(load_config(...strict=True))` in this process, between the startup and shutdown events as `mkdocs build` does; the outcome as a dict."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(project)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    timer = HookTimer(project / "hooks")
    tail = IndexTailTimer()
    if not profile:  # a profile shows MkDocs' own event loop, untouched
        timer.install()
    profiler = cProfile.Profile() if profile else None
    outcome: dict[str, Any] = {"ok": True, "error": None}
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    try:
        # As `mkdocs build` runs it (mkdocs/__main__.py): the startup and shutdown events around the build.
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
        if not profile:  # the hooks are imported now
            tail.install()
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except BaseException as error:  # Abort (strict warnings), data errors: recorded, not raised
        outcome = {"ok": False, "error": f"{type(error).__name__}: {error}"[-3000:]}
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
    outcome["in_process_s"] = time.perf_counter() - started
    # Whose memory the peak is: this process (MkDocs, the hooks) or the largest process it ran (Pagefind).
    outcome["self_max_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    outcome["children_max_rss_bytes"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    outcome["hooks_events_s"] = dict(timer.seconds)
    outcome["hooks_event_calls"] = dict(timer.calls)
    outcome["hooks_total_s"] = sum(timer.seconds.values())
    outcome["search_finish_s"] = dict(tail.seconds)
    return outcome


# The command line of the driver process.
def main(argv: list[str]) -> int:
    """Build PROJECT into SITE and write the outcome to RESULT; exit 1 if the build failed."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench.driver")
    parser.add_argument("project", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args(argv)
    outcome = build_once(args.project, args.site, args.profile)
    args.result.write_text(json.dumps(outcome, indent=2), encoding="utf-8")
    return 0 if outcome["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
