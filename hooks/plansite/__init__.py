"""The plans' data, in plain Python: load, validate, model, and the pages made from it.

Nothing in this package imports MkDocs. `hooks/site.py` is the thin MkDocs layer on
top; another engine would need only its own thin layer.

Module-level caches, all of them. They live in modules because MkDocs runs every build
twice (once per language) and `mkdocs serve` reloads the hook files for every build,
while this package is imported once per process:

- `session._cache`: the one current Session (checked data, pages, rendered HTML), by
  the fingerprints of data/, the templates, docs/ and .cache/pdf/ (the PDF editions)
  and the site's settings; replaced
  when any of them changes. Everything a page's output depends on is in that key or in
  the Session's own per-page key (path, language, folder).
- `checked` (on disk, .cache/catalogue/): the catalogue that passed every check, by the
  SHA-256 of every input of the check (data/ and docs/ bytes, plansite's code and
  schemas, the settings, the Python and package versions); one file, replaced when any
  input changes; never written for data with problems.
- `searchindex` (on disk, .cache/search-index/, given by hooks/search.py): the last search
  index's files, by the SHA-256 of Pagefind's executable, the index's settings and every
  page given to it (part, path, HTML, in order); a build of the very same pages writes
  them without waiting for Pagefind.
- `prose._converted`: data prose converted to HTML, by (text, language), for one set of
  ministry abbreviations; emptied when the abbreviations change. Lets a rebuild under
  serve convert only the texts that changed.
- `safety._converters`: one Markdown converter per set of extensions, reset before each
  text; never invalidated (converters hold no data between texts).
- `incremental.written`: under `make serve` (`mkdocs serve --dirty`), the fingerprint each
  page was last written with, by (site folder, page, language, language folder); a page
  whose fingerprint is unchanged is not written again. Emptied of a build's pages when it fails.
- `incremental._read`: each data file as read and checked against its schema, by its bytes
  (one entry per file, replaced when it changes): a check of the data after a save reads
  and checks the saved file only. Documents are handed out as copies.
- `reuse.renderings`: under `make serve`, each generated page's rendering with the texts
  it read (their words), for the data's structure as it was (every object, link, setting,
  template, with the texts' words left out); forgotten when that structure changes, and a
  page is rendered again when a text it read has other words.
- `glossary._entries_in`: which glossary entries each page text holds, per language, for
  the last look-up (by the forms looked for and the text itself); `glossary._texts`: the
  text of each page's HTML, per language, for the last call (by the HTML itself).
- `links.relative`: a pure function of its two addresses (lru_cache); nothing to invalidate.
- `schema.schemas` and `schema._validator`: the JSON Schemas in schemas/ and their
  validators, read once per process; an edit of a schema (not of data) needs a restart
  of `mkdocs serve`.
- `errorpage._environment`: the Jinja environment of the problems page; Jinja checks the
  template file's time on each use, so an edit of the template is seen.
"""
