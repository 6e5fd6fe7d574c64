# Assessor: the two commands a fresh machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck contracts pytest schema benchmarks clean help
.PHONY: wheel-check package package-check icons
.DEFAULT_GOAL := help

help:
	@echo "make run           - create .venv, install Assessor and open the app"
	@echo "make test          - install the test tools and run everything CI runs"
	@echo "make schema        - regenerate questionnaires/schema.json, outcomes.schema.json and docs/exchange.schema.json"
	@echo "make wheel-check   - build the wheel, install it in a fresh venv, run a report from it"
	@echo "make package       - build the Linux bundle dist/assessor/ and its tarball (PyInstaller)"
	@echo "make package-check - start the bundle offscreen and run a report from it"
	@echo "make icons         - render packaging/icons/assessor-*.png from assessor.svg"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $@ $(VENV)/.installed

# First check that Qt's X11 plugin finds its system libraries: installs the missing ones where it
# may (as root, or through sudo once you say yes), else prints the apt-get line.
run: $(VENV)/.installed
	@$(BIN)/python packaging/check_qt_libs.py
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

# The package checks come last: they take about a minute each (timings in README "Packaging").
test: lint typecheck contracts pytest wheel-check package-check

# The wheel: data files present, and a fresh venv with only the wheel runs a report.
wheel-check: $(VENV)/.installed-test
	$(BIN)/python packaging/check_wheel.py

# The desktop bundle, rebuilt when anything it is made from changes.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
TARBALL := dist/assessor-$(VERSION)-linux-$(shell uname -m).tar.gz
BUNDLE_SOURCES := pyproject.toml LICENSE $(shell find assessor ui questionnaires packaging/assessor.spec \
	packaging/entry.py packaging/build_linux.sh packaging/linux packaging/icons \
	-name __pycache__ -prune -o -type f -print 2>/dev/null)

package: $(TARBALL)

$(TARBALL): $(BUNDLE_SOURCES) | $(VENV)/.installed-package
	packaging/build_linux.sh $(BIN)/python

package-check: $(TARBALL) $(VENV)/.installed-test
	$(BIN)/python packaging/check_bundle.py --bundle dist/assessor --tarball $(TARBALL)

icons: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/render_icons.py

schema: $(VENV)/.installed
	$(BIN)/python -m assessor.exchange.schema

# Every tests/benchmarks/bench_*.py, past any that fails, then every verdict line and each crash;
# fails only when a script crashed (an OVER budget is a figure, not a failure). About 3 minutes.
benchmarks: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
