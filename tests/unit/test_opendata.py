"""opendata, in-process on the small data set: JSON, CSV, the data package, the calendar, the feed."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import xml.etree.ElementTree as ET

from plansite import opendata

STAMP = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def _csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel in Japan needs
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


# One row per measure, both languages, ministries by code; JSON and CSV say the same.
def test_measures_as_json_and_csv(small_catalogue):
    rows = _csv(opendata.table_csv(small_catalogue, opendata.MEASURES))
    assert len(rows) == 3
    document = json.loads(opendata.table_json(small_catalogue, opendata.MEASURES))
    assert document["title"] == {"en": "Small Site", "ja": "小さなサイト"}
    assert document["license"]["id"] == "cc-by-4.0"
    records = document[opendata.MEASURES.key]
    assert len(records) == 3
    assert set(rows[0]) == {column.name for column in opendata.MEASURES.columns}


# A cell a spreadsheet would run as a formula is made text.
def test_spreadsheet_safe():
    assert opendata.spreadsheet_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert opendata.spreadsheet_safe("-1") == "'-1"
    assert opendata.spreadsheet_safe("@x") == "'@x"
    assert opendata.spreadsheet_safe("plain") == "plain"
    assert opendata.spreadsheet_safe(3) == "3"


# The data package describes every file it lists with its true size and hash.
def test_the_data_package_describes_the_files(small_catalogue):
    files = opendata.data_files(small_catalogue, STAMP)
    package = json.loads(files["datapackage.json"])
    assert package["resources"]
    for resource in package["resources"]:
        content = files[resource["path"]]
        raw = content.encode("utf-8") if isinstance(content, str) else content
        assert resource["bytes"] == len(raw)
        assert resource["hash"] == hashlib.md5(raw).hexdigest()  # Data Package v1: MD5 without a prefix
    assert {table.name + ".csv" for table in opendata.TABLES} <= {r["path"] for r in package["resources"]}


# The awareness month as a yearly event from its first to its last day.
def test_the_calendar(small_catalogue):
    ics = opendata.awareness_ics(small_catalogue, STAMP).decode("utf-8")
    assert ics.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Spring Safety Month / 春の安全月間" in ics
    assert "DTSTART;VALUE=DATE:20220406" in ics
    assert "DTEND;VALUE=DATE:20220516" in ics  # the day after the last, as iCalendar counts
    assert "RRULE:FREQ=YEARLY" in ics


# The feed is well-formed Atom with absolute links into the site's language folder.
def test_the_feed(small_session):
    feed = opendata.atom_feed(small_session.env, small_session.catalogue, "ja", "https://example.org/site/", "ja/", small_session.prose.inline)
    root = ET.fromstring(feed)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert entries
    for entry in entries:
        href = entry.find("a:link", ns).get("href")
        assert href.startswith("https://example.org/site/ja/"), href
