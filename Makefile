# The two commands of the README:
#   make run    set up and run the nightly job on the bundled sample, then publish
#   make test   set up and run the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: setup run test benchmark sample clean

setup: $(INSTALLED)

$(INSTALLED): pyproject.toml
	$(PYTHON) -c 'import sys; assert (3, 11) <= sys.version_info[:2] < (3, 14), "Tumen needs Python 3.11-3.13"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	# A DuckDB 1.1 reader, kept apart from the 2.x engine, so tests prove BI drivers open the published file
	$(BIN)/pip install --quiet --no-deps --target $(VENV)/duckdb-1.1 "duckdb==1.1.3"
	touch $(INSTALLED)

run: setup
	$(BIN)/tumen run

test: setup
	$(BIN)/pytest

benchmark: setup
	for bench in tests/benchmarks/bench_*.py; do $(BIN)/python $$bench || exit 1; done

sample: setup
	$(BIN)/tumen sample --out data/sample --seed 7

clean:
	rm -rf data/raw data/build data/published data/dagster_home data/runs dbt_project/target dbt_project/logs
