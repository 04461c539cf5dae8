"""Open data and feeds: the plans' data as JSON and CSV with a Frictionless Data Package,
the awareness months as iCalendar, Atom feeds.

Pure functions from the catalogue to file contents; the MkDocs hook only writes them.
Every table (measures, report items, meetings, ministries, awareness months) is defined
once, as columns, and that one definition makes its CSV and its Table Schema in
data/datapackage.json. The JSON files keep every text exactly as the data has it; the
CSV files neutralise the cells a spreadsheet would run as a formula (`spreadsheet_safe`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import json
import re
from dataclasses import dataclass
from typing import Any, Callable

import icalendar
import jinja2

from . import dates, paths, wording
from .languages import NAME_SEPARATOR, WRITTEN
from .model import Catalogue, Licence, Text

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a CSV file, as its Table Schema describes it."""

    name: str
    type: str  # a Table Schema type: string or integer
    description: str
    value: Callable[[Any], object]


@dataclass(frozen=True)
class Table:
    """One data set: its rows as CSV columns, its records as JSON."""

    name: str  # data/<name>.csv and data/<name>.json
    primary_key: list[str]
    columns: list[Column]
    rows: Callable[[Catalogue], list[Any]]
    record: Callable[[Any], dict[str, Any]]

    # The label (data/labels.yaml) that names the data set on the open data page.
    @property
    def label(self) -> str:
        """The label that names the data set on the open data page."""
        return "open_data_" + self.name.replace("-", "_")

    # The JSON document's list of records: measures, awareness_months ...
    @property
    def key(self) -> str:
        """The name of the list of records in the table's JSON document."""
        return self.name.replace("-", "_")


# Cells a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# A text as JSON: the same keys in every language, null where a translation is missing.
def _pair(text: Text | None) -> dict[str, str | None] | None:
    return {lang: text.get(lang) for lang in WRITTEN} if text else None


# Columns <name>_en, <name>_ja ... for a text in every language.
def _texts(name: str, what: str, get: Callable[[Any], Text | None]) -> list[Column]:
    return [
        Column(f"{name}_{lang}", "string", f"{what} ({lang}; empty where there is none).", lambda row, lang=lang: (get(row) and get(row).get(lang)) or "")
        for lang in WRITTEN
    ]


# Columns of ministry codes, and of their names in every language.
def _ministry_columns(name: str, what: str, get: Callable[[Any], list]) -> list[Column]:
    codes = Column(name, "string", f"Codes of {what}, separated by spaces (see ministries.csv).", lambda row: " ".join(m.id for m in get(row)))
    names = [
        Column(f"{name}_{lang}", "string", f"Names of {what} ({lang}).", lambda row, lang=lang: NAME_SEPARATOR.get(lang, "; ").join(m.name.get(lang) for m in get(row)))
        for lang in WRITTEN
    ]
    return [codes, *names]


_STATUS = Column("ja_status", "string", "Whose Japanese this is: reference (this site's translation) or official.", lambda row: row.ja_status)

MEASURES = Table(
    name="measures",
    primary_key=["id"],
    columns=[
        Column("plan", "string", "The plan's code.", lambda m: m.plan.id),
        *_texts("plan_title", "The plan's title", lambda m: m.plan.title),
        Column("pillar", "integer", "The number of the pillar the measure is under.", lambda m: m.pillar.number),
        Column("subsection", "integer", "The number of the sub-section, where the pillar has them.", lambda m: m.subsection.number if m.subsection else ""),
        Column("number", "integer", "The measure's number in its pillar (or sub-section).", lambda m: m.number),
        Column("id", "string", "The measure's code: plan/pillar-number.", lambda m: m.ref),
        *_texts("title", "The measure's title", lambda m: m.title),
        *_ministry_columns("ministries", "the responsible ministries", lambda m: m.ministries),
        _STATUS,
    ],
    rows=lambda c: c.measures,
    record=lambda m: {
        "id": m.ref,
        "plan": m.plan.id,
        "plan_title": _pair(m.plan.title),
        "pillar": m.pillar.number,
        "pillar_title": _pair(m.pillar.title),
        "subsection": m.subsection.number if m.subsection else None,
        "number": m.number,
        "title": _pair(m.title),
        "ministries": [x.id for x in m.ministries],
        "ministry_names": [_pair(x.name) for x in m.ministries],
        "awareness_months": [x.id for x in m.months],
        "continues": [x.ref for x in m.continues],
        "ja_status": m.ja_status,
    },
)

