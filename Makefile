# The two commands: `make run` and `make test`. Also `make check` (format, lint, types)
# and `make bench` (start-up and import timings). The virtualenv is created on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("backstride needs Python 3.11 or newer" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv --upgrade-deps $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/backstride today

test: $(STAMP)
	$(BIN)/python -m pytest

# The same suite against PostgreSQL (a fresh schema per test) at POSTGRES_URL.
test-postgres: $(STAMP)
	BACKSTRIDE_TEST_POSTGRES_URL=$(POSTGRES_URL) $(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/cli_start.py
	$(BIN)/python bench/import_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
