"""Every address of the generated site, in one place: the page path of each kind of page,
the shared files (open data, feeds, schemas, PDF editions) and the anchors other pages
link to.

A page path is the page's source path without language or extension (`ministries/npa`,
`plans/plan-2022/index`), as `pages` declares the page and `links.SiteMap` checks and
turns it into a relative address. Nothing else in plansite, the templates, the hooks or
the overrides spells one: they ask here (as Material's blog plugin formats every one of
its addresses in its `_format_path_for_*` functions).
"""

from __future__ import annotations

from typing import Any

from .links import page_url

# -----------------------------------------------------------------------------
# Functions: pages
# -----------------------------------------------------------------------------


# The home page of a language.
def home() -> str:
    """The home page of a language."""
    return "index"


# The list of every plan, with the history of the plans.
def plans() -> str:
    """The list of every plan, with the history of the plans."""
    return "plans/index"


# A plan's outline page.
def plan(plan: Any) -> str:
    """A plan's outline page."""
    return f"{_plan_folder(plan)}/index"


# A plan's full text on one page.
def full_text(plan: Any) -> str:
    """A plan's full text on one page."""
    return f"{_plan_folder(plan)}/full-text"


# The list of a plan's pillars.
def pillars(plan: Any) -> str:
    """The list of a plan's pillars."""
    return f"{_plan_folder(plan)}/pillars/index"


# A pillar's page, with its measures.
def pillar(pillar: Any) -> str:
    """A pillar's page, with its measures."""
    return f"{_plan_folder(pillar.plan)}/pillars/{pillar.slug}"


# The list of a plan's measures.
def measures(plan: Any) -> str:
    """The list of a plan's measures."""
    return f"{_plan_folder(plan)}/measures/index"


# A measure's page.
def measure(measure: Any) -> str:
    """A measure's page."""
    return f"{_plan_folder(measure.plan)}/measures/{measure.slug}"


# The index of a collection (ministries, awareness-months, reports, meetings).
def collection(folder: str) -> str:
    """The index of a collection (ministries, awareness-months, reports, meetings)."""
    return f"{folder}/index"


# An item of a collection: ministries/npa, reports/fy2019, ...
def item(folder: str, item: Any) -> str:
    """An item of a collection: ministries/npa, reports/fy2019, ..."""
    return f"{folder}/{item.id}"


# The list of ministries, with the matrix of their measures by pillar.
def ministries() -> str:
    """The list of ministries, with the matrix of their measures by pillar."""
    return collection(MINISTRIES)


# A ministry's page: its measures, plan by plan.
def ministry(ministry: Any) -> str:
    """A ministry's page: its measures, plan by plan."""
    return item(MINISTRIES, ministry)


# The list of awareness months, with their calendar.
def months() -> str:
    """The list of awareness months, with their calendar."""
    return collection(MONTHS)


# An awareness month (a campaign) page.
def month(month: Any) -> str:
    """An awareness month (a campaign) page."""
    return item(MONTHS, month)


# The list of progress reports.
def reports() -> str:
    """The list of progress reports."""
    return collection(REPORTS)


# A progress report's page, item by item.
def report(report: Any) -> str:
    """A progress report's page, item by item."""
    return item(REPORTS, report)


# The list of meetings.
def meetings() -> str:
    """The list of meetings."""
    return collection(MEETINGS)


# A meeting's page.
def meeting(meeting: Any) -> str:
    """A meeting's page."""
    return item(MEETINGS, meeting)


# Which texts are official, reference or English only.
def translation_status() -> str:
    """Which texts are official, reference or English only."""
    return "translation-status"


# The open data, feeds and schemas page.
def open_data() -> str:
    """The open data, feeds and schemas page."""
    return "open-data"


# The measures finder (docs/assets/finder.js works on it).
def finder() -> str:
    """The measures finder (docs/assets/finder.js works on it)."""
    return "finder"


# The help page (where to get help now; the header and footer link to it).
def help() -> str:  # noqa: A001 - the page's name
    """The help page (where to get help now; the header and footer link to it)."""
    return "help"


# About this site and its translations (written by hand in docs/; the reference-translation
# notice links to it).
def about() -> str:
    """About this site and its translations (written by hand in docs/)."""
    return "about"


