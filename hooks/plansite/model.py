"""The plans as Python objects: ministries, months, plans, pillars, measures, reports, meetings.

Built from data that `validate` has passed, so it trusts its input. Every cross-link
(the measures of a ministry, the reports on a measure, lineage both ways) is derived
here once, from the one place the data states it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Mapping

from . import wording
from .dates import DateWords
from .languages import SOURCE, WRITTEN
from .load import Document

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

# While a page is rendered under `make serve`, the ids of the Texts whose words it read
# (plansite.reuse sets and takes it); None otherwise.
reads: set[int] | None = None



class Text:
    """A text of the data in each language it is written in, keyed by language code
    (`en:`, `ja:` in the YAML). It always has the source language (languages.SOURCE);
    `get` answers None for a language it lacks, so that pages can fall back and say so.
    Templates and tests may read a language as an attribute (`text.ja`).

    Every read of its words goes through its methods, which note it in `reads` while
    that is a set (plansite.reuse: what a page read while it was rendered)."""

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str | None]):
        object.__setattr__(self, "_texts", tuple((lang, value) for lang, value in texts.items() if value is not None))

    # The text in a language; None where it has none.
    def get(self, lang: str) -> str | None:
        """The text in a language; None where it has none."""
        if reads is not None:
            reads.add(id(self))
        return dict(self._texts).get(lang)

    # The text in the source language, which every text has.
    @property
    def source(self) -> str:
        """The text in the source language, which every text has."""
        if reads is not None:
            reads.add(id(self))
        return dict(self._texts)[SOURCE]

    # The text in a language, or in the source language where it has none.
    def or_source(self, lang: str) -> str:
        """The text in a language, or in the source language where it has none."""
        value = self.get(lang)
        return self.source if value is None else value

    # The languages the text is written in.
    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the text is written in."""
        if reads is not None:
            reads.add(id(self))
        return tuple(lang for lang, _ in self._texts)

    def __getattr__(self, lang: str) -> str | None:
        if lang.startswith("_"):
            raise AttributeError(lang)
        return self.get(lang)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Text does not change")

    # Pickled (plansite.checked keeps the checked catalogue) as the mapping it is made from.
    def __reduce__(self) -> tuple:
        if reads is not None:
            reads.add(id(self))
        return (Text, (dict(self._texts),))

    def __eq__(self, other: object) -> bool:
        if reads is not None:
            reads.update((id(self), id(other)))
        return isinstance(other, Text) and dict(self._texts) == dict(other._texts)

    def __hash__(self) -> int:
        if reads is not None:
            reads.add(id(self))
        return hash(frozenset(self._texts))

    def __repr__(self) -> str:
        if reads is not None:
            reads.add(id(self))
        return f"Text({dict(self._texts)!r})"

    @classmethod
    def of(cls, raw: Mapping[str, str] | None) -> "Text | None":
        """Text."""
        return cls(raw) if raw else None


@dataclass(frozen=True)
class Change:
    """One entry of a page's change history (`changes:` in its data file): when and what.

    Not to be confused with the site's news (data/updates.yaml, `Update`) or with the
    date a page's files last changed in git (`plansite.last_changed`, shown as "Last updated").
    """

    date: str
    note: Text


@dataclass(frozen=True)
class Licence:
    """The licence of the content and the open data, with how to credit the source."""

    id: str
    name: Text
    url: Text
    attribution: Text  # the attribution example (出典記載例), site and publisher filled in
    attribution_edited: Text  # the same for content a reuser has edited


class _Node:
    """Objects of the plans' graph: equal only to themselves, printed by their id."""

    def __repr__(self) -> str:
        key = getattr(self, "ref", None) or getattr(self, "id", None) or getattr(self, "number", "?")
        return f"<{type(self).__name__} {key}>"


@dataclass(eq=False, repr=False)
class Ministry(_Node):
    """A ministry or agency that the plans name as responsible."""

    id: str
    name: Text
    abbr: str | None


@dataclass(eq=False, repr=False)
class Campaign(_Node):
    """An awareness month or campaign (data/awareness-months.yaml), with when it runs every year.

    Named for what it is, not "Month": its period may run over several calendar months
    (`months`). The catalogue keeps them as `Catalogue.months`, and pages as `month`,
    after the data file and the site's addresses (awareness-months/<id>/).
    """

    id: str
    name: Text
    start: tuple[int, int | None]
    end: tuple[int, int | None]

    # The calendar months (1-12) it touches, in order.
    @property
    def months(self) -> list[int]:
        """The calendar months (1-12) that the campaign touches, in order."""
        first, last = self.start[0], self.end[0]
        span = (last - first) % 12
        return [((first - 1 + step) % 12) + 1 for step in range(span + 1)]


