# Every target builds what it needs from nothing: a fresh clone needs only python3.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test validate schema examples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: install, validate the bundled data, and show the States Parties count today
run: $(STAMP)
	$(BIN)/ccmctl validate
	$(BIN)/ccmctl status --by region

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

validate: $(STAMP)
	$(BIN)/ccmctl validate

schema: $(STAMP)
	$(BIN)/ccmctl schema --out schemas

## examples: regenerate the committed example reports (a test fails when they are stale)
examples: $(STAMP)
	mkdir -p examples
	CCMCTL_QUIET=1 $(BIN)/ccmctl report 7msp -o examples/7msp.md
	CCMCTL_QUIET=1 $(BIN)/ccmctl report 12msp -o examples/12msp.md

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
