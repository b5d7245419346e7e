# The two commands: `make run` (the web app) and `make test`. Also `make check`
# (format, lint, types) and `make bench` (start-up and import timings). The venv comes on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres check bench clean

# `make run` installs what backstride needs to run; `make test` and `make check` add the dev
# tools (pytest, ruff, mypy, playwright, the reference decoders) on top.
$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("backstride needs Python 3.11 or newer" if sys.version_info < (3, 11) else 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv --upgrade-deps $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(DEV_STAMP)

run: $(STAMP)
	$(BIN)/backstride serve

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

# The same suite against PostgreSQL (a fresh schema per test) at POSTGRES_URL.
test-postgres: $(DEV_STAMP)
	BACKSTRIDE_TEST_POSTGRES_URL=$(POSTGRES_URL) $(BIN)/python -m pytest

check: $(DEV_STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(DEV_STAMP)
	$(BIN)/python bench/cli_start.py
	$(BIN)/python bench/import_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
