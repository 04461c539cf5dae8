"""The pages' own components, on the built site and against the data: the matrix, the
calendar, the facts box, the translation notice and the feed links; and the pure
functions behind them (plansite.views)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pagetools import LANGS, address, file_of, lang_of, pages, url_of

from plansite import paths, views
from plansite.model import Campaign, Text


class _Elements(HTMLParser):
    """Every start tag of a page, in order, with its attributes and the text inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[list[str]] = []
        self._open: list[int] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self.text.append([])
        if tag not in ("br", "img", "input", "link", "meta", "hr", "source"):
            self._open.append(len(self.tags) - 1)

    def handle_endtag(self, tag):
        while self._open:
            index = self._open.pop()
            if self.tags[index][0] == tag:
                break

    def handle_data(self, data):
        for index in self._open:
            self.text[index].append(data)

    def find(self, tag: str, **attrs: str) -> list[int]:
        return [i for i, (t, a) in enumerate(self.tags) if t == tag and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]

    def text_of(self, index: int) -> str:
        return "".join(self.text[index]).strip()


def parse(path: Path) -> _Elements:
    found = _Elements()
    found.feed(path.read_text(encoding="utf-8"))
    return found


# -----------------------------------------------------------------------------
# plansite.views, on the real data and on made-up periods
# -----------------------------------------------------------------------------


def test_matrix_counts_every_measure_once_per_ministry(catalogue):
    plan = catalogue.current_plan
    matrix = views.matrix(catalogue, plan)
    assert [row.ministry for row in matrix.rows] == catalogue.ministries
    for row in matrix.rows:
        for pillar, n in zip(plan.pillars, row.counts):
            assert n == len([m for m in plan.measures if m.pillar is pillar and row.ministry in m.ministries])
        assert row.total == sum(row.counts)
    # Each measure is counted once for each of its ministries, nowhere else.
    assert sum(sum(row.counts) for row in matrix.rows) == sum(len(m.ministries) for m in plan.measures)
    assert matrix.most == max(n for row in matrix.rows for n in row.counts)


def test_shades_grow_with_the_count_and_the_legend_covers_every_count():
    most = 17
    shades = [views.shade_of(n, most) for n in range(0, most + 1)]
    assert shades[0] == 0 and shades[1] == 1 and shades[most] == views.SHADES
    assert shades == sorted(shades)
    matrix = views.Matrix(pillars=[], rows=[], most=most)
    covered = [n for _, low, high in matrix.legend for n in range(low, high + 1)]
    assert covered == list(range(1, most + 1))


def test_a_part_month_campaign_is_a_part_of_its_month():
    month = Campaign(id="x", name=Text({"en": "x", "ja": "x"}), start=(11, 12), end=(11, 25))
    (span,) = views.spans(month)
    assert (span.month, span.first_day, span.last_day, span.whole) == (11, 12, 25, False)
    assert (span.left, span.left + span.width) == (37, 83)
    assert span.starts and span.ends


def test_a_campaign_over_several_months_is_whole_months_in_order():
    month = Campaign(id="x", name=Text({"en": "x", "ja": "x"}), start=(2, None), end=(5, None))
    found = views.spans(month)
    assert [s.month for s in found] == [2, 3, 4, 5]
    assert all(s.whole for s in found)
    assert [s.starts for s in found] == [True, False, False, False]
    assert [s.ends for s in found] == [False, False, False, True]
    assert found[0].last_day == 29  # February of a leap year: a campaign may end on the 29th


def test_a_campaign_over_new_year_keeps_its_days_at_both_ends():
    month = Campaign(id="x", name=Text({"en": "x", "ja": "x"}), start=(12, 20), end=(1, 10))
    found = views.spans_by_month(month)
    assert sorted(found) == [1, 12]
    assert (found[12].first_day, found[12].last_day, found[12].starts) == (20, 31, True)
    assert (found[1].first_day, found[1].last_day, found[1].ends) == (1, 10, True)


def test_tel_addresses_escape_the_hash(catalogue):
    by_number = {h.number: h.tel for h in catalogue.hotlines if h.number}
    assert by_number["110"] == "110"
    assert by_number["#8891"] == "%238891"


def test_direct_lines_are_the_three_digit_numbers(catalogue):
    lines = views.direct_lines(catalogue)
    assert lines and all(re.fullmatch(r"[0-9]{3}", h.number) for h in lines)
    assert "189" in [h.number for h in lines]