@dataclass(eq=False, repr=False)
class Part(_Node):
    """One part of a measure's text, with the ministries responsible for it."""

    text: Text
    ministries: list[Ministry]
    others: str | None
    bullet: bool


@dataclass(eq=False, repr=False)
class Subsection(_Node):
    """A numbered subsection of a pillar, in plans that divide pillars."""

    number: int
    title: Text


@dataclass(eq=False, repr=False)
class MainMeasure(_Node):
    """One of an outline's main measures of a pillar, with its ministries."""

    text: Text
    ministries: list[Ministry]
    others: str | None


@dataclass(eq=False, repr=False)
class Pillar(_Node):
    """A pillar (or division) of a plan, with its measures."""

    plan: "Plan"
    number: int
    title: Text
    overview: Text | None
    background: Text | None
    main_measures: list[MainMeasure]
    subsections: list[Subsection]
    continues_ref: str | None
    measures: list["Measure"] = field(default_factory=list)
    continued_by: list["Pillar"] = field(default_factory=list)
    continues: "Pillar | None" = None

    @property
    def slug(self) -> str:
        """The pillar's part of its page's address: its number."""
        return str(self.number)

    @property
    def ref(self) -> str:
        """The pillar's reference as data writes it: `<plan>/<number>`."""
        return f"{self.plan.id}/{self.number}"


@dataclass(eq=False, repr=False)
class Section(_Node):
    """A section of a plan's text outside its pillars (a definition, the background)."""

    id: str
    heading: Text | None
    body: Text


@dataclass(eq=False, repr=False)
class Plan(_Node):
    """A plan of measures: its pillars, sections and dates."""

    id: str
    title: Text
    short_title: Text
    decided: str
    decided_by: Text
    edition_note: Text | None
    ja_status: str
    current: bool
    measure_count: int | None
    division: Text
    numbering: str
    sections: list[Section]
    pillars: list[Pillar] = field(default_factory=list)
    source: str = ""
    changes: list[Change] = field(default_factory=list)

    @property
    def measures(self) -> list["Measure"]:
        """Every measure of the plan, pillar by pillar."""
        return [measure for pillar in self.pillars for measure in pillar.measures]

    @property
    def has_measure_pages(self) -> bool:
        """Whether the plan has measures of its own (and so pages for pillars and measures)."""
        return bool(self.measures)

    def pillar(self, number: int) -> Pillar:
        """The pillar with this number."""
        return next(p for p in self.pillars if p.number == number)


@dataclass(eq=False, repr=False)
class Measure(_Node):
    """A measure of a plan, with its ministries, awareness months, progress and lineage."""

    plan: Plan
    pillar: Pillar
    subsection: Subsection | None
    number: int
    title: Text
    ja_status: str
    parts: list[Part]
    months: list[Campaign]
    continues_refs: list[str]
    source: str
    continues: list["Measure"] = field(default_factory=list)
    continued_by: list["Measure"] = field(default_factory=list)
    progress: list["ReportItem"] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The measure's part of its page's address (`1-14`, `2-1-3`)."""
        middle = f"-{self.subsection.number}" if self.subsection else ""
        return f"{self.pillar.number}{middle}-{self.number}"

    @property
    def ref(self) -> str:
        """The measure's reference as data writes it: `<plan>/<slug>`."""
        return f"{self.plan.id}/{self.slug}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """The measure's place in its plan: pillar, subsection, number."""
        return (self.pillar.number, self.subsection.number if self.subsection else 0, self.number)

    # The ministries the measure names, once each, in the order first named.
    @property
    def ministries(self) -> list[Ministry]:
        """The ministries the measure names, once each, in the order first named."""
        seen: dict[str, Ministry] = {}
        for part in self.parts:
            for ministry in part.ministries:
                seen.setdefault(ministry.id, ministry)
        return list(seen.values())

    # Whether every text of the measure is written in a language.
    def translated_into(self, lang: str) -> bool:
        """Whether every text of the measure is written in a language."""
        return self.title.get(lang) is not None and all(part.text.get(lang) is not None for part in self.parts)

    # Whether every text of the measure is written in every language of the data.
    @property
    def translated(self) -> bool:
        """Whether every text of the measure is written in every language of the data."""
        return all(self.translated_into(lang) for lang in WRITTEN)


@dataclass(eq=False, repr=False)
class ReportItem(_Node):
    """One item of a progress report: what was done, by whom, for which measures."""

    report: "Report"
    index: int
    pillar: Pillar
    heading: Text
    text: Text
    when: str | None
    ministries: list[Ministry]
    measures: list[Measure]
    meeting: "Meeting | None"


