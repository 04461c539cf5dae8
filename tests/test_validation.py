"""Bad edits fail with `file:line: field: message` in plain words, and nothing is published.

Each case breaks one real data file in a copy of the project, the way an editor might,
and finds the line to expect by searching the broken file, not by a hard-coded number.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, build_site

from plansite.problems import DataError
from plansite.validate import check

MEASURE = "data/measures/plan-2022/1-3.yaml"
REPORT = "data/reports/fy2019.yaml"


# Replace `old` (which must occur) by `new` in a file of the project copy; return the 1-based
# line where `marker` (default: the first line of `new`) now stands.
def edit(project: Path, name: str, old: str, new: str, marker: str | None = None, count: int = 1) -> int:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    needle = marker if marker is not None else new.strip().splitlines()[0]
    return text[: text.index(needle)].count("\n") + 1


def problems_of(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        check(project / "data", project)
    return [str(problem) for problem in caught.value.problems]


def assert_reported(project: Path, name: str, line: int, field: str, *words: str) -> str:
    problems = problems_of(project)
    prefix = f"{name}:{line}: {field}:" if field else f"{name}:{line}:"
    matching = [p for p in problems if p.startswith(prefix)]
    assert matching, f"expected {prefix} in:\n" + "\n".join(problems)
    for word in words:
        assert any(word in p for p in matching), f"{word!r} not in {matching}"
    return matching[0]


# -----------------------------------------------------------------------------
# Syntax and encoding
# -----------------------------------------------------------------------------


def test_broken_yaml(project):
    line = edit(project, MEASURE, "ministries: [npa]", "ministries: [npa")
    problems = problems_of(project)
    # YAML reports an unclosed list where it notices it: at or after the line that opens it.
    assert any(p.startswith(f"{MEASURE}:") and "not valid YAML" in p for p in problems), problems
    reported = int(next(p for p in problems if p.startswith(MEASURE)).split(":")[1])
    assert line <= reported <= line + 2


def test_tab_indentation(project):
    line = edit(project, MEASURE, "  - text:", "\t- text:")
    assert_reported(project, MEASURE, line, "", "tab")


def test_file_not_utf8(project):
    path = project / MEASURE
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("shift_jis", errors="replace"))
    first_japanese = next(i for i, l in enumerate(text.splitlines(), 1) if any(ord(ch) > 127 for ch in l))
    assert_reported(project, MEASURE, first_japanese, "", "UTF-8")


def test_duplicate_key(project):
    line = edit(project, MEASURE, "number: 3\n", "number: 3\nnumber: 4\n", marker="number: 4")
    assert_reported(project, MEASURE, line, "number", "twice")


# -----------------------------------------------------------------------------
# Fields and types
# -----------------------------------------------------------------------------


def test_wrong_type(project):
    line = edit(project, MEASURE, "number: 3", "number: three")
    assert_reported(project, MEASURE, line, "number", "whole number", "three")


def test_missing_required_field(project):
    edit(project, MEASURE, "ja_status: reference\n", "", marker="parts:")
    assert_reported(project, MEASURE, 2, "ja_status", "required field 'ja_status' is missing")


def test_unknown_field_suggests_the_right_one(project):
    line = edit(project, MEASURE, "    ministries: [npa]", "    ministires: [npa]")
    message = assert_reported(project, MEASURE, line, "parts[1].ministires", "did you mean 'ministries'")
    assert "Allowed fields here" in message


def test_empty_translation(project):
    line = edit(project, MEASURE, "  ja: SNSに起因する被害の防止", '  ja: ""\n  x: SNSに起因する被害の防止', marker='  ja: ""')
    # The edit also adds an unknown field; the empty translation must be reported on its own line.
    assert_reported(project, MEASURE, line, "title.ja", "empty")


def test_date_that_does_not_exist(project):
    line = edit(project, "data/plans/plan-2022.yaml", 'decided: "2022-05-20"', 'decided: "2022-02-30"')
    assert_reported(project, "data/plans/plan-2022.yaml", line, "decided", "2022-02-30", "not a real date")


def test_unknown_status_lists_allowed_values(project):
    line = edit(project, MEASURE, "ja_status: reference", "ja_status: refrence")
    assert_reported(project, MEASURE, line, "ja_status", "reference, official")


# -----------------------------------------------------------------------------
# References between files
# -----------------------------------------------------------------------------


def test_unknown_ministry_lists_the_known_codes(project):
    line = edit(project, MEASURE, "    ministries: [npa]", "    ministries: [npx]")
    message = assert_reported(project, MEASURE, line, "parts[1].ministries[1]", "unknown ministry 'npx'")
    for code in ("npa", "mext", "jta"):
        assert code in message


def test_unknown_pillar(project):
    line = edit(project, MEASURE, "pillar: 1", "pillar: 9")
    assert_reported(project, MEASURE, line, "pillar", "unknown pillar", "'9'")


def test_unknown_awareness_month(project):
    name = "data/measures/plan-2022/1-14.yaml"
    line = edit(project, name, "awareness_months: [violence-against-women]", "awareness_months: [violence-against-woman]")
    assert_reported(project, name, line, "awareness_months[1]", "unknown awareness month", "violence-against-women")


def test_unknown_plan(project):
    line = edit(project, MEASURE, "plan: plan-2022", "plan: plan-2023")
    assert_reported(project, MEASURE, line, "plan", "unknown plan 'plan-2023'", "plan-2022")


def test_unknown_measure_reference(project):
    text = (project / REPORT).read_text(encoding="utf-8")
    first = next(l for l in text.splitlines() if "measures:" in l)
    line = edit(project, REPORT, first, first.replace("plan-2022/", "plan-2022/9", 1))
    assert_reported(project, REPORT, line, "items[1].measures[1]", "unknown measure")


def test_duplicate_measure_number(project):
    line = edit(project, "data/measures/plan-2022/1-4.yaml", "number: 4", "number: 3")
    message = assert_reported(project, "data/measures/plan-2022/1-4.yaml", line, "number", "defined twice")
    assert "1-3.yaml" in message


def test_duplicate_ministry_id(project):
    edit(project, "data/ministries.yaml", "- id: cas", "- id: npa")
    text = (project / "data/ministries.yaml").read_text(encoding="utf-8")
    line = text[: text.rindex("- id: npa")].count("\n") + 1
    assert_reported(project, "data/ministries.yaml", line, "[2].id", "ministry 'npa' is defined twice")


def test_every_problem_is_reported_at_once(project):
    edit(project, MEASURE, "number: 3", "number: three")
    edit(project, "data/measures/plan-2022/1-5.yaml", "plan: plan-2022", "plan: plan-2023")
    edit(project, "data/ministries.yaml", "- id: cas", "- id: npa")
    files = {p.split(":")[0] for p in problems_of(project)}
    assert {MEASURE, "data/measures/plan-2022/1-5.yaml", "data/ministries.yaml"} <= files


# -----------------------------------------------------------------------------
# Unsafe text
# -----------------------------------------------------------------------------

UNSAFE = {
    "script": "<script>alert(1)</script>",
    "event handler": '<img src="x.png" onerror="alert(1)">',
    "iframe": '<iframe src="https://example.org"></iframe>',
    "javascript link": "[click](javascript:alert(1))",
    "data link": "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "attribute list": "[click](https://example.org){ onclick=alert(1) }",
    "entity-encoded script": "&#60;script&#62;alert(1)",
}


@pytest.mark.parametrize("case", UNSAFE)
def test_unsafe_text_is_refused(project, case):
    line = edit(project, MEASURE, "        The implementation of", f"        {UNSAFE[case]} The implementation of", marker="parts:")
    # The English text is a folded block starting the line after `en: >-`.
    text = (project / MEASURE).read_text(encoding="utf-8").splitlines()
    en_line = next(i for i, l in enumerate(text, 1) if l.strip() == "en: >-" and i > line)
    assert_reported(project, MEASURE, en_line, "parts[1].text.en", "not allowed" if "link" in case or "attribute" in case else "")


# -----------------------------------------------------------------------------
# The build
# -----------------------------------------------------------------------------


def test_build_fails_with_the_message_and_writes_nothing(project, tmp_path):
    line = edit(project, MEASURE, "    ministries: [npa]", "    ministries: [npx]")
    out = tmp_path / "out"
    result = build_site(project, out)
    assert result.returncode != 0
    assert f"{MEASURE}:{line}: parts[1].ministries[1]: unknown ministry 'npx'" in result.stderr + result.stdout
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    "name, old, new",
    [
        (MEASURE, "ministries: [npa]", "ministries: [npa"),  # broken YAML
        (MEASURE, "number: 3", "number: three"),  # wrong type
        ("data/plans/plan-2022.yaml", 'decided: "2022-05-20"', 'decided: "2022-02-30"'),  # no such date
        (MEASURE, "        The implementation of", "        <script>alert(1)</script> The implementation of"),
    ],
)
def test_a_failed_publish_leaves_the_previous_site_untouched(project, name, old, new):
    from tools.publish import publish

    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    edit(project, name, old, new)
    assert publish(project) != 0
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not list(project.glob(".site-*"))


def test_make_check_style_cli_reports_and_exits_nonzero(project):
    line = edit(project, MEASURE, "number: 3", "number: three")
    result = subprocess.run(
        [sys.executable, "-m", "plansite", "check", str(project / "data")],
        cwd=ROOT / "hooks",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    # Paths are shown relative to the repository the data lies in.
    assert f"number: must be a whole number" in result.stderr
    assert f":{line}: number:" in result.stderr


def test_real_data_is_valid():
    result = subprocess.run([sys.executable, "-m", "plansite", "check"], cwd=ROOT / "hooks", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "The data is valid" in result.stdout
