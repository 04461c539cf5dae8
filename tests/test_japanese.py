"""The Japanese edition: Japanese text on every page, official names in the glossary's form."""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml
from helpers import GLOSSARY, needs_shared
from pagetools import DEFAULT_LANG, LANGS, address, file_of, read

from plansite import paths

# Letters of Japanese script: kana, kanji, and the iteration mark.
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3005\uff66-\uff9f]")

# A Japanese page may keep proper nouns in Latin letters (WePROTECT, ICPO, SNS, GPS,
# e-Net Caravan, ILAS, JK): the longest such run across the measures is a few words.
# Measured over all 137 measure pages, the lowest share of Japanese among letters is
# above 0.9; a page that fell back to English would be far below 0.5. 0.8 leaves
# room for a measure dense in proper nouns without letting an English paragraph pass.
MIN_JAPANESE_SHARE = 0.8


def japanese_share(text: str) -> float:
    letters = [ch for ch in text if unicodedata.category(ch).startswith("L")]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if JAPANESE.match(ch)) / len(letters)


def test_every_japanese_measure_page_is_in_japanese(site, catalogue):
    shares = {}
    for measure in catalogue.measures:
        page = read(file_of(site, address("ja", paths.measure(measure))))
        shares[measure.ref] = japanese_share(" ".join(page.article_text))
    low = {ref: round(share, 2) for ref, share in shares.items() if share < MIN_JAPANESE_SHARE}
    assert not low, low


def test_every_generated_japanese_page_is_mostly_japanese(site):
    for file in sorted((site / LANGS["ja"]).rglob("index.html")):
        # The open data page lists file names (measures.json, ...), which are Latin by nature.
        if "search" in file.parts or "open-data" in file.parts:
            continue
        page = read(file)
        text = " ".join(page.article_text)
        assert japanese_share(text) >= 0.6, file


def test_no_measure_is_english_only(catalogue, site):
    assert [m.ref for m in catalogue.measures if not m.translated] == []
    page = " ".join(read(file_of(site, address("ja", paths.translation_status()))).article_text)
    assert catalogue.label("status_none_english_only").ja in page


def test_reference_translation_is_marked_and_announced(catalogue, site):
    for measure in catalogue.measures:
        assert measure.ja_status in ("reference", "official")
    reference = next(m for m in catalogue.measures if m.ja_status == "reference")
    html = file_of(site, address("ja", paths.measure(reference))).read_text(encoding="utf-8")
    assert html.count(catalogue.label("reference_notice").ja) == 1
    assert 'href="../../../../../ja/about/"' in html or 'href="../../../../about/"' in html
    english = file_of(site, address(DEFAULT_LANG, paths.measure(reference))).read_text(encoding="utf-8")
    assert catalogue.label("reference_notice").en not in english


def _glossary() -> dict[str, str]:
    return {entry["en"]: entry["ja"] for entry in yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))}


# How the English of the measures names each hotline, and the glossary entry it must follow.
HOTLINES = {
    r"#\s?8891": "#8891 (nationwide abbreviated number for One-stop support centers)",
    r"#\s?8103": "#8103 (nationwide unified number for police sexual crime consultation)",
    r"#\s?9110": "#9110 (police consultation telephone number)",
    r"Children's Rights Hotline|Children's Rights Dial 110": "Children's Rights Hotline (2016 text: Children's Rights Dial 110)",
    r"SOS e-mail": "SOS e-mail",
    r"SOS Mini-Letters": "Children's Rights SOS Mini-Letters",
    r"Cure Time": "Cure Time",
    r"Young Telephone Corner": "Young Telephone Corner",
    r"Anonymous Reporting Dial": "Anonymous Reporting Dial",
    r"Internet Hotline Center": "Internet Hotline Center (IHC)",
}


@needs_shared
def test_hotlines_keep_their_official_japanese_names(catalogue):
    glossary = _glossary()
    missing = []
    for measure in catalogue.measures:
        english = " ".join(p.text.en for p in measure.parts).replace("’", "'")
        japanese = " ".join(p.text.ja for p in measure.parts)
        for pattern, entry in HOTLINES.items():
            official = glossary[entry]
            if re.search(pattern, english, re.IGNORECASE) and official not in japanese:
                missing.append((measure.ref, official))
    assert not missing, missing


def test_ministries_named_in_the_text_keep_their_official_names(catalogue):
    missing = []
    for measure in catalogue.measures:
        for part in measure.parts:
            for ministry in catalogue.ministries:
                if ministry.name.en in part.text.en and ministry.name.ja not in part.text.ja:
                    missing.append((measure.ref, ministry.name.ja))
    assert not missing, missing


@needs_shared
def test_ministry_names_match_the_glossary(catalogue):
    glossary = _glossary()
    for ministry in catalogue.ministries:
        key = f"{ministry.name.en} ({ministry.abbr})" if ministry.abbr else ministry.name.en
        assert glossary[key] == ministry.name.ja, key


@needs_shared
def test_month_names_match_the_glossary(catalogue):
    glossary = _glossary()
    values = set(glossary.values())
    for month in catalogue.months:
        assert month.name.ja in values, month.name.ja


@pytest.mark.parametrize("path", ["", "plans/plan-2022/measures/1-1/", "ministries/npa/"])
def test_japanese_pages_declare_japanese_and_mark_english(site, path):
    html = (site / "ja" / path / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in html
    for abbr in re.findall(r'<abbr title="([^"]+)">(NPA|MEXT|MHLW)</abbr>', html):
        assert JAPANESE.search(abbr[0])
