"""Earlier plans, progress reports, meetings and the lineage between plans."""

from __future__ import annotations

import re
import textwrap

import pytest
from helpers import SOURCES, build_site, needs_shared
from pagetools import DEFAULT_LANG, LANGS, address, file_of, read, resolve

from plansite import paths
from plansite.validate import check


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
    built = list(file_of(site, address(lang, paths.measures(plan))).parent.glob("*/index.html"))
    assert len(built) == 40
    for section in (2, 4):
        assert {s.number for s in plan.pillar(section).subsections} == {1, 2}


@pytest.mark.parametrize("lang", LANGS)
def test_history_pages_exist(site, catalogue, lang):
    plans = [p for p in catalogue.plans if p.id in ("plan-2017", "measures-2016")]
    reports = [r for r in catalogue.reports if r.id == "fy2019"]
    meetings = [m for m in catalogue.meetings if m.id in ("specialist-group-4", "specialist-group-6")]
    assert (len(plans), len(reports), len(meetings)) == (2, 1, 2)
    for path in (paths.plans(), paths.reports(), paths.meetings(), *map(paths.plan, plans), *map(paths.report, reports), *map(paths.meeting, meetings)):
        assert file_of(site, address(lang, path)).exists(), path


def test_timeline_links_each_plan_and_is_in_date_order(site, catalogue):
    dates = [event.date for event in catalogue.history]
    assert dates == sorted(dates)
    assert {"2010-07-27", "2013-05-28", "2016-03-29", "2022-05-20"} <= set(dates)
    links = links_of(site, address(DEFAULT_LANG, paths.plans()))
    for event in catalogue.history:
        if event.plan:
            assert address(DEFAULT_LANG, paths.plan(event.plan)) in links


@pytest.mark.parametrize("lang", LANGS)
def test_every_report_item_is_on_its_measure_page(site, catalogue, lang):
    items = [item for report in catalogue.reports for item in report.items]
    assert len(items) == 11
    for item in items:
        for measure in item.measures:
            url = address(lang, paths.measure(measure))
            assert address(lang, paths.report(item.report)) + "#" + paths.report_item(item) in links_of(site, url)


@pytest.mark.parametrize("lang", LANGS)
def test_lineage_is_shown_both_ways(site, catalogue, lang):
    pairs = [(later, earlier) for later in catalogue.measures for earlier in later.continues]
    assert len(pairs) >= 30
    for later, earlier in pairs:
        later_url = address(lang, paths.measure(later))
        earlier_url = address(lang, paths.measure(earlier))
        assert earlier_url in links_of(site, later_url)
        assert later_url in links_of(site, earlier_url)


def test_2022_pillars_show_the_2017_background(site, catalogue):
    for pillar in catalogue.current_plan.pillars:
        if pillar.continues and pillar.continues.background:
            text = " ".join(read(file_of(site, address(DEFAULT_LANG, paths.pillar(pillar)))).article_text)
            first_line = pillar.continues.background.en.split("\n")[0].lstrip("- ")
            assert first_line[:50] in text


def test_ministry_pages_show_measures_per_plan(site, catalogue):
    npa = next(m for m in catalogue.ministries if m.id == "npa")
    html = file_of(site, address(DEFAULT_LANG, paths.ministry(npa))).read_text(encoding="utf-8")
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
    added = check(project / "data", project)
    report = next(r for r in added.reports if r.id == "fy2030")
    meeting = next(m for m in added.meetings if m.id == "specialist-group-99")
    for lang in LANGS:
        for page, index in ((paths.report(report), paths.reports()), (paths.meeting(meeting), paths.meetings())):
            assert file_of(out, address(lang, page)).exists()
            assert address(lang, page) in links_of(out, address(lang, index))
        (item,) = report.items
        (measure,) = item.measures
        assert address(lang, paths.report(report)) + "#" + paths.report_item(item) in links_of(out, address(lang, paths.measure(measure)))
    # Newest first: the new report and meeting head their indexes.
    reports = read(file_of(out, address(DEFAULT_LANG, paths.reports()))).article_links
    assert "fy2030" in next(h for h in reports if "reports/" in h or "fy" in h)
    meetings_text = " ".join(read(file_of(out, address(DEFAULT_LANG, paths.meetings()))).article_text)
    assert meetings_text.index("99th Test Meeting") < meetings_text.index("6th Specialist")
