# The README's two commands: `make report` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
STAMP  := $(VENV)/.synced-stamp
# The uv that make bootstraps: the one pinned in pyproject.toml's dev group, so that
# `uv sync` finds it already at the locked version and keeps it.
UV_VERSION := $(shell sed -n 's/.*"uv==\([0-9.]*\)".*/\1/p' pyproject.toml)
# uv reads no pip.conf: it resolves and downloads from PyPI, the index uv.lock names. It uses
# the venv's Python (never downloads one) and the venv make created, wherever it is run.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: setup lock browser report test notebooks lab bench clean

# A machine with only Python 3.11+ and make: a venv from the standard library, uv into it
# from the package index with pip (uv ships as a wheel), then everything else from uv.lock.
# The venv is made without pip (seeding it costs more than the rest of the bootstrap) and
# this Python's own pip puts uv into it; a Python without pip seeds the venv's instead.
PIP_ARGS := install --quiet --disable-pip-version-check --root-user-action=ignore "uv==$(UV_VERSION)"
$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: Python 3.11 or newer is needed; found $$($(PYTHON) --version 2>&1). Set PYTHON=..."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	@echo "installing uv $(UV_VERSION) into $(VENV) with pip"
	@if $(PYTHON) -m pip --version >/dev/null 2>&1; then \
	  $(PYTHON) -m pip $(PIP_ARGS) --prefix $(VENV) --no-warn-script-location; \
	else \
	  $(BIN)/python -m ensurepip --upgrade >/dev/null && $(BIN)/python -m pip $(PIP_ARGS); \
	fi

# Exactly the locked versions (extra [test] included); fails, without touching .venv, if
# pyproject.toml changed and uv.lock was not updated (make lock).
$(STAMP): pyproject.toml uv.lock | $(UV)
	@$(UV) sync --locked --extra test --quiet || \
	  { echo "error: could not install from uv.lock (if pyproject.toml changed, run: make lock)"; exit 1; }
	@touch $@

setup: $(STAMP)

# After a change to the dependencies in pyproject.toml: resolve again (newest versions the
# ranges allow, from PyPI) and write uv.lock; commit it. `make lock UPGRADE=pandas` lifts one.
lock: | $(UV)
	$(UV) lock $(if $(UPGRADE),--upgrade-package $(UPGRADE))

# The browser tests drive Debian's chromium (no browser download); Chinese in its
# screenshots needs a system CJK font. Installed here when missing and we are root.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1 || \
	    ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei poppler-utils; \
	  else \
	    echo "error: the browser tests need Debian's chromium and a CJK font:"; \
	    echo "  sudo apt-get install chromium fonts-wqy-microhei poppler-utils"; exit 1; \
	  fi; \
	fi

# The handout PDF is printed by the same Chromium.
report: setup browser
	$(BIN)/python -m zhongyuan.run

# --dist loadfile keeps each notebook's cells on one worker (nbval); --allow-hosts lets the
# tests reach nothing but loopback (pytest-socket).
test: setup browser
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval --nbval-sanitize-with tests/sanitize.cfg \
	  --allow-hosts=127.0.0.1,::1

# For maintainers: re-execute the committed notebooks in place after a change to data or src.
notebooks: setup
	$(BIN)/python -m zhongyuan.run --refresh

lab: setup
	$(BIN)/python -m jupyter lab notebooks/

clean:
	rm -rf build .pytest_cache

# On demand, not in make test: prints the performance ratios with their targets.
bench: setup
	$(BIN)/python benchmarks/bench.py
