"""Change history per page (`changes:` in the data, "Updates to this page") and feeds that
follow the data: every plan, report, meeting and change note is an entry with a summary."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
from helpers import build_site
from pagetools import LANGS, address, read

from plansite import paths
from plansite.problems import DataError
from plansite.validate import check

MEASURE = "data/measures/plan-2022/1-1.yaml"
MEETING = "data/meetings/specialist-group-6.yaml"
CHANGES = """changes:
  - date: "2026-11-24"
    note:
      en: Corrected the ministries responsible.
      ja: 担当府省庁を訂正しました。
  - date: "2026-11-30"
    note:
      en: Added the **link** to the FY2019 report.
      ja: 令和元年度の取組状況へのリンクを追加しました。
"""


def add(project: Path, name: str, text: str) -> None:
    path = project / name
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def entries_of(site: Path, path: str) -> list:
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed.entries


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> Path:
    from helpers import copy_project

    project = copy_project(tmp_path_factory.mktemp("changed") / "project")
    add(project, MEASURE, CHANGES)
    add(project, MEETING, CHANGES.replace("2026-11-24", "2026-11-25"))
    out = project.parent / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-2000:]
    return out


# The page lists its changes under its last-updated date, newest first, in a <details>
# (GOV.UK's "Show all updates"), in both languages.
@pytest.mark.parametrize("prefix, summary, first", [
    ("", "Updates to this page (2)", "Added the link to the FY2019 report."),
    ("ja/", "このページの更新履歴 (2)", "令和元年度の取組状況へのリンクを追加しました。"),
])
@pytest.mark.parametrize("page", ["plans/plan-2022/measures/1-1", "meetings/specialist-group-6"])
def test_page_shows_its_changes_newest_first(changed, prefix, summary, first, page):
    html = (changed / prefix / page / "index.html").read_text(encoding="utf-8")
    block = re.search(r'class="page-updated">.*?</p>\s*<details class="page-changes">(.*?)</details>', html, re.S)
    assert block, page
    assert re.sub(r"<[^>]+>", "", re.search(r"<summary>(.*?)</summary>", block.group(1)).group(1)) == summary
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S)
    assert len(items) == 2
    assert '<time datetime="2026-11-30">' in items[0]
    assert first in re.sub(r"<[^>]+>", "", items[0])
    assert "<strong>link</strong>" in items[0] or prefix


# Pages without changes show no empty history.
def test_pages_without_changes_have_no_history(site):
    for prefix in LANGS.values():
        html = (site / prefix / "plans/plan-2022/measures/1-2/index.html").read_text(encoding="utf-8")
        assert "page-changes" not in html


# Every change note is an entry of both feeds, titled after its page, with the note as summary.
@pytest.mark.parametrize("path, title, note", [
    ("feed.xml", "Updated: ", "Corrected the ministries responsible."),
    ("ja/feed.xml", "更新：", "担当府省庁を訂正しました。"),
])
def test_change_notes_are_feed_entries(changed, path, title, note):
    entries = [e for e in entries_of(changed, path) if e.summary == note]
    links = sorted(e.link.split("/", 3)[3] for e in entries)
    assert links == sorted(f"{path[:-8]}{p}/" for p in ("meetings/specialist-group-6", "plans/plan-2022/measures/1-1")), links
    assert all(e.title.startswith(title) for e in entries)


# `changes` is checked like every other field: a date that does not exist and a note
# without Japanese are reported at their line.
def test_changes_are_validated(project):
    add(project, MEASURE, CHANGES.replace("2026-11-24", "2026-02-30").replace("      ja: 令和元年度の取組状況へのリンクを追加しました。\n", ""))
    text = (project / MEASURE).read_text(encoding="utf-8")
    with pytest.raises(DataError) as caught:
        check(project / "data", project)
    messages = [str(p) for p in caught.value.problems]
    date_line = text[: text.index("2026-02-30")].count("\n") + 1
    note_line = text[: text.index("      en: Added")].count("\n")
    assert f"{MEASURE}:{date_line}: changes[1].date: '2026-02-30' is not a real date. Write an existing date as YYYY-MM-DD (or YYYY-MM where allowed), for example 2022-05-20." in messages
    assert f"{MEASURE}:{note_line}: changes[2].note.ja: the required field 'ja' is missing." in messages


# Adding only a report's file puts it in both feeds, with a summary; no other edit.
def test_a_new_report_reaches_both_feeds(project, tmp_path):
    text = (project / "data/reports/fy2019.yaml").read_text(encoding="utf-8")
    text = text.replace("id: fy2019", "id: fy2030").replace("fiscal_year: 2019", "fiscal_year: 2030")
    text = text.replace('published: "2026-11-23"', 'published: "2031-06-30"')
    (project / "data/reports/fy2030.yaml").write_text(text, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    for path, year in (("feed.xml", "FY2030"), ("ja/feed.xml", "令和12年度（2030年度）")):
        entries = entries_of(tmp_path / "site", path)
        newest = entries[0]
        assert newest.link.endswith(f"{path[:-8]}reports/fy2030/")
        assert newest.updated.startswith("2031-06-30")
        assert year in newest.summary


# Every entry of both feeds has a summary; reports, meetings and plans come from their own
# files, and the news file keeps only what belongs to no page.
@pytest.mark.parametrize("path, lang", [(paths.feed(folder), lang) for lang, folder in LANGS.items()])
def test_feeds_follow_the_data(site, catalogue, path, lang):
    entries = entries_of(site, path)
    assert all(e.get("summary") for e in entries)
    links = [e.link for e in entries]
    own = [paths.plan(p) for p in catalogue.plans] + [paths.report(r) for r in catalogue.reports] + [paths.meeting(m) for m in catalogue.meetings]
    for page in own:
        assert sum(link.endswith("/" + address(lang, page)) for link in links) == 1, page
    pages = {paths.address(page) for page in own}
    assert not [u for u in catalogue.updates if (u.link or "") in pages]
