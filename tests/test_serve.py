"""`make serve` with broken data: the browser shows the problems, and the site again once they are fixed.

A real `mkdocs serve` on a copy of the project, on a free port of 127.0.0.1, with the
Makefile's watched folders; the test edits the copy's data as an editor would.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from helpers import ROOT, build_site

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
        command = [sys.executable, "-m", "mkdocs", "serve", *make_serve_arguments(port)]
        processes.append(subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        return f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    log.close()


# `mkdocs serve`'s arguments as the Makefile's `make serve` gives them, on another port.
def make_serve_arguments(port: int) -> list[str]:
    recipe = re.search(r"^serve:.*\n\t.*?mkdocs serve (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    arguments = recipe.group(1).split()
    where = arguments.index("--dev-addr")
    arguments[where + 1] = f"127.0.0.1:{port}"
    return arguments


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


# -----------------------------------------------------------------------------
# `make serve` writes only the pages that changed (hooks/site.py, plansite.incremental)
# -----------------------------------------------------------------------------

MEASURE_PAGE = "plans/plan-2022/measures/1-1/"
# The pages that show measure 1-1's title besides its own: its pillar, its plan's list of
# measures and full text, the finder, a ministry responsible for it.
SHOWING_IT = (MEASURE_PAGE, "plans/plan-2022/pillars/1/", "plans/plan-2022/measures/", "plans/plan-2022/full-text/", "finder/", "ministries/npa/")
# Pages that do not show it, one written in docs/ and generated ones.
NOT_SHOWING_IT = ("about/", "plans/plan-2022/measures/2-1/", "meetings/")


# Replace the first value of `key` in each language (`key:` then indented `lang: text` lines).
def retitle(text: str, key: str, marker: str) -> str:
    return re.sub(rf"^({key}:\n(?:  \w+: .*\n)+)", lambda m: re.sub(r"^(  \w+: )(.*)$", rf"\g<1>\g<2> {marker}", m.group(1), flags=re.M), text, count=1, flags=re.M)


# The addresses Pagefind finds for `query` in the index of the language of the page at `url`.
def found(tab, url: str, query: str) -> list[str]:
    tab.goto(url)
    return tab.evaluate(
        """async (query) => {
            const pagefind = await import(new URL("/pagefind/pagefind.js", location.href).href);
            const search = await pagefind.search(query);
            return Promise.all(search.results.map(async (result) => (await result.data()).url));
        }""",
        query,
    )


# Ask Pagefind until `wanted` (its index is written just after the pages are served).
def wait_found(tab, url: str, query: str, wanted, timeout: float = 120) -> list[str]:
    deadline = time.monotonic() + timeout
    while True:
        urls = found(tab, url, query)
        if wanted(urls) or time.monotonic() > deadline:
            return urls
        time.sleep(1)


def test_make_serve_rewrites_every_page_an_edit_changes_in_both_languages(project, serve, browser, tmp_path):
    base = serve() + "/"
    folders = ["", "ja/"]
    wait_for(base + MEASURE_PAGE, lambda s, h: s == 200)
    before = {folder + path: get(base + folder + path)[1] for folder in folders for path in SHOWING_IT + NOT_SHOWING_IT}

    # A measure's title, in both languages: every page that shows it shows the new one.
    marker = "Quokkaedit" + secrets.token_hex(3)
    path = project / MEASURE
    path.write_text(retitle(path.read_text(encoding="utf-8"), "title", marker), encoding="utf-8")
    wait_for(base + MEASURE_PAGE, lambda s, h: marker in h)
    for folder in folders:
        for page in SHOWING_IT:
            status, html = wait_for(base + folder + page, lambda s, h: s == 200)
            assert marker in html, folder + page
        for page in NOT_SHOWING_IT:
            status, html = get(base + folder + page)
            assert status == 200 and marker not in html and title(html) == title(before[folder + page]), folder + page
    # Only those were written again (else this test would pass on full rebuilds too).
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    written = re.findall(r"Writing the (\d+) of (\d+) pages \((\w+)\)", log)
    assert {lang for _, _, lang in written} == {"en", "ja"} and all(int(n) < int(total) // 4 for n, total, _ in written), written

    # The search index has the new words, and still every page that was not written again.
    tab = browser.new_page()
    try:
        other = "Promotion of education related to sexual crimes and sexual violence prevention"
        for folder in folders:
            urls = wait_found(tab, base + folder + MEASURE_PAGE, marker, lambda urls: any(MEASURE_PAGE in url for url in urls))
            assert any(url.endswith(folder + MEASURE_PAGE) for url in urls), (folder, urls)
        urls = found(tab, base + NOT_SHOWING_IT[1], other)
        assert any(url.endswith(NOT_SHOWING_IT[1]) for url in urls), urls
        assert len(found(tab, base + "ja/", "搾取")) > 50
    finally:
        tab.close()

    # A consultation service's words, shown on the help page alone: Material's pruned
    # stylesheet (hooks/stylesheet.py), which every page links, keeps the rules of the
    # pages left on disk (the finder's, here), though only the help pages were written.
    stylesheet = base + "assets/stylesheets/material-pruned.css"
    rules_before = get(stylesheet)[1]
    hotlines = project / "data" / "hotlines.yaml"
    service = "Numbatservice" + secrets.token_hex(3)
    text = hotlines.read_text(encoding="utf-8")
    hotlines.write_text(re.sub(r"(  answers:\n    en: )(.*\n    ja: )", rf"\g<1>{service} \g<2>{service}", text, count=1), encoding="utf-8")
    wait_for(base + "help/", lambda s, h: service in h)
    wait_for(base + "ja/help/", lambda s, h: service in h)
    rules_after = get(stylesheet)[1]
    assert len(rules_before) > 5000 and set(rules_before.split("}")) <= set(rules_after.split("}"))

    # A label every page shows (the footer's "Content:"): every page, of either kind, changes.
    labels = project / "data" / "labels.yaml"
    words = labels.read_text(encoding="utf-8")
    word = "Wombatlabel" + secrets.token_hex(3)
    labels.write_text(words.replace('content_by: {en: "Content: ", ja: "担当："}', f'content_by: {{en: "Content {word}: ", ja: "担当{word}："}}', 1), encoding="utf-8")
    for folder in folders:
        for page in SHOWING_IT + NOT_SHOWING_IT + ("",):
            wait_for(base + folder + page, lambda s, h: word in h, timeout=120)

    # A measure removed: its page is gone in both languages (a dirty build cleans nothing
    # itself), and its pillar no longer links it.
    assert "measures/6-9/" in get(base + "plans/plan-2022/pillars/6/")[1]
    (project / "data" / "measures" / "plan-2022" / "6-9.yaml").unlink()
    for folder in folders:
        wait_for(base + folder + "plans/plan-2022/pillars/6/", lambda s, h: s == 200 and "measures/6-9/" not in h and word in h)
        assert get(base + folder + "plans/plan-2022/measures/6-9/")[0] == 404
        assert get(base + folder + "plans/plan-2022/measures/6-8/")[0] == 200