@dataclass(eq=False, repr=False)
class Report(_Node):
    """A progress report on a plan for one fiscal year."""

    id: str
    fiscal_year: int
    title: Text
    plan: Plan
    ja_status: str
    published: str = ""
    items: list[ReportItem] = field(default_factory=list)
    source: str = ""
    changes: list[Change] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class ProgrammeEntry(_Node):
    """One entry of a meeting's programme."""

    title: Text
    speaker: Text | None
    summary: Text | None


@dataclass(eq=False, repr=False)
class Meeting(_Node):
    """A meeting: when, where, who organised it and what was said."""

    id: str
    title: Text
    date: str
    venue: Text | None
    organiser: Ministry | None
    ja_status: str
    summary: Text
    aim: Text | None
    attendees: Text | None
    programme: list[ProgrammeEntry]
    source_note: Text | None
    reported_in: list[ReportItem] = field(default_factory=list)
    source: str = ""
    changes: list[Change] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Event(_Node):
    """An event of the plans' history (data/history.yaml)."""

    date: str
    event: Text
    plan: Plan | None
    ja_status: str


@dataclass(eq=False, repr=False)
class Update(_Node):
    """A news item of the site (data/updates.yaml)."""

    date: str
    text: Text
    link: str | None


@dataclass(eq=False, repr=False)
class Hotline(_Node):
    """A consultation service the plans name, with the measures that name it."""

    id: str
    situation: str
    number: str | None
    name: Text
    answers: Text
    about: Text
    measures: list[Measure]

    @property
    def tel(self) -> str | None:
        """The number as a tel: URI's digits: hyphens dropped, '#' written %23 (RFC 3966)."""
        return self.number.replace("-", "").replace("#", "%23") if self.number else None


