"""The open data: every data set as JSON and CSV, described by a Frictionless Data Package,
under the licence set in data/site.yaml, with its attribution example in both languages."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from helpers import build_site
from frictionless import validate
from pagetools import address, file_of, lang_of, read, resolve

from plansite import opendata, paths
from plansite.problems import DataError
from plansite.validate import check

PDL_JA = "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0"
PDL_EN = "https://www.digital.go.jp/en/resources/open_data/public_data_license_v1.0"


def rows_of(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), path
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


# The published files pass the Frictionless validator: every CSV matches its Table Schema
# (types, primary keys) and every file its recorded size and hash.
def test_data_package_validates_with_frictionless(site):
    report = validate(site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    names = {resource["name"] for resource in package["resources"]}
    for table in ("measures", "reports", "meetings", "ministries", "awareness-months"):
        assert {table, f"{table}-json"} <= names


# A file changed after the build no longer matches the package: the check has teeth.
def test_data_package_notices_a_changed_file(site, tmp_path):
    copy = tmp_path / "data"
    copy.mkdir()
    for file in (site / "data").iterdir():
        (copy / file.name).write_bytes(file.read_bytes())
    ministries = copy / "ministries.csv"
    ministries.write_bytes(ministries.read_bytes().replace(b'"npa"', b'"npx"'))
    assert not validate(copy / "datapackage.json").valid


# Each data set as JSON and as CSV (UTF-8 with BOM), with one record per thing.
@pytest.mark.parametrize("name, key, count", [
    ("measures", "measures", lambda c: len(c.measures)),
    ("reports", "reports", lambda c: sum(len(r.items) for r in c.reports)),
    ("meetings", "meetings", lambda c: len(c.meetings)),
    ("ministries", "ministries", lambda c: len(c.ministries)),
    ("awareness-months", "awareness_months", lambda c: len(c.months)),
])
def test_every_data_set_as_json_and_csv(site, catalogue, name, key, count):
    document = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert len(document[key]) == count(catalogue)
    assert len(rows_of(site / "data" / f"{name}.csv")) == count(catalogue)


# Report items name the measures they report on, in both forms.
def test_report_items_link_measures(site, catalogue):
    report = catalogue.reports[0]
    item = report.items[0]
    rows = rows_of(site / "data" / "reports.csv")
    row = next(r for r in rows if r["report"] == report.id and r["item"] == "1")
    assert row["measures"].split() == [m.ref for m in item.measures]
    assert row["text_ja"] == item.text.ja
    records = json.loads((site / "data" / "reports.json").read_text(encoding="utf-8"))["reports"]
    assert records[0]["measures"] == [m.ref for m in item.measures]


# Every JSON file and the package carry the licence and how to credit the source.
def test_json_and_package_carry_the_licence(site, catalogue):
    licence = catalogue.licence
    assert licence.id == "pdl-1.0"
    for table in opendata.TABLES:
        document = json.loads((site / "data" / f"{table.name}.json").read_text(encoding="utf-8"))
        assert document["license"]["id"] == "pdl-1.0"
        assert document["license"]["url"] == {"en": PDL_EN, "ja": PDL_JA}
        assert document["license"]["attribution"]["ja"].startswith("出典：「子供の性被害防止対策」（警察庁）")
        assert document["license"]["attribution"]["en"].startswith('Source: "Measures against Child Sexual Exploitation" (National Police Agency)')
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert {entry["path"] for entry in package["licenses"]} == {PDL_EN, PDL_JA}
    assert package["attribution"]["ja"] == licence.attribution.ja


# The open data page names the licence, links its text, and gives the attribution examples
# (plain and edited) in both languages, on the page of each language.
@pytest.mark.parametrize("prefix, licence_name, licence_url", [
    ("", "Public Data License (Version 1.0) (PDL1.0)", PDL_EN),
    ("ja/", "公共データ利用規約（第1.0版）（PDL1.0）", PDL_JA),
])
def test_open_data_page_gives_the_licence_and_attribution(site, catalogue, prefix, licence_name, licence_url):
    url = address(lang_of(prefix), paths.open_data())
    page = read(file_of(site, url))
    text = " ".join("".join(page.article_text).split())
    licence = catalogue.licence
    assert licence_name in text
    assert licence_url in page.article_links
    for example in (licence.attribution, licence.attribution_edited):
        assert example.ja in text and example.en in text
    assert "出典：「子供の性被害防止対策」（警察庁）（当該ページのURL）、PDL1.0（" + PDL_JA + "）" in text
    targets = {resolve(url, href) for href in page.article_links}
    for table in opendata.TABLES:
        assert {paths.data_file(f"{table.name}.json"), paths.data_file(f"{table.name}.csv")} <= targets
    assert paths.data_file("datapackage.json") in targets


# The licence is one line of data/site.yaml: another known licence changes the page and the
# data; null says it is undecided; an unknown code is refused with its file and line.
def test_the_licence_is_one_line(project, tmp_path):
    site_yaml = project / "data/site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    site_yaml.write_text(text.replace("licence: pdl-1.0", "licence: cc-by-4.0"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    document = json.loads((tmp_path / "site/data/measures.json").read_text(encoding="utf-8"))
    assert document["license"]["id"] == "cc-by-4.0"
    ja = " ".join("".join(read(file_of(tmp_path / "site", address("ja", paths.open_data()))).article_text).split())
    assert "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）" in ja and "PDL1.0" not in ja

    site_yaml.write_text(text.replace("licence: pdl-1.0", "licence: pdl-9"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        check(project / "data", project)
    line = text[: text.index("licence: pdl-1.0")].count("\n") + 1
    assert f"data/site.yaml:{line}: licence: unknown licence 'pdl-9'" in str(caught.value)

    site_yaml.write_text(text.replace("licence: pdl-1.0", "licence: null"), encoding="utf-8")
    assert check(project / "data", project).licence is None


# Cells a spreadsheet would run as formulas are neutralised with a leading apostrophe
# (OWASP); nothing else changes.
@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+81 3", "'+81 3"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTab", "'\tTab"), ("\rCR", "'\rCR"), ("Plain", "Plain"), ("a=b", "a=b"), (12, "12"),
])
def test_spreadsheet_safe(value, expected):
    assert opendata.spreadsheet_safe(value) == expected


# A measure title written as a formula: the CSV cell starts with an apostrophe (and stays
# one quoted cell), the JSON keeps the exact text, the package still validates.
def test_a_formula_in_the_data_is_neutralised_in_csv_only(project, tmp_path):
    formula = '=HYPERLINK("https://example.com/?x=1","Click here")'
    measure = project / "data/measures/plan-2022/1-1.yaml"
    text = measure.read_text(encoding="utf-8")
    old_en = re.search(r"^  en: (.+)$", text, re.M).group(1)
    old_ja = re.search(r"^  ja: (.+)$", text, re.M).group(1)
    text = text.replace(old_en, "'" + formula.replace("'", "''") + "'", 1).replace(old_ja, "'@" + old_ja + "'", 1)
    measure.write_text(text, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    data = tmp_path / "site" / "data"
    row = next(r for r in rows_of(data / "measures.csv") if r["id"] == "plan-2022/1-1")
    assert row["title_en"] == "'" + formula
    assert row["title_ja"] == "'@" + old_ja
    assert b'"\'=HYPERLINK(""https://example.com/?x=1"",""Click here"")"' in (data / "measures.csv").read_bytes()
    record = next(m for m in json.loads((data / "measures.json").read_text(encoding="utf-8"))["measures"] if m["id"] == "plan-2022/1-1")
    assert record["title"] == {"en": formula, "ja": "@" + old_ja}
    assert validate(data / "datapackage.json").valid
