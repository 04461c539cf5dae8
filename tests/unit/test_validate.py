"""validate, in-process: the small data set passes; each file with a known problem is
reported as written beside it (tests/fixtures/data-with-problems/<case>/expected.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, small_data
from plansite.problems import DataError
from plansite.validate import check

CASES = sorted(path for path in (FIXTURES / "data-with-problems").iterdir() if path.is_dir())


def test_the_small_data_set_is_valid(small_catalogue):
    assert len(small_catalogue.plans) == 1
    assert len(small_catalogue.measures) == 3


# Each case: exactly the problems expected, each as file:line: field: message, nothing more.
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_problem_is_reported_where_it_is(case: Path, tmp_path: Path):
    project = small_data(tmp_path, case)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    with pytest.raises(DataError) as raised:
        check(project / "data", project)
    assert [str(problem) for problem in raised.value.problems] == expected


# The message an editor sees lists every problem, one per line, not a traceback.
def test_the_error_lists_every_problem(tmp_path: Path):
    project = small_data(tmp_path, FIXTURES / "data-with-problems" / "duplicate-measure")
    with pytest.raises(DataError) as raised:
        check(project / "data", project)
    assert str(raised.value).count("data/measures/plan-small/1-3.yaml:3: number:") == 2


# A required file missing is named, with where it should be.
def test_a_missing_file_is_named(tmp_path: Path):
    project = small_data(tmp_path)
    (project / "data" / "ministries.yaml").unlink()
    with pytest.raises(DataError) as raised:
        check(project / "data", project)
    assert "data/ministries.yaml:1: this file is missing (or could not be read)." in [str(p) for p in raised.value.problems]
