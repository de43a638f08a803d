# Two commands do all set-up on a fresh Linux machine with Python 3.11:
#   make demo   create .venv, install, load the demo data, open the app on the demo meeting
#   make test   create .venv, install, run ruff, mypy and the whole test suite
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
export FACILITATOR_HOME ?= $(CURDIR)/.demo-home

.PHONY: demo test install lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/facilitator demo

lint: install
	$(BIN)/ruff check facilitator tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .demo-home .pytest_cache .mypy_cache .ruff_cache