@dataclass(eq=False, repr=False)
class Catalogue(_Node):
    """Everything the site shows, cross-linked."""

    site: dict[str, Any]
    labels: dict[str, Text]
    ministries: list[Ministry]
    months: list[Campaign]
    plans: list[Plan]
    reports: list[Report]
    meetings: list[Meeting]
    history: list[Event]
    updates: list[Update]
    hotlines: list[Hotline] = field(default_factory=list)
    glossary: list[dict[str, Any]] = field(default_factory=list)  # data/glossary.yaml, as written
    # The accessibility test results (data/accessibility-results.yaml), as written there.
    accessibility: dict[str, Any] | None = None

    @property
    def site_name(self) -> Text:
        """The site's name in every language."""
        return Text.of(self.site["name"])

    @property
    def office(self) -> Text:
        """The office responsible for the content, in every language."""
        return Text.of(self.site["office"])

    # The licence of the content and the open data, or None while it is not decided.
    @property
    def licence(self) -> Licence | None:
        """The licence of the content and the open data; None while undecided."""
        code = self.site.get("licence")
        if not code:
            return None
        raw = self.site["licences"][code]
        publisher = next(m for m in self.ministries if m.id == self.site["publisher"]).name

        def filled(form: dict) -> Text:
            return Text({lang: wording.fill(text, {"site": self.site_name.or_source(lang), "publisher": publisher.or_source(lang)}) for lang, text in form.items()})

        return Licence(code, Text.of(raw["name"]), Text.of(raw["url"]), filled(raw["attribution"]), filled(raw["attribution_edited"]))

    @property
    def current_plan(self) -> Plan:
        """The plan in force."""
        return next(plan for plan in self.plans if plan.current)

    @property
    def measures(self) -> list[Measure]:
        """Every measure of every plan."""
        return [measure for plan in self.plans for measure in plan.measures]

    # The measures of one plan that a ministry is responsible for.
    def measures_of(self, ministry: Ministry, plan: Plan | None = None) -> list[Measure]:
        """The measures a ministry is responsible for, in one plan or in all."""
        plans = [plan] if plan else self.plans
        return [m for p in plans for m in p.measures if ministry in m.ministries]

    # The ministries responsible for any of some measures, in the order of data/ministries.yaml.
    def ministries_of(self, measures: list[Measure]) -> list[Ministry]:
        """The ministries responsible for any of `measures`, in the order of data/ministries.yaml."""
        used = {m.id for measure in measures for m in measure.ministries}
        return [m for m in self.ministries if m.id in used]

    # The measures that work in one awareness month.
    def measures_in(self, month: Campaign) -> list[Measure]:
        """The measures that work in one awareness month."""
        return [m for m in self.measures if month in m.months]

    # The plans in which a ministry has measures, newest first.
    def plans_of(self, ministry: Ministry) -> list[Plan]:
        """The plans in which a ministry has measures, newest first."""
        return [p for p in self.plans if any(ministry in m.ministries for m in p.measures)]

    # The consultation services grouped by situation, situations in the order of the data.
    def hotlines_by_situation(self) -> list[tuple[str, list[Hotline]]]:
        """The consultation services grouped by situation, in the order of the data."""
        groups: dict[str, list[Hotline]] = {}
        for hotline in self.hotlines:
            groups.setdefault(hotline.situation, []).append(hotline)
        return list(groups.items())

    # The names of the months in a language (data/labels.yaml month_1 ... month_12), for dates.
    def month_names(self, lang: str) -> list[str]:
        """The names of the months in a language (data/labels.yaml month_1 ... month_12), for dates."""
        return [self.label(f"month_{n}").or_source(lang) for n in range(1, 13)]

    # The words and patterns a language writes dates with, for plansite.dates.
    def date_words(self, lang: str) -> DateWords:
        """The date words of `lang` (data/labels.yaml: month names, date, fiscal year and period patterns)."""
        return DateWords.from_labels(lambda key: self.label(key).or_source(lang))

    def label(self, key: str) -> Text:
        """A word of the site (data/labels.yaml) in every language."""
        try:
            return self.labels[key]
        except KeyError:
            raise KeyError(f"no label '{key}' in data/labels.yaml") from None


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Build the catalogue from validated documents.
def build(documents: list[Document]) -> Catalogue:
    """The catalogue, cross-linked, from documents that validation has passed."""
    by_kind: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        by_kind[document.kind].append(document)

    single = {kind: docs[0].data for kind, docs in by_kind.items() if kind not in ("plan", "measure", "report", "meeting")}
    ministries = [
        Ministry(raw["id"], Text.of(raw["name"]), raw.get("abbr")) for raw in single.get("ministries", [])
    ]
    ministry = {m.id: m for m in ministries}
    months = [
        Campaign(
            raw["id"],
            Text.of(raw["name"]),
            (raw["runs"]["from"]["month"], raw["runs"]["from"].get("day")),
            (raw["runs"]["to"]["month"], raw["runs"]["to"].get("day")),
        )
        for raw in single.get("awareness-months", [])
    ]
    month = {m.id: m for m in months}

    plans = [_plan(doc.data, ministry, doc.name) for doc in by_kind["plan"]]
    plans.sort(key=lambda plan: plan.decided, reverse=True)
    plan = {p.id: p for p in plans}

    for doc in by_kind["measure"]:
        measure = _measure(doc, plan, ministry, month)
        measure.pillar.measures.append(measure)
    for p in plans:
        for pillar in p.pillars:
            pillar.measures.sort(key=lambda m: m.sort_key)
    measure = {m.ref: m for p in plans for m in p.measures}
    pillar_by_ref = {pillar.ref: pillar for p in plans for pillar in p.pillars}

    # Lineage is stated once, on the later measure or pillar; the way back is derived.
    for m in measure.values():
        for ref in m.continues_refs:
            earlier = measure[ref]
            m.continues.append(earlier)
            earlier.continued_by.append(m)
    for pillar in pillar_by_ref.values():
        if pillar.continues_ref:
            pillar.continues = pillar_by_ref[pillar.continues_ref]
            pillar.continues.continued_by.append(pillar)

    meetings = [_meeting(doc.data, ministry, doc.name) for doc in by_kind["meeting"]]
    meetings.sort(key=lambda m: m.date, reverse=True)
    meeting = {m.id: m for m in meetings}

    reports = []
    for doc in by_kind["report"]:
        raw = doc.data
        report = Report(
            raw["id"], raw["fiscal_year"], Text.of(raw["title"]), plan[raw["plan"]], raw["ja_status"], raw["published"],
            source=doc.name, changes=_changes(raw),
        )
        for index, item in enumerate(raw["items"]):
            entry = ReportItem(
                report=report,
                index=index + 1,
                pillar=report.plan.pillar(item["pillar"]),
                heading=Text.of(item["heading"]),
                text=Text.of(item["text"]),
                when=item.get("when"),
                ministries=[ministry[code] for code in item["ministries"]],
                measures=[measure[ref] for ref in item["measures"]],
                meeting=meeting.get(item["meeting"]) if item.get("meeting") else None,
            )
            report.items.append(entry)
            for m in entry.measures:
                m.progress.append(entry)
            if entry.meeting:
                entry.meeting.reported_in.append(entry)
        reports.append(report)
    reports.sort(key=lambda r: r.fiscal_year, reverse=True)
    for m in measure.values():
        m.progress.sort(key=lambda item: (-item.report.fiscal_year, item.index))

    history = [
        Event(raw["date"], Text.of(raw["event"]), plan.get(raw["plan"]) if raw.get("plan") else None, raw["ja_status"])
        for raw in single.get("history", [])
    ]
    history.sort(key=lambda event: event.date)
    updates = [Update(raw["date"], Text.of(raw["text"]), raw.get("link")) for raw in single.get("updates", [])]
    updates.sort(key=lambda update: update.date, reverse=True)

    hotlines = [
        Hotline(
            raw["id"], raw["situation"], raw.get("number"), Text.of(raw["name"]), Text.of(raw["answers"]),
            Text.of(raw["about"]), [measure[ref] for ref in raw.get("measures", [])],
        )
        for raw in single.get("hotlines", [])
    ]

    return Catalogue(
        hotlines=hotlines,
        glossary=single.get("glossary", []),
        accessibility=single.get("accessibility-results"),
        site=single.get("site", {}),
        labels={key: Text.of(value) for key, value in single.get("labels", {}).items()},
        ministries=ministries,
        months=months,
        plans=plans,
        reports=reports,
        meetings=meetings,
        history=history,
        updates=updates,
    )


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _plan(raw: dict, ministry: dict[str, Ministry], source: str) -> Plan:
    plan = Plan(
        id=raw["id"],
        title=Text.of(raw["title"]),
        short_title=Text.of(raw["short_title"]),
        decided=raw["decided"],
        decided_by=Text.of(raw["decided_by"]),
        edition_note=Text.of(raw.get("edition_note")),
        ja_status=raw["ja_status"],
        current=raw.get("current", False),
        measure_count=raw.get("measure_count"),
        division=Text.of(raw["division"]),
        numbering=raw["numbering"],
        sections=[Section(s["id"], Text.of(s.get("heading")), Text.of(s["body"])) for s in raw.get("sections", [])],
        source=source,
        changes=_changes(raw),
    )
    for p in raw["pillars"]:
        plan.pillars.append(
            Pillar(
                plan=plan,
                number=p["number"],
                title=Text.of(p["title"]),
                overview=Text.of(p.get("overview")),
                background=Text.of(p.get("background")),
                main_measures=[
                    MainMeasure(Text.of(m["text"]), [ministry[c] for c in m["ministries"]], m.get("others"))
                    for m in p.get("main_measures", [])
                ],
                subsections=[Subsection(s["number"], Text.of(s["title"])) for s in p.get("subsections", [])],
                continues_ref=p.get("continues"),
            )
        )
    return plan


