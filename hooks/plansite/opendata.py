"""Open data and feeds: measures as JSON and CSV, the awareness months as iCalendar, Atom feeds.

Pure functions from the catalogue to file contents; the MkDocs hook only writes them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import icalendar
import jinja2

from . import dates
from .model import Catalogue, Measure

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# One record per measure of every plan, in both languages.
def measure_records(catalogue: Catalogue) -> list[dict[str, Any]]:
    return [_record(measure) for measure in catalogue.measures]


# /data/measures.json: the records with what they are and their license.
def measures_json(catalogue: Catalogue) -> str:
    document = {
        "title": {"en": catalogue.site_name.en, "ja": catalogue.site_name.ja},
        "license": catalogue.site.get("license"),
        "measures": measure_records(catalogue),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = [
    "plan", "plan_title_en", "plan_title_ja", "pillar", "subsection", "number", "id",
    "title_en", "title_ja", "ministries", "ministries_en", "ministries_ja", "ja_status",
]


# /data/measures.csv: one value per cell, UTF-8 with a BOM so that Excel in Japan reads it.
def measures_csv(catalogue: Catalogue) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in measure_records(catalogue):
        writer.writerow([
            record["plan"], record["plan_title"]["en"], record["plan_title"]["ja"], record["pillar"],
            record["subsection"] or "", record["number"], record["id"], record["title"]["en"], record["title"]["ja"],
            " ".join(record["ministries"]),
            "; ".join(m["en"] for m in record["ministry_names"]),
            "、".join(m["ja"] for m in record["ministry_names"]),
            record["ja_status"],
        ])
    return out.getvalue().encode("utf-8-sig")


# /data/awareness-months.ics: one yearly recurring event per campaign, named in both languages.
def awareness_ics(catalogue: Catalogue, stamp: dt.datetime) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{catalogue.site_name.en}//awareness months//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{catalogue.label('awareness_months').en} / {catalogue.label('awareness_months').ja}")
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
        event.add("summary", f"{month.name.en} / {month.name.ja}")
        event.add("description", f"{dates.format_period(month.start, month.end, 'en')} / {dates.format_period(month.start, month.end, 'ja')}")
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("dtstamp", stamp)
        event.add("rrule", {"freq": "yearly"})
        calendar.add_component(event)
    return calendar.to_ical()


# The entries of a language's feed: updates and meetings, newest first.
def feed_entries(catalogue: Catalogue, lang: str) -> list[dict[str, str]]:
    entries = [
        {"date": u.date, "title": u.text.get(lang) or u.text.en, "path": u.link or ""}
        for u in catalogue.updates
    ]
    entries += [
        {"date": m.date if len(m.date) > 7 else f"{m.date}-01", "title": m.title.get(lang) or m.title.en, "path": f"meetings/{m.id}/"}
        for m in catalogue.meetings
    ]
    return sorted(entries, key=lambda e: (e["date"], e["path"]), reverse=True)


# An Atom feed for one language, from the template in hooks/templates/feed.xml.j2.
def atom_feed(env: jinja2.Environment, catalogue: Catalogue, lang: str, base_url: str) -> str:
    entries = feed_entries(catalogue, lang)
    home = base_url if lang == "en" else f"{base_url}{lang}/"
    template = env.get_template("feed.xml.j2")
    return template.render(
        lang=lang,
        title=catalogue.site_name.get(lang),
        home=home,
        self_url=f"{home}feed.xml",
        author=catalogue.office.get(lang),
        updated=entries[0]["date"] if entries else catalogue.current_plan.decided,
        entries=[dict(e, url=f"{home}{e['path']}") for e in entries],
    )


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _record(measure: Measure) -> dict[str, Any]:
    return {
        "id": measure.ref,
        "plan": measure.plan.id,
        "plan_title": {"en": measure.plan.title.en, "ja": measure.plan.title.ja},
        "pillar": measure.pillar.number,
        "pillar_title": {"en": measure.pillar.title.en, "ja": measure.pillar.title.ja},
        "subsection": measure.subsection.number if measure.subsection else None,
        "number": measure.number,
        "title": {"en": measure.title.en, "ja": measure.title.ja},
        "ministries": [m.id for m in measure.ministries],
        "ministry_names": [{"en": m.name.en, "ja": m.name.ja} for m in measure.ministries],
        "awareness_months": [m.id for m in measure.months],
        "continues": [m.ref for m in measure.continues],
        "ja_status": measure.ja_status,
    }
