# dlref — the two commands are `make docs` and `make test`; both set up .venv first.
#
#   make docs    set up, then serve the site with live reload at http://127.0.0.1:8000
#                (another port: make docs PORT=8001; a busy port is reported in one line)
#   make test    set up, then run the whole suite (lint, types, unit, doctests, site, browser)
#   make site    set up, then build the site strictly into site/
#   make torch   add PyTorch (CPU) to .venv so the cross-checks run instead of skipping
#   make bench   set up, then time dlref against PyTorch (CPU) and print the table
#   make profile set up, then profile a strict site build and print its top costs
#                (ARGS="--cold" or ARGS="--no-build-cache": see benchmarks/profile_build.py)
#
# Set-up is idempotent and skipped when nothing changed: the stamp's name holds a
# hash of pyproject.toml and package-lock.json.

PYTHON ?= python3
PORT   ?= 8000
VENV   := .venv
PY     := $(VENV)/bin/python
HASH   := $(shell cat pyproject.toml package-lock.json 2>/dev/null | sha256sum | cut -c1-16)
STAMP  := $(VENV)/.setup-$(HASH)
export NO_MKDOCS_2_WARNING := 1

.PHONY: docs test site setup lint torch bench profile clean

docs: setup
	@$(PY) tools/port_free.py $(PORT)
	@echo "== serving http://127.0.0.1:$(PORT)/ (Korean) and http://127.0.0.1:$(PORT)/en/ (English); Ctrl-C stops"
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

test: setup
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest

site: setup
	$(PY) -m mkdocs build --strict --site-dir site

lint: setup
	$(PY) -m ruff check .
	$(PY) -m mypy

setup: $(STAMP) node_modules/katex/package.json

# Each step prints a line first: the pip steps are quiet and take the longest.
$(STAMP):
	@echo "== set-up 1/4: checking $(PYTHON) (dlref needs Python >= 3.11)"
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dlref needs Python >= 3.11, found " + sys.version.split()[0] + " (set PYTHON=python3.x)")'
	@if test -x $(PY); then echo "== set-up 2/4: $(VENV) exists, reusing it"; \
	else echo "== set-up 2/4: creating $(VENV)"; $(PYTHON) -m venv $(VENV); fi
	@echo "== set-up 3/4: upgrading pip in $(VENV)"
	@$(PY) -m pip install --quiet --upgrade pip
	@echo "== set-up 4/4: installing dlref (editable) with its docs and test extras; the longest step"
	@$(PY) -m pip install --quiet -e '.[docs,test]'
	@rm -f $(VENV)/.setup-*
	@touch $@
	@echo "== set-up done: $(VENV) is ready"

# npm ci when node_modules is missing or older than the lockfile.
node_modules/katex/package.json: package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js >= 18 (KaTeX comes from npm)"; exit 1; }
	@echo "== set-up: npm ci (KaTeX, and axe-core for the accessibility test; pinned in package-lock.json)"
	npm ci --no-audit --no-fund
	@touch $@

# PyTorch for the cross-checks: the CPU build. A bare `torch` requirement would pull a
# multi-GB CUDA build, so torch is not in the extras; without it those tests skip.
torch: setup
	@echo "== installing PyTorch 2.13.0 (CPU build) into $(VENV)"
	@$(PY) -m pip install --quiet torch==2.13.0
	@echo "== PyTorch installed"

# Benchmarks, not tests: prints dlref / PyTorch time ratios (torch rows skip without torch).
bench: setup
	@echo "== benchmarks: each case prints a line as it ends, then the table"
	$(PY) benchmarks/bench.py

# Where the site build spends its time (cProfile of a strict build, top costs).
profile: setup
	$(PY) benchmarks/profile_build.py $(ARGS)

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache .hypothesis