def _measure(doc: Document, plan: dict[str, Plan], ministry: dict[str, Ministry], month: dict[str, Campaign]) -> Measure:
    raw = doc.data
    owner = plan[raw["plan"]]
    pillar = owner.pillar(raw["pillar"])
    subsection = next((s for s in pillar.subsections if s.number == raw.get("subsection")), None)
    return Measure(
        plan=owner,
        pillar=pillar,
        subsection=subsection,
        number=raw["number"],
        title=Text.of(raw["title"]),
        ja_status=raw["ja_status"],
        parts=[
            Part(Text.of(p["text"]), [ministry[c] for c in p["ministries"]], p.get("others"), p.get("bullet", False))
            for p in raw["parts"]
        ],
        months=[month[m] for m in raw.get("awareness_months", [])],
        continues_refs=raw.get("continues", []),
        source=doc.name,
        changes=_changes(raw),
    )


def _meeting(raw: dict, ministry: dict[str, Ministry], source: str) -> Meeting:
    return Meeting(
        id=raw["id"],
        title=Text.of(raw["title"]),
        date=raw["date"],
        venue=Text.of(raw.get("venue")),
        organiser=ministry.get(raw["organiser"]) if raw.get("organiser") else None,
        ja_status=raw["ja_status"],
        summary=Text.of(raw["summary"]),
        aim=Text.of(raw.get("aim")),
        attendees=Text.of(raw.get("attendees")),
        programme=[
            ProgrammeEntry(Text.of(e["title"]), Text.of(e.get("speaker")), Text.of(e.get("summary")))
            for e in raw.get("programme", [])
        ],
        source_note=Text.of(raw.get("source")),
        source=source,
        changes=_changes(raw),
    )


# A page's change history, newest first (as the data may list it in any order).
def _changes(raw: dict) -> list[Change]:
    found = [Change(c["date"], Text.of(c["note"])) for c in raw.get("changes", [])]
    return sorted(found, key=lambda change: change.date, reverse=True)
