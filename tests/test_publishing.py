"""What the site publishes for reuse, and how: open data, feeds, safe pages, reproducible builds."""

from __future__ import annotations

import contextlib
import csv
import filecmp
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from helpers import ROOT, build_site
from pagetools import DEFAULT_LANG, LANGS, address, file_of, pages, read, resolve

from plansite import paths
from plansite.schema import SCHEMA_DIR


def test_measures_json_validates_against_its_published_schema(site, catalogue):
    document = json.loads((site / "data/measures.json").read_text(encoding="utf-8"))
    published = json.loads((site / "schemas/measures-json.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(published).validate(document)
    assert len(document["measures"]) == len(catalogue.measures)
    assert {m["plan"] for m in document["measures"]} == {p.id for p in catalogue.plans if p.measures}
    assert document["license"]["id"] == catalogue.site["licence"]


def test_measures_csv_opens_as_utf8_with_bom(site, catalogue):
    raw = (site / "data/measures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(catalogue.measures)
    first = catalogue.measures[0]
    row = next(r for r in rows if r["id"] == first.ref)
    assert row["title_ja"] == first.title.ja
    assert row["ministries_ja"].split("、")[0] == first.ministries[0].name.ja


def test_calendar_has_one_yearly_event_per_campaign(site, catalogue):
    calendar = icalendar.Calendar.from_ical((site / "data/awareness-months.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(catalogue.months)
    for event, month in zip(events, catalogue.months):
        assert str(event["summary"]) == f"{month.name.en} / {month.name.ja}"
        assert event["rrule"]["FREQ"] == ["YEARLY"]
        assert event.decoded("dtstart").month == month.start[0]


@pytest.mark.parametrize("path, lang", [(paths.feed(folder), lang) for lang, folder in LANGS.items()])
def test_feeds_parse_as_atom(site, catalogue, path, lang):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == catalogue.site_name.get(lang)
    titles = [entry.title for entry in feed.entries]
    for meeting in catalogue.meetings:
        assert meeting.title.get(lang) in titles
    changes = sum(len(o.changes) for o in [*catalogue.plans, *catalogue.measures, *catalogue.reports, *catalogue.meetings])
    expected = len(catalogue.updates) + len(catalogue.plans) + len(catalogue.reports) + len(catalogue.meetings) + changes
    assert len(feed.entries) == expected


def test_schemas_are_published(site):
    for schema in SCHEMA_DIR.glob("*.json"):
        assert (site / "schemas" / schema.name).read_bytes() == schema.read_bytes()


def test_open_data_page_links_every_file(site):
    files = [paths.data_file(name) for name in ("measures.json", "measures.csv", "awareness-months.ics", "datapackage.json")]
    files += [paths.feed(folder) for folder in LANGS.values()]
    for lang in LANGS:
        url = address(lang, paths.open_data())
        targets = {resolve(url, href) for href in read(file_of(site, url)).article_links}
        for target in files:
            assert target in targets, (lang, target)
            assert (site / target).exists()


# Nothing that runs script reaches the pages: no javascript: or data: links, no inline
# event handlers, no iframes, and scripts only from the site itself.
def test_no_script_injection_in_any_page(site):
    for file in pages(site):
        html = file.read_text(encoding="utf-8")
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):""", html, re.I), file
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I), file
        assert "<iframe" not in html.lower(), file
        for src in re.findall(r'<script[^>]+src="([^"]+)"', html):
            assert not re.match(r"^(https?:)?//", src), (file, src)


# Text from the data is escaped where the templates put it: a title with &, < and quotes
# shows as written and adds no markup wherever the pages' content lists it. (The theme
# writes the page title into <title> as text, where the data's rules already keep out
# anything that could end the element.)
def test_text_from_the_data_is_escaped(project, catalogue, tmp_path):
    first = catalogue.current_plan.measures[0]
    measure = project / first.source
    text = measure.read_text(encoding="utf-8")
    old_en = re.search(r"^  en: (.+)$", text, re.M).group(1)
    text = text.replace(old_en, 'R&D <3 "tested" & more', 1)
    measure.write_text(text, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    for path in (address(DEFAULT_LANG, page) for page in (paths.measure(first), paths.measures(first.plan), paths.finder())):
        html = file_of(tmp_path / "site", path).read_text(encoding="utf-8")
        html = html[html.index("<article"):html.index("</article>")]
        assert re.search(r"R&amp;D &lt;3 (&#34;|&quot;|\")tested(&#34;|&quot;|\") &amp; more", html), path
        assert "<3" not in html, path


# A template that links to a page the site does not have stops the build, naming the
# link and the page it is on, instead of publishing a broken link.
def test_a_template_linking_nowhere_stops_the_build(project, tmp_path):
    template = project / "hooks/templates/help.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{{ L.link('ministries/nowhere', 'x') }}\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "The page 'help' links to 'ministries/nowhere', which is neither a page nor a file of the site" in result.stderr


def test_two_builds_of_the_same_commit_are_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    result = build_site(ROOT, again)
    assert result.returncode == 0, result.stderr[-2000:]
    comparison = filecmp.dircmp(site, again)
    differing = []

    def walk(cmp, prefix=""):
        differing.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differing.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(comparison)
    assert not differing, sorted(set(differing))[:20]


def test_every_page_says_when_it_last_changed(site, catalogue):
    import subprocess

    from plansite.dates import format_date

    for file in pages(site):
        html = file.read_text(encoding="utf-8")
        found = re.search(r'class="page-updated">[^<]*<time datetime="([0-9-]+)">([^<]+)</time>', html)
        assert found, file
        lang = "ja" if file.relative_to(site).parts[0] == "ja" else "en"
        assert found.group(2) == format_date(found.group(1), catalogue.date_words(lang)), file
    # A measure page's date is its data file's last commit.
    measure = catalogue.current_plan.measures[0]
    committed = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", measure.source], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    if committed:
        html = file_of(site, address(DEFAULT_LANG, paths.measure(measure))).read_text(encoding="utf-8")
        assert f'<time datetime="{committed}">' in html


# -----------------------------------------------------------------------------
# make build (tools/publish.py): staging cleaned up, one build at a time, plain failures
# -----------------------------------------------------------------------------


# A copy of the project that can publish itself: tools/publish.py beside its data, and a
# previous site/ with a marker file, to see that a failed or stopped build leaves it alone.
@pytest.fixture
def publishable(project):
    (project / "tools").mkdir()
    shutil.copy2(ROOT / "tools" / "publish.py", project / "tools" / "publish.py")
    (project / "site").mkdir()
    (project / "site" / "previous.txt").write_text("the site as it was\n", encoding="utf-8")
    return project


def start_publish(project, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    env.pop("ONLY", None)
    env.update(kwargs.pop("env", {}))
    return subprocess.Popen(
        [sys.executable, "-m", "tools.publish"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )


def finish(process: subprocess.Popen, timeout: float = 240) -> tuple[int, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out + err


def staging_folders(project) -> list:
    return sorted(p for p in project.glob(".site-*") if p.is_dir())


# Wait until a build is under way: its staging folder exists and mkdocs has written into it.
def wait_for_staging(project, process: subprocess.Popen, timeout: float = 120) -> list:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        folders = staging_folders(project)
        if folders and any(f.is_file() for f in folders[0].rglob("*")):
            return folders
        assert process.poll() is None, finish(process)[1][-2000:]
        time.sleep(0.05)
    raise AssertionError("no staging folder appeared")


# The processes whose command line names a path: the mkdocs build writing into a staging folder.
def processes_naming(path) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(path).encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            pass
    return found


# Ctrl-C reaches the whole foreground process group (as a terminal sends it); kill, the
# process alone. Either way the build stops, its staging folder and mkdocs with it, and
# the editor reads one plain line.
@pytest.mark.parametrize("signum, to_group", [(signal.SIGINT, True), (signal.SIGTERM, False)], ids=["ctrl-c", "kill"])
def test_a_stopped_build_leaves_no_staging_folder_and_no_traceback(publishable, signum, to_group):
    process = start_publish(publishable, start_new_session=True)
    staging = wait_for_staging(publishable, process)[0]
    if to_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    code, output = finish(process)
    assert code == 128 + signum, output[-2000:]
    assert "Traceback" not in output, output[-3000:]
    assert f"The build was stopped ({signal.Signals(signum).name}); site/ was left as it was." in output
    assert staging_folders(publishable) == []
    assert (publishable / "site" / "previous.txt").exists()
    deadline = time.monotonic() + 10
    while processes_naming(staging) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not processes_naming(staging), "mkdocs is still building into the removed staging folder"


# kill -9 cannot be caught: the next build removes what the killed one left, and only that
# (a staging folder of a build still running, here this test's own process, stays).
def test_the_next_build_removes_the_staging_folder_of_a_killed_one(publishable):
    process = start_publish(publishable)
    left = wait_for_staging(publishable, process)[0]
    process.kill()
    process.communicate()
    assert left.exists()
    running = publishable / f".site-{os.getpid()}-running"
    running.mkdir()
    code, output = finish(start_publish(publishable))
    assert code == 0, output[-2000:]
    assert not left.exists()
    assert "Removed 1 staging folder(s) left by a build that was stopped." in output
    assert staging_folders(publishable) == [running]
    assert (publishable / "site" / "index.html").exists()


# Two builds at once take turns: the second says it waits, both succeed, and site/ is one
# complete build (every file a build makes, nothing of the previous site/).
def test_two_builds_at_once_take_turns_and_both_succeed(publishable, site):
    first = start_publish(publishable)
    wait_for_staging(publishable, first)
    second = start_publish(publishable)
    (code1, out1), (code2, out2) = finish(first), finish(second)
    assert (code1, code2) == (0, 0), (out1 + out2)[-3000:]
    assert "Another build of site/ is running (process" in out2 and "waiting for it to finish" in out2
    # Pagefind names its index files by their content, which holds the pages' dates (a copy
    # without git history has others): the index is compared by its entry file.
    def files(folder):
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.relative_to(folder).parts[0] != "pagefind"}

    built, expected = files(publishable / "site"), files(site)
    assert built == expected, sorted(built ^ expected)[:20]
    assert (publishable / "site" / "pagefind" / "pagefind-entry.json").exists()
    assert staging_folders(publishable) == []


# Make a folder impossible to rename or change: immutable for root (which ignores
# permissions), read-only for anyone else.
@contextlib.contextmanager
def read_only(folder):
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"cannot make a folder read-only for root here: {made.stderr.strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_a_read_only_site_gives_a_plain_message_and_stays_as_it_was(publishable):
    with read_only(publishable / "site"):
        code, output = finish(start_publish(publishable))
    assert code == 1, output[-2000:]
    assert "Traceback" not in output, output[-3000:]
    assert "The new build could not be put in place of site/:" in output
    assert "Is site/ (or the folder it is in) read-only? Make it writable and build again; site/ was left as it was." in output
    assert sorted(p.name for p in (publishable / "site").iterdir()) == ["previous.txt"]
    assert staging_folders(publishable) == []


# ONLY= previews one language under make serve; make build refuses it, however it is given,
# before building anything.
@pytest.mark.parametrize("how", ["environment", "make variable"])
def test_make_build_refuses_one_language(publishable, how):
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "constraints.txt"):
        shutil.copy2(ROOT / name, publishable / name)
    # STAMP= a file newer than the requirements: the recipe runs with this test's Python, installing nothing.
    (publishable / "installed").touch()
    command = ["make", "--no-print-directory", "build", "STAMP=installed", f"BIN={Path(sys.executable).parent}"]
    env = dict(os.environ)
    if how == "environment":
        env["ONLY"] = "ja"
    else:
        command.append("ONLY=ja")
    result = subprocess.run(command, cwd=publishable, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "ONLY=ja is for make serve (a one-language preview); make build always builds every language" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (publishable / "site").iterdir()) == ["previous.txt"]
    assert staging_folders(publishable) == []
