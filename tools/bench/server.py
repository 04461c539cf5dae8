"""A local server that gzips text as GitHub Pages does, and counts the bytes it sends."""

from __future__ import annotations

import gzip
import http.server
import os
import sys
import threading
from pathlib import Path
from typing import Any

_TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/manifest+json")


class GzipServer(http.server.ThreadingHTTPServer):
    """Serves `root` on a free local port; `take()` returns what was sent since the last call."""

    daemon_threads = True

    # Bind a free local port now; serve later (start()).
    def __init__(self, root: Path):
        self.root = root
        self.sent: list[dict] = []
        self.lock = threading.Lock()
        self.cache: dict[str, bytes] = {}
        super().__init__(("127.0.0.1", 0), _GzipHandler)

    @property
    def url(self) -> str:
        """The server's address, ending in /."""
        return f"http://127.0.0.1:{self.server_address[1]}/"

    # A browser closing a connection early is not an error worth a traceback.
    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    # Note one response.
    def record(self, **entry: Any) -> None:
        """Note one response sent."""
        with self.lock:
            self.sent.append(entry)

    # The responses since the last call.
    def take(self) -> list[dict]:
        """The responses sent since the last call (path, status, bytes, raw_bytes, encoding, type)."""
        with self.lock:
            sent, self.sent = self.sent, []
        return sent

    # Serve in a background thread.
    def start(self) -> None:
        """Start serving in a daemon thread."""
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: GzipServer

    # Serve the server's root folder.
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, directory=str(args[2].root), **kwargs)

    # Quiet: the benchmark prints its own progress.
    def log_message(self, format: str, *args: Any) -> None:
        pass

    # A file, gzipped if it is text and the client accepts it; folders as their index.html.
    def do_GET(self) -> None:
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                self.server.record(path=url_path, status=301, bytes=0, raw_bytes=0, encoding=None, type=None)
                return super().do_GET()
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return self._not_found(url_path)
        ctype = self.guess_type(path)
        data = Path(path).read_bytes()
        encoding, body = None, data
        if "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(_TEXT_TYPES):
            encoding = "gzip"
            if path not in self.server.cache:
                self.server.cache[path] = gzip.compress(data, 6, mtime=0)
            body = self.server.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8" if ctype.startswith("text/") else ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        # Counted before it is sent, so that a client that has it finds it counted.
        self.server.record(path=url_path, status=200, bytes=len(body), raw_bytes=len(data), encoding=encoding, type=ctype)
        self.wfile.write(body)

    # A plain 404, counted like any response.
    def _not_found(self, url_path: str) -> None:
        body = b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.server.record(path=url_path, status=404, bytes=len(body), raw_bytes=len(body), encoding=None, type="text/plain")
        self.wfile.write(body)
