"""`make serve` with broken data: the browser shows the problems, and the site again once they are fixed.

A real `mkdocs serve` on a copy of the project, on a free port of 127.0.0.1, with the
Makefile's watched folders; the test edits the copy's data as an editor would.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from helpers import build_site

from plansite.errorpage import problems_page
from plansite.problems import Problem

MEASURE = "data/measures/plan-2022/1-1.yaml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def serve(project, tmp_path):
    port = free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    env.pop("ONLY", None)
    processes = []

    def start() -> str:
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--watch", "data", "--watch", "hooks", "--watch", "overrides"]
        processes.append(subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        return f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    log.close()


# A page as the browser gets it: status and HTML (error pages included).
def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=240) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


# Ask for a page until it is what `wanted` says (the server may still be starting or rebuilding).
def wait_for(url: str, wanted, timeout: float = 300) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    last = (0, "")
    while time.monotonic() < deadline:
        try:
            last = get(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
            continue
        if wanted(*last):
            return last
        time.sleep(0.5)
    raise AssertionError(f"{url} never became as expected; last: {last[0]} {last[1][:500]}")


def problems(html: str) -> list[str]:
    listed = re.search(r'<ol class="problems"[^>]*>(.*?)</ol>', html, re.S)
    return re.findall(r"<li><code>(.*?)</code></li>", listed.group(1), re.S) if listed else []


def lang(html: str) -> str:
    return re.search(r'<html lang="([a-z-]+)"', html).group(1)


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def break_number(project) -> tuple[str, str]:
    path = project / MEASURE
    good = path.read_text(encoding="utf-8")
    line = good.splitlines().index("number: 1") + 1
    path.write_text(good.replace("\nnumber: 1\n", '\nnumber: "one"\n', 1), encoding="utf-8")
    return good, f"{MEASURE}:{line}: number:"


def test_serve_shows_data_problems_in_the_browser_until_they_are_fixed(project, serve):
    good, where = break_number(project)
    # mkdocs build still stops on the same problem.
    result = build_site(project, project.parent / "built")
    assert result.returncode != 0 and where in result.stdout + result.stderr

    # Started on broken data: every page, in its language, lists the problem; live reload
    # is on the page, to bring the site back when the data is fixed.
    base = serve()
    for path, language in (("/help/", "en"), ("/ja/", "ja")):
        status, html = wait_for(base + path, lambda s, h: s == 200)
        assert lang(html) == language, path
        assert [p for p in problems(html) if p.startswith(where)], (path, problems(html))
        assert "livereload" in html
    english, japanese = title(get(base + "/help/")[1]), title(get(base + "/ja/help/")[1])
    assert english != japanese
    # Pages of the data are not known yet: their address gets the problems too, in every language.
    status, html = get(base + "/plans/plan-2022/measures/1-1/")
    assert status == 404 and problems(html) and english in title(html) and japanese in title(html)

    # Fixed: the pages come back.
    (project / MEASURE).write_text(good, encoding="utf-8")
    status, html = wait_for(base + "/ja/help/", lambda s, h: s == 200 and not problems(h))
    assert lang(html) == "ja" and title(html) != japanese
    status, html = wait_for(base + "/plans/plan-2022/measures/1-1/", lambda s, h: s == 200)
    measure_title = title(html)

    # Broken while serving: the data's own pages, still known, list it too; fixed, they come back.
    break_number(project)
    status, html = wait_for(base + "/plans/plan-2022/measures/1-1/", lambda s, h: bool(problems(h)))
    assert status == 200 and lang(html) == "en" and "livereload" in html
    assert [p for p in problems(html) if p.startswith(where)]
    status, html = get(base + "/ja/plans/plan-2022/measures/1-1/")
    assert lang(html) == "ja" and title(html) == japanese
    (project / MEASURE).write_text(good, encoding="utf-8")
    status, html = wait_for(base + "/plans/plan-2022/measures/1-1/", lambda s, h: s == 200 and not problems(h))
    assert title(html) == measure_title


# What the page lists comes from the editor's files: it is written as text. A language the
# page has no words for gets all of them rather than none.
def test_the_problems_page_writes_problems_as_text_and_always_has_words():
    page = problems_page([Problem("data/x.yaml", 3, "title.en", 'is "<script>alert(1)</script>"')], ["en"])
    assert "<script>alert" not in page
    assert problems(page) == ["data/x.yaml:3: title.en: is &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34;"]
    unknown = problems_page([Problem("data/x.yaml", 3, "title", "missing")], ["xx"])
    assert re.findall(r'<div lang="([a-z]+)">\s*<h1>', unknown) == ["en", "ja"]
