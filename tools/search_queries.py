"""Generate the search test set from material no one tuned the search to.

    python -m tools.search_queries [--glossary FILE] [--out DIR]

Two kinds of query per language, each with its expected answers computed from the data,
never chosen by hand:
- every name and term of the official glossary (/work/shared/glossary-ja.yaml) that the
  text of some measure contains, in that language; the expected answers are the measures
  whose title or text contains it, and the site's page titled with it, if any (a
  ministry's, an awareness month's, a plan's own page);
- every measure's title in a shortened form (the words a reader would type, without the
  generic head such as "Promotion of" / 「…の推進」); the expected answer is that measure.

A query is about the plan in force when one of its expected measures is of that plan:
then only those count, and it is asked as the search dialog opens (the plan in force);
otherwise it is asked with every plan, and the superseded plans' measures count. Each
query records how it was made and whether, in the measures' text, the term is embedded
in a longer word (Japanese has no spaces: 「e-ネットキャラバン」 in 「e-ネットキャラバン講師」)
or quoted (in 「」 or “”), the cases readers reported missing.

The output (tests/search/generated-<lang>.yaml) is committed, so the set stays the same
when the data or the glossary change until it is generated again on purpose. The
questions written by hand are in tests/search/questions-<lang>.yaml.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = Path("/work/shared/glossary-ja.yaml")
OUT = ROOT / "tests" / "search"

# English words that say nothing on their own: left out of shortened titles.
EN_STOP = set(
    "a an and or of the to for in on at by with from into as its their other such etc "
    "promotion promote promoting strengthening strengthen enhancement enhance enhancing "
    "implementation implement improvement improve expansion expand encouragement encourage "
    "measures measure efforts effort further related relating regarding concerning "
    "development develop support securing ensure ensuring appropriate against through based "
    "utilizing who which that be is are has have".split()
)
# The generic Japanese endings of a measure's title (「…の推進」, 「…の強化」 ...).
JA_TAIL = re.compile(r"(の|に向けた|のための|に係る|に関する)?(推進|強化|充実|実施|促進|拡充|整備|向上|確保|支援|徹底|取組|取組み)(等)?$")
JA_SPLIT = re.compile(r"に対する|を通じた|に向けた|に係る|に関する|における|による|のための|ため|の|及び|並びに|・|、|等|を")
JAPANESE = re.compile(r"[\u3040-\u30FF\u4E00-\u9FFF]")
# A plan-independent abbreviation after an English glossary name: "(NPA)".
ABBREVIATION = re.compile(r"\s*\([A-Z][A-Za-z]*\)$")


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The texts of a measure that a query may match: its title and each part, in one language.
def measure_texts(measure, lang: str) -> list[str]:
    return [measure.title.get(lang) or ""] + [part.text.get(lang) or "" for part in measure.parts]


# A measure's page in the site, in one language: plans/plan-2022/measures/3-8/ (ja/ first for Japanese).
def measure_path(measure, lang: str, default_lang: str) -> str:
    prefix = "" if lang == default_lang else f"{lang}/"
    return f"{prefix}plans/{measure.plan.id}/measures/{measure.slug}/"


# Where a term stands in the measures' text: embedded in a longer word, and/or quoted.
def features(term: str, texts: list[str]) -> list[str]:
    found = set()
    needle = term.casefold()
    for text in texts:
        folded = text.casefold()
        start = folded.find(needle)
        while start >= 0:
            before = folded[start - 1] if start else ""
            after = folded[start + len(needle)] if start + len(needle) < len(folded) else ""
            if _same_script(before, folded[start]) or _same_script(after, folded[start + len(needle) - 1]):
                found.add("embedded")
            if before in "「『“\"" or folded[:start].rfind("「") > folded[:start].rfind("」"):
                found.add("quoted")
            start = folded.find(needle, start + 1)
    return sorted(found)


# A measure's title as a reader would type it: its distinctive words, at most four (for a
# title in Japanese script: its first two phrases without the generic ending).
def short_title(title: str, lang: str) -> str:
    if JAPANESE.search(title):
        text = unicodedata.normalize("NFKC", title)
        text = re.sub(r"[（(].*?[)）]|[「」『』]", "", text)
        while True:
            shorter = JA_TAIL.sub("", text)
            if shorter == text or not shorter:
                break
            text = shorter
        chunks = [c for c in JA_SPLIT.split(text) if len(c) >= 2]
        return " ".join(chunks[:2])
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", title) if w.casefold() not in EN_STOP]
    return " ".join(words[:4])


# The expected measures of a query, and the plans it is asked in (current or all).
def expectation(measures: list, current) -> tuple[list, str]:
    ours = [m for m in measures if m.plan is current]
    return (ours, "current") if ours else (measures, "all")


# The site's pages by their title in one language (casefolded): {title: site path}.
def titled_pages(specs, lang: str, default_lang: str) -> dict[str, str]:
    prefix = "" if lang == default_lang else f"{lang}/"
    found = {}
    for spec in specs:
        title = spec.title.get(lang)
        if title:
            path = spec.path[: -len("index")] if spec.path.endswith("index") else spec.path + "/"
            found.setdefault(title.casefold(), prefix + path)
    return found


# Every generated query of one language.
def generate(catalogue, glossary: list[dict], lang: str, default_lang: str, specs: list = ()) -> list[dict]:
    current = catalogue.current_plan
    titled = titled_pages(specs, lang, default_lang)
    queries: dict[str, dict] = {}
    for entry in glossary:
        term = (entry.get(lang) or "").strip()
        if lang == default_lang:
            term = ABBREVIATION.sub("", term)
        if len(term) < 2:
            continue
        hits = [m for m in catalogue.measures if any(term.casefold() in t.casefold() for t in measure_texts(m, lang))]
        if not hits:
            continue
        expected, scope = expectation(hits, current)
        texts = [t for m in hits for t in measure_texts(m, lang)]
        queries.setdefault(term.casefold(), {
            "query": term,
            "made": f"glossary {entry.get('kind', 'term')}",
            "scope": scope,
            "features": features(term, texts),
            "expect": sorted({measure_path(m, lang, default_lang) for m in expected} | ({titled[term.casefold()]} if term.casefold() in titled else set())),
        })
    for measure in catalogue.measures:
        title = measure.title.get(lang)
        if not title:
            continue
        query = short_title(title, lang)
        if not query or query.casefold() in queries:
            continue
        # Measures of the same plan with the same shortened title are answers too.
        same = [m for m in catalogue.measures if m.plan is measure.plan and short_title(m.title.get(lang) or "", lang) == query]
        queries[query.casefold()] = {
            "query": query,
            "made": f"shortened title of {measure.ref}",
            "scope": "current" if measure.plan is current else "all",
            "features": [],
            "expect": sorted(measure_path(m, lang, default_lang) for m in same),
        }
    return list(queries.values())


# Whether two letters are of the same script (Latin, katakana, kanji ...): a term whose
# neighbour is of its own script is part of a longer word (フィルタリングサービス).
def _same_script(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a.isalnum() and b.isalnum() and _script(a) == _script(b)


def _script(letter: str) -> str:
    name = unicodedata.name(letter, "")
    return "LATIN" if letter.isascii() else name.split(" ")[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary", type=Path, default=GLOSSARY)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from plansite.session import session_for
    from plansite.settings import from_config

    session = session_for(ROOT / "data", ROOT, from_config(ROOT))
    catalogue = session.catalogue
    languages, default_lang = site_languages()
    glossary = yaml.safe_load(args.glossary.read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    for lang in languages:
        queries = generate(catalogue, glossary, lang, default_lang, session.specs)
        header = (
            f"# Generated by tools/search_queries.py from {args.glossary.name} and the measures' titles: do not edit.\n"
            "# query: what is typed; made: where it comes from; scope: current = asked with the plan in force\n"
            "# (the dialog's default), all = with every plan; features: embedded (in a longer word) / quoted;\n"
            "# expect: the measures' pages whose text contains it (for a title: its measure).\n"
        )
        body = yaml.safe_dump(queries, allow_unicode=True, sort_keys=False, width=200)
        (args.out / f"generated-{lang}.yaml").write_text(header + body, encoding="utf-8")
        print(f"{lang}: {len(queries)} queries")
    return 0


# The site's languages and the default one, from mkdocs.yml (plansite.settings reads it).
def site_languages() -> tuple[list[str], str]:
    from plansite.settings import from_config

    settings = from_config(ROOT)
    return list(settings.languages), settings.default_language


if __name__ == "__main__":
    sys.exit(main())
