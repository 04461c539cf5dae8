"""What the site publishes for reuse, and how: open data, feeds, safe pages, reproducible builds."""

from __future__ import annotations

import csv
import filecmp
import io
import json
import re

import feedparser
import icalendar
import jsonschema
import pytest
from conftest import ROOT, build_site
from pagetools import pages, read, resolve

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


@pytest.mark.parametrize("path, lang", [("feed.xml", "en"), ("ja/feed.xml", "ja")])
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
    for prefix in ("", "ja/"):
        page = read(site / prefix / "open-data/index.html")
        targets = {resolve(f"{prefix}open-data/", href) for href in page.article_links}
        for target in ("data/measures.json", "data/measures.csv", "data/awareness-months.ics", "data/datapackage.json", "feed.xml", "ja/feed.xml"):
            assert target in targets, (prefix, target)
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
def test_text_from_the_data_is_escaped(project, tmp_path):
    measure = project / "data/measures/plan-2022/1-1.yaml"
    text = measure.read_text(encoding="utf-8")
    old_en = re.search(r"^  en: (.+)$", text, re.M).group(1)
    text = text.replace(old_en, 'R&D <3 "tested" & more', 1)
    measure.write_text(text, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    for path in ("plans/plan-2022/measures/1-1/index.html", "plans/plan-2022/measures/index.html", "finder/index.html"):
        html = (tmp_path / "site" / path).read_text(encoding="utf-8")
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
        assert found.group(2) == format_date(found.group(1), lang), file
    # A measure page's date is its data file's last commit.
    measure = catalogue.current_plan.measures[0]
    committed = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", measure.source], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    if committed:
        html = (site / "plans" / measure.plan.id / "measures" / measure.slug / "index.html").read_text(encoding="utf-8")
        assert f'<time datetime="{committed}">' in html