REPORTS = Table(
    name="reports",
    primary_key=["report", "item"],
    columns=[
        Column("report", "string", "The report's code.", lambda i: i.report.id),
        Column("fiscal_year", "integer", "The fiscal year reported on (FY2019 = April 2019 to March 2020).", lambda i: i.report.fiscal_year),
        *_texts("report_title", "The report's title", lambda i: i.report.title),
        Column("plan", "string", "The plan the report is on.", lambda i: i.report.plan.id),
        Column("item", "integer", "The item's place in the report.", lambda i: i.index),
        Column("pillar", "integer", "The pillar of the plan the item is filed under.", lambda i: i.pillar.number),
        *_texts("heading", "The heading the report files the item under", lambda i: i.heading),
        *_texts("text", "What was done", lambda i: i.text),
        Column("when", "string", "When it was done: YYYY-MM or YYYY-MM-DD, where the report says.", lambda i: i.when or ""),
        *_ministry_columns("ministries", "the ministries that did it", lambda i: i.ministries),
        Column("measures", "string", "Codes of the measures (measures.csv) the item reports on, separated by spaces.", lambda i: " ".join(m.ref for m in i.measures)),
        Column("meeting", "string", "The meeting (meetings.csv) the item is about, if any.", lambda i: i.meeting.id if i.meeting else ""),
        Column("ja_status", "string", "Whose Japanese this is: reference (this site's translation) or official.", lambda i: i.report.ja_status),
    ],
    rows=lambda c: [item for report in c.reports for item in report.items],
    record=lambda i: {
        "report": i.report.id,
        "fiscal_year": i.report.fiscal_year,
        "report_title": _pair(i.report.title),
        "plan": i.report.plan.id,
        "item": i.index,
        "pillar": i.pillar.number,
        "heading": _pair(i.heading),
        "text": _pair(i.text),
        "when": i.when,
        "ministries": [m.id for m in i.ministries],
        "measures": [m.ref for m in i.measures],
        "meeting": i.meeting.id if i.meeting else None,
        "ja_status": i.report.ja_status,
    },
)

MEETINGS = Table(
    name="meetings",
    primary_key=["id"],
    columns=[
        Column("id", "string", "The meeting's code.", lambda m: m.id),
        Column("date", "string", "When it was held: YYYY-MM-DD, or YYYY-MM where only the month is known.", lambda m: m.date),
        *_texts("title", "The meeting's title", lambda m: m.title),
        *_texts("venue", "Where it was held", lambda m: m.venue),
        Column("organiser", "string", "The organising ministry (ministries.csv), if known.", lambda m: m.organiser.id if m.organiser else ""),
        *_texts("summary", "What it was", lambda m: m.summary),
        _STATUS,
    ],
    rows=lambda c: c.meetings,
    record=lambda m: {
        "id": m.id,
        "date": m.date,
        "title": _pair(m.title),
        "venue": _pair(m.venue),
        "organiser": m.organiser.id if m.organiser else None,
        "summary": _pair(m.summary),
        "aim": _pair(m.aim),
        "attendees": _pair(m.attendees),
        "programme": [{"title": _pair(e.title), "speaker": _pair(e.speaker), "summary": _pair(e.summary)} for e in m.programme],
        "ja_status": m.ja_status,
    },
)

MINISTRIES = Table(
    name="ministries",
    primary_key=["id"],
    columns=[
        Column("id", "string", "The ministry's code, as the other files use it.", lambda m: m.id),
        *_texts("name", "The ministry's name", lambda m: m.name),
        Column("abbr", "string", "The abbreviation the sources use, if any.", lambda m: m.abbr or ""),
    ],
    rows=lambda c: c.ministries,
    record=lambda m: {"id": m.id, "name": _pair(m.name), "abbr": m.abbr},
)

AWARENESS_MONTHS = Table(
    name="awareness-months",
    primary_key=["id"],
    columns=[
        Column("id", "string", "The campaign's code.", lambda m: m.id),
        *_texts("name", "The campaign's name", lambda m: m.name),
        Column("from_month", "integer", "The month it starts (1-12).", lambda m: m.start[0]),
        Column("from_day", "integer", "The day it starts, where it does not start on the 1st.", lambda m: m.start[1] or ""),
        Column("to_month", "integer", "The month it ends (1-12).", lambda m: m.end[0]),
        Column("to_day", "integer", "The day it ends, where it does not end with the month.", lambda m: m.end[1] or ""),
    ],
    rows=lambda c: c.months,
    record=lambda m: {
        "id": m.id,
        "name": _pair(m.name),
        "from": {"month": m.start[0], "day": m.start[1]},
        "to": {"month": m.end[0], "day": m.end[1]},
    },
)

