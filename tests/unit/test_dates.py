"""The site's one date formatter, in both languages and across the era boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

import yaml
from helpers import ROOT

from plansite.dates import DateWords, format_date, format_fiscal_year, format_period, iso

# The words the site writes dates with: data/labels.yaml (month_1 ... month_12, date_day,
# fiscal_year, period_* ...), as the catalogue hands them to the formatter.
_LABELS = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))
WORDS = {lang: DateWords.from_labels(lambda key, lang=lang: _LABELS[key][lang]) for lang in ("en", "ja")}


@pytest.mark.parametrize(
    "value, ja, en",
    [
        ("2022-05-20", "令和4年（2022年）5月20日", "20 May 2022"),
        ("2019-04-30", "平成31年（2019年）4月30日", "30 April 2019"),
        ("2019-05-01", "令和元年（2019年）5月1日", "1 May 2019"),
        ("2020-01-01", "令和2年（2020年）1月1日", "1 January 2020"),
        ("1989-01-07", "昭和64年（1989年）1月7日", "7 January 1989"),
        ("1989-01-08", "平成元年（1989年）1月8日", "8 January 1989"),
        ("2016-07", "平成28年（2016年）7月", "July 2016"),
        ("2019-05", "令和元年（2019年）5月", "May 2019"),
        (dt.date(2017, 4, 18), "平成29年（2017年）4月18日", "18 April 2017"),
    ],
)
def test_dates(value, ja, en):
    assert format_date(value, WORDS["ja"]) == ja
    assert format_date(value, WORDS["en"]) == en


@pytest.mark.parametrize(
    "year, ja, en",
    [
        (2019, "令和元年度（2019年度）", "FY2019"),
        (2018, "平成30年度（2018年度）", "FY2018"),
        (2022, "令和4年度（2022年度）", "FY2022"),
        (1989, "平成元年度（1989年度）", "FY1989"),
        (1988, "昭和63年度（1988年度）", "FY1988"),
    ],
)
def test_fiscal_years(year, ja, en):
    assert format_fiscal_year(year, WORDS["ja"]) == ja
    assert format_fiscal_year(year, WORDS["en"]) == en


def test_periods():
    assert format_period((11, 12), (11, 25), WORDS["en"]) == "12–25 November every year"
    assert format_period((11, 12), (11, 25), WORDS["ja"]) == "毎年11月12日～25日"
    assert format_period((7, None), (7, None), WORDS["en"]) == "every July"
    assert format_period((7, None), (7, None), WORDS["ja"]) == "毎年7月"
    assert format_period((2, None), (5, None), WORDS["en"]) == "February to May every year"
    assert format_period((2, None), (5, None), WORDS["ja"]) == "毎年2月～5月"
    # Over the new year, from a day to a day; on one day of the year.
    assert format_period((12, 20), (1, 10), WORDS["en"]) == "20 December to 10 January every year"
    assert format_period((12, 20), (1, 10), WORDS["ja"]) == "毎年12月20日～1月10日"
    assert format_period((11, 12), (11, 12), WORDS["en"]) == "every 12 November"
    assert format_period((11, 12), (11, 12), WORDS["ja"]) == "毎年11月12日"


# The words and their order are the labels', not the formatter's: another wording of a
# label changes the dates it writes, and a pattern without {era} writes no era.
def test_the_patterns_are_the_labels():
    changed = {"date_day": "{year}/{month}/{day}", "fiscal_year": "{era} FY{year}", "period_from_to": "{first} → {last}"}
    words = DateWords.from_labels(lambda key: changed.get(key) or _LABELS[key]["en"])
    assert format_date("2022-05-20", words) == "2022/May/20"
    assert format_date("2022-05", words) == "May 2022"
    assert format_fiscal_year(2019, words) == "令和元年 FY2019"
    assert format_period((2, None), (5, None), words) == "February → May"


def test_impossible_dates_raise():
    with pytest.raises(ValueError):
        format_date("2022-02-30", WORDS["ja"])
    with pytest.raises(ValueError):
        format_date("2022-13", WORDS["en"])


def test_iso():
    assert iso("2020-01") == "2020-01"
    assert iso("2022-05-20") == "2022-05-20"
