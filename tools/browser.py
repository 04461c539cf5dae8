"""The browser helpers that the tests and the tools share: a local server, Debian's Chromium.

The built site is served from 127.0.0.1 (`serve`), and Chromium is always Debian's
(`/usr/bin/chromium`, or $CHROMIUM), never a downloaded browser, started with nothing that
phones home (`launch`, `CHROMIUM_ARGS`). Used by tests/ (browser, PDF, escaping,
HTML_CodeSniffer) and tools/bench/.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

# Chromium from Debian, never a downloaded browser, with nothing that phones home.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


# Serve a folder on 127.0.0.1 at a free port, in a thread; yields the base URL.
@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port while the block runs; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# One Chromium, Debian's, through a Playwright instance the caller owns.
def launch(playwright):  # -> playwright Browser
    """Start Debian's Chromium through `playwright`, with CHROMIUM_ARGS."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# The site path of a result link, without its anchor: ja/plans/plan-2022/measures/4-8/
def site_path(base: str, href: str) -> str:
    """The path of `href` within the site served at `base` (no leading slash)."""
    path = urlsplit(href).path
    prefix = urlsplit(base).path
    return path[len(prefix):] if path.startswith(prefix) else path.lstrip("/")