# Every data set, in the order the open data page and the data package list them.
TABLES = [MEASURES, REPORTS, MEETINGS, MINISTRIES, AWARENESS_MONTHS]

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# A cell a spreadsheet would run as a formula gets a leading apostrophe, which makes it
# text (OWASP, CSV Injection); every other cell stays as it is.
def spreadsheet_safe(value: object) -> str:
    """The cell's text, with a leading apostrophe where a spreadsheet would run it as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


# The licence as the JSON files and the data package carry it; None while undecided.
def licence_json(licence: Licence | None) -> dict[str, Any] | None:
    """The licence as the JSON files and the data package carry it; None while undecided."""
    if licence is None:
        return None
    return {
        "id": licence.id,
        "name": _pair(licence.name),
        "url": _pair(licence.url),
        "attribution": _pair(licence.attribution),
        "attribution_edited": _pair(licence.attribution_edited),
    }


# One record per row of a table, in both languages.
def records(catalogue: Catalogue, table: Table) -> list[dict[str, Any]]:
    """One record (a dict, both languages) per row of `table`."""
    return [table.record(row) for row in table.rows(catalogue)]


# data/<table>.json: the records, with the site's name and the licence.
def table_json(catalogue: Catalogue, table: Table) -> str:
    """data/<table>.json: the records, with the site's name and the licence."""
    document = {
        "title": _pair(catalogue.site_name),
        "license": licence_json(catalogue.licence),
        table.key: records(catalogue, table),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# data/<table>.csv: one value per cell, every cell quoted, formulas neutralised, UTF-8
# with a BOM so that Excel in Japan reads it.
def table_csv(catalogue: Catalogue, table: Table) -> bytes:
    """data/<table>.csv: UTF-8 with a BOM, every cell quoted, formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([column.name for column in table.columns])
    for row in table.rows(catalogue):
        writer.writerow([spreadsheet_safe(column.value(row)) for column in table.columns])
    return out.getvalue().encode("utf-8-sig")


# Every data file under data/ (by its name there): JSON and CSV per table, the calendar,
# and datapackage.json describing them all, with their sizes and hashes.
def data_files(catalogue: Catalogue, stamp: dt.datetime) -> dict[str, str | bytes]:
    """Every open data file by its name under data/: JSON, CSV, calendar, datapackage.json."""
    files: dict[str, str | bytes] = {}
    for table in TABLES:
        files[f"{table.name}.json"] = table_json(catalogue, table)
        files[f"{table.name}.csv"] = table_csv(catalogue, table)
    files["awareness-months.ics"] = awareness_ics(catalogue, stamp)
    files["datapackage.json"] = datapackage(catalogue, files)
    return files


# The Frictionless Data Package (v1) of the open data: each CSV with its Table Schema, each
# JSON and the calendar as files; the licence and its attribution example.
def datapackage(catalogue: Catalogue, files: dict[str, str | bytes]) -> str:
    """datapackage.json (Frictionless Data Package v1) describing `files`."""
    name = catalogue.site_name
    resources = []
    for table in TABLES:
        title = catalogue.label(table.label)
        resources.append({
            "name": table.name,
            "title": " / ".join(title.or_source(lang) for lang in WRITTEN),
            "path": f"{table.name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "profile": "tabular-data-resource",
            "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\r\n", "header": True},
            "schema": {
                "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in table.columns],
                "primaryKey": table.primary_key,
                "missingValues": [""],
            },
            **_size(files[f"{table.name}.csv"]),
        })
        resources.append({
            "name": f"{table.name}-json",
            "title": " / ".join(title.or_source(lang) for lang in WRITTEN) + " (JSON)",
            "path": f"{table.name}.json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            **_size(files[f"{table.name}.json"]),
        })
    resources.append({
        "name": "awareness-months-calendar",
        "path": "awareness-months.ics",
        "format": "ics",
        "mediatype": "text/calendar",
        **_size(files["awareness-months.ics"]),
    })
    licence = catalogue.licence
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": re.sub(r"[^a-z0-9]+", "-", name.source.lower()).strip("-"),
        "title": " / ".join(name.or_source(lang) for lang in WRITTEN),
    }
    if licence:
        package["licenses"] = [{"path": licence.url.get(lang), "title": licence.name.get(lang)} for lang in WRITTEN]
        package["attribution"] = _pair(licence.attribution)
        package["attribution_edited"] = _pair(licence.attribution_edited)
    package["resources"] = resources
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


# /data/awareness-months.ics: one yearly recurring event per campaign, named in both languages.
def awareness_ics(catalogue: Catalogue, stamp: dt.datetime) -> bytes:
    """The awareness months as an iCalendar file of yearly events."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{catalogue.site_name.source}//awareness months//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", " / ".join(catalogue.label("awareness_months").get(lang) for lang in WRITTEN))
    year = int(catalogue.current_plan.decided[:4])
    for month in catalogue.months:
        start = dt.date(year, month.start[0], month.start[1] or 1)
        end_year = year + (1 if month.end[0] < month.start[0] else 0)
        if month.end[1]:
            end = dt.date(end_year, month.end[0], month.end[1]) + dt.timedelta(days=1)
        else:
            end = dt.date(end_year + month.end[0] // 12, month.end[0] % 12 + 1, 1)
        event = icalendar.Event()
        event.add("uid", f"{month.id}@awareness-months")
        event.add("summary", " / ".join(month.name.get(lang) for lang in WRITTEN))
        event.add("description", " / ".join(dates.format_period(month.start, month.end, catalogue.date_words(lang)) for lang in WRITTEN))
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("dtstamp", stamp)
        event.add("rrule", {"freq": "yearly"})
        calendar.add_component(event)
    return calendar.to_ical()


# The entries of a language's feed, newest first: the site's news (data/updates.yaml),
# every report, meeting and plan (from its own file), and every page's change notes.
# `inline` turns a text of the data (Markdown) into HTML in that language.
def feed_entries(catalogue: Catalogue, lang: str, inline: Callable[[str, str], str]) -> list[dict[str, str]]:
    """The entries of a language's feed, newest first, as dicts for the feed template."""
    def say(text: Text | None) -> str:
        return _plain(inline(text.or_source(lang), lang)) if text else ""

    def label(key: str, **values: object) -> str:
        form = catalogue.label(key)
        return wording.fill(form.or_source(lang), values)

    entries = [
        _entry(u.date, say(u.text), say(u.text), u.link or "", f"news-{n}")
        for n, u in enumerate(catalogue.updates, 1)
    ]
    pages: list[tuple[str, Any, str]] = []
    for plan in catalogue.plans:
        summary = label("feed_plan_summary", date=dates.format_date(plan.decided, catalogue.date_words(lang)), by=say(plan.decided_by))
        entries.append(_entry(plan.decided, say(plan.title), summary, paths.address(paths.plan(plan)), "decided"))
        pages.append((paths.address(paths.plan(plan)), plan, say(plan.short_title)))
    for report in catalogue.reports:
        summary = label("feed_report_summary", year=dates.format_fiscal_year(report.fiscal_year, catalogue.date_words(lang)), plan=say(report.plan.short_title), n=len(report.items))
        entries.append(_entry(report.published, say(report.title), summary, paths.address(paths.report(report)), "published"))
        pages.append((paths.address(paths.report(report)), report, say(report.title)))
    for meeting in catalogue.meetings:
        entries.append(_entry(meeting.date, say(meeting.title), say(meeting.summary), paths.address(paths.meeting(meeting)), "held"))
        pages.append((paths.address(paths.meeting(meeting)), meeting, say(meeting.title)))
    for measure in catalogue.measures:
        pages.append((paths.address(paths.measure(measure)), measure, say(measure.title)))
    for path, owner, title in pages:
        for n, change in enumerate(owner.changes, 1):
            entries.append(_entry(change.date, label("feed_change_title", title=title), say(change.note), path, f"change-{change.date}-{n}"))
    return sorted(entries, key=lambda e: (e["date"], e["path"], e["id"]), reverse=True)


# An Atom feed for one language, from the template in hooks/templates/feed.xml.j2.
def atom_feed(env: jinja2.Environment, catalogue: Catalogue, lang: str, base_url: str, folder: str, inline: Callable[[str, str], str]) -> str:
    """The Atom feed of one language, with absolute links under `base_url` + `folder`."""
    entries = feed_entries(catalogue, lang, inline)
    home = f"{base_url}{folder}"
    template = env.get_template("feed.xml.j2")
    return template.render(
        lang=lang,
        title=catalogue.site_name.or_source(lang),
        home=home,
        self_url=f"{home}{paths.feed('')}",
        author=catalogue.office.or_source(lang),
        updated=entries[0]["date"] if entries else catalogue.current_plan.decided,
        entries=[dict(e, url=f"{home}{e['path']}") for e in entries],
    )


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# A feed entry; a month without a day is dated on its first day (Atom needs a full date).
def _entry(date: str, title: str, summary: str, path: str, id_: str) -> dict[str, str]:
    day = dates.iso(date)
    return {"date": day if len(day) > 7 else f"{day}-01", "title": title, "summary": summary, "path": path, "id": id_}


# The text of a piece of HTML, for the feeds' plain-text titles and summaries.
def _plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(markup))).split())


def _size(content: str | bytes) -> dict[str, Any]:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return {"bytes": len(raw), "hash": hashlib.md5(raw).hexdigest()}
