"""views, in-process on the small fixture data set: the arithmetic the templates lay out
(the matrix's cells, files' sizes, the translation-status counts), done in Python."""

from __future__ import annotations

from plansite import views


# Every cell of the matrix is a ministry's measures in one pillar, with that pillar: the
# template lays the cells out without indexing the pillars by loop position.
def test_matrix_cells_come_with_their_pillar(small_catalogue):
    plan = small_catalogue.current_plan
    matrix = views.matrix(small_catalogue, plan)
    assert any(cell.count for row in matrix.rows for cell in row.cells)
    for row in matrix.rows:
        assert [cell.pillar for cell in row.cells] == list(plan.pillars)
        for cell in row.cells:
            assert cell.count == len([m for m in plan.measures if m.pillar is cell.pillar and row.ministry in m.ministries])
            assert cell.shade == views.shade_of(cell.count, matrix.most)


# Sizes as government sites write them: megabytes to one decimal, kilobytes rounded up.
def test_file_sizes_in_kilobytes_up_to_a_megabyte():
    assert views.file_size(1) == ("size_kb", "1")
    assert views.file_size(1024) == ("size_kb", "1")
    assert views.file_size(1025) == ("size_kb", "2")
    assert views.file_size(1024 * 1024 - 1) == ("size_kb", "1024")
    assert views.file_size(1024 * 1024) == ("size_mb", "1.0")
    assert views.file_size(3 * 1024 * 1024 + 300 * 1024) == ("size_mb", "3.3")


# The translation-status table's counts: each measure once, by the state of its Japanese.
def test_translation_counts_cover_every_measure(small_catalogue):
    states = set()
    for plan in small_catalogue.plans:
        counts = views.translation_counts(plan)
        assert counts.official + counts.reference + counts.english_only == len(plan.measures)
        assert counts.english_only == len([m for m in plan.measures if not m.translated])
        assert counts.reference == len([m for m in plan.measures if m.translated and m.ja_status == "reference"])
        states |= {name for name in ("official", "reference", "english_only") if getattr(counts, name)}
    assert len(states) >= 2  # the fixture has measures in more than one state
