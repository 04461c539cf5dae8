"""plansite.searchindex: the pipe that carries the pages to Pagefind holds a page at once."""

from __future__ import annotations

import os

import pytest
from plansite import searchindex

fcntl = pytest.importorskip("fcntl")


# Linux's default pipe (64 KiB) made the build wait on Pagefind for every page; widened,
# it holds some twenty pages.
@pytest.mark.skipif(not hasattr(fcntl, "F_GETPIPE_SZ"), reason="pipe sizes are Linux's")
def test_the_pipe_to_pagefind_is_widened():
    read, write = os.pipe()
    try:
        with os.fdopen(write, "wb") as pipe:
            searchindex._widen(pipe)
            assert fcntl.fcntl(pipe.fileno(), fcntl.F_GETPIPE_SZ) >= searchindex.PIPE_BYTES
    finally:
        os.close(read)
