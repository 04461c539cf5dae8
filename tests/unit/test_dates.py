"""The site's one date formatter, in both languages and across the era boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

import yaml
from helpers import ROOT

from plansite.dates import format_date, format_fiscal_year, format_period, iso

# The month names the site writes dates with: data/labels.yaml, month_1 ... month_12.
_LABELS = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))
MONTHS = {lang: [_LABELS[f"month_{n}"][lang] for n in range(1, 13)] for lang in ("en", "ja")}


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
    assert format_date(value, "ja", MONTHS["ja"]) == ja
    assert format_date(value, "en", MONTHS["en"]) == en


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
    assert format_fiscal_year(year, "ja") == ja
    assert format_fiscal_year(year, "en") == en


def test_periods():
    assert format_period((11, 12), (11, 25), "en", MONTHS["en"]) == "12–25 November every year"
    assert format_period((11, 12), (11, 25), "ja", MONTHS["ja"]) == "毎年11月12日～25日"
    assert format_period((7, None), (7, None), "en", MONTHS["en"]) == "every July"
    assert format_period((7, None), (7, None), "ja", MONTHS["ja"]) == "毎年7月"
    assert format_period((2, None), (5, None), "en", MONTHS["en"]) == "February to May every year"
    assert format_period((2, None), (5, None), "ja", MONTHS["ja"]) == "毎年2月～5月"


def test_impossible_dates_raise():
    with pytest.raises(ValueError):
        format_date("2022-02-30", "ja", MONTHS["ja"])
    with pytest.raises(ValueError):
        format_date("2022-13", "en", MONTHS["en"])


def test_iso():
    assert iso("2020-01") == "2020-01"
    assert iso("2022-05-20") == "2022-05-20"