# The accessibility statement (written by hand in docs/).
def accessibility() -> str:
    """The accessibility statement (written by hand in docs/)."""
    return "accessibility"


# The accessibility test results, made from data/accessibility-results.yaml.
def accessibility_results() -> str:
    """The accessibility test results, made from data/accessibility-results.yaml."""
    return "accessibility-results"


# The site policy (copyright, licence, links, disclaimer), written in docs/.
def site_policy() -> str:
    """The site policy (copyright, licence, links, disclaimer), written in docs/."""
    return "site-policy"


# The privacy policy, written in docs/.
def privacy() -> str:
    """The privacy policy, written in docs/."""
    return "privacy"


# -----------------------------------------------------------------------------
# Functions: files shared by the languages
# -----------------------------------------------------------------------------


# A language's Atom feed, in that language's folder ('' or 'ja/').
def feed(folder: str) -> str:
    """A language's Atom feed, in that language's folder ('' or 'ja/')."""
    return f"{folder}feed.xml"


# An open data file (measures.json, datapackage.json, ...).
def data_file(name: str) -> str:
    """An open data file (measures.json, datapackage.json, ...)."""
    return f"data/{name}"


# A JSON Schema of the data files.
def schema(name: str) -> str:
    """A JSON Schema of the data files."""
    return f"schemas/{name}"


# A plan's PDF edition, beside the plan's pages.
def pdf(plan_id: str, file_name: str) -> str:
    """A plan's PDF edition, beside the plan's pages."""
    return f"plans/{plan_id}/{file_name}"


# -----------------------------------------------------------------------------
# Functions: addresses within the site and anchors
# -----------------------------------------------------------------------------


# A page's address below its language's home: plans/plan-2022/ (feeds, data/updates.yaml).
def address(path: str) -> str:
    """A page's address below its language's home: plans/plan-2022/ (feeds, data/updates.yaml)."""
    return page_url(path)


# The page at an address within the site, as data/updates.yaml writes it ('',
# 'reports/fy2019/', 'plans/plan-2022/'): the inverse of `address`, given the pages.
def from_address(link: str, pages: frozenset[str] | set[str]) -> str:
    """Map an address within the site to its page path (`index` pages where there is no page)."""
    bare = link.strip("/")
    if not bare:
        return home()
    return bare if bare in pages else f"{bare}/index"


# A pillar's section on its plan's page, its full text and a report (pillar-3).
def pillar_section(pillar: Any) -> str:
    """A pillar's section on its plan's page, its full text and a report (pillar-3)."""
    return f"pillar-{pillar.number}"


# A pillar's measures in a list of several plans' measures (a ministry's page, a plan's
# measures): plan-2022-pillar-3.
def pillar_group(pillar: Any) -> str:
    """A pillar's measures in a list of several plans' measures (a ministry's page, a plan's measures): ..."""
    return f"{pillar.plan.id}-{pillar_section(pillar)}"


# A report's item, linked from the measures and meetings it covers.
def report_item(item: Any) -> str:
    """A report's item, linked from the measures and meetings it covers."""
    return f"item-{item.index}"


# A situation's section on the help page (danger, abuse, ...), which its list of the
# other situations links to.
def help_situation(situation: str) -> str:
    """A situation's section on the help page."""
    return f"help-{situation}"


# The help page's section on browsing without leaving a trace.
def help_no_trace() -> str:
    """The help page's section on browsing without leaving a trace."""
    return "no-trace"


# The pages and file the theme's own templates (overrides/) link to, by the name they
# use (config.extra.urls.<name>), for a language whose pages are in `folder`.
def theme_links(folder: str) -> dict[str, str]:
    """The pages and file the theme's own templates (overrides/) link to, by the name they use ..."""
    return {"help": help(), "accessibility": accessibility(), "site_policy": site_policy(), "privacy": privacy(), "feed": feed(folder)}


# The feeds' section of the open data page.
FEEDS = "feeds"

# -----------------------------------------------------------------------------
# Helper functions and folders
# -----------------------------------------------------------------------------

MINISTRIES = "ministries"
MONTHS = "awareness-months"
REPORTS = "reports"
MEETINGS = "meetings"


def _plan_folder(plan: Any) -> str:
    return f"plans/{plan.id}"
