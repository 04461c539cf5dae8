"""Hostile and careless edits: each is refused by `make check` with `file:line: field: message`.

The corpus covers every class of attempt that once got through (issue 11), and their
siblings: script links however they are spelled, markup where none is expected, hostile
YAML, invisible characters, files that are not what they seem. Each case edits a copy of
the project the way a pull request would, finds the line to expect by searching the
edited file, and checks the message an editor would read.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

from plansite.settings import from_config as site_settings
from plansite.problems import DataError
from plansite.validate import check

MEASURE = "data/measures/plan-2022/1-3.yaml"
TITLE = "data/measures/plan-2022/1-4.yaml"
LABELS = "data/labels.yaml"
PAGE = "docs/about.en.md"


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def problems_of(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        check(project / "data", project, site_settings(project))
    return [str(problem) for problem in caught.value.problems]


# Replace `old` by `new` in a file of the copy; the line on which `marker` (default: the
# first line of `new`) then stands.
def edit(project: Path, name: str, old: str, new: str, marker: str | None = None) -> int:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    text = text.replace(old, new, 1)
    path.write_bytes(text.encode("utf-8"))
    needle = marker if marker is not None else new.strip().splitlines()[0]
    return text[: text.index(needle)].count("\n") + 1


# The problems at `name:line: field:`; at least one, each containing every word given.
def reported(project: Path, name: str, line: int, field: str, *words: str) -> list[str]:
    problems = problems_of(project)
    prefix = f"{name}:{line}: {field}:" if field else f"{name}:{line}:"
    matching = [p for p in problems if p.startswith(prefix)]
    assert matching, f"expected {prefix} in:\n" + "\n".join(problems)
    for word in words:
        assert any(word in p for p in matching), f"{word!r} not in {matching}"
    return matching


# Run `make check`'s command on the copy; its result and the processor time it took
# (a busy machine stretches the wall-clock time, not the work done).
def run_check(project: Path) -> tuple[subprocess.CompletedProcess, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-m", "plansite", "check", str(project / "data")],
        cwd=ROOT / "hooks",
        capture_output=True,
        text=True,
        timeout=60,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# The English text of the measure's first part: a folded block after `en: >-`.
def first_text_line(project: Path) -> int:
    lines = (project / MEASURE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() == "en: >-")


# Replace the measure's first English text by a YAML value written as given (quoted).
def set_text(project: Path, value: str) -> int:
    path = project / MEASURE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip() == "en: >-")
    rest = lines[index + 1 :]
    while rest and rest[0].startswith("        "):
        rest.pop(0)
    path.write_text("".join(lines[:index] + [f"      en: {value}\n"] + rest), encoding="utf-8")
    return index + 1


# Put `text` at the start of the measure's first English text.
def in_text(project: Path, text: str) -> int:
    edit(project, MEASURE, "        The implementation of", f"        {text} The implementation of")
    return first_text_line(project)


# Replace the English title of a measure by `title` (quoted as YAML needs).
def in_title(project: Path, title: str) -> int:
    path = project / TITLE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("  en:") and lines[i - 1].startswith("title:"))
    lines[index] = f"  en: {title}\n"
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


# -----------------------------------------------------------------------------
# Script links, however they are spelled (classes 2, 9)
# -----------------------------------------------------------------------------

SCRIPT_LINKS = {
    "line break inside the word": '"[x](java\\nscript:alert(1))"',
    "carriage return inside the word": '"[x](java\\rscript:alert(1))"',
    "tab inside the word": '"[x](java\\tscript:alert(1))"',
    "upper and lower case": "[x](JaVaScRiPt:alert(1))",
    "spaces before the scheme": "[x](<  javascript:alert(1)>)",
    "reference link": '"[x][r]\\n\\n[r]: javascript:alert(1)"',
    "vbscript": "[x](vbscript:msgbox(1))",
    "data address": "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "file address": "[x](file:///etc/passwd)",
}


@pytest.mark.parametrize("case", SCRIPT_LINKS)
def test_links_to_script_are_refused_after_parsing(project, case):
    value = SCRIPT_LINKS[case]
    line = set_text(project, value) if value.startswith('"') else in_text(project, value)
    # A carriage return or a tab is refused as a character before the link is judged.
    words = {"\\r": ("invisible control character",), "\\t": ("a tab character",)}.get(value[9:11], ("which is not allowed",))
    reported(project, MEASURE, line, "parts[1].text.en", *words)


def test_addresses_without_scheme_and_pages_in_data_text_are_refused(project):
    line = in_text(project, "[a](//evil.example/) [b](../../ministries/npa/)")
    reported(project, MEASURE, line, "parts[1].text.en", "leaves out 'https:'", "a page of this site")


def test_updates_link_to_no_page_is_refused(project):
    path = project / "data/updates.yaml"
    text = path.read_text(encoding="utf-8")
    count = text.count("\n- date:") + text.startswith("- date:")
    text += '- date: "2026-11-24"\n  text: {en: A page, ja: ページ}\n  link: reports/fy2099/\n'
    path.write_text(text, encoding="utf-8")
    line = text.count("\n")
    reported(project, "data/updates.yaml", line, f"[{count + 1}].link", "'reports/fy2099/' is not a page of the site")


def test_web_mail_and_telephone_links_are_allowed(project):
    in_text(project, "[a](https://www.npa.go.jp/) [b](mailto:info@example.org) [c](tel:189)")
    check(project / "data", project, site_settings(project))


# -----------------------------------------------------------------------------
# Markup where none is expected (classes 4, 5, 12)
# -----------------------------------------------------------------------------

MARKUP = {
    "script tag": ("<script>alert(1)</script>", "contains HTML"),
    "script autolink": ("<javascript:alert(1)>", "contains HTML"),
    "event handler": ('<img src="x.png" onerror="alert(1)">', "contains HTML"),
    "image from another host": ("![t](https://tracker.example/p.png)", "contains an image, which is not allowed"),
    "entity without semicolon": ("&copy 2022", "HTML character code '&copy'"),
    "numeric entity": ("&#60;script&#62;", "HTML character code '&#60'"),
    "attribute list": ("[x](https://example.org){ onclick=alert(1) }", "attribute list"),
    "second h1": ("\n\n        # Heading\n\n       ", "contains a heading"),
}


@pytest.mark.parametrize("case", MARKUP)
def test_markup_in_data_text_is_refused(project, case):
    text, words = MARKUP[case]
    line = in_text(project, text)
    reported(project, MEASURE, line, "parts[1].text.en", words)


@pytest.mark.parametrize(
    "title, words",
    [
        ("'[Click here](https://example.org)'", "cannot hold a link"),
        ("'# Heading'", "cannot hold a link, a list or a heading"),
        ("'- a list item'", "cannot hold a link, a list or a heading"),
        ('"Title</title><script>alert(1)</script>"', "contains HTML"),
    ],
)
def test_titles_hold_words_only(project, title, words):
    line = in_title(project, title)
    reported(project, TITLE, line, "title.en", words)


# -----------------------------------------------------------------------------
# Pages in docs/ (class 4)
# -----------------------------------------------------------------------------

PAGE_BODIES = {
    "script tag": ("<script>alert(1)</script>", "contains HTML"),
    "image with onerror": ('<img src=x onerror="alert(1)">', "contains HTML"),
    "image from another host": ("![pixel](https://tracker.example/p.png)", "from another site"),
    "javascript link": ("[x](javascript:alert(1))", "which is not allowed"),
    "attribute list": ("A paragraph.\n{: onclick=\"alert(1)\" }", "attribute list"),
    "link to no page": ("[gone](no-such-page.md)", "not a page of the site"),
}


@pytest.mark.parametrize("case", PAGE_BODIES)
def test_unsafe_docs_pages_are_refused(project, case):
    text, words = PAGE_BODIES[case]
    line = edit(project, PAGE, "# About this site and its translations\n", f"# About this site and its translations\n\n{text}\n", marker=text.splitlines()[0])
    reported(project, PAGE, line, "", words)


def test_docs_front_matter_is_checked(project):
    edit(project, PAGE, "title: About this site and its translations\n", 'title: About\ndescription: "0;url=https://evil.example/\\" http-equiv=\\"refresh"\nscript: x\n')
    problems = problems_of(project)
    assert any(p.startswith(f"{PAGE}:4: script:") and "unknown field" in p for p in problems), problems


def test_docs_holds_only_pages_and_assets(project):
    (project / "docs" / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (project / "docs" / "extra.en.md").write_text("---\ntitle: Extra\n---\n\n# Extra\n", encoding="utf-8")
    problems = problems_of(project)
    assert any(p.startswith("docs/evil.html:1:") and "neither" in p for p in problems), problems
    assert any(p.startswith("docs/extra.en.md:1:") and "no ja version" in p for p in problems), problems


# -----------------------------------------------------------------------------
# Hostile YAML (class 3): refused fast, never a hang, a traceback or a crash
# -----------------------------------------------------------------------------

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

HOSTILE_FILES = {
    "alias bomb": (ALIAS_BOMB, 1, "anchor or alias"),
    "450 levels": ("a: " + "[" * 450 + "]" * 450 + "\n", 1, "nested more than 20 levels"),
    "30,000 levels": ("a: " + "[" * 30000 + "]" * 30000 + "\n", 1, "nested more than 20 levels"),
    "python object tag": ("a: !!python/object/apply:os.system ['true']\n", 1, "YAML tag"),
    "1 MB": ("a: '" + "x" * 1_100_000 + "'\n", 1, "larger than 1 MB"),
}


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_hostile_yaml_is_refused_within_two_seconds(project, case):
    content, line, words = HOSTILE_FILES[case]
    name = "data/meetings/hostile.yaml"
    (project / name).write_text(content, encoding="utf-8")
    result, elapsed = run_check(project)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert f"{name}:{line}:" in result.stderr and words in result.stderr, result.stderr[-2000:]
    assert elapsed < 2.0, f"make check took {elapsed:.2f} s of processor time on {case}"


def test_yaml_syntax_errors_are_explained_in_plain_words(project):
    line = edit(project, MEASURE, "title:\n  en: ", "title:\n  en: Upon establishing: the plan ", marker="en: Upon")
    reported(project, MEASURE, line, "", "must be put in quotes")


# -----------------------------------------------------------------------------
# Invisible characters, normalisation (class 11), ids and dates (classes 7, 8)
# -----------------------------------------------------------------------------

INVISIBLE = {
    "NUL": ("\\0", "invisible control character"),
    "DEL": ("\\x7f", "invisible control character"),
    "right-to-left override": ("\\u202e", "text-direction mark"),
    "zero-width space": ("\\u200b", "zero-width"),
    "half-width katakana": ("\\uff76\\uff9e", "half-width katakana"),
}


@pytest.mark.parametrize("case", INVISIBLE)
def test_invisible_characters_are_refused(project, case):
    escape, words = INVISIBLE[case]
    line = in_title(project, f'"Title{escape}"')
    reported(project, TITLE, line, "title.en", words)


def test_japanese_is_normalised_to_nfc(project):
    path = project / "data/ministries.yaml"
    text = path.read_text(encoding="utf-8")
    assert "警察庁" in text
    path.write_text(text.replace("警察庁", "警察庁が", 1).replace("が", "か\u3099", 1), encoding="utf-8")
    catalogue = check(project / "data", project, site_settings(project))
    names = [m.name.ja for m in catalogue.ministries]
    assert any("が" in name for name in names) and not any("\u3099" in name for name in names)


def test_an_id_with_a_line_break_is_refused(project):
    line = edit(project, "data/ministries.yaml", "- id: cas\n", '- id: "cas\\n"\n')
    reported(project, "data/ministries.yaml", line, "[2].id", "one line")


@pytest.mark.parametrize("value", ["20220520", "2022-W20-5", "2022-5-20", "1900-01"])
def test_dates_must_be_written_yyyy_mm_dd_within_the_era_table(project, value):
    line = edit(project, "data/history.yaml", 'date: "', f'date: "{value}"\n  x_old: "', marker=f'date: "{value}"')
    lines = (project / "data/history.yaml").read_text(encoding="utf-8").replace('\n  x_old: "', ' #', 1)
    (project / "data/history.yaml").write_text(lines, encoding="utf-8")
    words = "before 1926-12-25" if value == "1900-01" else "YYYY-MM-DD"
    reported(project, "data/history.yaml", line, "[1].date", words)


# -----------------------------------------------------------------------------
# Files that are not what they seem (class 10)
# -----------------------------------------------------------------------------


def test_symbolic_links_are_refused_without_naming_their_target(project):
    os.symlink("/etc/passwd", project / "data/meetings/passwd.yaml")
    os.symlink("/etc", project / "data/reports/etc")
    problems = problems_of(project)
    text = "\n".join(problems)
    assert "data/meetings/passwd.yaml:1: this is a symbolic link" in text
    assert "data/reports/etc:1: this is a symbolic link" in text
    assert "/etc" not in text.replace("data/reports/etc", "") and "root:" not in text


def test_a_report_file_must_match_its_fiscal_year(project):
    source = project / "data/reports/fy2019.yaml"
    text = source.read_text(encoding="utf-8").replace("id: fy2019", "id: fy2023")
    source.unlink()
    (project / "data/reports/fy2023.yaml").write_text(text, encoding="utf-8")
    line = text[: text.index("fiscal_year:")].count("\n") + 1
    reported(project, "data/reports/fy2023.yaml", line, "fiscal_year", "data/reports/fy2019.yaml")


# -----------------------------------------------------------------------------
# Labels (classes 6, 14)
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ('"{paln}に基づく施策"', "{paln}, which its pages do not fill"),
        ('"{ lone brace"', "'{' or '}' that is not part of a placeholder"),
        ('"{n.__class__.__mro__}"', "'{' or '}' that is not part of a placeholder"),
    ],
)
def test_label_placeholders_are_those_the_pages_fill(project, text, words):
    line = edit(project, LABELS, 'background_in: {en: "Background in the {plan}", ja: "{plan}における背景"}', f'background_in: {{en: "Background in the {{plan}}", ja: {text}}}')
    reported(project, LABELS, line, "background_in.ja", words)


def test_a_label_the_pages_use_cannot_be_deleted(project):
    path = project / LABELS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("get_help:")), encoding="utf-8")
    problems = problems_of(project)
    assert any(p.startswith(f"{LABELS}:") and "'get_help' is missing" in p for p in problems), problems


# -----------------------------------------------------------------------------
# The editor's experience (class 16)
# -----------------------------------------------------------------------------


def test_every_problem_of_every_kind_in_one_run(project):
    edit(project, MEASURE, "number: 3", "number: three")  # a field's type
    edit(project, MEASURE, "ministries: [npa]", "ministries: [npx]")  # a reference
    edit(project, MEASURE, "        The implementation of", "        <b>x</b> The implementation of")  # safety
    edit(project, "data/ministries.yaml", "- id: cas", "- id: npa")  # a duplicate elsewhere
    problems = "\n".join(problems_of(project))
    for words in ("must be a whole number", "unknown ministry 'npx'", "contains HTML", "defined twice"):
        assert words in problems, problems


def test_make_check_speaks_of_checking_not_publishing(project):
    edit(project, MEASURE, "number: 3", "number: three")
    result, _ = run_check(project)
    assert result.returncode == 1
    assert "published" not in result.stderr and "Traceback" not in result.stderr
    assert "Each line names the file, the line and the field" in result.stderr
