"""The site's benchmark (`make bench`, `python -m tools.bench`), one module per measurement.

- `run`: the orchestration, the command line and the registry of measurements.
- `driver`: one strict build in its own process, with the hooks' event timer or cProfile.
- `builds`: the strict builds of every size (real data and tools/synth.py's 1x-20x).
- `treemem`: the memory of a build's whole process tree at once, sampled while it runs.
- `pagefindfloor`: the floor under the 20x memory: Pagefind alone on one language's pages.
- `sitestats`: pages, output and search index sizes of a built site.
- `baseline`: a stock Material + mkdocs-static-i18n site of the same size, built
  interleaved with the real one, for the build time as a ratio.
- `profiles`: cProfile builds and where their time goes.
- `server`: the local gzip server the browser measurements use.
- `weight`: page weight in Chromium (Playwright). `lighthouse`: Lighthouse mobile scores.
- `editloop`: save-to-served time under `mkdocs serve`.
- `targets`: the goals and which are met. `report`: the Markdown report.
- `machine`: the machine, the versions and the commit measured. `common`, `units`: shared helpers.

A measurement is one module with one entry function `measure(context) -> dict` (see
`common.Measurement`), listed in `run.MEASUREMENTS`. This file imports nothing, so that
the build driver starts as fast as `mkdocs build` does.
"""
