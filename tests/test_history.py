"""Earlier plans, progress reports, meetings and the lineage between plans."""

from __future__ import annotations

import re
import textwrap

import pytest
from helpers import SOURCES, build_site, needs_shared
from pagetools import file_of, read, resolve

LANGS = {"en": "", "ja": "ja/"}


def links_of(site, url):
    page = read(file_of(site, url))
    out = set()
    for href in page.article_links:
        path, _, anchor = href.partition("#")
        target = resolve(url, path) if path else url
        out.add(target + (f"#{anchor}" if anchor else ""))
    return out


# Measures of the 2016 plan as its table of contents lists them: "(i) title ....."
def source_count_2016() -> int:
    text = (SOURCES / "third-comprehensive-measures-2016.en.txt").read_text(encoding="utf-8")
    contents = text[text.index("## Contents") : text.index("## **1.")]
    return len(re.findall(r"^\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\) ", contents, re.MULTILINE))


@needs_shared
@pytest.mark.parametrize("lang", LANGS)
def test_a_page_per_2016_measure(site, catalogue, lang):
    plan = next(p for p in catalogue.plans if p.id == "measures-2016")
    assert len(plan.measures) == source_count_2016() == 40
    built = list((site / LANGS[lang] / "plans/measures-2016/measures").glob("*/index.html"))
    assert len(built) == 40
    for section in (2, 4):
        assert {s.number for s in plan.pillar(section).subsections} == {1, 2}


@pytest.mark.parametrize("lang", LANGS)
def test_history_pages_exist(site, lang):
    for path in ("plans/", "plans/plan-2017/", "plans/measures-2016/", "reports/", "reports/fy2019/", "meetings/",
                 "meetings/specialist-group-4/", "meetings/specialist-group-6/"):
        assert file_of(site, LANGS[lang] + path).exists(), path


def test_timeline_links_each_plan_and_is_in_date_order(site, catalogue):
    dates = [event.date for event in catalogue.history]
    assert dates == sorted(dates)
    assert {"2010-07-27", "2013-05-28", "2016-03-29", "2022-05-20"} <= set(dates)
    links = links_of(site, "plans/")
    for event in catalogue.history:
        if event.plan:
            assert f"plans/{event.plan.id}/" in links


@pytest.mark.parametrize("lang", LANGS)
def test_every_report_item_is_on_its_measure_page(site, catalogue, lang):
    items = [item for report in catalogue.reports for item in report.items]
    assert len(items) == 11
    for item in items:
        for measure in item.measures:
            url = f"{LANGS[lang]}plans/{measure.plan.id}/measures/{measure.slug}/"
            assert f"{LANGS[lang]}reports/{item.report.id}/#item-{item.index}" in links_of(site, url)


@pytest.mark.parametrize("lang", LANGS)
def test_lineage_is_shown_both_ways(site, catalogue, lang):
    pairs = [(later, earlier) for later in catalogue.measures for earlier in later.continues]
    assert len(pairs) >= 30
    for later, earlier in pairs:
        later_url = f"{LANGS[lang]}plans/{later.plan.id}/measures/{later.slug}/"
        earlier_url = f"{LANGS[lang]}plans/{earlier.plan.id}/measures/{earlier.slug}/"
        assert earlier_url in links_of(site, later_url)
        assert later_url in links_of(site, earlier_url)


def test_2022_pillars_show_the_2017_background(site, catalogue):
    for pillar in catalogue.current_plan.pillars:
        if pillar.continues and pillar.continues.background:
            text = " ".join(read(site / f"plans/plan-2022/pillars/{pillar.number}/index.html").article_text)
            first_line = pillar.continues.background.en.split("\n")[0].lstrip("- ")
            assert first_line[:50] in text


def test_ministry_pages_show_measures_per_plan(site, catalogue):
    npa = next(m for m in catalogue.ministries if m.id == "npa")
    html = (site / "ministries/npa/index.html").read_text(encoding="utf-8")
    for plan in catalogue.plans_of(npa):
        assert f'id="{plan.id}"' in html


NEW_REPORT = """\
    # yaml-language-server: $schema=../../hooks/plansite/schemas/report.schema.json
    id: fy2030
    fiscal_year: 2030
    title:
      en: FY2030 Efforts (test)
      ja: 令和12年度の取組（試験）
    plan: plan-2022
    ja_status: reference
    published: "2031-06-30"
    items:
      - pillar: 3
        heading: {en: Test heading, ja: 試験の見出し}
        text: {en: Operated the centre as a test., ja: 試験としてセンターを運営した。}
        when: "2030-06"
        ministries: [npa]
        measures: [plan-2022/3-9]
"""

NEW_MEETING = """\
    # yaml-language-server: $schema=../../hooks/plansite/schemas/meeting.schema.json
    id: specialist-group-99
    title: {en: 99th Test Meeting, ja: 第99回試験会議}
    date: "2031-02-01"
    ja_status: reference
    summary: {en: A meeting added as data only., ja: データのみで追加した会議。}
"""


def test_a_new_report_and_meeting_need_only_data_files(project, tmp_path):
    (project / "data/reports/fy2030.yaml").write_text(textwrap.dedent(NEW_REPORT), encoding="utf-8")
    (project / "data/meetings/specialist-group-99.yaml").write_text(textwrap.dedent(NEW_MEETING), encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    for prefix in LANGS.values():
        assert file_of(out, f"{prefix}reports/fy2030/").exists()
        assert file_of(out, f"{prefix}meetings/specialist-group-99/").exists()
        assert f"{prefix}reports/fy2030/" in links_of(out, f"{prefix}reports/")
        assert f"{prefix}meetings/specialist-group-99/" in links_of(out, f"{prefix}meetings/")
        assert f"{prefix}reports/fy2030/#item-1" in links_of(out, f"{prefix}plans/plan-2022/measures/3-9/")
    # Newest first: the new report and meeting head their indexes.
    reports = read(file_of(out, "reports/")).article_links
    assert "fy2030" in next(h for h in reports if "reports/" in h or "fy" in h)
    meetings_text = " ".join(read(file_of(out, "meetings/")).article_text)
    assert meetings_text.index("99th Test Meeting") < meetings_text.index("6th Specialist")
