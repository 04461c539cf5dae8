"""plansite.languages: the facts it keeps by language code."""

from __future__ import annotations

from plansite import languages


# The warm-up page is in the first built language Pagefind segments, and there is none
# when no built language needs segmenting (a one-language preview of the source language).
def test_segmentation_warm_up_is_in_the_first_segmented_language():
    segmented = next(iter(languages.SEGMENTED))
    page = languages.segmentation_warm_up([languages.SOURCE, segmented])
    assert f'<html lang="{segmented}">' in page and languages.SEGMENTED[segmented] in page
    assert languages.segmentation_warm_up([languages.SOURCE]) is None