# -----------------------------------------------------------------------------
# The built pages
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_on_the_page_has_the_datas_counts(site, catalogue, lang):
    plan = catalogue.current_plan
    page = parse(file_of(site, address(lang, paths.ministries())))
    (region,) = page.find("div", role="region")
    assert page.tags[region][1]["tabindex"] == "0"
    (caption,) = page.find("caption")
    assert page.tags[caption][1]["id"] == page.tags[region][1]["aria-labelledby"]
    rows = page.find("th", scope="row")
    assert [page.text_of(i) for i in rows] == [m.name.get(lang) for m in catalogue.ministries]
    columns = page.find("th", scope="col")
    assert len(columns) == len(plan.pillars) + 2  # ministry, the pillars, total
    for i, pillar in enumerate(plan.pillars, start=1):
        # The pillar's full title is in the header, for hover or focus and for screen readers.
        assert pillar.title.get(lang) in page.text_of(columns[i])
        (abbr,) = [j for j in range(columns[i], columns[i + 1]) if page.tags[j][0] == "abbr"]
        assert pillar.title.get(lang) in page.tags[abbr][1]["title"]
    cells = [i for i, (tag, _) in enumerate(page.tags) if tag == "td"]
    numbers = [int(page.text_of(i)) for i in cells]
    expected = []
    for ministry in catalogue.ministries:
        expected += [len([m for m in p.measures if ministry in m.ministries]) for p in plan.pillars]
        expected.append(len(catalogue.measures_of(ministry, plan)))
    assert numbers == expected
    # Shaded: every non-zero count has a shade, zero has none.
    shaded = [page.tags[i][1]["class"] for i in cells if "matrix__total" not in page.tags[i][1].get("class", "")]
    assert all((c == "shade-0") == (n == 0) for c, n in zip(shaded, [n for k, n in enumerate(expected) if (k + 1) % (len(plan.pillars) + 1)]))
    assert page.find("div", class_="matrix-legend", id="matrix-legend")


@pytest.mark.parametrize("lang", LANGS)
def test_calendar_draws_each_campaign_in_its_months_only(site, catalogue, lang):
    file = file_of(site, address(lang, paths.months()))
    html = file.read_text(encoding="utf-8")
    page = parse(file)
    grid = html[html.index('<table class="calendar">') : html.index("</table>")]
    rows = grid.split("<tr>")[2:]
    assert len(rows) == len(catalogue.months)
    for month, row in zip(catalogue.months, rows):
        drawn = [int(m) for m in re.findall(r'<td class="calendar__on" data-month="(\d+)"', row)]
        assert drawn == sorted(month.months), month.id
        bars = re.findall(r'style="margin-left: (\d+)%; width: (\d+)%"', row)
        assert len(bars) == len(drawn)
        if month.start[1] or month.end[1]:
            # 12-25 November: a part in the middle of November, with its days written out.
            (left, width), = bars
            assert 0 < int(left) and int(left) + int(width) < 100
            assert f"{month.start[1]}" in row and f"{month.end[1]}" in row
        else:
            assert all(b == ("0", "100") for b in bars), month.id
    # The list view names every campaign under each month it runs in.
    items = page.find("li", data_month="11")
    assert len(items) == 1
    november = page.text_of(items[0])
    for month in catalogue.months:
        assert (month.name.get(lang) in november) == (11 in month.months)


@pytest.mark.parametrize("lang", LANGS)
def test_measure_pages_show_the_facts_box_before_the_text(site, catalogue, lang):
    for measure in catalogue.measures:
        if not measure.plan.has_measure_pages:
            continue
        html = file_of(site, address(lang, paths.measure(measure))).read_text(encoding="utf-8")
        box = html[html.index('<section class="facts-box"') : html.index("</section>", html.index('<section class="facts-box"'))]
        assert html.index('class="facts-box"') < html.index('id="measure-text"')
        for ministry in measure.ministries:
            assert f"ministries/{ministry.id}/" in box
        for month in measure.months:
            assert f"awareness-months/{month.id}/" in box
        for other in measure.continues + measure.continued_by:
            assert f"{other.plan.id}/measures/{other.slug}/" in box, measure.ref
        assert f"pillars/{measure.pillar.slug}/" in box


def test_the_reference_notice_is_under_the_title_and_out_of_search(site):
    seen = 0
    for file in pages(site / LANGS["ja"]):
        html = file.read_text(encoding="utf-8")
        if 'class="translation-notice"' not in html:
            continue
        seen += 1
        notice = html.index('class="translation-notice"')
        assert html.index("</h1>") < notice, file
        assert "data-pagefind-ignore" in html[html.rindex("<", 0, notice) : html.index(">", notice)], file
        assert html.count('class="translation-notice"') == 1, file
    assert seen > 50
    # The English pages never carry it.
    assert not any('class="translation-notice"' in f.read_text(encoding="utf-8") for f in pages(site) if lang_of(url_of(site, f)) != "ja")


def test_every_page_links_the_feed_of_its_language(site, catalogue):
    for file in pages(site):
        url = url_of(site, file)
        lang = lang_of(url)
        html = file.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head)
        assert len(links) == 1, url
        title, href = links[0]
        assert href == "/" + paths.feed(LANGS[lang]), url
        assert (site / href.lstrip("/")).exists()
        assert title == catalogue.label("feed_link_title").get(lang)
    for lang in LANGS:
        text = file_of(site, address(lang, paths.open_data())).read_text(encoding="utf-8")
        assert catalogue.label("feeds_subscribe").get(lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_has_one_title_and_the_numbers_to_call(site, catalogue, lang):
    html = file_of(site, address(lang, paths.home())).read_text(encoding="utf-8")
    name = catalogue.site_name.get(lang)
    assert re.search(r"<title>([^<]*)</title>", html).group(1) == name
    for hotline in views.direct_lines(catalogue):
        assert f'href="tel:{hotline.number.replace("#", "%23").replace("-", "")}"' in html
    plan = catalogue.current_plan
    for pillar in plan.pillars:
        assert f"plans/{plan.id}/pillars/{pillar.slug}/" in html
    for month in catalogue.months:
        assert f'data-months="{" ".join(str(m) for m in month.months)}"' in html
