# Assessor: the two commands a fresh machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck contracts pytest schema benchmarks clean help
.DEFAULT_GOAL := help

help:
	@echo "make run    - create .venv, install Assessor and open the app"
	@echo "make test   - install the test tools and run everything CI runs"
	@echo "make schema - regenerate questionnaires/schema.json from the model"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/assessor

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

contracts: $(VENV)/.installed-test
	$(BIN)/lint-imports

pytest: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

test: lint typecheck contracts pytest

schema: $(VENV)/.installed
	$(BIN)/python -m assessor.schema

benchmarks: $(VENV)/.installed-test
	@for script in tests/benchmarks/bench_*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python $$script; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
